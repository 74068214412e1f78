"""An Atom feed per language: the latest articles with their first paragraph, absolute links;
a stylesheet (XSL) that shows it to people who open it as a translated page."""

from __future__ import annotations

import datetime as dt
import re
from itertools import groupby
from typing import TYPE_CHECKING, Any

from feedgen.feed import FeedGenerator
from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.core.dates import display_date
from newsroom.core.domain import news
from newsroom.core.pictures import image_url
from newsroom.core.site import Site, page_url
from newsroom.core.taglabels import shown_labels
from newsroom.core.translations import header
from newsroom.publishing import feedimage

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx

    from newsroom.core.article import Article

_ = get_translation('newsroom')
logger = logging.getLogger(__name__)

#: The feed's XSL stylesheet, in the build's ``_static`` folder.
STYLESHEET = 'newsroom-feed.xsl'

#: An empty feed's ``updated``: a fixed time, so that the same sources give the same feed.
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def feed_title(app: Sphinx) -> str:
    return _('%(site)s: news') % {'site': news(app.env).site_title}


#: What XML 1.0 does not allow in text (C0 controls but tab and line ends, surrogates, and
#: the non-characters U+FFFE and U+FFFF).
XML_FORBIDDEN = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
#: The earliest revision date a feed believes (before it, a tool's placeholder).
EARLIEST = dt.datetime(1991, 1, 1, tzinfo=dt.UTC)


def published_at(date: dt.date) -> dt.datetime:
    """Articles carry a day, not a time: midnight UTC of that day."""
    return dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC)


def publication_times(articles: Sequence[Article]) -> dict[str, dt.datetime]:
    """Each article's time in feeds: midnight UTC of its day, a minute later for each older
    item of that day, so that feed readers keep the site's order (``order:``)."""
    times = {}
    for date, group in groupby(articles, key=lambda article: article.date):
        for minutes, article in enumerate(reversed(list(group))):
            times[article.docname] = published_at(date) + dt.timedelta(minutes=minutes)
    return times


def revised_at(app: Sphinx, docname: str) -> dt.datetime | None:
    """When this language's translation of *docname* was last revised: the catalog's own
    ``PO-Revision-Date`` (Poedit and Weblate set it on every save), never the build's clock."""
    if Site.from_config(app.config).is_source(app.config.language):
        return None
    stamp = header(app, docname).get('PO-Revision-Date', '')
    try:
        revised = dt.datetime.strptime(stamp.strip(), '%Y-%m-%d %H:%M%z').astimezone(dt.UTC)
    except (ValueError, OverflowError):  # a translator's tool wrote it: it may be anything
        return None
    # Only a time that can be true: not before the year the web began, not in the future.
    latest = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    return revised if EARLIEST <= revised <= latest else None


def xml_text(text: str) -> str:
    """*text* without the characters XML 1.0 forbids (a control character pasted into a
    translation must not stop the feed, and with it the site)."""
    return XML_FORBIDDEN.sub('', text)


def build_feed(app: Sphinx) -> FeedGenerator:
    """The feed of this build's language: the latest ``newsroom_feed_length`` articles."""
    config, domain = app.config, news(app.env)
    feed_url = Site.from_config(config).url(config.language, config.newsroom_feed_filename)
    articles = domain.index.articles[:config.newsroom_feed_length]
    site_title = domain.site_title
    feed = FeedGenerator()
    feedimage.register(feed)
    feed.id(feed_url)
    feed.title(xml_text(feed_title(app)))
    feed.subtitle(xml_text(_('The latest news of the site “%(site)s”') % {'site': site_title}))
    feed.author({'name': xml_text(site_title)})
    feed.link(href=feed_url, rel='self', type='application/atom+xml')
    feed.link(href=page_url(app, config.root_doc), rel='alternate', type='text/html')
    feed.language(config.language)
    root = Site.from_config(config).language_root(config.language)
    times = publication_times(domain.index.articles)
    updates = {a.docname: max(times[a.docname], revised_at(app, a.docname) or times[a.docname])
               for a in articles}
    feed.updated(max(updates.values(), default=EPOCH))
    for article in articles:  # newest first, as readers expect
        url = page_url(app, article.docname)
        entry = feed.add_entry(order='append')
        entry.id(url)
        entry.title(xml_text(article.title))
        entry.link(href=url, rel='alternate', type='text/html')
        entry.published(times[article.docname])
        entry.updated(updates[article.docname])
        if article.summary:
            entry.summary(xml_text(article.summary))
        if article.image is not None:  # the lead image, as feed readers show it
            picture = article.image.fallback
            getattr(entry, feedimage.NAME).image(image_url(root, picture), picture.mime,
                                                 picture.size)
        for _label, shown in shown_labels(app, article.tags):
            entry.category(term=xml_text(shown))
    return feed


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Write ``<outdir>/atom.xml`` after an HTML build (it needs ``html_baseurl``)."""
    if exception is not None or app.builder.format != 'html':
        return
    if not Site.from_config(app.config).base_url:
        (app.outdir / app.config.newsroom_feed_filename).unlink(missing_ok=True)  # never leave a stale one behind
        logger.debug('newsroom: no html_baseurl, so no Atom feed (it needs absolute links)')
        return
    path = app.outdir / app.config.newsroom_feed_filename
    path.write_bytes(with_stylesheet(build_feed(app).atom_str(pretty=True),
                                     f'_static/{STYLESHEET}'))
    (app.outdir / '_static' / STYLESHEET).write_text(
        app.builder.templates.render('newsroom/feed.xsl', stylesheet_context(app)),
        encoding='utf-8')


def with_stylesheet(feed: bytes, href: str) -> bytes:
    """*feed* with an ``xml-stylesheet`` processing instruction after its XML declaration."""
    declaration, newline, rest = feed.partition(b'\n')
    if not declaration.startswith(b'<?xml'):
        declaration, newline, rest = b'', b'', feed
    instruction = f'<?xml-stylesheet type="text/xsl" href="{href}"?>'.encode()
    return declaration + newline + instruction + b'\n' + rest


def date_expressions(language: str) -> dict[str, str]:
    """Per month (``'01'``…``'12'``), an XPath expression that writes an entry's date as the
    site does (``$day``, ``$year`` are bound in the stylesheet); ``{}`` when the language's
    date has a quotation mark XPath 1.0 cannot hold (the stylesheet then shows ISO dates)."""
    expressions = {}
    for month in range(1, 13):
        text = display_date(dt.date(2001, month, 28), language)
        if "'" in text or text.count('28') != 1 or text.count('2001') != 1:
            return {}
        parts = []
        for piece in text.replace('2001', '\0y\0').replace('28', '\0d\0').split('\0'):
            if piece == 'd':
                parts.append('$day')
            elif piece == 'y':
                parts.append('$year')
            elif piece:
                parts.append(f"'{piece}'")
        expressions[f'{month:02d}'] = f'concat({", ".join(parts)}, \'\')'
    return expressions


def stylesheet_context(app: Sphinx) -> dict[str, Any]:
    """What the feed's page says, in the build's language (the template escapes it)."""
    site = Site.from_config(app.config)
    return {
        'language': app.config.language,
        'title': feed_title(app),
        'about': _('This is a news feed. Copy its address into a feed reader to follow '
                   'the news of this site.'),
        'home_label': _('Home page'),
        'home': page_url(app, app.config.root_doc) or site.href(
            app.config.language, 'atom', app.builder.get_target_uri(app.config.root_doc)),
        'latest': _('Latest news'),
        'dates': date_expressions(app.config.language),
    }


def shows_feed(site: Site, pagename: str) -> bool:
    """The pages that show a visible feed link: home, the news index, archives, tags."""
    news_folder = site.news_index.removesuffix('index')
    return (pagename in (site.root_doc, site.news_index)
            or pagename.startswith(site.tag_index.removesuffix('index'))
            or (pagename.startswith(news_folder) and pagename.endswith('/index')))


def feed_link(app: Sphinx, pathto: Any, pagename: str = '') -> dict[str, Any] | None:
    """Every page announces the feed of its language in its ``<head>``; the lists of news
    show it too (``visible``)."""
    site = Site.from_config(app.config)
    if not site.base_url:
        return None
    return {'href': pathto(app.config.newsroom_feed_filename, resource=True),
            'title': feed_title(app), 'label': _('News feed (Atom)'),
            'visible': shows_feed(site, pagename)}

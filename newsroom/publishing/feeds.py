"""An Atom feed per language: the latest articles with their first paragraph, absolute links."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polib
from feedgen.feed import FeedGenerator
from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.core.domain import news
from newsroom.core.site import Site, page_url
from newsroom.core.taglabels import shown_labels

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx

    from newsroom.core.article import Article

_ = get_translation('newsroom')
logger = logging.getLogger(__name__)

#: An empty feed's ``updated``: a fixed time, so that the same sources give the same feed.
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def feed_title(app: Sphinx) -> str:
    return _('%(site)s: news') % {'site': news(app.env).site_title}


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
    for locale_dir in app.config.locale_dirs:
        path = Path(app.srcdir, locale_dir, app.config.language, 'LC_MESSAGES', f'{docname}.po')
        if path.is_file():
            stamp = polib.pofile(str(path)).metadata.get('PO-Revision-Date', '')
            try:
                revised = dt.datetime.strptime(stamp.strip(), '%Y-%m-%d %H:%M%z')
            except ValueError:
                return None
            return revised.astimezone(dt.UTC)
    return None


def build_feed(app: Sphinx) -> FeedGenerator:
    """The feed of this build's language: the latest ``newsroom_feed_length`` articles."""
    config, domain = app.config, news(app.env)
    feed_url = Site.from_config(config).url(config.language, config.newsroom_feed_filename)
    articles = domain.index.articles[:config.newsroom_feed_length]
    site_title = domain.site_title
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(feed_title(app))
    feed.subtitle(_('The latest news of the site “%(site)s”') % {'site': site_title})
    feed.author({'name': site_title})
    feed.link(href=feed_url, rel='self', type='application/atom+xml')
    feed.link(href=page_url(app, config.root_doc), rel='alternate', type='text/html')
    feed.language(config.language)
    times = publication_times(domain.index.articles)
    updates = {a.docname: max(times[a.docname], revised_at(app, a.docname) or times[a.docname])
               for a in articles}
    feed.updated(max(updates.values(), default=EPOCH))
    for article in articles:  # newest first, as readers expect
        url = page_url(app, article.docname)
        entry = feed.add_entry(order='append')
        entry.id(url)
        entry.title(article.title)
        entry.link(href=url, rel='alternate', type='text/html')
        entry.published(times[article.docname])
        entry.updated(updates[article.docname])
        if article.summary:
            entry.summary(article.summary)
        for _label, shown in shown_labels(app, article.tags):
            entry.category(term=shown)
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
    build_feed(app).atom_file(str(path), pretty=True)


def feed_link(app: Sphinx, pathto: Any) -> dict[str, str] | None:
    """Every page announces the feed of its language in its ``<head>``."""
    if not Site.from_config(app.config).base_url:
        return None
    return {'href': pathto(app.config.newsroom_feed_filename, resource=True),
            'title': feed_title(app)}

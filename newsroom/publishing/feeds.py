"""An Atom feed per language: the latest articles with their first paragraph, absolute links."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from feedgen.feed import FeedGenerator
from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.core.domain import news
from newsroom.core.site import Site, page_url
from newsroom.core.taglabels import label_in, translations

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ = get_translation('newsroom')
logger = logging.getLogger(__name__)


def feed_title(app: Sphinx) -> str:
    return _('%(site)s: news') % {'site': news(app.env).site_title}


def published_at(date: dt.date) -> dt.datetime:
    """Articles carry a day, not a time: midnight UTC of that day."""
    return dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC)


def build_feed(app: Sphinx) -> FeedGenerator:
    """The feed of this build's language: the latest ``newsroom_feed_length`` articles."""
    config, domain = app.config, news(app.env)
    feed_url = Site.from_config(config).url(config.language, config.newsroom_feed_filename)
    articles = domain.index.articles[:config.newsroom_feed_length]
    site_title = domain.site_title
    labels = translations(app)
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(feed_title(app))
    feed.subtitle(_('The latest news of the site “%(site)s”') % {'site': site_title})
    feed.author({'name': site_title})
    feed.link(href=feed_url, rel='self', type='application/atom+xml')
    feed.link(href=page_url(app, config.root_doc), rel='alternate', type='text/html')
    feed.language(config.language)
    feed.updated(published_at(articles[0].date) if articles else dt.datetime.now(dt.UTC))
    for article in articles:  # newest first, as readers expect
        url = page_url(app, article.docname)
        entry = feed.add_entry(order='append')
        entry.id(url)
        entry.title(article.title)
        entry.link(href=url, rel='alternate', type='text/html')
        entry.published(published_at(article.date))
        entry.updated(published_at(article.date))
        if article.summary:
            entry.summary(article.summary)
        for label in article.tags:
            entry.category(term=label_in(labels, label))
    return feed


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Write ``<outdir>/atom.xml`` after an HTML build (it needs ``html_baseurl``)."""
    if exception is not None or app.builder.format != 'html':
        return
    if not Site.from_config(app.config).base_url:
        (app.outdir / app.config.newsroom_feed_filename).unlink(missing_ok=True)  # never leave a stale one behind
        logger.info('newsroom: no html_baseurl, so no Atom feed (it needs absolute links)')
        return
    path = app.outdir / app.config.newsroom_feed_filename
    build_feed(app).atom_file(str(path), pretty=True)


def feed_link(app: Sphinx, pathto: Any) -> dict[str, str] | None:
    """Every page announces the feed of its language in its ``<head>``."""
    if not Site.from_config(app.config).base_url:
        return None
    return {'href': pathto(app.config.newsroom_feed_filename, resource=True),
            'title': feed_title(app)}

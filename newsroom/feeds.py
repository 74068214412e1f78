"""An Atom feed per language: the latest articles with their first paragraph, absolute links."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from feedgen.feed import FeedGenerator
from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.articles import published
from newsroom.tags import label_in, translations
from newsroom.urls import language_root, page_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation('newsroom')
logger = logging.getLogger(__name__)


def site_title(app: Sphinx) -> str:
    """The home page's title in this build's language ("Official website")."""
    root = app.config.root_doc
    titles = app.env.titles
    return titles[root].astext() if root in titles else app.config.project


def feed_title(app: Sphinx) -> str:
    return _('%(site)s: news') % {'site': site_title(app)}


def published_at(iso_date: str) -> dt.datetime:
    """Articles carry a day, not a time: midnight UTC of that day."""
    return dt.datetime.combine(dt.date.fromisoformat(iso_date), dt.time(), tzinfo=dt.UTC)


def build_feed(app: Sphinx) -> FeedGenerator:
    """The feed of this build's language: the latest ``newsroom_feed_length`` articles."""
    config = app.config
    feed_url = language_root(config) + config.newsroom_feed_filename
    articles = published(app.env)[:config.newsroom_feed_length]
    domain = app.env.domains['news']
    labels = translations(app)
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(feed_title(app))
    feed.subtitle(_('The latest news of the site “%(site)s”') % {'site': site_title(app)})
    feed.author({'name': site_title(app)})
    feed.link(href=feed_url, rel='self', type='application/atom+xml')
    feed.link(href=page_url(app, config.root_doc), rel='alternate', type='text/html')
    feed.language(config.language)
    feed.updated(published_at(articles[0].date) if articles else dt.datetime.now(dt.UTC))
    for article in articles:  # newest first, as readers expect
        data = domain.articles[article.docname]
        url = page_url(app, article.docname)
        entry = feed.add_entry(order='append')
        entry.id(url)
        entry.title(article.title)
        entry.link(href=url, rel='alternate', type='text/html')
        entry.published(published_at(article.date))
        entry.updated(published_at(article.date))
        if data.get('summary'):
            entry.summary(data['summary'])
        for label in data.get('tags', []):
            entry.category(term=label_in(labels, label))
    return feed


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Write ``<outdir>/atom.xml`` after an HTML build (it needs ``html_baseurl``)."""
    if exception is not None or app.builder.format != 'html':
        return
    if not language_root(app.config):
        (app.outdir / app.config.newsroom_feed_filename).unlink(missing_ok=True)  # never leave a stale one behind
        logger.info('newsroom: no html_baseurl, so no Atom feed (it needs absolute links)')
        return
    path = app.outdir / app.config.newsroom_feed_filename
    build_feed(app).atom_file(str(path), pretty=True)


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Every page announces the feed of its language in its ``<head>``."""
    if language_root(app.config):
        context['newsroom_feed'] = {
            'href': context['pathto'](app.config.newsroom_feed_filename, resource=True),
            'title': feed_title(app),
        }


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value('newsroom_feed_length', 20, 'html', types=frozenset({int}))
    app.add_config_value('newsroom_feed_filename', 'atom.xml', 'html', types=frozenset({str}))
    app.connect('html-page-context', on_html_page_context)
    app.connect('build-finished', on_build_finished)
    return {
        'version': '1.0',
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

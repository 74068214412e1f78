"""Tag pages: a tag's latest articles by year, and a page per year once there are more."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.archives import listing_context, plan
from newsroom.tags import CATALOG, label_in, tag_index, tag_pagename, translations, warn_variants

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

    from newsroom.articles import Article

_ = get_translation('newsroom')
logger = logging.getLogger(__name__)


def year_of(article: Article) -> str:
    return article.date[:4]


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The pages of every tag (``news/tags/<tag>``, ``news/tags/<tag>/<year>``) and an
    index of all tags."""
    index = tag_index(app)
    if not index:
        return
    labels = translations(app)
    news_dir = app.config.newsroom_news_dir
    untranslated = sorted({label for label, _items in index.values()
                           if labels is not None and label not in labels})
    if untranslated:
        logger.info('newsroom: %d tag label(s) have no %s translation in %s.po, shown '
                    'transliterated: %s', len(untranslated), app.config.language, CATALOG,
                    ', '.join(untranslated))
    warn_variants(app, index)
    tags = []
    for slug, (label, articles) in index.items():
        shown = label_in(labels, label)
        tag_page = tag_pagename(news_dir, slug)
        tags.append({'label': shown, 'count': len(articles), 'pagename': tag_page})
        latest = _('Latest news tagged “%(tag)s”') % {'tag': shown}
        for page in plan(tag_page, articles, app.config.newsroom_tag_limit, year_of,
                         lambda year, _page=tag_page: f'{_page}/{year}'):
            if page.period is None:
                title = _('News tagged “%(tag)s”') % {'tag': shown}
            else:
                title = _('News tagged “%(tag)s” of %(year)s') % {'tag': shown,
                                                                  'year': page.period}
            yield page.pagename, {
                'title': title,
                **listing_context(app, page, year_of, str,
                                  _('All news with this tag, by year:'), (latest, tag_page)),
            }, 'newsroom/listing.html'
    index_page = tag_pagename(news_dir, 'index')
    for tag in tags:
        tag['url'] = app.builder.get_relative_uri(index_page, tag.pop('pagename'))
    yield index_page, {
        'title': _('Tags'),
        'newsroom_tag_list': sorted(tags, key=lambda t: (t['label'].casefold(), t['label'])),
    }, 'newsroom/tags-index.html'


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect('html-collect-pages', on_html_collect_pages)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}

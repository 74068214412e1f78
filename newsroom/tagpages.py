"""Tag pages: a tag's latest articles by year, an archive per year once there are more."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx.errors import ConfigError
from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.lists import article_entries
from newsroom.tags import CATALOG, label_in, tag_index, tag_pagename, translations, warn_variants

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

    from newsroom.articles import Article

_ = get_translation('newsroom')
logger = logging.getLogger(__name__)


class TagPage(NamedTuple):
    """One page of a tag: its name, its year (``None`` for the tag's main page), its
    articles newest first, and the years that have a page of their own."""

    pagename: str
    year: str | None
    articles: list[Article]
    year_pages: dict[str, str]


def tag_year_pagename(tag_page: str, year: str) -> str:
    """A year's archive of a tag, e.g. ``news/tags/kitay/2024``."""
    return f'{tag_page}/{year}'


def plan(tag_page: str, articles: list[Article], limit: int) -> list[TagPage]:
    """The pages of a tag: the latest *limit* articles (all with 0), and once it has more, an
    archive page per year, so that no page grows with the archive."""
    if not limit or len(articles) <= limit:
        return [TagPage(tag_page, None, articles, {})]
    by_year = {year: list(group) for year, group in groupby(articles, key=lambda a: a.date[:4])}
    year_pages = {year: tag_year_pagename(tag_page, year) for year in by_year}
    return [TagPage(tag_page, None, articles[:limit], year_pages)] + [
        TagPage(year_pages[year], year, items, year_pages) for year, items in by_year.items()
    ]


def on_config_inited(app: Sphinx, config: Config) -> None:
    limit = config.newsroom_tag_limit
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise ConfigError(f'newsroom_tag_limit must be a whole number of articles, not '
                          f'{limit!r}; use e.g. 50, or 0 to list all of a tag\'s articles')


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The pages of every tag, and an index of all tags."""
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
        pages = plan(tag_pagename(news_dir, slug), articles, app.config.newsroom_tag_limit)
        tags.append({'label': shown, 'count': len(articles), 'pagename': pages[0].pagename})
        for page in pages:
            yield page.pagename, page_context(app, page, shown, pages[0].pagename), \
                'newsroom/tag.html'
    index_page = tag_pagename(news_dir, 'index')
    for tag in tags:
        tag['url'] = app.builder.get_relative_uri(index_page, tag.pop('pagename'))
    yield index_page, {
        'title': _('Tags'),
        'newsroom_tag_list': sorted(tags, key=lambda t: (t['label'].casefold(), t['label'])),
    }, 'newsroom/tags-index.html'


def page_context(app: Sphinx, page: TagPage, label: str, tag_page: str) -> dict[str, Any]:
    """What ``newsroom/tag.html`` prints: the title, the articles by year, the year links."""

    def uri(target: str) -> str:
        return app.builder.get_relative_uri(page.pagename, target)

    groups = [{'year': year, 'heading': page.year is None,
               'url': uri(page.year_pages[year]) if page.year_pages else '',
               'entries': article_entries(list(items), app.config.language, uri, app.env)}
              for year, items in groupby(page.articles, key=lambda a: a.date[:4])]
    if page.year is None:
        title = _('News tagged “%(tag)s”') % {'tag': label}
    else:
        title = _('News tagged “%(tag)s” of %(year)s') % {'tag': label, 'year': page.year}
    return {
        'title': title,
        'newsroom_tag_groups': groups,
        'newsroom_tag_years': [{'year': year, 'url': uri(name), 'current': year == page.year}
                               for year, name in page.year_pages.items()],
        'newsroom_tag_labels': {
            'years': _('All news with this tag, by year:'),
            'all': _('Latest news tagged “%(tag)s”') % {'tag': label},
            'all_url': uri(tag_page) if page.year else '',
        },
    }


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value('newsroom_tag_limit', 50, 'html', types=frozenset({int}))
    app.connect('config-inited', on_config_inited)
    app.connect('html-collect-pages', on_html_collect_pages)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}

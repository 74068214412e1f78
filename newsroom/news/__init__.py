"""The news wing: lists, year and month archives, tags and their pages, drafts, scaffolding."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

from newsroom.core import VERSION, add_wing_paths
from newsroom.news import archives, drafts, lists, tagpages, tags

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata


def on_config_inited(app: Sphinx, config: Config) -> None:
    for name in ('newsroom_archive_limit', 'newsroom_tag_limit'):
        limit = getattr(config, name)
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise ConfigError(f'{name} must be a whole number of articles, not {limit!r}; '
                              'use e.g. 200, or 0 to list them all on one page')


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The generated pages: year (and month) archives, then the tag pages."""
    yield from archives.on_html_collect_pages(app)
    yield from tagpages.on_html_collect_pages(app)


def on_html_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    """``newsroom_tags`` (an article's tag links) and ``newsroom_hold`` (previews only)."""
    if tag_links := tags.tags_context(app, pagename, context['pathto']):
        context['newsroom_tags'] = tag_links
    if notice := drafts.hold_notice(app, pagename):
        context['newsroom_hold'] = notice


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension('newsroom.core')
    app.add_config_value('newsroom_show_drafts', False, 'env', types=frozenset({bool}))
    app.add_config_value('newsroom_archive_limit', 200, 'html', types=frozenset({int}))
    app.add_config_value('newsroom_tag_limit', 50, 'html', types=frozenset({int}))
    add_wing_paths(app, Path(__file__).parent)
    app.connect('config-inited', on_config_inited)
    # After conf.py's values and the core's checks, before Sphinx looks for sources.
    app.connect('config-inited', drafts.on_config_inited, priority=800)
    app.add_node(lists.news_list)
    app.add_directive('news-list', lists.NewsListDirective)
    app.connect('doctree-resolved', lists.on_doctree_resolved)
    app.connect('env-updated', tags.on_env_updated)
    app.connect('env-updated', lists.on_env_updated)
    app.connect('write-started', tags.on_write_started)
    app.connect('html-collect-pages', on_html_collect_pages)
    app.connect('html-page-context', on_html_page_context)
    return {'version': VERSION, 'parallel_read_safe': True, 'parallel_write_safe': True}

"""Search results in pages: the best ones at once, the rest on request, whatever the archive size."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata


def on_config_inited(app: Sphinx, config: Config) -> None:
    """A page size must be a count of results (0 lists them all, as plain Sphinx does)."""
    size = config.newsroom_search_page_size
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise ConfigError(
            f'newsroom_search_page_size must be a whole number of results, not {size!r}; '
            'use e.g. 20, or 0 to list every result at once')


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Hand the page size to the search page, whose script shows that many results at a time."""
    if templatename == 'search.html':
        context['newsroom_search_page_size'] = app.config.newsroom_search_page_size


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value('newsroom_search_page_size', 20, 'html', types=frozenset({int}))
    app.connect('config-inited', on_config_inited)
    app.connect('html-page-context', on_html_page_context)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}

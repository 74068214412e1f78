"""The search wing: results in pages, the best ones at once and the rest on request."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.core import VERSION, add_wing_paths
from newsroom.search import pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def on_html_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    """``newsroom_search_page_size`` on the search page."""
    if templatename == 'search.html':
        context['newsroom_search_page_size'] = app.config.newsroom_search_page_size


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension('newsroom.core')
    app.add_config_value('newsroom_search_page_size', 20, 'html', types=frozenset({int}))
    add_wing_paths(app, Path(__file__).parent)
    app.connect('config-inited', pages.on_config_inited)
    app.connect('html-page-context', on_html_page_context)
    return {'version': VERSION, 'parallel_read_safe': True, 'parallel_write_safe': True}

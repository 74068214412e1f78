"""The theme wing: furo with a bounded sidebar, the language switcher, dates and prev/next."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.core import VERSION, add_wing_paths
from newsroom.theme import furo_compat, labels, navigation, switcher

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def on_html_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    """For our templates: ``newsroom_navigation`` (the sidebar's tree, printed by
    sidebar/navigation.html), ``newsroom_article``, ``prev``, ``next``,
    ``newsroom_languages`` and ``newsroom_labels``; for furo: ``docstitle``, and a
    ``toctree`` that renders nothing."""
    navigation.navigation_context(app, pagename, context)
    switcher.switcher_context(app, pagename, context)
    context['newsroom_labels'] = labels.interface_labels()


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension('newsroom.core')
    furo_compat.load_furo(app)
    add_wing_paths(app, Path(__file__).parent)
    app.add_css_file('newsroom.css')
    # After sphinx-notfound-page (400), whose pathto gives 404.html absolute links, and
    # before furo (500), which calls context['toctree'] for its own navigation tree.
    app.connect('html-page-context', on_html_page_context, priority=450)
    return {'version': VERSION, 'parallel_read_safe': True, 'parallel_write_safe': True}

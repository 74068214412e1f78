"""The theme wing: furo with a bounded sidebar, the language switcher, dates and prev/next."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.core import VERSION, add_wing_paths
from newsroom.theme import furo_compat, navigation, switcher, theme_i18n, validmarkup

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def on_html_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    """``toctree`` and ``docstitle`` for furo; ``newsroom_article``, ``prev``, ``next``,
    ``newsroom_languages`` and ``newsroom_labels`` for our templates."""
    navigation.navigation_context(app, pagename, context)
    switcher.switcher_context(app, pagename, context)


def after_furo(app: Sphinx, pagename: str, templatename: str,
               context: dict[str, Any], doctree: Any) -> None:
    """furo's navigation tree: valid markup, labels in the page's language."""
    validmarkup.on_html_page_context(app, pagename, templatename, context, doctree)
    theme_i18n.on_html_page_context(app, pagename, templatename, context, doctree)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension('newsroom.core')
    furo_compat.load_furo(app)
    add_wing_paths(app, Path(__file__).parent)
    app.add_css_file('newsroom.css')
    # After sphinx-notfound-page (400), whose pathto gives 404.html absolute links, and
    # before furo (500), which renders context['toctree'] into its sidebar.
    app.connect('html-page-context', on_html_page_context, priority=450)
    app.connect('html-page-context', after_furo, priority=600)
    app.connect('builder-inited', theme_i18n.on_builder_inited)
    return {'version': VERSION, 'parallel_read_safe': True, 'parallel_write_safe': True}

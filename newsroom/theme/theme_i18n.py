"""Furo's fixed English labels (for screen readers and icons) in the page's language."""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation('newsroom')

#: Labels furo writes literally into its templates (no gettext), by the markup they sit in.
ARIA_LABELS = ('Toggle site navigation sidebar', 'Toggle table of contents sidebar',
               'Toggle Light / Dark / Auto color theme')
ICON_TITLES = ('Contents', 'Menu', 'Expand', 'Light mode', 'Dark mode',
               'Auto light/dark, in light mode', 'Auto light/dark, in dark mode')
LANDMARKS = (('sidebar-drawer', 'Site navigation'), ('toc-drawer', 'On this page'))
NAVIGATION_LABEL = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


def replacements() -> list[tuple[str, str]]:
    """(furo's markup, the same markup translated) for this build's language."""
    pairs = [(f'aria-label="{label}"', f'aria-label="{escape(str(_(label)))}"')
             for label in ARIA_LABELS]
    pairs += [(f'<title>{title}</title>', f'<title>{escape(str(_(title)))}</title>')
              for title in ICON_TITLES]
    # furo's two <aside> landmarks need names to tell them apart (axe: landmark-unique).
    pairs += [(f'<aside class="{drawer}', f'<aside aria-label="{escape(str(_(label)))}" '
               f'class="{drawer}') for drawer, label in LANDMARKS]
    return [(old, new) for old, new in pairs if old != new]


def translate_markup(html: str, pairs: list[tuple[str, str]]) -> str:
    """*html* with every pair's first item replaced by its second."""
    for old, new in pairs:
        html = html.replace(old, new)
    return html


def on_builder_inited(app: Sphinx) -> None:
    """Translate furo's fixed labels in every rendered page."""
    templates = getattr(app.builder, 'templates', None)
    pairs = replacements()
    if templates is None or not pairs:
        return
    render = templates.render

    def render_translated(template: str, context: dict[str, Any]) -> str:
        return translate_markup(render(template, context), pairs)

    templates.render = render_translated


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """furo names each sidebar expander "Toggle navigation of <title>"."""
    tree = context.get('furo_navigation_tree')
    if isinstance(tree, str):
        context['furo_navigation_tree'] = NAVIGATION_LABEL.sub(
            lambda m: 'aria-label="{}"'.format(escape(str(
                _('Toggle navigation of %(title)s') % {'title': m.group(1)}), quote=True)),
            tree)

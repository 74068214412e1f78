"""The sidebar's navigation tree, in furo's markup: the sections, and the years under News."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

_ = get_translation('newsroom')


def markup_text(text: str) -> str:
    """*text* as furo's navigation tree writes text: ``&``, ``<`` and ``>`` escaped."""
    return text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def markup_attribute(value: str) -> str:
    """*value* quoted as furo's navigation tree (BeautifulSoup) quotes attributes."""
    value = markup_text(value)
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', '&quot;') + '"'


def toggle_label(title: str) -> str:
    """The name of a section's expander, for screen readers, in this build's language."""
    return _('Toggle navigation of %(title)s') % {'title': title}


def sidebar_html(
    sections: Sequence[tuple[str, str, str]],
    news_doc: str,
    archive_years: Sequence[tuple[str, str]],
    current: str | None,
    label: Callable[[str], str] = toggle_label,
) -> str:
    """furo's navigation tree, bounded: the sections, and the years under News.

    The markup is what furo's ``get_navigation_tree`` makes of a toctree (a checkbox and
    a label to expand an item with children, ``current-page`` added to the current item's
    classes), byte for byte, except that the checkbox is a plain one (furo's
    ``role="switch"`` would need ``aria-checked``) named by *label* in the page's language."""
    out = ['<ul>']
    expanders = 0
    # furo adds "current-page" (again) to the last item marked current
    last_current = max((i for i, section in enumerate(sections) if section[2] == current),
                       default=-1)
    for position, (url, title, name) in enumerate(sections):
        classes = ['toctree-l1', *(['current', 'current-page'] if name == current else [])]
        link = (f'<a class="reference internal" href={markup_attribute(url)}>'
                f'{markup_text(title)}</a>')
        if not (name == news_doc and archive_years):
            classes += ['current-page'] if position == last_current else []
            out.append(f'<li class="{" ".join(classes)}">{link}</li>')
            continue
        expanders += 1
        checkbox = f'toctree-checkbox-{expanders}'
        classes += ['has-children', *(['current-page'] if position == last_current else [])]
        checked = ' checked=""' if name == current else ''
        out.append(f'<li class="{" ".join(classes)}">{link}'
                   f'<input aria-label="{escape(label(title), quote=True)}"{checked} '
                   f'class="toctree-checkbox" id="{checkbox}" name="{checkbox}" '
                   f'type="checkbox"/><label for="{checkbox}"><span class="icon"><svg>'
                   f'<use href="#svg-arrow-right"></use></svg></span></label><ul>')
        out.extend(f'<li class="toctree-l2"><a class="reference internal" '
                   f'href={markup_attribute(year_url)}>{markup_text(year)}</a></li>'
                   for year_url, year in archive_years)
        out.append('</ul></li>')
    out.append('</ul>')
    return ''.join(out)

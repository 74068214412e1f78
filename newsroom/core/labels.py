"""Interface labels that several wings print the same way."""

from __future__ import annotations

from sphinx.locale import get_translation

_ = get_translation('newsroom')


def untranslated_label(percent: int | None) -> str:
    """How a list or link marks a page this language has not fully translated ('' if it has)."""
    if percent is None:
        return ''
    if percent == 0:
        return str(_('not translated yet'))
    return str(_('%(percent)s%% translated') % {'percent': percent})

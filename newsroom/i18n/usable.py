"""One notion of "translated": a catalog entry counts only when the build will use it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsroom.core.translations import FUZZY, TRANSLATED, UNTRANSLATED
from newsroom.i18n.markup import block_kinds, block_parser

if TYPE_CHECKING:
    from collections.abc import Callable

    import polib

__all__ = ['FUZZY', 'TRANSLATED', 'UNTRANSLATED', 'blocks', 'state', 'unusable']


def blocks(text: str) -> tuple[str, ...]:
    """The kinds of the top-level blocks MyST makes of *text* (paragraph, list, heading…)."""
    return block_kinds(block_parser().parse(text))


def unusable(entry: polib.POEntry, kinds: Callable[[str], tuple[str, ...]] = blocks
             ) -> str | None:
    """Why Sphinx will not use this entry's translation (``None`` if it will); entries
    without a translation, fuzzy or obsolete ones are not asked. *kinds* gives the blocks
    of a text (``markup.blocks`` for a caller that parses the texts in full anyway)."""
    if entry.msgid_plural:
        return ('pages have no plural messages: Sphinx ignores msgid_plural entries; '
                'translate the message without plural forms')
    if entry.msgctxt is not None:
        return 'Sphinx ignores entries with a msgctxt; remove the msgctxt line'
    if not entry.msgstr.strip():
        return 'the translation is blank; write it, or leave it empty ("")'
    if kinds(entry.msgid) != kinds(entry.msgstr):
        return (f'the translation reads as {"+".join(kinds(entry.msgstr)) or "nothing"} '
                f'where the original is a {"+".join(kinds(entry.msgid))}, so Sphinx shows '
                'the original; e.g. a line starting with "- " becomes a list: write "— " '
                'or escape it as "\\-"')
    return None


def has_translation(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


def state(entry: polib.POEntry | None, *, page: bool = True) -> str:
    """TRANSLATED only when the build will show the translation; FUZZY when it waits for
    review; UNTRANSLATED otherwise (no entry, no translation, or one the build ignores).
    Interface strings (``page=False``) are gettext messages: plurals and contexts count."""
    if entry is None or entry.obsolete or not has_translation(entry):
        return UNTRANSLATED
    if entry.fuzzy:
        return FUZZY
    if not page:
        strings = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        return TRANSLATED if all(text.strip() for text in strings) else UNTRANSLATED
    return UNTRANSLATED if unusable(entry) else TRANSLATED

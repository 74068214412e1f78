"""Interface labels that several wings print the same way."""

from __future__ import annotations

from babel import Locale
from sphinx.locale import get_translation

from newsroom.core.site import language_name

_ = get_translation('newsroom')


def untranslated_label(percent: int | None) -> str:
    """How a list or link marks a page this language has not fully translated ('' if it has)."""
    if percent is None:
        return ''
    if percent == 0:
        return str(_('not translated yet'))
    return str(_('%(percent)s%% translated') % {'percent': percent})


def original_label(language: str, source: str) -> str:
    """"Read the original (Russian)", in *language*: the link from a translation (or its
    404 page) to the *source* language's page."""
    here = Locale.parse(language.replace('-', '_'))
    return str(_('Read the original (%(language)s)') % {
        'language': here.languages.get(source, language_name(source))})

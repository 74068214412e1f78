"""Which languages are ready to publish: the source, and each whose interface is translated."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import polib
import sphinx

#: The interface catalogs and their templates (``<domain>.pot``, ``<lang>/LC_MESSAGES/``).
UI_LOCALE = Path(__file__).parent / 'locale'
#: Sphinx's own catalogs, which translate the ``sphinx`` domain before ours.
SPHINX_LOCALE = Path(sphinx.__file__).parent / 'locale'
#: The language the interface is written in: its messages need no catalog.
INTERFACE_LANGUAGE = 'en'


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=64)
def _translated(path: str, stamp: tuple[int, int] | None) -> frozenset[tuple[str, str]]:
    """The (context, message) pairs a catalog translates for good (not fuzzy)."""
    if stamp is None:
        return frozenset()
    try:
        catalog = polib.pofile(path)
    except (OSError, ValueError):
        return frozenset()
    return frozenset((e.msgctxt or '', e.msgid) for e in catalog
                     if e.translated() and not e.obsolete)


def translated(path: Path) -> frozenset[tuple[str, str]]:
    """What the catalog at *path* translates (re-read only when it changes)."""
    return _translated(str(path), _stamp(path))


def sphinx_catalog(language: str) -> Path:
    """Sphinx's own ``sphinx.po`` for *language* (or its base language), if it has one."""
    names = (language.replace('-', '_'), language.split('-')[0].split('_')[0])
    for name in names:
        path = SPHINX_LOCALE / name / 'LC_MESSAGES' / 'sphinx.po'
        if path.is_file():
            return path
    return SPHINX_LOCALE / names[0] / 'LC_MESSAGES' / 'sphinx.po'


def interface_gaps(language: str, ui_locale: Path = UI_LOCALE) -> list[tuple[str, str]]:
    """The interface messages (domain, text) that *language* has no translation for: in our
    catalog for the domain or, for ``sphinx``, in Sphinx's own."""
    if language == INTERFACE_LANGUAGE:
        return []
    gaps: list[tuple[str, str]] = []
    for template in sorted(ui_locale.glob('*.pot')):
        domain = template.stem
        known = translated(ui_locale / language / 'LC_MESSAGES' / f'{domain}.po')
        if domain == 'sphinx':
            known |= translated(sphinx_catalog(language))
        gaps += sorted((domain, msgid) for _context, msgid in messages(template) - known)
    return gaps


@lru_cache(maxsize=8)
def _messages(path: str, stamp: tuple[int, int] | None) -> frozenset[tuple[str, str]]:
    if stamp is None:
        return frozenset()
    return frozenset((e.msgctxt or '', e.msgid) for e in polib.pofile(path) if not e.obsolete)


def messages(template: Path) -> frozenset[tuple[str, str]]:
    """The (context, message) pairs of a template (``.pot``)."""
    return _messages(str(template), _stamp(template))


def ready(languages: tuple[str, ...], ui_locale: Path = UI_LOCALE) -> tuple[str, ...]:
    """The languages to publish, in site order: the source language always, and each other
    language whose interface is fully translated."""
    return tuple(code for index, code in enumerate(languages)
                 if index == 0 or not interface_gaps(code, ui_locale))

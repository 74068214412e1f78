"""A catalog as this build reads it: the checked ``.mo`` the i18n wing compiled, else a ``.po``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import polib

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def catalog_files(app: Sphinx, domain: str) -> list[Path]:
    """The catalog of *domain* (``tags``, a docname) in this build's language, in each of
    ``locale_dirs`` that has one (the first wins): the ``.mo`` that the i18n wing compiles
    there once a catalog passes its checks, or, on a site without the wing, the ``.po``."""
    found = []
    for folder in app.config.locale_dirs:
        base = os.path.join(app.srcdir, folder, app.config.language, 'LC_MESSAGES', domain)
        for path in (f'{base}.mo', f'{base}.po'):
            if os.path.isfile(path):
                found.append(Path(path))
                break
    return found


def read_catalog(path: Path) -> polib.MOFile | polib.POFile:
    return polib.mofile(str(path)) if path.suffix == '.mo' else polib.pofile(str(path))


def translations(path: Path) -> dict[str, str]:
    """The translated messages of a catalog (no fuzzy, obsolete or plural ones)."""
    return {entry.msgid: entry.msgstr for entry in read_catalog(path).translated_entries()
            if entry.msgid and entry.msgstr}


def merged_translations(app: Sphinx, domain: str) -> dict[str, str]:
    """:func:`translations` of every catalog of *domain*; the first folder's win."""
    merged: dict[str, str] = {}
    for path in catalog_files(app, domain):
        merged = {**translations(path), **merged}
    return merged

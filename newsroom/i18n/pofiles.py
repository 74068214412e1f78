"""Catalogs read whole and saved all at once (see ``core/files.py``), and folders left empty."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import polib

from newsroom.core.files import write_atomically

if TYPE_CHECKING:
    from pathlib import Path

#: An obsolete entry's lines: ``#~| msgid "…"`` (its previous text) and ``#~ msgid "…"``,
#: each maybe continued by quoted strings.
OBSOLETE_LINE = re.compile(r'^#~(\|)?\s*(msgid\s+)?"((?:[^"\\]|\\.)*)"\s*$')


def previous_of_obsolete(text: str) -> dict[str, str]:
    """msgid -> previous msgid (``#~| msgid``) of the obsolete entries of a catalog's text,
    which polib does not read (it writes them): a fuzzy entry that is deleted and comes back
    keeps the text its translation was made for."""
    found: dict[str, str] = {}
    previous: list[str] | None = None
    current: list[str] | None = None
    field = None
    for line in text.split('\n'):
        match = OBSOLETE_LINE.match(line.strip())
        if match is None:
            if current is not None and previous is not None:
                found[''.join(current)] = ''.join(previous)
            if not line.startswith('#~'):
                previous, current, field = None, None, None
            elif field == 'msgid':
                field = None
            continue
        piped, keyword, string = match.groups()
        value = polib.unescape(string)
        if piped and keyword:
            previous, field = [value], 'previous'
        elif piped and field == 'previous' and previous is not None:
            previous.append(value)
        elif keyword and not piped:
            current, field = [value], 'msgid'
        elif field == 'msgid' and current is not None:
            current.append(value)
    if current is not None and previous is not None:
        found[''.join(current)] = ''.join(previous)
    return found


def read_catalog(path: Path, wrapwidth: int = 78) -> polib.POFile:
    """``polib.pofile(path)``, with the previous text of its obsolete fuzzy entries."""
    catalog = polib.pofile(str(path), wrapwidth=wrapwidth)
    previous = previous_of_obsolete(path.read_text(encoding='utf-8'))
    for entry in catalog.obsolete_entries():
        if entry.previous_msgid is None and entry.msgid in previous:
            entry.previous_msgid = previous[entry.msgid]
    return catalog


def catalog_bytes(catalog: polib.POFile) -> bytes:
    """What ``catalog.save()`` would write."""
    return catalog.__unicode__().encode(catalog.encoding or 'utf-8')


def save_catalog(catalog: polib.POFile, path: Path, mode: int | None = None) -> None:
    """``catalog.save(path)``, but atomic: a crash leaves the previous file whole."""
    write_atomically(path, catalog_bytes(catalog), mode)


def prune_empty(folder: Path) -> None:
    """Remove the empty folders left below *folder* (and *folder* itself if empty)."""
    for directory in sorted((p for p in folder.rglob('*') if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()

"""Warnings about a translation name its catalog, line and msgid, not a scratch document."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from newsroom.upstream.formats import translated_location

if TYPE_CHECKING:
    from sphinx.application import Sphinx

def catalog_entry(catalog: Path, source: str, line: int) -> polib.POEntry | None:
    """The entry of *catalog* located at *source*:*line* (``#:`` comments), if any."""
    name = Path(source).name
    for entry in polib.pofile(str(catalog)):
        if any(Path(path).name == name and str(number) == str(line)
               for path, number in entry.occurrences):
            return entry
    return None


class CatalogLocations(logging.Filter):
    """Rewrites ``page.md:7:<translated>:2`` into ``catalog.po:LINE`` and the msgid."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def catalog(self, source: str) -> Path | None:
        env, config = self.app.env, self.app.config
        docname = env.path2doc(source)
        if docname is None:
            return None
        for locale_dir in config.newsroom_locale_dirs:
            path = Path(locale_dir, config.language, 'LC_MESSAGES', f'{docname}.po')
            if path.is_file():
                return path
        return None

    def filter(self, record: logging.LogRecord) -> bool:
        location = getattr(record, 'location', None)
        found = translated_location(location) if isinstance(location, str) else None
        catalog = self.catalog(found[0]) if found else None
        if found is None or catalog is None:
            return True
        source, line = found
        entry = catalog_entry(catalog, source, line)
        if entry is None:
            record.location = f'{catalog}'
            note = f'in a translation of {source}:{line}'
        else:
            record.location = f'{catalog}:{entry.linenum}'
            note = f'msgid {entry.msgid[:60]!r}'
        text, kind, tail = str(record.msg).rpartition(' [')
        record.msg = f'{text} ({note}) [{tail}' if kind else f'{record.msg} ({note})'
        return True


def on_builder_inited(app: Sphinx) -> None:
    """Behind Sphinx's own filters, which turn locations into text."""
    for handler in logging.getLogger('sphinx').handlers:
        if handler.level >= logging.WARNING:
            handler.addFilter(CatalogLocations(app))

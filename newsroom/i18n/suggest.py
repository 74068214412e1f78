"""``python -m newsroom suggest FILE``: earlier translations for the open messages of a catalog."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsroom.i18n.memory import MIN_SIMILARITY, Memory, catalog_paths, readable


def folders_of(path: Path) -> tuple[Path, str] | None:
    """(locale folder, language) of a page catalog ``<locale>/<lang>/LC_MESSAGES/….po``."""
    parts = path.parts
    if path.suffix != '.po' or 'LC_MESSAGES' not in parts[:-1]:
        return None
    at = len(parts) - 1 - parts[::-1].index('LC_MESSAGES')
    if at < 1:
        return None
    return Path(*parts[:at - 1]) if at > 1 else Path(), parts[at - 1]


def shorten(text: str, width: int = 90) -> str:
    text = ' '.join(text.split())
    return text if len(text) <= width else f'{text[:width - 1]}…'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--limit', type=int, default=3, help='candidates per message')
    parser.add_argument('file', type=Path,
                        help='a page catalog, locale/<lang>/LC_MESSAGES/….po')


def run(args: argparse.Namespace) -> int:
    """Each untranslated or fuzzy message of the file, with the earlier translations of its
    language at :data:`MIN_SIMILARITY` % or more, best first; exit status 2 for a file that
    is no page catalog or cannot be read."""
    found = folders_of(args.file)
    catalog = readable(args.file, found[0]) if found and args.file.is_file() else None
    if found is None or catalog is None:
        print(f'error: {args.file}: not a readable page catalog '
              '(hint: give locale/<lang>/LC_MESSAGES/….po; make check-po says what is wrong '
              'with one)', file=sys.stderr)
        return 2
    locale_dir, language = found
    memory = Memory(catalog_paths((locale_dir / language / 'LC_MESSAGES',
                              locale_dir / language / 'obsolete')), locale_dir)
    open_entries = [entry for entry in catalog if entry.msgid and not entry.obsolete
                    and not entry.msgid_plural and (entry.fuzzy or not entry.msgstr)]
    for entry in open_entries:
        state = 'fuzzy' if entry.fuzzy else 'untranslated'
        print(f'{args.file}:{entry.linenum}: {state}: {shorten(entry.msgid)!r}')
        candidates = memory.candidates(entry.msgid)[:args.limit]
        for candidate in candidates:
            mark = ', the fuzzy one in the catalog' if candidate.target == entry.msgstr else ''
            print(f'  {candidate.score:>3}%  {shorten(candidate.target)}  '
                  f'({candidate.origin}{mark})')
            if candidate.source != entry.msgid:
                print(f'        for {shorten(candidate.source)!r}')
        if not candidates:
            print(f'  no earlier translation at {MIN_SIMILARITY}% or more')
    if not open_entries:
        print(f'{args.file}: nothing left to translate or review')
    return 0

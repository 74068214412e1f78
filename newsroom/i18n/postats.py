"""Translation progress per page and language, from the extracted templates and the catalogs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import polib

from newsroom.i18n.usable import FUZZY, TRANSLATED, state
from newsroom.i18n.wordcount import source_words

if TYPE_CHECKING:
    from collections.abc import Iterator


class Counts(NamedTuple):
    """The state of one page's messages in one language, and the source words of its
    translated messages and of those left to translate or review (what translators price
    and plan by)."""

    translated: int
    fuzzy: int
    untranslated: int
    words_done: int = 0
    words_left: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> int:
        return self.translated * 100 // self.total if self.total else 100


class Todo(NamedTuple):
    """One message a translator still has to translate or review."""

    path: Path
    line: int
    state: str
    msgid: str


def page_stats(pot: polib.POFile, catalog: polib.POFile | None, *, page: bool = True
               ) -> tuple[Counts, list[polib.POEntry]]:
    """Counts of one page against its catalog (absent: all untranslated), and the open entries.
    (A catalog is its own template for the interface's catalogs.)

    The template is the truth: a catalog not yet updated for new text counts that text as
    untranslated."""
    entries = {(e.msgctxt, e.msgid): e for e in catalog or [] if not e.obsolete}
    translated, fuzzy, done, left, open_entries = 0, 0, 0, 0, []
    for template in (e for e in pot if e.msgid and not e.obsolete):
        entry = entries.get((template.msgctxt, template.msgid))
        found = state(entry, page=page)  # translated only if the build will show it
        if found == TRANSLATED:
            translated += 1
            done += source_words(template)
            continue
        fuzzy += found == FUZZY
        left += source_words(template)
        open_entries.append(entry or template)
    return Counts(translated, fuzzy, len(open_entries) - fuzzy, done, left), open_entries


def collect(pot_dir: Path | None, locale_dir: Path, language: str
            ) -> Iterator[tuple[str, Counts, list[Todo]]]:
    """(page, counts, open messages) for every page with translatable text; without
    templates (the interface's catalogs), the catalogs' own entries are counted."""
    if pot_dir is None:
        base = locale_dir / language / 'LC_MESSAGES'
        for po_path in sorted(base.rglob('*.po')):
            catalog = polib.pofile(str(po_path))
            counts, open_entries = page_stats(catalog, catalog, page=False)
            yield (po_path.relative_to(base).with_suffix('').as_posix(), counts,
                   [Todo(po_path, e.linenum, FUZZY if e.fuzzy else 'untranslated', e.msgid)
                    for e in open_entries])
        return
    for pot_path in sorted(pot_dir.rglob('*.pot')):
        if pot_path.name == 'sphinx.pot':
            continue
        page = pot_path.relative_to(pot_dir).with_suffix('').as_posix()
        po_path = locale_dir / language / 'LC_MESSAGES' / f'{page}.po'
        catalog = polib.pofile(str(po_path)) if po_path.is_file() else None
        counts, open_entries = page_stats(polib.pofile(str(pot_path)), catalog)
        todos = [Todo(po_path, e.linenum if catalog else 0, FUZZY if e.fuzzy else
                      'untranslated', e.msgid) for e in open_entries]
        yield page, counts, todos


def add_arguments(parser: argparse.ArgumentParser, *, listing: str | None = None) -> None:
    parser.add_argument('--pot-dir', type=Path,
                        help='the extracted templates (make gettext); without them, count '
                             "the catalogs' own entries (the interface's catalogs)")
    parser.add_argument('--locale-dir', type=Path, default=Path('locale'))
    parser.add_argument('--strict', action='store_true',
                        help='exit 1 unless every message of every language is translated')
    parser.add_argument('--list', choices=('fuzzy', 'untranslated', 'all'), default=listing,
                        help='list the open messages (file:line) instead of the table')
    parser.add_argument('languages', nargs='*',
                        help='languages to count (default: the target languages of conf.py)')


def table(language: str, rows: list[tuple[str, Counts, list[Todo]]]) -> list[str]:
    """The lines of ``make stats`` for one language: a row per page, then the total."""
    def line(name: str, c: Counts) -> str:
        return (f'{language:<6} {name:<60} {c.translated:>5} {c.fuzzy:>5} {c.untranslated:>5} '
                f'{c.percent:>4} {c.words_done:>7} {c.words_left:>7}')
    total = Counts(*(sum(c[i] for _p, c, _t in rows) for i in range(len(Counts._fields))))
    return [f'{language:<6} {"page":<60} {"done":>5} {"fuzzy":>5} {"todo":>5} {"%":>4} '
            f'{"words":>7} {"left":>7}',
            *(line(page, counts) for page, counts, _todos in rows), line('TOTAL', total)]


def run(args: argparse.Namespace) -> int:
    """The table (or list) of every language; with ``--strict``, 1 unless all is done.
    A language with nothing left says so in one line."""
    incomplete = 0
    for language in args.languages:
        rows = list(collect(args.pot_dir, args.locale_dir, language))
        if args.list:
            listed = [todo for _page, _counts, todos in rows for todo in todos
                      if args.list in ('all', todo.state)]
            for todo in listed:
                print(f'{todo.path}:{todo.line}: {todo.state}: {todo.msgid[:70]!r}')
            words = sum(c.words_left for _p, c, _t in rows) if args.list == 'all' else None
            if listed and words is not None:
                print(f'{language}: {len(listed)} messages, {words} source words left')
        else:
            print('\n'.join(table(language, rows)))
        if not any(todos for _page, _counts, todos in rows):
            print(f'nothing left to translate in {language}'
                  f'{"" if args.pot_dir else " (interface)"}')
        incomplete += sum(1 for _p, counts, _t in rows if counts.percent < 100)
    if args.strict and incomplete:
        print(f'{incomplete} pages are not fully translated', file=sys.stderr)
        return 1
    return 0

"""Update translation catalogs from the extracted templates without ever losing a translation."""

from __future__ import annotations

import argparse
import shutil
from difflib import SequenceMatcher
from pathlib import Path
from typing import NamedTuple

import polib
from babel import Locale

from newsroom.i18n.pocheck import check_catalog

#: How alike an old and a new message must be for the old translation to be offered (fuzzy).
SIMILARITY = 0.6


class Report(NamedTuple):
    """What one update did to one catalog."""

    new: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    revived: int = 0


def plural_forms(language: str) -> str:
    """The ``Plural-Forms`` header of *language*, from CLDR through Babel."""
    from babel.messages.plurals import get_plural

    plural = get_plural(Locale.parse(language.replace('-', '_')))
    return f'nplurals={plural.num_plurals}; plural={plural.plural_expr};'


def new_catalog(pot: polib.POFile, language: str) -> polib.POFile:
    """An empty catalog for *language* with a complete header."""
    catalog = polib.POFile(wrapwidth=78)
    catalog.header = f'Translation of the site into {language}.'
    catalog.metadata = {
        'Project-Id-Version': pot.metadata.get('Project-Id-Version', ''),
        'POT-Creation-Date': pot.metadata.get('POT-Creation-Date', ''),
        'Language': language,
        'MIME-Version': '1.0',
        'Content-Type': 'text/plain; charset=UTF-8',
        'Content-Transfer-Encoding': '8bit',
        'Plural-Forms': plural_forms(language),
    }
    return catalog


def best_match(msgid: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    """The most similar translated old entry of the same catalog, if similar enough."""
    best, best_ratio = None, SIMILARITY
    for candidate in candidates:
        matcher = SequenceMatcher(None, candidate.msgid, msgid, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        if (ratio := matcher.ratio()) >= best_ratio:
            best, best_ratio = candidate, ratio
    return best


def merge(catalog: polib.POFile, pot: polib.POFile) -> Report:
    """Bring *catalog* in line with *pot*, in place.

    Kept: every translation. An unchanged message keeps its translation; a changed one is
    offered the closest old translation of this catalog as fuzzy, with the old source as
    ``#| msgid``; a removed one becomes obsolete (``#~``) and comes back if its source does.
    """
    old = {(e.msgctxt, e.msgid): e for e in catalog if e.msgid}
    wanted = {(e.msgctxt, e.msgid) for e in pot if e.msgid}
    leaving = [e for key, e in old.items() if key not in wanted and e.msgstr]
    entries, new, fuzzy, revived = [], 0, 0, 0
    for template in (e for e in pot if e.msgid):
        entry = old.get((template.msgctxt, template.msgid))
        if entry is not None:
            revived += entry.obsolete and bool(entry.msgstr)
            entry.obsolete = False
        else:
            entry = polib.POEntry(msgid=template.msgid, msgctxt=template.msgctxt)
            if (match := best_match(template.msgid, leaving)) is not None:
                entry.msgstr, entry.previous_msgid = match.msgstr, match.msgid
                entry.flags.append('fuzzy')
                fuzzy += 1
            else:
                new += 1
        entry.occurrences, entry.comment = template.occurrences, template.comment
        entries.append(entry)
    newly_obsolete = sum(1 for e in leaving if not e.obsolete)
    for entry in leaving:
        entry.obsolete, entry.occurrences = True, []
    catalog[:] = entries + leaving
    return Report(new, fuzzy, newly_obsolete, revived)


def prune_empty(folder: Path) -> None:
    """Remove the empty folders left below *folder* (and *folder* itself if empty)."""
    for directory in sorted((p for p in folder.rglob('*') if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def update_language(pot_dir: Path, locale_dir: Path, language: str) -> tuple[int, list[str]]:
    """Update every catalog of *language*; returns (errors, report lines)."""
    active = locale_dir / language / 'LC_MESSAGES'
    parked = locale_dir / language / 'obsolete'
    errors, lines = 0, []
    templates = {p.relative_to(pot_dir).with_suffix('.po'): p for p in pot_dir.rglob('*.pot')
                 if p.name != 'sphinx.pot'}
    for relative, pot_path in sorted(templates.items()):
        path = active / relative
        if not path.exists() and (parked / relative).exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(parked / relative, path)
            prune_empty(parked)
            lines.append(f'{path}: page is back; its catalog was restored from {parked}')
        if path.exists():
            if problems := check_catalog(path, language):
                errors += len(problems)
                lines += [f'{p}' for p in problems]
                lines.append(f'{path}: not updated: fix the errors above first '
                             '(nothing was written)')
                continue
            catalog = polib.pofile(str(path), wrapwidth=78)
        else:
            catalog = new_catalog(polib.pofile(str(pot_path)), language)
        before = [str(entry) for entry in catalog] if path.exists() else None
        pot = polib.pofile(str(pot_path))
        report = merge(catalog, pot)
        if [str(entry) for entry in catalog] != before:
            catalog.metadata['POT-Creation-Date'] = pot.metadata.get('POT-Creation-Date', '')
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog.save(str(path))
            lines.append(f'{path}: {report.new} new, {report.fuzzy} fuzzy, '
                         f'{report.obsolete} obsolete, {report.revived} restored')
    for path in sorted(active.rglob('*.po')):
        relative = path.relative_to(active)
        if relative not in templates:
            target = parked / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            kept = len(polib.pofile(str(path)).translated_entries())
            shutil.move(path, target)
            lines.append(f'{path}: its page is gone; moved to {target} '
                         f'({kept} translated messages kept; restored if the page returns)')
    return errors, lines


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--pot-dir', type=Path, required=True)
    parser.add_argument('--locale-dir', type=Path, default=Path('locale'))
    parser.add_argument('languages', nargs='*',
                        help='languages to update (default: the target languages of conf.py)')


def run(args: argparse.Namespace) -> int:
    """Update every catalog of the languages; exit status 1 if one could not be."""
    total = 0
    for language in args.languages:
        errors, lines = update_language(args.pot_dir, args.locale_dir, language)
        total += errors
        print('\n'.join(lines) or f'{language}: catalogs up to date')
    return 1 if total else 0

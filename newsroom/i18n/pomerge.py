"""Update translation catalogs from the extracted templates without ever losing a translation."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import NamedTuple

import polib

from newsroom.i18n.pocheck import check_catalog
from newsroom.i18n import memory, tagrecord
from newsroom.i18n.pocheck import outside, refusals
from newsroom.core.files import mode_of, move_file
from newsroom.core.translations import REVISION_HEADER, complete
from newsroom.i18n.pofiles import catalog_bytes, prune_empty, read_catalog, save_catalog
from newsroom.i18n.pomessages import Report, merge, neutral_header, new_catalog
from newsroom.i18n.porenames import Candidate, followers, keys

__all__ = ['Report', 'add_arguments', 'merge', 'new_catalog', 'run', 'update_language']


class Folders(NamedTuple):
    """The catalogs of one language: active ones, and those parked while their page is gone."""

    active: Path
    parked: Path


def templates_of(pot_dir: Path) -> dict[Path, Path]:
    """Each page's template, by the relative path of its catalog."""
    return {p.relative_to(pot_dir).with_suffix('.po'): p for p in pot_dir.rglob('*.pot')
            if p.name != 'sphinx.pot'}


def plan_follows(folders: Folders, templates: dict[Path, Path], gone: list[Path],
                 ) -> dict[Path, Candidate]:
    """The new pages whose catalog starts from a catalog left behind (a rename or a move)."""
    arriving = {relative: pot for relative, pot in templates.items()
                if not (folders.active / relative).exists()
                and not (folders.parked / relative).exists()}
    candidates = [Candidate(relative, folders.active / relative, False) for relative in gone]
    candidates += [Candidate(p.relative_to(folders.parked), p, True)
                   for p in sorted(folders.parked.rglob('*.po'))
                   if p.relative_to(folders.parked) not in templates]
    if not arriving or not candidates:
        return {}
    wanted = {relative: keys(polib.pofile(str(pot))) for relative, pot in arriving.items()}
    return followers(wanted, candidates)


def restore(folders: Folders, relative: Path) -> str:
    """Bring a parked catalog back for its returning page."""
    path = folders.active / relative
    move_file(folders.parked / relative, path)
    prune_empty(folders.parked)
    return f'{path}: page is back; its catalog was restored from {folders.parked}'


def translation_of(catalog: polib.POFile) -> list[tuple[object, ...]]:
    """What a translator wrote and what the build reads of each entry: not its comments or
    references, which a new extraction may change without changing any translation."""
    return [(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, sorted(e.msgstr_plural.items()),
             e.flags, e.obsolete, e.previous_msgid) for e in catalog]


def update_page(folders: Folders, relative: Path, pot_path: Path, language: str,
                origin: Candidate | None, root: Path | None = None) -> tuple[int, list[str]]:
    """Update (or start) one page's catalog; returns (errors, report lines).

    The header's ``PO-Revision-Date`` and ``Last-Translator`` stay as the translator's
    editor wrote them; ``Project-Id-Version`` and ``X-Poedit-Basepath`` follow
    ``pomessages.neutral_header``."""
    path = folders.active / relative
    lines = []
    if not path.exists() and (folders.parked / relative).exists():
        lines.append(restore(folders, relative))
    source = origin.path if origin else path
    if source.exists() or source.is_symlink():
        problems = outside(source, folders.active.parent.parent) or refusals(
            check_catalog(source, language))
        if problems:
            start = f'not started from {source}' if origin else 'not updated'
            return len(problems), [*map(str, problems), f'{path}: {start}: fix the errors '
                                   'above first (nothing was written)']
        catalog = read_catalog(source)
    else:
        catalog = new_catalog(polib.pofile(str(pot_path)), language)
    existing = path.exists()
    before = [str(entry) for entry in catalog] if existing else None
    translated_before = translation_of(catalog)
    published = complete(catalog) or bool(catalog.metadata.get(REVISION_HEADER))
    pot = polib.pofile(str(pot_path))
    report = merge(catalog, pot)
    memory.drop_reviewed_notes(catalog)
    if [str(entry) for entry in catalog] != before:
        catalog.metadata['POT-Creation-Date'] = pot.metadata.get('POT-Creation-Date', '')
        if translation_of(catalog) != translated_before or not existing:
            note_revision(catalog, published=published and existing, today=dt.date.today())
    neutral_header(catalog, path, root or folders.active.parent.parent.parent)
    if not existing or origin or catalog_bytes(catalog) != path.read_bytes():
        save_catalog(catalog, path, mode_of(source))
        if origin:
            origin.path.unlink()
            lines.append(f'{origin.path} → {path}: catalog followed the page '
                         f'({len(catalog.translated_entries())} translated kept)')
        lines.append(f'{path}: {report.new} new, {report.fuzzy} fuzzy, '
                     f'{report.obsolete} obsolete, {report.revived} restored')
    return 0, lines


def note_revision(catalog: polib.POFile, *, published: bool, today: dt.date) -> None:
    """After a merge that changed *catalog*: a translation that was published (complete, or
    already under revision) and is no longer complete is under revision since *today*
    (``X-Newsroom-Revised``, read by the build: readers keep the last reviewed text); a
    complete one is not."""
    if complete(catalog):
        catalog.metadata.pop(REVISION_HEADER, None)
    elif published:
        catalog.metadata[REVISION_HEADER] = today.isoformat()


def park(folders: Folders, relative: Path) -> str:
    """Move the catalog of a page that is gone to ``obsolete/``, until the page returns."""
    path, target = folders.active / relative, folders.parked / relative
    kept = len(polib.pofile(str(path)).translated_entries())
    move_file(path, target)
    return (f'{path}: its page is gone; moved to {target} '
            f'({kept} translated messages kept; restored if the page returns)')


def update_language(pot_dir: Path, locale_dir: Path, language: str, root: Path | None = None,
                    ) -> tuple[int, list[str]]:
    """Update every catalog of *language*; returns (errors, report lines).

    Every file is written atomically (``pofiles``). A new page whose messages an old
    catalog mostly translates (a renamed or moved page) starts from that catalog. *root* is
    the repository's (conf.py's folder), which the references start from (default: the
    folder of *locale_dir*).
    """
    folders = Folders(locale_dir / language / 'LC_MESSAGES', locale_dir / language / 'obsolete')
    templates = templates_of(pot_dir)
    gone = [relative for relative in (p.relative_to(folders.active)
                                      for p in sorted(folders.active.rglob('*.po')))
            if relative not in templates]
    follows = plan_follows(folders, templates, gone)
    remembered = memory.snapshot(folders.active)  # offered earlier translations (fuzzy)
    errors, lines = 0, []
    for relative, pot_path in sorted(templates.items()):
        found, said = update_page(folders, relative, pot_path, language,
                                  follows.get(relative), root or locale_dir.parent)
        errors, lines = errors + found, lines + said
    if any(origin.parked for origin in follows.values()):
        prune_empty(folders.parked)
    lines += [park(folders, relative) for relative in gone
              if (folders.active / relative).exists()]
    return errors, lines + memory.fill(folders.active, folders.parked, remembered)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--pot-dir', type=Path, required=True)
    parser.add_argument('--locale-dir', type=Path, default=Path('locale'))
    parser.add_argument('languages', nargs='*',
                        help='languages to update (default: the target languages of conf.py)')


def run(args: argparse.Namespace) -> int:
    """Update every catalog of the languages and record the addresses of their tag labels
    (``tagrecord``); exit status 1 if a catalog could not be updated."""
    total = 0
    for language in args.languages:
        errors, lines = update_language(args.pot_dir, args.locale_dir, language,
                                        getattr(args, 'confdir', None))
        if recorded := tagrecord.record(args.locale_dir, language):
            lines.append(recorded)
        total += errors
        print('\n'.join(lines) or f'{language}: catalogs up to date')
    return 1 if total else 0

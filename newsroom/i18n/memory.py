"""Translation memory: a new message is offered the best earlier translation of its language.

The memory is every reviewed translation (translated, not fuzzy) of a language's page
catalogs, parked ones included, searched with translate-toolkit's matcher (Levenshtein
similarity through RapidFuzz). ``make update-po`` gives each message it adds without a
translation the best one at :data:`MIN_SIMILARITY` % or more: the same original, its
translation; a similar one, its translation with the original it was made for as
``#| msgid``. Either is fuzzy, with a translator comment saying where it comes from: not
counted as translated, never shown to readers (not even in a published translation under
revision, see ``checked.reviewable_messages``) until a translator reviews it. Once reviewed
(no longer fuzzy), the next ``make update-po`` drops the comment.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import polib

from newsroom.core.files import mode_of
from newsroom.i18n.pocheck import outside
from newsroom.i18n.pofiles import read_catalog, save_catalog

#: The lowest similarity (%) at which an earlier translation is offered.
MIN_SIMILARITY = 75
#: How long an original may be for comparisons (characters; a paragraph is far shorter).
MAX_LENGTH = 10_000
#: The translator comment of an offered translation: ``translation memory: 83%``, and on the
#: next line the catalog and line it comes from (``from news/2025/….po:17``).
NOTE = 'translation memory'
NOTED = re.compile(rf'^{NOTE}: ', re.MULTILINE)
SCORE = re.compile(r'([\d.]+)%\s*$')

#: Each catalog's bytes before an update, by its path below ``LC_MESSAGES``.
Snapshot = dict[Path, bytes]


class Suggestion(NamedTuple):
    """An earlier translation offered for a message."""

    score: int
    source: str
    target: str
    origin: str  # catalog:line


def offered(entry: polib.POEntry) -> bool:
    """Whether *entry*'s translation was offered by the memory (and is fuzzy)."""
    return entry.fuzzy and bool(NOTED.search(entry.tcomment or ''))


def catalog_paths(folders: tuple[Path, ...]) -> list[Path]:
    return [path for folder in folders for path in sorted(folder.rglob('*.po'))]


class Memory:
    """The reviewed translations of some catalogs, searchable by similarity."""

    def __init__(self, paths: list[Path], locale_dir: Path) -> None:
        from translate.search.match import matcher
        from translate.storage.base import TranslationStore, TranslationUnit

        store, self.origins = TranslationStore(), dict[tuple[str, str], str]()
        for path in paths:
            catalog = readable(path, locale_dir)
            for entry in catalog.translated_entries() if catalog is not None else ():
                if entry.msgid_plural or (entry.msgid, entry.msgstr) in self.origins:
                    continue
                unit = TranslationUnit(entry.msgid)
                unit.target = entry.msgstr
                store.units.append(unit)
                self.origins[entry.msgid, entry.msgstr] = f'{path}:{entry.linenum}'
        self._matcher = matcher(store, max_candidates=5, min_similarity=MIN_SIMILARITY,
                                max_length=MAX_LENGTH)

    def candidates(self, msgid: str) -> list[Suggestion]:
        """The earlier translations of originals like *msgid*, best first (the matcher
        gives each one's similarity as its note, ``83.3%``)."""
        found = []
        for unit in self._matcher.matches(msgid):
            score = SCORE.search(unit.getnotes())
            source, target = str(unit.source), str(unit.target)
            found.append(Suggestion(int(float(score.group(1))) if score else MIN_SIMILARITY,
                                    source, target, self.origins.get((source, target), '')))
        return found

    def best(self, msgid: str) -> Suggestion | None:
        found = self.candidates(msgid)
        return found[0] if found else None


def readable(path: Path, locale_dir: Path) -> polib.POFile | None:
    """The catalog at *path*, or None when check-po refuses it (update-po leaves it as is)."""
    if outside(path, locale_dir):
        return None
    try:
        return read_catalog(path)
    except (OSError, ValueError):
        return None


def snapshot(active: Path) -> Snapshot:
    """The bytes of each catalog below *active* (by relative path), before an update: what
    the update leaves as it was needs no second reading."""
    found: Snapshot = {}
    for path in sorted(active.rglob('*.po')):
        if not outside(path, active.parent.parent):
            try:
                found[path.relative_to(active)] = path.read_bytes()
            except OSError:
                continue
    return found


def earlier_entries(data: bytes | None) -> list[polib.POEntry]:
    """The entries of a catalog's earlier bytes (none for a new or unreadable catalog)."""
    try:
        return list(polib.pofile(data.decode('utf-8'))) if data else []
    except (UnicodeDecodeError, OSError, ValueError):
        return []


def memory_note(comment: str) -> str:
    """The memory's two lines of a translator comment."""
    lines = comment.split('\n')
    start = next(i for i, line in enumerate(lines) if NOTED.match(line))
    return '\n'.join(lines[start:start + 2])


def drop_reviewed_notes(catalog: polib.POFile) -> int:
    """The memory's note of each offer a translator reviewed (no longer fuzzy) is dropped:
    the translation is theirs now. Returns how many (``make update-po`` calls it on every
    catalog it reads; a fuzzy offer keeps its note)."""
    dropped = 0
    for entry in catalog:
        while not entry.fuzzy and NOTED.search(entry.tcomment or ''):
            lines = entry.tcomment.split('\n')
            start = next(i for i, line in enumerate(lines) if NOTED.match(line))
            end = start + 2 if start + 1 < len(lines) and lines[start + 1].startswith(
                'from ') else start + 1
            entry.tcomment = '\n'.join(lines[:start] + lines[end:])
            dropped += 1
    return dropped


def carry_notes(catalog: polib.POFile, earlier: list[polib.POEntry]) -> int:
    """A message edited again before its offered translation was reviewed: the merge offers
    that translation again (fuzzy), and it keeps the memory's note, so that no build shows
    it as the last reviewed text. Returns how many."""
    notes = {e.msgstr: memory_note(e.tcomment) for e in earlier if offered(e)}
    keys = {(e.msgctxt, e.msgid) for e in earlier}
    carried = [e for e in catalog if e.fuzzy and not e.obsolete and e.msgstr in notes
               and not offered(e) and (e.msgctxt, e.msgid) not in keys]
    for entry in carried:
        entry.tcomment = '\n'.join(filter(None, (entry.tcomment, notes[entry.msgstr])))
    return len(carried)


def fill(active: Path, parked: Path, before: Snapshot) -> list[str]:
    """After an update: offer each message it added without a translation the memory's best
    earlier translation of the same language (the catalogs below *active* and *parked*).
    Returns the report lines."""
    memory: Memory | None = None
    lines = []
    for path in sorted(active.rglob('*.po')):
        earlier = before.get(path.relative_to(active))
        try:
            if earlier is not None and path.read_bytes() == earlier:
                continue  # the update left it as it was
        except OSError:
            continue
        if (catalog := readable(path, active.parent.parent)) is None:
            continue
        old = earlier_entries(earlier)
        known = {(entry.msgctxt, entry.msgid) for entry in old}
        carried = carry_notes(catalog, old)
        new = [entry for entry in catalog if entry.msgid and not entry.obsolete
               and not entry.msgid_plural and not entry.msgstr and not entry.fuzzy
               and (entry.msgctxt, entry.msgid) not in known]
        offers = 0
        if new:
            memory = memory or Memory(catalog_paths((active, parked)), active.parent.parent)
        for entry in new:
            if (found := memory.best(entry.msgid)) is not None:
                offer(entry, found)
                offers += 1
        if offers or carried:
            save_catalog(catalog, path, mode_of(path))
        if offers:
            lines.append(f'{path}: {offers} new offered an earlier translation (fuzzy, '
                         'for review)')
    return lines


def offer(entry: polib.POEntry, found: Suggestion) -> None:
    """Give *entry* the translation *found*, fuzzy, noting where it comes from."""
    entry.msgstr = found.target
    if found.source != entry.msgid:
        entry.previous_msgid = found.source
    entry.flags.append('fuzzy')
    origin = found.origin.rpartition('LC_MESSAGES/')[2]  # the page's catalog, and line
    note = f'{NOTE}: {found.score}%\nfrom {origin}'
    entry.tcomment = f'{entry.tcomment}\n{note}' if entry.tcomment else note

"""Merge one catalog with its template: every translation kept, edited messages fuzzy."""

from __future__ import annotations

import os
from difflib import SequenceMatcher
from pathlib import Path
from typing import NamedTuple

import polib
from babel import Locale
from babel.core import UnknownLocaleError

from newsroom.i18n.plurals import plural_forms

#: How alike an old and a new message must be for the old translation to be offered (fuzzy).
SIMILARITY = 0.6
#: ``Last-Translator`` of a new catalog, until a translator's editor puts a name there.
TRANSLATORS = 'Newsroom translators'
#: ``Project-Id-Version`` of every page catalog: the same in every language (the template's
#: is the site's name in the source language, which a translation's header should not show).
PROJECT = 'newsroom site'
#: Where Poedit looks for the files the references name, relative to the catalog's folder.
BASEPATH = 'X-Poedit-Basepath'


class Report(NamedTuple):
    """What one update did to one catalog."""

    new: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    revived: int = 0


def language_team(language: str) -> str:
    """``Language-Team``: the language's English name, as the committed catalogs have it."""
    try:
        return Locale.parse(language.replace('-', '_')).english_name or language
    except (ValueError, TypeError, UnknownLocaleError):
        return language


def new_catalog(pot: polib.POFile, language: str) -> polib.POFile:
    """An empty catalog for *language* with a complete header (``msgfmt --check`` is silent).

    No clock: the revision date is the template's creation date (empty without one, which
    msgfmt accepts; gettext's ``YEAR-MO-DA HO:MI+ZONE`` placeholder draws a warning).
    """
    created = pot.metadata.get('POT-Creation-Date', '')
    catalog = polib.POFile(wrapwidth=78)
    catalog.header = f'Translation of the site into {language}.'
    catalog.metadata = {
        'Project-Id-Version': PROJECT,
        'POT-Creation-Date': created,
        'PO-Revision-Date': created,
        'Last-Translator': TRANSLATORS,
        'Language-Team': language_team(language),
        'Language': language,
        'MIME-Version': '1.0',
        'Content-Type': 'text/plain; charset=UTF-8',
        'Content-Transfer-Encoding': '8bit',
        'Plural-Forms': plural_forms(language),
    }
    return catalog


def neutral_header(catalog: polib.POFile, path: Path, root: Path) -> None:
    """Set what ``make update-po`` owns in the header of the catalog at *path*: the neutral
    ``Project-Id-Version``, and ``X-Poedit-Basepath``, the repository root (*root*, which
    the references start from) relative to the catalog's folder. Nothing else: the
    translator's ``PO-Revision-Date`` and ``Last-Translator`` are theirs."""
    catalog.metadata['Project-Id-Version'] = PROJECT
    base = os.path.relpath(os.path.abspath(root), os.path.abspath(path.parent))
    catalog.metadata[BASEPATH] = Path(base).as_posix()


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


def previous_of(match: polib.POEntry) -> tuple[str | None, str]:
    """The source the translation of *match* was made for: its own ``#|`` if it is fuzzy.

    So a message edited twice before review still shows the text that was translated,
    as GNU msgmerge keeps it, not the intermediate edit.
    """
    if 'fuzzy' in match.flags and match.previous_msgid:
        return match.previous_msgctxt, match.previous_msgid
    return match.msgctxt, match.msgid


def merge(catalog: polib.POFile, pot: polib.POFile) -> Report:
    """Bring *catalog* in line with *pot*, in place.

    Kept: every translation. An unchanged message keeps its translation; a changed one is
    offered the closest old translation of this catalog as fuzzy, with the source it was
    translated from as ``#| msgid``; a removed one becomes obsolete (``#~``) and comes back
    if its source does.
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
                entry.msgstr = match.msgstr
                entry.previous_msgctxt, entry.previous_msgid = previous_of(match)
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

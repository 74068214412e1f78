"""Renamed and moved pages: which old catalog a new page's catalog should start from."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import polib

#: The share of a new page's messages an old catalog must have translated for it to follow.
FOLLOW = 0.6

Key = tuple[str | None, str]


class Candidate(NamedTuple):
    """An old catalog whose page is gone: one just gone (active) or parked in ``obsolete/``."""

    relative: Path
    path: Path
    parked: bool


def keys(pot: polib.POFile) -> set[Key]:
    """The messages of a template."""
    return {(entry.msgctxt, entry.msgid) for entry in pot if entry.msgid}


def translated_keys(path: Path) -> set[Key]:
    """The messages *path* has a reviewed translation of (obsolete ones too: they come back).

    An unreadable catalog has none here; ``update-po`` reports it where it stands.
    """
    try:
        catalog = polib.pofile(str(path))
    except (OSError, ValueError, UnicodeDecodeError):
        return set()
    return {(entry.msgctxt, entry.msgid) for entry in catalog
            if entry.msgid and 'fuzzy' not in entry.flags
            and (entry.msgstr or any(entry.msgstr_plural.values()))}


def share(wanted: set[Key], translated: set[Key]) -> float:
    """The part of *wanted* that *translated* covers (0 for a page without messages)."""
    return len(wanted & translated) / len(wanted) if wanted else 0.0


def followers(arriving: dict[Path, set[Key]], candidates: list[Candidate],
              ) -> dict[Path, Candidate]:
    """For each new page (by catalog path), the old catalog it takes over, if any.

    A pair qualifies when the old catalog translates at least :data:`FOLLOW` of the new
    page's messages. Best pairs first: the highest share, then the new page's name, then the
    old catalog's (a catalog just left behind before a parked one); each catalog goes once.
    """
    translated = {candidate: translated_keys(candidate.path) for candidate in candidates}
    scored = [(share(wanted, translated[candidate]), new, candidate)
              for new, wanted in arriving.items() for candidate in candidates]
    ranked = sorted((item for item in scored if item[0] >= FOLLOW),
                    key=lambda item: (-item[0], item[1], item[2].relative, item[2].parked))
    chosen: dict[Path, Candidate] = {}
    for _, new, candidate in ranked:
        if new not in chosen and candidate not in chosen.values():
            chosen[new] = candidate
    return chosen

"""The addresses the tag labels of a language's ``tags.po`` give, recorded in its ledger."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polib

from newsroom.core.article import tag_slug
from newsroom.core.tagaddresses import label_slug
from newsroom.core.taglabels import CATALOG
from newsroom.core.tagledger import LedgerError, ledger_path, read_ledger, recorded, write_ledger
from newsroom.i18n.checked import read_catalog
from newsroom.i18n.pocheck import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

#: What a reader of ``check-po`` does about an address its ledger lacks.
HINT = ('make update-po records it, so that a later change of this label keeps the address '
        'working (a redirect page)')


def catalog_addresses(locale_dir: Path, language: str) -> dict[str, tuple[str, int]]:
    """Source slug → (slug of its page in *language*, line in ``tags.po``) for each label
    the checked ``tags.po`` translates; none from a catalog the checks refuse (no build
    publishes its labels)."""
    path = locale_dir / language / 'LC_MESSAGES' / f'{CATALOG}.po'
    if not path.is_file():
        return {}
    read = read_catalog(path, language, root=locale_dir)[0]
    if read.refused:
        return {}
    lines = {entry.msgid: entry.linenum for entry in polib.pofile(str(path))}
    return {tag_slug(label): (label_slug(shown), lines.get(label, 1))
            for label, shown in read.messages.items()}


def record(locale_dir: Path, language: str) -> str:
    """Add the addresses of *language*'s tag labels to its ledger (atomically, only when
    one is new); a line saying what was added, '' for nothing."""
    path = ledger_path(locale_dir, language)
    current = {slug: local for slug, (local, _line) in
               catalog_addresses(locale_dir, language).items()}
    try:
        before = read_ledger(path)
    except LedgerError as exc:
        return f'{exc}: not updated; mend or remove it and run make update-po again'
    after = recorded(before, current)
    if after == before:
        return ''
    write_ledger(path, after)
    added = sorted({s for slug, slugs in after.items() for s in slugs}
                   - {s for slugs in before.values() for s in slugs})
    return f'{path}: tag addresses recorded: {", ".join(added)}'


def check(locale_dir: Path, languages: Iterable[str], *, strict: bool = False,
          ) -> list[Problem]:
    """A warning (an error if *strict*) for each translated tag label whose address its
    language's ledger lacks, at its line of ``tags.po``; the ledger's own error."""
    severity = 'error' if strict else 'warning'
    problems: list[Problem] = []
    for language in languages:
        path = ledger_path(locale_dir, language)
        try:
            ledger = read_ledger(path)
        except LedgerError as exc:
            problems.append(Problem(exc.path, exc.line, exc.message,
                                    'mend or remove it, then run make update-po'))
            continue
        catalog = locale_dir / language / 'LC_MESSAGES' / f'{CATALOG}.po'
        for slug, (local, line) in sorted(catalog_addresses(locale_dir, language).items()):
            if local != slug and local not in ledger.get(slug, ()):
                problems.append(Problem(
                    catalog, line, f'the address “{local}” of this tag is not recorded in '
                    f'{path}', HINT, severity))
    return problems

"""The addresses each tag's page has had in a language, kept in the sources: renaming a tag's
translated label leaves a page at every address it had, leading to the new one.

A ledger is ``<locale folder>/<lang>/tag-addresses.json``: the source slug of each tag
(``kitay``) → the slugs its page has had in that language, oldest first (``["china",
"peoples-republic-of-china"]``). ``make update-po`` adds the slugs of the labels of that
language's ``tags.po`` (``i18n/tagrecord.py``), written atomically; the build reads it and
makes a redirect page at each address that is no longer a tag's page. The build never
writes it and never reads an earlier build's output: the site stays a function of the
sources, and a clone or a scratch copy builds the same redirects.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from newsroom.core.files import write_atomically

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

#: The ledger's file name in ``<locale folder>/<lang>/``.
LEDGER = 'tag-addresses.json'
#: What a slug may be (``article.tag_slug`` makes no other): it names a file, so a ledger
#: never puts a page outside the tags folder.
SLUG = re.compile(r'[a-z0-9]+(?:-[a-z0-9]+)*')


class LedgerError(ValueError):
    """A ledger that is not an object of slug → list of slugs: where, and why."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f'{path}:{line}: {message}')
        self.path, self.line, self.message = path, line, message


def ledger_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / LEDGER


def parse(text: str, path: Path) -> dict[str, list[str]]:
    """A ledger's entries; :class:`LedgerError` with the line of what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LedgerError(path, exc.lineno, f'not JSON: {exc.msg}') from None
    if not isinstance(data, dict):
        raise LedgerError(path, 1, 'not an object of tag slug → list of slugs')
    for slug, slugs in data.items():
        if (not SLUG.fullmatch(slug) or not isinstance(slugs, list)
                or not all(isinstance(s, str) and SLUG.fullmatch(s) for s in slugs)):
            at = text.find(json.dumps(slug, ensure_ascii=False))
            line = 1 + text[:max(at, 0)].count('\n')
            raise LedgerError(path, line, f'{slug!r}: slugs are lower-case Latin letters, '
                                          'digits and hyphens, listed as ["…", …]')
    return data


def read_ledger(path: Path) -> dict[str, list[str]]:
    """The ledger at *path* ({} if there is none); :class:`LedgerError` if it is broken."""
    try:
        text = path.read_text(encoding='utf-8')
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(path, 1, f'unreadable: {exc}') from None
    return parse(text, path)


def recorded(ledger: Mapping[str, list[str]], current: Mapping[str, str]
             ) -> dict[str, list[str]]:
    """*ledger* with each tag's *current* slug (source slug → slug) added where it is not
    listed yet; nothing is ever taken out."""
    out = {slug: list(slugs) for slug, slugs in ledger.items()}
    for slug, local in sorted(current.items()):
        if local != slug and local not in out.get(slug, []):
            out.setdefault(slug, []).append(local)
    return out


def dumps(ledger: Mapping[str, list[str]]) -> str:
    """A ledger as its file holds it: a tag a line, sorted, for readable diffs."""
    lines = [f' {json.dumps(slug)}: {json.dumps(slugs)}'
             for slug, slugs in sorted(ledger.items())]
    return '{\n%s\n}\n' % ',\n'.join(lines) if lines else '{}\n'


def write_ledger(path: Path, ledger: Mapping[str, list[str]]) -> None:
    write_atomically(path, dumps(ledger).encode('utf-8'))

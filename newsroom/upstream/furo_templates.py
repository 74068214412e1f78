"""furo's templates we fork, and the differences our forks are documented to have.

Touches: furo's ``page.html``, ``partials/icons.html`` and ``sidebar/brand.html``, copied
into the theme wing with a few lines changed (FORKS), and furo's markup and CSS classes
that the rest of the copies keep.
Why: furo prints fixed English labels (icon titles, the navigation toggles' names, the
"Toggle Light / Dark / Auto color theme" button) that no catalog translates, an
unescaped site title, and a mobile header and footer a newspaper replaces: a template
block cannot change those lines, so the files are copied. Reader-visible (the markup of
every page): an untested furo stops the build (:func:`check`), and
tests/test_upstream.py diffs each fork against the installed furo, failing with the lines
furo changed outside the documented differences (``furo-forks/*.diff``).
Delete when: furo's labels go through ``_()`` and its page is split into blocks
(docs-dev/upstream/furo-untranslatable-labels.md).
"""

from __future__ import annotations

import difflib
from pathlib import Path

from newsroom.upstream import versions

THEME = Path(__file__).resolve().parent.parent / 'theme' / 'templates'
#: Our fork → the furo template it is copied from (relative to furo's theme folder).
FORKS = {
    'newsroom/furo-page.html': 'page.html',
    'partials/icons.html': 'partials/icons.html',
    'sidebar/brand.html': 'sidebar/brand.html',
}
#: Where each fork's documented differences are kept (a diff without context).
DOCUMENTED = Path(__file__).resolve().parent / 'furo-forks'

Hunk = tuple[tuple[str, ...], tuple[str, ...]]


def furo_theme() -> Path:
    """The installed furo's theme folder."""
    import furo  # noqa: PLC0415 (only when asked: the theme wing loads furo itself)

    return Path(furo.__file__).resolve().parent / 'theme' / 'furo'


def diff(furo_text: str, fork_text: str, name: str) -> list[str]:
    """furo's template → our fork, as a diff without context lines."""
    return list(difflib.unified_diff(furo_text.splitlines(), fork_text.splitlines(),
                                     f'furo/{name}', name, n=0, lineterm=''))


def hunks(lines: list[str]) -> list[tuple[int, Hunk]]:
    """The hunks of a diff without context: (furo's first line, (furo's lines, ours))."""
    found: list[tuple[int, Hunk]] = []
    start, old, new = 0, [], []  # type: ignore[var-annotated]
    for line in [*lines, '@@ end']:
        if line.startswith(('---', '+++')):
            continue
        if line.startswith('@@'):
            if old or new:
                found.append((start, (tuple(old), tuple(new))))
            start = int(line.split()[1].lstrip('-').split(',')[0]) if line != '@@ end' else 0
            old, new = [], []
        elif line.startswith('-'):
            old.append(line[1:])
        elif line.startswith('+'):
            new.append(line[1:])
    return found


def undocumented(furo_text: str, fork_text: str, documented: list[str], name: str,
                 ) -> list[str]:
    """The differences between furo's template and our fork that *documented* (a diff
    without context) does not list, and the documented ones furo's template no longer
    has, each naming furo's line."""
    expected = [hunk for _line, hunk in hunks(documented)]
    problems = []
    for line, hunk in hunks(diff(furo_text, fork_text, name)):
        if hunk in expected:
            expected.remove(hunk)
            continue
        what = '\n'.join([*(f'  furo: {text}' for text in hunk[0]),
                          *(f'  fork: {text}' for text in hunk[1])])
        problems.append(f'furo/{name}:{line}: differs from {name} outside the documented '
                        f'differences:\n{what}')
    for old, _new in expected:
        problems.append(f'furo/{name}: no longer has the lines {name} replaces:\n'
                        + '\n'.join(f'  {text}' for text in old))
    return problems


def check() -> None:
    """Stop the build on an untested furo (versions.py)."""
    versions.require('furo_templates')

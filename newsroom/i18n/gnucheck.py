"""GNU gettext's verdict on many catalogs: ``msgcat`` reads them in one process, ``msgfmt --check`` each that needs more."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polib

#: The lines of a catalog whose checks ``msgfmt --check`` adds to reading it: plural
#: forms (counted against the header's ``nplurals``), contexts (a header under a
#: ``msgctxt`` is no header to msgfmt, and one to polib), flags other than ``fuzzy``
#: (format strings, ranges; ``#=`` holds sticky flags), and escapes beyond ``\\n \\t
#: \\" \\\\`` (an octal or hex escape can end a message with a newline polib does not see).
KEYWORDS = re.compile(r'^[ \t]*(?:#~[ \t]*)?(?:msgid_plural|msgstr\[|msgctxt)', re.MULTILINE)
FLAGS = re.compile(r'^[ \t]*#([,=])(.*)$', re.MULTILINE)
RARE_ESCAPE = re.compile(r'\\[^n"\\t]')


def needs_msgfmt(text: str, catalog: polib.POFile | None) -> bool:
    """Whether ``msgfmt --check`` judges more of this catalog than ``msgcat`` reading it
    and our own checks: its plural forms, contexts, flags, or a message that begins or
    ends with a newline (``msgid`` and ``msgstr`` must agree); always, for a catalog polib
    could not read. Decided on the file's lines as gettext reads them, and on polib's
    strings only when no escape could make them differ from gettext's."""
    if catalog is None or KEYWORDS.search(text) or RARE_ESCAPE.search(text):
        return True
    for kind, flags in FLAGS.findall(text):
        if kind == '=' or {flag.strip() for flag in flags.split(',')} - {'', 'fuzzy'}:
            return True
    return any(string[:1] == '\n' or string[-1:] == '\n'
               for entry in catalog for string in (entry.msgid, entry.msgstr))


def msgcat_refusals(names: list[str]) -> set[str]:
    """The catalogs of *names* that ``msgcat`` (GNU gettext's reader, the one ``msgfmt``
    uses) finds fault with: all of *names* read in one process, again from the next after
    each refusal (``msgcat`` stops at the first catalog with an error). A catalog that
    cannot be told apart from the output is refused with every catalog after it; all of
    them when ``msgcat`` is not installed (``msgfmt --check`` then judges each)."""
    msgcat = shutil.which('msgcat')
    if msgcat is None:
        return set(names)
    refused: set[str] = set()
    start = 0
    while start < len(names):
        result = subprocess.run([msgcat, '-o', os.devnull, '--', *names[start:]],
                                capture_output=True, text=True, errors='replace', check=False)
        if result.returncode == 0:
            break
        named = first_named(names, start, result.stderr)
        if named is None:
            refused.update(names[start:])
            break
        refused.add(names[named])
        start = named + 1
    return refused


def first_named(names: list[str], start: int, output: str) -> int | None:
    """The index of the first of ``names[start:]`` that a line of *output* names
    (``name:line: …`` or ``msgcat: name: …``); None when no line names one. Earlier is
    safer: every catalog after it is read again."""
    lines = output.splitlines()
    for index in range(start, len(names)):
        prefixes = (f'{names[index]}:', f'msgcat: {names[index]}:')
        if any(line.startswith(prefixes) for line in lines):
            return index
    return None


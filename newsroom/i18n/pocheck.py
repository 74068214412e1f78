"""Lint translation catalogs: syntax, encoding, headers, duplicates and protected markup."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import polib

from newsroom.core.interface import (formats_added, markup_added, nesting,
                                     plural_too_complex)
from newsroom.core.files import leaves
from newsroom.core.translations import REVISION_HEADER
from newsroom.i18n.markup import blocks, markup_differences
from newsroom.i18n.plurals import expected_plural_forms, same_rule
from newsroom.i18n.usable import unusable

if TYPE_CHECKING:
    from collections.abc import Iterable

KEYWORD = re.compile(r'^(?:#~\s*)?(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*)$')
STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*$')
SEPARATOR = re.compile('[\u2028\u2029\x85]')
#: A backslash and what follows it, left to right (``\\\\`` is one escape, then the rest).
ESCAPE = re.compile(r'\\(.?)')
GOOD_ESCAPE = re.compile(r'[\\"ntrabfv0-7]|x[0-9A-Fa-f]')
#: Characters a translation may not add: those XML 1.0 forbids (a feed could not be written),
#: the bidirectional controls that make text read otherwise than it is stored (Trojan
#: Source), and the line and paragraph separators a word processor pastes.
INVISIBLE = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\u202a-\u202e'
                       '\u2066-\u2069\u061c\u200e\u200f\u2028\u2029]')
PLURAL_FORMS = re.compile(r'^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*[^;]+;?\s*$')
BOM = '\ufeff'
ISO_DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')


class Problem(NamedTuple):
    """One problem in a catalog, with the line to look at and what to do about it; an
    ``error`` refuses the catalog, a ``warning`` names a translation the build ignores."""

    path: Path
    line: int
    message: str
    hint: str = ''
    severity: str = 'error'
    #: What an error refuses: the whole ``catalog`` (it cannot be trusted or read), or one
    #: ``message`` the build would not show (it counts as untranslated, the rest is used).
    scope: str = 'catalog'

    def __str__(self) -> str:
        hint = f' (hint: {self.hint})' if self.hint else ''
        return f'{self.path}:{self.line}: {self.severity}: {self.message}{hint}'


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that fail ``make check-po``."""
    return [problem for problem in problems if problem.severity == 'error']


def refusals(problems: Iterable[Problem]) -> list[Problem]:
    """The errors that refuse a whole catalog (the build then uses none of it)."""
    return [problem for problem in errors(problems) if problem.scope == 'catalog']


def refused_lines(problems: Iterable[Problem]) -> set[int]:
    """The lines of the entries refused one by one (the build leaves them untranslated)."""
    return {problem.line for problem in errors(problems) if problem.scope == 'message'}


def check_syntax(path: Path, data: bytes) -> list[Problem]:
    """Encoding (UTF-8, no BOM) and line-level PO syntax: strings, escapes, keywords."""
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b'\n') + 1
        return [Problem(path, line, 'the file is not valid UTF-8',
                        'save the catalog as UTF-8 (Poedit and Weblate do so by default)')]
    problems = []
    if text.startswith(BOM):
        text = text.removeprefix(BOM)
        problems.append(Problem(path, 1, 'the file starts with a byte-order mark (BOM)',
                                'save it as UTF-8 without BOM (Poedit: save it again, '
                                'Poedit writes no BOM; Notepad++: Encoding > UTF-8; VS Code: '
                                'Save with Encoding > UTF-8)'))
    # Lines end at \n alone, as in gettext (str.splitlines would also end one at U+2028).
    for number, raw in enumerate(text.split('\n'), start=1):
        if separator := SEPARATOR.search(raw):
            problems.append(Problem(path, number, f'a line separator '
                                    f'(U+{ord(separator.group()):04X}) inside the line, '
                                    'invisible in most editors (pasted from a word processor)',
                                    'delete it or replace it with a space'))
            continue
        line = raw.strip()
        if not line or (line.startswith('#') and not line.startswith('#~')) \
                or line.startswith('#~|'):
            continue
        keyword = KEYWORD.match(line)
        string = keyword.group(2) if keyword else line.removeprefix('#~').strip()
        if not keyword and not string.startswith('"'):
            problems.append(Problem(path, number, f'unknown keyword line {line[:40]!r}',
                                    'a line is a comment (#…), a keyword (msgid, msgstr…) '
                                    'or a quoted continuation string'))
        elif not STRING.match(string):
            problems.append(Problem(path, number, 'unterminated or malformed string',
                                    'close the string with a double quote; write \\" inside'))
        elif bad := bad_escape(string):
            problems.append(Problem(path, number, f'invalid escape "{bad}"',
                                    'use \\n, \\t, \\" or \\\\ (a backslash is written \\\\)'))
    return problems


def bad_escape(string: str) -> str | None:
    """The first escape of a quoted PO string gettext does not know (``\\q``), if any."""
    for escape in ESCAPE.finditer(string[1:-1]):
        if not GOOD_ESCAPE.match(escape.group(1) + string[escape.end() + 1:escape.end() + 2]):
            return escape.group(0)
    return None


def invisible(original: str, translation: str) -> list[str]:
    """The invisible or forbidden characters *translation* has and *original* lacks, named
    as ``U+XXXX``."""
    return sorted({f'U+{ord(char):04X}' for char in INVISIBLE.findall(translation)
                   if char not in original})


def check_header(path: Path, catalog: polib.POFile, language: str | None) -> list[Problem]:
    """Content-Type must be UTF-8, Language must match, Plural-Forms must be its rule."""
    problems = []
    charset = re.search(r'charset=([\w.-]+)', catalog.metadata.get('Content-Type', ''))
    if not charset or charset.group(1).lower().replace('_', '-') not in ('utf-8', 'utf8'):
        problems.append(Problem(path, 1, 'the header does not declare charset=UTF-8',
                                'set "Content-Type: text/plain; charset=UTF-8\\n" and save '
                                'the file as UTF-8'))
    declared = catalog.metadata.get('Language', '').strip()
    if language and declared.replace('-', '_') != language.replace('-', '_'):
        problems.append(Problem(path, 1, f'the header says Language {declared!r}, '
                                f'the catalog is in the {language!r} folder',
                                f'set "Language: {language}\\n"'))
    revised = catalog.metadata.get(REVISION_HEADER)
    if revised is not None and not ISO_DATE.match(revised.strip()):
        problems.append(Problem(path, 1, f'the header {REVISION_HEADER} is {revised!r}, not '
                                'a date', f'"make update-po" writes it as "{REVISION_HEADER}: '
                                'YYYY-MM-DD\\n" (the day the original changed after this '
                                'translation was published); fix or remove it'))
    return problems + check_plural_forms(path, catalog.metadata.get('Plural-Forms', ''),
                                         language or declared)


def check_plural_forms(path: Path, header: str, language: str) -> list[Problem]:
    """Plural-Forms must be well formed and state the CLDR rule of *language*."""
    expected = expected_plural_forms(language) if language else None
    hint = f'set "Plural-Forms: {expected}\\n"' if expected else \
        'for English: "Plural-Forms: nplurals=2; plural=(n != 1);\\n"'
    if not PLURAL_FORMS.match(header):
        return [Problem(path, 1, 'missing or malformed Plural-Forms header', hint)]
    if plural_too_complex(header):
        return [Problem(path, 1, f'the Plural-Forms expression is too complex ({len(header)} '
                        f'characters, {nesting(header)} levels of parentheses)', hint)]
    if expected and not same_rule(header, expected):
        return [Problem(path, 1, f'the Plural-Forms header {header.strip()!r} is not the '
                        f'plural rule of {language!r} (CLDR)', hint)]
    return []


def check_entries(path: Path, catalog: polib.POFile, *, interface: bool = False
                  ) -> list[Problem]:
    """Duplicates, translations that change or add markup (MyST for pages, HTML for the
    interface's strings, which templates print), and translations the build ignores."""
    problems: list[Problem] = []
    seen: dict[tuple[str | None, str], int] = {}
    for entry in catalog:  # active and obsolete (#~) entries alike
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            problems.append(Problem(path, entry.linenum, 'duplicate message definition '
                                    f'(first at line {seen[key]})',
                                    'keep one entry; delete the other (an obsolete #~ copy '
                                    'of an active entry is a duplicate too)'))
        seen.setdefault(key, entry.linenum)
    for entry in catalog.translated_entries():
        strings = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        if found := sorted({name for string in strings for name in invisible(
                entry.msgid + (entry.msgid_plural or ''), string)}):
            problems.append(Problem(path, entry.linenum, f'the translation holds invisible or '
                                    f'forbidden characters ({", ".join(found)}) its original '
                                    f'lacks (msgid {entry.msgid[:60]!r})',
                                    'retype the text: a control character, a direction '
                                    'override (it makes text read otherwise than it is '
                                    'written) or a line separator pasted from a word '
                                    'processor (use a space)', 'error', 'message'))
        if interface:
            originals = tuple(filter(None, (entry.msgid, entry.msgid_plural)))
            if any(markup_added(originals, string) for string in strings):
                problems.append(Problem(path, entry.linenum, 'the translation adds HTML tags, '
                                        'quotes, "<", ">", "&" or character references '
                                        f'(msgid {entry.msgid[:60]!r})',
                                        'interface strings are printed as HTML: write plain '
                                        'text, with the tags and quotes of the original only '
                                        '(use “typographic” quotes)'))
            if added := sorted({spec for string in strings
                                for spec in formats_added(originals, string)}):
                problems.append(Problem(path, entry.linenum, 'the translation has a format '
                                        f'specification its original lacks {added} '
                                        f'(msgid {entry.msgid[:60]!r})',
                                        'keep each placeholder exactly as the original writes '
                                        'it, e.g. %(site)s: no width, precision or other '
                                        'conversion'))
            continue
        if reason := unusable(entry, blocks):  # the full parses the markup check reuses
            problems.append(Problem(path, entry.linenum, f'the page would show the original, '
                                    f'not this translation (msgid {entry.msgid[:60]!r})',
                                    reason, 'error', 'message'))
        for string in strings:
            for difference in markup_differences(entry.msgid, string):
                problems.append(Problem(
                    path, entry.linenum, f'the translation {difference} '
                    f'(msgid {entry.msgid[:60]!r})',
                    'a translation must keep the URLs, link targets, roles, inline code, '
                    'images and paths of the original, and add no HTML or directives'))
    return problems


def run_msgfmt(path: Path) -> list[Problem]:
    """GNU gettext's own verdict (``msgfmt --check``), when gettext is installed."""
    msgfmt = shutil.which('msgfmt')
    if msgfmt is None:
        return []
    result = subprocess.run([msgfmt, '--check', '-o', '/dev/null', str(path)],
                            capture_output=True, text=True, errors='replace', check=False)
    if result.returncode == 0:
        return []
    problems = []
    for line in result.stderr.splitlines():
        match = re.match(rf'^{re.escape(str(path))}:(\d+)(?::\d+)?: (.*)$', line)
        if match and not match.group(2).startswith(('warning', '...')):
            problems.append(Problem(path, int(match.group(1)), f'msgfmt: {match.group(2)}'))
    return problems or [Problem(path, 1, f'msgfmt: {result.stderr.strip()[:200]}')]


def outside(path: Path, root: Path) -> list[Problem]:
    """A catalog that is a symbolic link out of its locale folder *root*: refused unread
    (its target's lines are never printed)."""
    if not leaves(path, root):
        return []
    return [Problem(path, 1, f'the catalog is a symbolic link to a file outside {root}; it '
                    'is not read', 'replace the link with the catalog itself (git: commit '
                    'the file, not a link)')]


def check_catalog(path: Path, language: str | None = None, *, msgfmt: bool = True,
                  interface: bool = False) -> list[Problem]:
    """Every problem of one catalog; without errors it is safe to compile and publish."""
    return read_checked(path, language, msgfmt=msgfmt, interface=interface)[0]


def read_checked(path: Path, language: str | None = None, *, msgfmt: bool = True,
                 interface: bool = False, data: bytes | None = None,
                 ) -> tuple[list[Problem], polib.POFile | None]:
    """:func:`check_catalog`'s problems, and the catalog as polib read it (None when it
    could not be read), for a caller that compiles it next; *data*, the file's bytes when
    the caller has read them already (what is checked is then what it compiles)."""
    data = path.read_bytes() if data is None else data
    problems, catalog = check_syntax(path, data), None
    if not problems:
        try:
            catalog = polib.pofile(data.decode('utf-8'), encoding='utf-8')
        except (OSError, ValueError) as exc:
            problems.append(Problem(path, 1, f'cannot be parsed: {exc}'))
        else:
            problems += check_header(path, catalog, language) + check_entries(
                path, catalog, interface=interface)
    return (with_msgfmt(path, problems) if msgfmt else sorted(problems, key=lambda p: p.line),
            catalog)


def with_msgfmt(path: Path, problems: list[Problem]) -> list[Problem]:
    """*problems* and ``msgfmt --check``'s at the lines they do not name, by line."""
    known = {problem.line for problem in problems}
    found = problems + [problem for problem in run_msgfmt(path) if problem.line not in known]
    return sorted(found, key=lambda problem: problem.line)

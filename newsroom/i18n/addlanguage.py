"""Add a language: conf.py's list, every page catalog and the interface catalogs, in one step."""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
import sphinx
from babel import Locale
from babel.core import UnknownLocaleError

from newsroom.core.files import write_atomically
from newsroom.core.interface import UI_DOMAINS, UI_LOCALE, adds_markup
from newsroom.i18n import pomerge, postats
from newsroom.i18n.pofiles import save_catalog
from newsroom.i18n.pomessages import new_catalog

CODE = re.compile(r'[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*')
PLACEHOLDER = re.compile(r'%\(\w+\)\w|%%|\$\{\w+\}|\{\w*\}')
SPHINX_LOCALE = Path(sphinx.__file__).parent / 'locale'


class Refusal(Exception):
    """Why the language cannot be added; nothing was changed."""


def check_code(code: str, languages: tuple[str, ...]) -> None:
    """Refuse a code Babel does not know, or one the site already has."""
    if code in languages:
        raise Refusal(f'{code!r} is already in newsroom_languages {list(languages)}; '
                      'to update its catalogs, run make update-po')
    try:
        if not CODE.fullmatch(code):
            raise ValueError(code)
        Locale.parse(code.replace('-', '_'))
    except (ValueError, TypeError, UnknownLocaleError) as exc:
        raise Refusal(f'{code!r} is not a language code Babel (CLDR) knows, e.g. de, fr, '
                      f'pt-BR ({exc.__class__.__name__})') from None


def conf_with(conf: Path, code: str) -> bytes:
    """conf.py's bytes with *code* appended to the ``newsroom_languages`` list literal."""
    data = conf.read_bytes()
    tree = ast.parse(data, str(conf))
    found = [node for node in tree.body if isinstance(node, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == 'newsroom_languages'
                     for t in node.targets)]
    advice = f"add '{code}' to newsroom_languages in {conf} by hand, then run make update-po"
    if len(found) != 1 or len(found[0].targets) != 1:
        raise Refusal(f'{conf}: newsroom_languages is not assigned exactly once; {advice}')
    value = found[0].value
    if not (isinstance(value, ast.List) and value.elts and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts)):
        raise Refusal(f'{conf}:{found[0].lineno}: newsroom_languages is not a plain list '
                      f"of strings (['ru', 'en']); {advice}")
    last = value.elts[-1]
    lines = data.splitlines(keepends=True)
    end_line, end_col = last.end_lineno or last.lineno, last.end_col_offset or 0
    offset = sum(map(len, lines[:end_line - 1])) + end_col  # UTF-8 offsets, like ast's
    quote = lines[last.lineno - 1][last.col_offset:last.col_offset + 1].decode()
    quote = quote if quote in ('"', "'") else "'"
    result = data[:offset] + f', {quote}{code}{quote}'.encode() + data[offset:]
    old = [e.value for e in value.elts]  # type: ignore[attr-defined]
    check = [n for n in ast.parse(result).body if isinstance(n, ast.Assign) and n.lineno ==
             found[0].lineno]
    if not check or ast.literal_eval(check[0].value) != [*old, code]:
        raise Refusal(f'{conf}: could not edit newsroom_languages safely; {advice}')
    return result


def extract(confdir: Path, docs: Path, pot_dir: Path) -> None:
    """The page templates, as ``make gettext`` extracts them (a fresh extraction)."""
    with tempfile.TemporaryDirectory() as doctrees:
        command = [sys.executable, '-m', 'sphinx', '-b', 'gettext', '-E', '-q', '-d', doctrees,
                   '-W', '--keep-going', '-c', str(confdir), str(docs), str(pot_dir)]
        if subprocess.run(command, check=False).returncode:
            raise Refusal(f'extracting the messages of {docs} failed (see above); fix the '
                          'sources first (make gettext)')


def sphinx_translations(code: str) -> dict[tuple[str | None, str], polib.POEntry]:
    """Sphinx's own reviewed translations into *code* (none if Sphinx has no catalog)."""
    for name in (code.replace('-', '_'), code.split('-')[0].split('_')[0]):
        path = SPHINX_LOCALE / name / 'LC_MESSAGES' / 'sphinx.po'
        if path.is_file():
            return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path))
                    if e.translated() and not e.obsolete}
    return {}


def usable(entry: polib.POEntry, found: polib.POEntry, forms: int) -> bool:
    """Whether Sphinx's translation fits our entry: same plural, placeholders and markup."""
    if (entry.msgid_plural or '') != (found.msgid_plural or ''):
        return False
    strings = list(found.msgstr_plural.values()) if entry.msgid_plural else [found.msgstr]
    if entry.msgid_plural and len(strings) != forms:
        return False
    wanted = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
    return all(s and not adds_markup(entry.msgid, s) and (entry.msgid_plural or sorted(
        PLACEHOLDER.findall(s)) == wanted) for s in strings)


def interface_catalog(pot_path: Path, code: str) -> tuple[polib.POFile, int]:
    """A new interface catalog; each message Sphinx translates is filled in (not fuzzy:
    Sphinx's translations are reviewed upstream). Returns it and how many were filled."""
    pot = polib.pofile(str(pot_path), wrapwidth=78)
    catalog = new_catalog(pot, code)
    catalog.header = f'{catalog.metadata["Language-Team"]} interface strings ({pot_path.name}).'
    forms = int(catalog.metadata['Plural-Forms'].split(';')[0].split('=')[1])
    known, filled = sphinx_translations(code), 0
    for entry in pot:
        if entry.msgid_plural:
            entry.msgstr_plural = dict.fromkeys(range(forms), '')
        if (found := known.get((entry.msgctxt, entry.msgid))) and usable(entry, found, forms):
            entry.msgstr, entry.msgstr_plural = found.msgstr, dict(found.msgstr_plural)
            entry.tcomment = "from Sphinx's own catalog"
            filled += 1
        catalog.append(entry)
    return catalog, filled


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('language', help='the code of the new language, e.g. de or pt-BR')
    parser.add_argument('--docs', type=Path, help='the sources (default: <confdir>/docs)')
    parser.add_argument('--locale-dir', type=Path,
                        help='the page catalogs (default: <confdir>/locale)')
    parser.add_argument('--ui-locale-dir', type=Path, default=UI_LOCALE,
                        help="the interface catalogs and their templates (default: newsroom's)")
    parser.add_argument('--pot-dir', type=Path,
                        help='templates already extracted (make gettext); default: extract now')


def run(args: argparse.Namespace) -> int:
    """Add the language, or refuse (exit 2) without changing anything."""
    code, conf = args.language, args.confdir / 'conf.py'
    docs = args.docs or args.confdir / 'docs'
    locale_dir = args.locale_dir or args.confdir / 'locale'
    try:
        check_code(code, args.site.languages)
        new_conf = conf_with(conf, code)
        pots = {d: args.ui_locale_dir / f'{d}.pot' for d in UI_DOMAINS}
        if missing := [str(p) for p in pots.values() if not p.is_file()]:
            raise Refusal(f'the interface templates are missing: {", ".join(missing)}')
        # Extracted two levels below the project, as make gettext does (_build/gettext), so
        # the new catalogs name their sources as make update-po will (../../docs/…).
        (args.confdir / '_build').mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(dir=args.confdir / '_build') as scratch:
            pot_dir = args.pot_dir or Path(scratch)
            if not args.pot_dir:
                extract(args.confdir, docs, pot_dir)
            errors, lines = pomerge.update_language(pot_dir, locale_dir, code)
            if errors:
                print('\n'.join(lines), file=sys.stderr)
                raise Refusal(f'the catalogs of {code!r} could not be started')
            pages = list(postats.collect(pot_dir, locale_dir, code))
    except Refusal as exc:
        print(f'error: add-language: {exc}', file=sys.stderr)
        return 2
    filled = {}
    for domain, pot_path in pots.items():
        path = args.ui_locale_dir / code / 'LC_MESSAGES' / f'{domain}.po'
        if path.exists():
            print(f'{path}: kept (it exists already)')
            continue
        catalog, filled[domain] = interface_catalog(pot_path, code)
        save_catalog(catalog, path)
    write_atomically(conf, new_conf)  # last: a failure before it leaves the list as it was
    print(f'{conf}: {code!r} added to newsroom_languages')
    todo = sum(c.untranslated + c.fuzzy for _p, c, _t in pages)
    print(f'{code}: pages: {len(pages)} catalogs in {locale_dir / code}, '
          f'{todo} of {sum(c.total for _p, c, _t in pages)} messages to translate')
    for page, counts, _todos in postats.collect(None, args.ui_locale_dir, code):
        got = f', {filled[page]} from Sphinx' if filled.get(page) else ''
        print(f'{code}: interface {page}.po: {counts.translated} of {counts.total} '
              f'translated{got}, {counts.untranslated + counts.fuzzy} to translate')
    print('Next: translate them (make todo), then make check-po and make html.')
    return 0

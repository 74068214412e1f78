"""Catalog headers: Plural-Forms must be the language's CLDR rule, a BOM is one clear error, and
new catalogs satisfy ``msgfmt --check`` without a warning."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from newsroom.cli import main as newsroom_main
from newsroom.i18n.plurals import same_rule
from newsroom.i18n.pocheck import check_catalog, errors
from newsroom.i18n.pomerge import new_catalog, update_language

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / 'data' / 'po'
EN = 'nplurals=2; plural=(n != 1);'
RU_CLDR = ('nplurals=3; plural=n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && '
           'n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;')
RU_CLASSIC = ('nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
              '(n%100<10 || n%100>=20) ? 1 : 2);')


@pytest.mark.parametrize(('header', 'expected'), [
    (EN, EN), ('nplurals=2; plural=n != 1;', EN), ('nplurals = 2 ; plural = ( n!=1 )', EN),
    ('nplurals=2; plural=n>1 ? 1 : n==0 ? 1 : 0;', EN),  # the same choices, written otherwise
    (RU_CLASSIC, RU_CLDR), (RU_CLDR, RU_CLDR),
])
def test_the_same_rule_in_other_words_is_accepted(header: str, expected: str) -> None:
    assert same_rule(header, expected)


@pytest.mark.parametrize('header', [
    'nplurals=2; plural=(n > 1);',  # French, not English
    'nplurals=3; plural=(n != 1);',  # the wrong count
    'nplurals=1; plural=0;',
    'nplurals=2; plural=(n != 1) + os.system("x");',  # not a C expression: never evaluated
])
def test_another_rule_is_not(header: str) -> None:
    assert not same_rule(header, EN)


def test_a_plural_rule_of_another_language_is_an_error_with_the_right_header_as_hint() -> None:
    problems = check_catalog(DATA / 'plural-rule-mismatch.po', 'en')
    assert [(p.line, p.message) for p in problems] == [
        (1, "the Plural-Forms header 'nplurals=2; plural=(n > 1);' is not the plural rule "
            "of 'en' (CLDR)")]
    assert problems[0].hint == 'set "Plural-Forms: nplurals=2; plural=(n != 1);\\n"'


def test_an_english_header_in_a_russian_catalog_is_an_error(tmp_path: Path) -> None:
    catalog = polib.pofile(str(DATA / 'ru-classic-plurals.po'))
    catalog.metadata['Plural-Forms'] = EN
    catalog.save(str(tmp_path / 'ru.po'))
    # an interface catalog (pages have no plural messages)
    problems = errors(check_catalog(tmp_path / 'ru.po', 'ru', msgfmt=False, interface=True))
    assert len(problems) == 1 and "plural rule of 'ru'" in problems[0].message
    assert problems[0].hint == f'set "Plural-Forms: {RU_CLDR}\\n"'
    assert errors(check_catalog(tmp_path / 'ru.po', None, msgfmt=False,  # Language
                                interface=True)) == problems


def test_the_classic_gettext_rule_for_russian_passes() -> None:
    assert errors(check_catalog(DATA / 'ru-classic-plurals.po', 'ru', interface=True)) == []


@pytest.mark.parametrize('msgfmt', [False, True])
def test_a_byte_order_mark_is_one_clear_error_at_line_1(msgfmt: bool) -> None:
    problems = check_catalog(DATA / 'bom.po', 'en', msgfmt=msgfmt)
    assert [(p.line, p.message) for p in problems] == [
        (1, 'the file starts with a byte-order mark (BOM)')]
    assert problems[0].hint.startswith('save it as UTF-8 without BOM (Poedit:')
    assert (DATA / 'bom.po').read_bytes()[3:] == (DATA / 'good.po').read_bytes()


def test_the_rest_of_a_file_with_a_bom_is_still_checked(tmp_path: Path) -> None:
    path = tmp_path / 'page.po'
    path.write_bytes(b'\xef\xbb\xbf' + (DATA / 'unterminated.po').read_bytes())
    problems = check_catalog(path, 'en', msgfmt=False)
    assert [p.line for p in problems] == [1, 11]
    assert 'unterminated' in problems[1].message


def msgfmt_warnings(path: Path) -> list[str]:
    result = subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stderr.splitlines()


def sphinx_pot() -> polib.POFile:
    pot = polib.POFile()
    pot.metadata = {'Project-Id-Version': 'Официальный веб-сайт', 'Report-Msgid-Bugs-To': '',
                    'POT-Creation-Date': '2025-06-20 09:15+0300', 'MIME-Version': '1.0',
                    'Content-Type': 'text/plain; charset=utf-8',
                    'Content-Transfer-Encoding': '8bit'}
    pot.append(polib.POEntry(msgid='Новые стандарты', msgstr=''))
    return pot


@pytest.mark.skipif(shutil.which('msgfmt') is None, reason='GNU gettext is not installed')
@pytest.mark.parametrize('language', ['en', 'ru', 'fr', 'ar'])
@pytest.mark.parametrize('pot', [sphinx_pot(), polib.POFile()], ids=['sphinx', 'bare'])
def test_a_new_catalog_passes_msgfmt_check_without_a_warning(
        tmp_path: Path, language: str, pot: polib.POFile) -> None:
    new_catalog(pot, language).save(str(tmp_path / 'new.po'))
    assert msgfmt_warnings(tmp_path / 'new.po') == []
    assert check_catalog(tmp_path / 'new.po', language) == []


def test_a_new_catalog_header_is_deterministic() -> None:
    catalog = new_catalog(sphinx_pot(), 'en')
    assert catalog.metadata['PO-Revision-Date'] == '2025-06-20 09:15+0300'  # no clock
    assert catalog.metadata['Last-Translator'] == 'Newsroom translators'
    assert catalog.metadata['Language-Team'] == 'English'
    assert new_catalog(sphinx_pot(), 'ru').metadata['Language-Team'] == 'Russian'
    assert str(new_catalog(sphinx_pot(), 'en')) == str(catalog)


@pytest.mark.skipif(shutil.which('msgfmt') is None, reason='GNU gettext is not installed')
def test_update_po_writes_new_catalogs_msgfmt_is_silent_about(tmp_path: Path) -> None:
    pot_dir = tmp_path / 'gettext' / 'news'
    pot_dir.mkdir(parents=True)
    sphinx_pot().save(str(pot_dir / 'a.pot'))
    assert update_language(tmp_path / 'gettext', tmp_path / 'locale', 'en')[0] == 0
    assert msgfmt_warnings(tmp_path / 'locale/en/LC_MESSAGES/news/a.po') == []


@pytest.mark.parametrize(('locale_dir', 'languages'), [
    ('locale', []),  # conf.py's target languages
    ('newsroom/core/locale', ['--interface', 'ru', 'tk']),  # as make check-po runs it
])
def test_the_repository_catalogs_pass(locale_dir: str, languages: list[str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    argv = ['--confdir', str(REPO), 'check-po', '--locale-dir', str(REPO / locale_dir)]
    assert newsroom_main([*argv, *languages]) == 0, capsys.readouterr().err

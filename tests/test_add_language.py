"""``python -m newsroom add-language`` on a copy of this project: conf.py, page and interface
catalogs in one step, refused (and nothing changed) when it cannot or need not be done."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from newsroom.cli import main
from newsroom.core.site import Site
from newsroom.i18n.pocheck import check_catalog
from newsroom.i18n.pocheck import errors as refusals
from newsroom.i18n.plurals import plural_forms

REPO = Path(__file__).resolve().parent.parent
UI = REPO / 'newsroom' / 'core' / 'locale'
#: The line of conf.py that lists the languages.
LIST = re.compile(r'^newsroom_languages = .*$', re.MULTILINE)


def copy_project(target: Path) -> Path:
    target.mkdir()
    shutil.copy2(REPO / 'conf.py', target / 'conf.py')
    for name in ('docs', 'locale', '_static', 'newsroom'):
        shutil.copytree(REPO / name, target / name,
                        ignore=shutil.ignore_patterns('__pycache__', '*.mo'))
    return target


def add(project: Path, code: str, *options: str) -> int:
    return main(['--confdir', str(project), 'add-language', '--docs', str(project / 'docs'),
                 '--locale-dir', str(project / 'locale'),
                 '--ui-locale-dir', str(project / 'newsroom' / 'core' / 'locale'),
                 *options, code])


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file that add-language may write, by path."""
    files = [project / 'conf.py', *(project / 'locale').rglob('*'),
             *(project / 'newsroom' / 'core' / 'locale').rglob('*')]
    return {str(p.relative_to(project)): p.read_bytes() for p in files if p.is_file()}


@pytest.fixture(scope='module')
def added(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with German added, then Kazakh (which Sphinx does not have)."""
    project = copy_project(tmp_path_factory.mktemp('add') / 'project')
    assert add(project, 'de') == 0
    assert add(project, 'kk') == 0
    return project


def test_conf_py_gains_the_codes_and_still_evaluates(added: Path) -> None:
    languages = Site.from_confdir(REPO).languages
    assert Site.from_confdir(added).languages == (*languages, 'de', 'kk')
    before = (REPO / 'conf.py').read_text(encoding='utf-8').splitlines()
    after = (added / 'conf.py').read_text(encoding='utf-8').splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [(f'newsroom_languages = {list(languages)!r}',
                        f"newsroom_languages = {[*languages, 'de', 'kk']!r}")]


@pytest.mark.parametrize('code', ['de', 'kk'])
def test_every_page_catalog_is_started_and_valid(added: Path, code: str) -> None:
    wanted = sorted(p.relative_to(added / 'locale' / 'en')
                    for p in (added / 'locale' / 'en' / 'LC_MESSAGES').rglob('*.po'))
    made = sorted(p.relative_to(added / 'locale' / code)
                  for p in (added / 'locale' / code / 'LC_MESSAGES').rglob('*.po'))
    assert wanted and made == wanted
    for path in (added / 'locale' / code).rglob('*.po'):
        assert refusals(check_catalog(path, code)) == [], path
        subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(path)], check=True)
        assert polib.pofile(str(path)).metadata['Language'] == code
        # The sources are named as make update-po names them (from the repository's root),
        # not from a scratch folder.
        for entry in polib.pofile(str(path)):
            for source, _line in entry.occurrences:
                assert (added / source).is_file(), (path, source)


@pytest.mark.parametrize('code', ['de', 'kk'])
@pytest.mark.parametrize('domain', ['newsroom', 'sphinx'])
def test_interface_catalogs_are_started_from_the_templates(added: Path, code: str,
                                                           domain: str) -> None:
    path = added / 'newsroom' / 'core' / 'locale' / code / 'LC_MESSAGES' / f'{domain}.po'
    catalog = polib.pofile(str(path))
    assert catalog.metadata['Language'] == code
    assert catalog.metadata['Plural-Forms'] == plural_forms(code)
    template = polib.pofile(str(UI / f'{domain}.pot'))
    assert [(e.msgid, e.occurrences, e.flags, e.comment) for e in catalog] == [
        (e.msgid, e.occurrences, e.flags, e.comment) for e in template]
    assert all(e.comment.startswith('interface') for e in catalog)  # the role comments
    forms = int(plural_forms(code).split(';')[0].split('=')[1])
    assert all(len(e.msgstr_plural) == forms for e in catalog if e.msgid_plural)
    assert refusals(check_catalog(path, code, interface=True)) == []
    subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(path)], check=True)
    assert not catalog.fuzzy_entries()


def test_sphinx_translations_are_filled_in_where_sphinx_has_them(added: Path) -> None:
    ui = added / 'newsroom' / 'core' / 'locale'
    german = polib.pofile(str(ui / 'de' / 'LC_MESSAGES' / 'newsroom.po'))
    assert german.find('Search').msgstr == 'Suche'
    assert german.find('Contents').msgstr == 'Inhalt'
    assert german.find('Published').msgstr == ''  # ours: Sphinx has no such message
    kazakh = polib.pofile(str(ui / 'kk' / 'LC_MESSAGES' / 'newsroom.po'))
    assert kazakh.translated_entries() == []


def test_a_second_run_refuses_and_changes_nothing(added: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(added)
    assert add(added, 'de') == 2
    assert "'de' is already in newsroom_languages" in capsys.readouterr().err
    assert snapshot(added) == before


@pytest.mark.parametrize('code', ['xx-nope', '../de', 'ru'])
def test_a_bad_code_is_refused(tmp_path: Path, code: str,
                               capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / 'project')
    before = snapshot(project)
    assert add(project, code) == 2
    assert 'error: add-language:' in capsys.readouterr().err
    assert snapshot(project) == before


def test_a_list_that_is_not_a_literal_is_refused(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / 'project')
    conf = project / 'conf.py'
    conf.write_text(LIST.sub("newsroom_languages = ['ru'] + ['en']",
                             conf.read_text(encoding='utf-8')), encoding='utf-8')
    assert Site.from_confdir(project).languages == ('ru', 'en')
    before = snapshot(project)
    assert add(project, 'de') == 2
    assert 'not a plain list' in capsys.readouterr().err
    assert snapshot(project) == before


def test_a_multiline_list_keeps_its_layout(tmp_path: Path) -> None:
    project = copy_project(tmp_path / 'project')
    conf = project / 'conf.py'
    conf.write_text(LIST.sub('newsroom_languages = [\n    "ru",\n    "en",\n]',
                             conf.read_text(encoding='utf-8')), encoding='utf-8')
    assert add(project, 'fr') == 0
    assert 'newsroom_languages = [\n    "ru",\n    "en", "fr",\n]' in conf.read_text(
        encoding='utf-8')
    assert Site.from_confdir(project).languages == ('ru', 'en', 'fr')


def test_the_templates_hold_the_russian_interface_messages() -> None:
    for domain in ('newsroom', 'sphinx'):
        russian = polib.pofile(str(UI / 'ru' / 'LC_MESSAGES' / f'{domain}.po'))
        template = polib.pofile(str(UI / f'{domain}.pot'))
        assert [(e.msgctxt, e.msgid, e.msgid_plural) for e in template] == [
            (e.msgctxt, e.msgid, e.msgid_plural) for e in russian if not e.obsolete]

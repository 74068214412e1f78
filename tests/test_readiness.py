"""A language is published only when its interface is translated: before that, ``make html``
builds it (a preview shows it) but readers never see it, and says so in one line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from helpers import PUBLISHED, SITE_BASEURL, copy_project
from newsroom.cli import main
from newsroom.core.readiness import UI_LOCALE, interface_gaps, ready


def complete(catalog_path: Path) -> None:
    """Translate every message of an interface catalog (the English text stands in for a
    translator's work: the build only asks whether each message is translated)."""
    catalog = polib.pofile(str(catalog_path))
    for entry in catalog:
        if entry.msgid_plural:
            entry.msgstr_plural = {i: entry.msgid if i == 0 else entry.msgid_plural
                                   for i in entry.msgstr_plural}
        else:
            entry.msgstr = entry.msgid
        if 'fuzzy' in entry.flags:
            entry.flags.remove('fuzzy')
    catalog.save()


@pytest.fixture
def ui_locale(tmp_path: Path) -> Path:
    """A copy of the interface catalogs, with German started as add-language starts it."""
    locale = tmp_path / 'locale'
    shutil.copytree(UI_LOCALE, locale)
    return locale


def test_the_source_and_the_interface_language_need_no_catalog(ui_locale: Path) -> None:
    assert interface_gaps('en', ui_locale) == []
    # The source language is published even with no interface catalog at all.
    shutil.rmtree(ui_locale / 'ru')
    assert ready(('ru', 'en'), ui_locale) == ('ru', 'en')


def test_a_language_is_ready_when_every_message_is_translated(ui_locale: Path) -> None:
    (ui_locale / 'de' / 'LC_MESSAGES').mkdir(parents=True)
    for pot in ui_locale.glob('*.pot'):
        shutil.copy2(pot, ui_locale / 'de' / 'LC_MESSAGES' / f'{pot.stem}.po')
    expected = sum(len([e for e in polib.pofile(str(p)) if not e.obsolete])
                   for p in ui_locale.glob('*.pot'))
    gaps = interface_gaps('de', ui_locale)
    # Sphinx's own German catalog translates none of furo's strings: all are missing.
    assert len(gaps) == expected > 0
    assert ready(('ru', 'en', 'de'), ui_locale) == ('ru', 'en')
    for path in (ui_locale / 'de' / 'LC_MESSAGES').glob('*.po'):
        complete(path)
    assert interface_gaps('de', ui_locale) == []
    assert ready(('ru', 'de', 'en'), ui_locale) == ('ru', 'de', 'en')


def test_a_fuzzy_translation_does_not_count(ui_locale: Path) -> None:
    catalog_path = ui_locale / 'de' / 'LC_MESSAGES' / 'newsroom.po'
    catalog_path.parent.mkdir(parents=True)
    for pot in ui_locale.glob('*.pot'):
        shutil.copy2(pot, catalog_path.parent / f'{pot.stem}.po')
        complete(catalog_path.parent / f'{pot.stem}.po')
    catalog = polib.pofile(str(catalog_path))
    catalog[0].flags.append('fuzzy')
    catalog.save()
    assert interface_gaps('de', ui_locale) == [('newsroom', catalog[0].msgid)]


def make_html(project: Path, *arguments: str) -> str:
    result = subprocess.run(['make', '--no-print-directory', 'html', f'BASEURL={SITE_BASEURL}',
                             f'VENV={Path(sys.prefix)}', *arguments], cwd=project,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout + result.stderr


def test_a_new_language_stays_unpublished_until_its_interface_is_translated(
        tmp_path: Path) -> None:
    project = copy_project(tmp_path / 'project')
    ui = project / 'newsroom' / 'core' / 'locale'
    assert main(['--confdir', str(project), 'add-language', '--docs', str(project / 'docs'),
                 '--locale-dir', str(project / 'locale'), '--ui-locale-dir', str(ui), 'de']) == 0

    output = make_html(project)
    lines = [line for line in output.splitlines() if 'de is built but not published' in line]
    assert len(lines) == 1, output[-3000:]
    assert 'make todo' in lines[0] and 'DRAFTS=1' in lines[0]
    site = project / '_build' / 'html'
    assert (project / '_build' / 'work' / 'de' / 'html' / 'index.html').is_file()
    assert not (site / 'de').exists()
    for page in [site / 'index.html', site / '404.html', site / 'ru' / 'index.html',
                 site / 'en' / 'news' / 'index.html']:
        html = page.read_text(encoding='utf-8')
        assert 'hreflang="de"' not in html and '/de/' not in html, page
    for sitemap in [site / 'sitemap.xml', site / 'ru' / 'sitemap.xml']:
        assert '/de/' not in sitemap.read_text(encoding='utf-8'), sitemap

    # The preview shows the language that is not ready, with its switcher entry.
    make_html(project, 'DRAFTS=1')
    preview = project / '_build' / 'preview'
    preview = preview / 'html' if (preview / 'html').exists() else preview
    assert (preview / 'de' / 'index.html').is_file()
    assert 'hreflang="de"' in (preview / 'ru' / 'index.html').read_text(encoding='utf-8')

    for path in (ui / 'de' / 'LC_MESSAGES').glob('*.po'):
        complete(path)
    output = make_html(project)
    assert 'not published' not in output
    assert (site / 'de' / 'index.html').is_file()
    assert 'hreflang="de"' in (site / 'ru' / 'index.html').read_text(encoding='utf-8')
    assert '/de/' in (site / 'sitemap.xml').read_text(encoding='utf-8')
    assert sorted(p.name for p in site.iterdir() if p.is_dir()) == sorted({*PUBLISHED, 'de'})

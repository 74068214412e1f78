"""The third red-team round's classes: what they tried, and what happens now."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from helpers import read_page

BETA = 'news/2024/2024-03-02-beta'
SECRET = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI'


@pytest.fixture
def news_copy(rootdir: Path, tmp_path: Path) -> Path:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    return srcdir


def catalog(srcdir: Path, docname: str = BETA) -> Path:
    return srcdir / 'locale' / 'en' / 'LC_MESSAGES' / f'{docname}.po'


def build_en(make_app, srcdir: Path, **overrides):
    app = make_app('html', srcdir=srcdir, confoverrides={'language': 'en', **overrides})
    app.build()
    return app


# -- Catalogs that are symbolic links ---------------------------------------------------------


@pytest.fixture(params=['secret', 'outside-po', 'dangling', 'loop'])
def linked_catalog(request: pytest.FixtureRequest, news_copy: Path, tmp_path: Path) -> Path:
    """BETA's English catalog replaced by a link: to a secret file, to a valid catalog
    outside the repository, to nothing, or to itself through another link."""
    path = catalog(news_copy)
    outside = tmp_path / 'outside'
    outside.mkdir()
    if request.param == 'secret':
        target = outside / '.env'
        target.write_text(f'msgid "x"\n{SECRET}\nDB_PASSWORD=hunter2\n', encoding='utf-8')
    elif request.param == 'outside-po':
        target = outside / 'beta.po'
        shutil.copy(path, target)
        polib_catalog = polib.pofile(str(target))
        polib_catalog[0].msgstr = 'Not the reviewed title'
        polib_catalog.save()
    elif request.param == 'dangling':
        target = outside / 'gone.po'
    else:
        target = path.with_name('other.po')
        target.symlink_to(path)
    path.unlink()
    path.symlink_to(target)
    return path


def test_check_po_refuses_a_linked_catalog_without_reading_it(
        linked_catalog: Path, news_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsroom.cli import main

    status = main(['check-po', '--locale-dir', str(news_copy / 'locale'), 'en'])
    out = capsys.readouterr()
    assert status == 1
    assert f'{linked_catalog}:1: error: the catalog is a symbolic link' in out.err
    assert SECRET not in out.out + out.err and 'hunter2' not in out.out + out.err


def test_the_build_holds_back_the_page_of_a_linked_catalog(
        make_app, linked_catalog: Path, news_copy: Path) -> None:
    app = build_en(make_app, news_copy)
    log = app.status.getvalue() + app.warning.getvalue()
    assert f'{linked_catalog}:1: catalog refused: the catalog is a symbolic link' in log
    assert SECRET not in log and 'hunter2' not in log
    assert not (app.outdir / f'{BETA}.html').exists()
    for path in app.outdir.rglob('*.html'):
        text = path.read_text(encoding='utf-8')
        assert 'Not the reviewed title' not in text and SECRET not in text, path


def test_update_po_leaves_a_linked_catalog_alone(linked_catalog: Path, news_copy: Path,
                                                 tmp_path: Path) -> None:
    from newsroom.i18n.pomerge import update_language

    pot_dir = tmp_path / 'gettext'
    (pot_dir / 'news' / '2024').mkdir(parents=True)
    pot = polib.POFile()
    pot.metadata = {'Content-Type': 'text/plain; charset=UTF-8'}
    pot.append(polib.POEntry(msgid='Тестовая заметка бета'))
    pot.save(str(pot_dir / f'{BETA}.pot'))
    errors, lines = update_language(pot_dir, news_copy / 'locale', 'en')
    assert errors and any('symbolic link' in line for line in lines)
    assert linked_catalog.is_symlink() and SECRET not in '\n'.join(lines)


def test_a_link_inside_the_locale_folder_is_a_catalog_like_any(news_copy: Path,
                                                               make_app) -> None:
    """Not every link is refused: one to another catalog of the same folder is read."""
    path = catalog(news_copy)
    moved = path.with_name('beta-real.po')
    path.rename(moved)
    path.symlink_to(moved.name)
    app = build_en(make_app, news_copy)
    assert 'Test note beta' in read_page(app.outdir / f'{BETA}.html').text()

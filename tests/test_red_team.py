"""The third red-team round's classes: what they tried, and what happens now."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from helpers import build_en, read_page
from helpers import en_catalog as catalog

BETA = 'news/2024/2024-03-02-beta'
SECRET = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI'


# -- Catalogs that are symbolic links ---------------------------------------------------------


@pytest.fixture(params=['secret', 'outside-po', 'dangling', 'loop'])
def linked_catalog(request: pytest.FixtureRequest, news_copy: Path, tmp_path: Path) -> Path:
    """BETA's English catalog replaced by a link: to a secret file, to a valid catalog
    outside the repository, to nothing, or to itself through another link."""
    path = catalog(news_copy, BETA)
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


@pytest.mark.parametrize('linked', ['en', 'en/LC_MESSAGES'])
def test_check_po_refuses_every_catalog_of_a_folder_linked_from_outside(
        linked: str, news_copy: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A language's folder, or its LC_MESSAGES, as a link to a folder outside the locale
    folder: each of its catalogs is refused unread, not only a linked file."""
    from newsroom.cli import main

    locale = news_copy / 'locale'
    folder = locale / linked
    outside = tmp_path / 'elsewhere'
    shutil.copytree(folder, outside)
    polib_catalog = polib.pofile(str(outside / catalog(news_copy, BETA).relative_to(folder)))
    polib_catalog[0].msgstr = SECRET
    polib_catalog.save()
    shutil.rmtree(folder)
    folder.symlink_to(outside, target_is_directory=True)
    status = main(['check-po', '--locale-dir', str(locale), 'en'])
    out = capsys.readouterr()
    assert status == 1
    refused = [line for line in out.err.splitlines()
               if ':1: error: the catalog is a symbolic link' in line]
    assert len(refused) == len(list(outside.rglob('*.po'))) > 1, out.err
    assert f'{catalog(news_copy, BETA)}:1: error' in out.err
    assert SECRET not in out.out + out.err


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
    path = catalog(news_copy, BETA)
    moved = path.with_name('beta-real.po')
    path.rename(moved)
    path.symlink_to(moved.name)
    app = build_en(make_app, news_copy)
    assert 'Test note beta' in read_page(app.outdir / f'{BETA}.html').text()


# -- Bad bytes: refused at their line, never a stopped site -----------------------------------

HEADER = ('msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')


@pytest.mark.parametrize(('entry', 'line', 'expected'), [
    ('msgid "Тест."\nmsgstr "Test\\v."\n', 7, 'U+000B'),
    ('msgid "Тест."\nmsgstr "Test\x1b."\n', 7, 'U+001B'),
    ('msgid "Тест."\nmsgstr "Test\ufffe."\n', 7, 'U+FFFE'),
    ('msgid "Тест."\nmsgstr "See \u202e/elpmaxe.live//:sptth\u202c."\n', 7, 'U+202E'),
    ('msgid "Тест."\nmsgstr "Te\u2066st\u2069."\n', 7, 'U+2066'),
    ('msgid "Тест."\nmsgstr "Test\u2028next."\n', 8, 'line separator (U+2028)'),
])
def test_invisible_and_forbidden_characters_are_refused_at_their_line(
        tmp_path: Path, entry: str, line: int, expected: str) -> None:
    from newsroom.i18n.pocheck import check_catalog, errors

    path = tmp_path / 'page.po'
    path.write_text(HEADER + entry, encoding='utf-8')
    problems = errors(check_catalog(path, 'en'))
    assert [(p.line, expected in p.message) for p in problems] == [(line, True)], problems
    assert problems[0].hint


@pytest.mark.parametrize('entry', [
    'msgid "Путь C:\\\\Users."\nmsgstr "Path C:\\\\Users."\n',  # an escaped backslash
    'msgid "Тест \u202eА\u202c."\nmsgstr "Test \u202eA\u202c."\n',  # the original has them
])
def test_what_gettext_accepts_and_the_original_has_passes(tmp_path: Path, entry: str) -> None:
    import subprocess

    from newsroom.i18n.pocheck import check_catalog

    path = tmp_path / 'page.po'
    path.write_text(HEADER + entry, encoding='utf-8')
    subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(path)], check=True)
    assert check_catalog(path, 'en') == []


def test_a_control_character_in_a_title_stops_no_feed(make_app, news_copy: Path) -> None:
    """Even with the checks off (the second line of defence), a vertical tab in a
    translated title is written as XML can hold it; with them, the title is refused and
    the article held back. Either way the feed is written and parses."""
    from xml.etree import ElementTree

    po = catalog(news_copy, BETA)
    po.write_text(po.read_text(encoding='utf-8').replace(
        'msgstr "Test note beta"', 'msgstr "Test note\\v beta"'), encoding='utf-8')
    for check in (True, False):
        app = build_en(make_app, news_copy, html_baseurl='https://news.example.net/',
                       newsroom_check_catalogs=check)
        feed = ElementTree.parse(app.outdir / 'atom.xml').getroot()
        titles = [e.text for e in feed.iter('{http://www.w3.org/2005/Atom}title')]
        assert ('Test note beta' in titles) is not check, titles
        assert (app.outdir / f'{BETA}.html').exists() is not check


@pytest.mark.parametrize('stamp', ['0001-01-01 00:00+0100', '9999-12-31 23:59+0000',
                                   '2025-02-30 10:00+0000', 'yesterday'])
def test_a_revision_date_out_of_range_is_not_believed(make_app, news_copy: Path,
                                                      stamp: str) -> None:
    from xml.etree import ElementTree

    po = catalog(news_copy, BETA)
    text = po.read_text(encoding='utf-8')
    catalog_data = polib.pofile(text)
    catalog_data.metadata['PO-Revision-Date'] = stamp
    po.write_text(str(catalog_data), encoding='utf-8')
    app = build_en(make_app, news_copy, html_baseurl='https://news.example.net/')
    feed = ElementTree.parse(app.outdir / 'atom.xml').getroot()
    updated = [e.text for e in feed.iter('{http://www.w3.org/2005/Atom}updated')]
    assert updated and not any(u.startswith(('0001', '9999')) for u in updated), updated


# -- Work that ends ---------------------------------------------------------------------------


def test_a_role_target_is_found_as_sphinx_finds_it_in_linear_time() -> None:
    """The same target as Sphinx's ``explicit_title_re`` for every short string of the
    characters that matter, and a 200 KB run of spaces (quadratic for the pattern) at once."""
    import itertools
    import re

    from newsroom.i18n.markup import explicit_target

    pattern = re.compile(r'^(.+?)\s*(?<!\x00)<([^<]*?)>$', re.S)
    for size in range(8):
        for letters in itertools.product('a <>\x00\n', repeat=size):
            text = ''.join(letters)
            match = pattern.match(text)
            assert explicit_target(text) == (match.group(2) if match else None), repr(text)
    assert explicit_target('a' + ' ' * 200_000 + 'b') is None
    assert explicit_target('text' + ' ' * 200_000 + '<target>') == 'target'


def test_a_yaml_alias_bomb_in_front_matter_is_refused_unexpanded(make_app,
                                                                news_copy: Path) -> None:
    """Nine levels of nested aliases would be 9**9 values: the article is kept out and its
    alias named at its line, before MyST or the checks expand anything."""
    from newsroom.core.frontmatter import parse

    lines = ['---', 'date: 2025-02-11', 'a0: &a0 ["lol", "lol", "lol", "lol", "lol"]']
    lines += [f'a{i}: &a{i} [{", ".join([f"*a{i - 1}"] * 9)}]' for i in range(1, 10)]
    lines += ['tags: *a9', '---', '', '# Бомба', '', 'Текст.', '']
    path = news_copy / 'news' / '2025' / '2025-02-11-bomb.md'
    path.write_text('\n'.join(lines), encoding='utf-8')
    matter = parse(path.read_text(encoding='utf-8'))
    assert matter.problem and matter.problem[0] == 4 and 'alias (*a0)' in matter.problem[1]
    app = make_app('html', srcdir=news_copy)
    app.build()
    assert f'{path}:4: WARNING: ' in app.warning.getvalue()
    assert 'YAML alias' in app.warning.getvalue()
    assert not (app.outdir / 'news' / '2025' / '2025-02-11-bomb.html').exists()


# -- Two builds at once -------------------------------------------------------------------------


def test_two_make_html_at_once_take_turns(tmp_path: Path) -> None:
    """A second `make html` in the same checkout waits for the first and says so; both
    succeed and the published link names a whole tree."""
    import subprocess
    import sys

    from helpers import copy_project

    project = copy_project(tmp_path / 'project')
    command = ['make', '--no-print-directory', 'html', f'VENV={Path(sys.prefix)}']
    first = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    lock = project / '_build' / '.lock'
    for _ in range(200):  # until the first one holds the lock
        if lock.exists() and subprocess.run(['flock', '-n', str(lock), 'true'],
                                            check=False).returncode != 0:
            break
        subprocess.run(['sleep', '0.05'], check=True)
    second = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    first_output, _ = first.communicate()
    assert first.returncode == 0, first_output[-2000:]
    assert second.returncode == 0, second.stdout[-2000:] + second.stderr[-2000:]
    assert 'waiting for another build' in second.stdout
    published = project / '_build' / 'html'
    assert published.is_symlink() and (published / 'index.html').is_file()
    for language in ('ru', 'en'):
        assert (published / language / 'news' / 'index.html').is_file()
    trees = [p for p in (project / '_build').glob('html.*') if p.is_dir()]
    assert trees == [published.resolve()]


# -- Sources that are symbolic links (maintainers) ----------------------------------------------


def test_an_article_linked_from_outside_and_a_link_loop_are_refused(
        make_app, news_copy: Path, tmp_path: Path) -> None:
    """A link to a file outside the sources is named and never read or published; a folder
    link that leads back into the sources is named once, not walked 40 levels deep."""
    outside = tmp_path / 'outside.md'
    outside.write_text(f'---\ndate: 2025-02-12\n---\n\n# Утечка\n\n{SECRET}\n', encoding='utf-8')
    leak = news_copy / 'news' / '2025' / '2025-02-12-leak.md'
    leak.symlink_to(outside)
    loop = news_copy / 'news' / 'loop'
    loop.symlink_to('..')
    app = make_app('html', srcdir=news_copy)
    app.build()
    from sphinx.util.console import strip_colors

    warnings = [line for line in strip_colors(app.warning.getvalue()).splitlines()
                if 'WARNING' in line]
    assert [line.split(': WARNING: ')[0] for line in warnings] == [f'{loop}:1', f'{leak}:1']
    assert all('[newsroom.source-link]' in line for line in warnings)
    assert SECRET not in app.warning.getvalue() + app.status.getvalue()
    assert not any(SECRET in path.read_text(encoding='utf-8', errors='replace')
                   for path in app.outdir.rglob('*') if path.is_file())
    assert not (app.outdir / 'news' / 'loop').exists()


def test_a_binary_file_named_md_is_named_not_a_traceback(make_app, news_copy: Path) -> None:
    article = news_copy / 'news' / '2025' / '2025-02-13-binary.md'
    article.write_bytes(b'---\ndate: 2025-02-13\n---\n\n# \xff\xfe\x00\x01 PNG\x89\n')
    page = news_copy / 'about.md'
    page.write_bytes(b'# About \xff\xfe\n')
    app = make_app('html', srcdir=news_copy)
    app.build()  # no exception
    warnings = app.warning.getvalue()
    assert f'{article}:5: WARNING: the file is not UTF-8 text' in warnings
    assert not (app.outdir / 'news' / '2025' / '2025-02-13-binary.html').exists()


def test_a_very_long_file_name_is_saved_atomically(tmp_path: Path) -> None:
    """A scratch name longer than the file system allows stopped update-po midway."""
    from newsroom.core.files import temporary_name, write_atomically

    path = tmp_path / ('2025-06-20-' + 'я' * 118 + '.po')  # 246 bytes, as a file name may be
    assert len(path.name.encode()) <= 255
    write_atomically(path, b'msgid ""\nmsgstr ""\n')
    assert path.read_bytes() == b'msgid ""\nmsgstr ""\n'
    assert len(temporary_name(path).name.encode()) <= 255
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


# -- One count everywhere -----------------------------------------------------------------------


def test_the_status_page_counts_the_home_page_as_its_catalog_does(site: Path) -> None:
    """The tagline is a message of the home page's catalog: the status page counts it,
    as make stats, pocount and msgfmt --statistics do."""
    import re

    from helpers import PUBLISHED, REPO

    for language in PUBLISHED[1:]:
        catalog = polib.pofile(str(REPO / 'locale' / language / 'LC_MESSAGES' / 'index.po'))
        total = len([entry for entry in catalog if not entry.obsolete])
        done = len(catalog.translated_entries())
        html = (site / language / 'status.html').read_text(encoding='utf-8')
        row = re.search(r'<tr[^>]*>\s*<td[^>]*>\s*<p><a[^>]*href="index.html".*?</tr>', html, re.S)
        assert row, 'a row for the home page'
        cells = re.findall(r'<progress value="(\d+)" max="(\d+)"', row.group(0))
        assert cells and all((int(v), int(m)) == (done, total) for v, m in cells), (cells, total)


def test_a_direction_override_in_a_title_stays_out_of_the_head_title(
        make_app, news_copy: Path) -> None:
    """An unterminated RLO in a headline would reverse the site name after it in <title>."""
    import re

    source = news_copy / f'{BETA}.md'
    source.write_text(source.read_text(encoding='utf-8').replace(
        '# Тестовая заметка бета', '# Тестовая \u202eзаметка бета'), encoding='utf-8')
    app = make_app('html', srcdir=news_copy)
    app.build()
    html = (app.outdir / f'{BETA}.html').read_text(encoding='utf-8')
    title = re.search(r'<head>.*?<title>(.*?)</title>', html, re.S).group(1)
    assert 'заметка бета' in title and '\u202e' not in title
    assert '\u202e' in html.split('</head>')[1]  # the headline keeps its text

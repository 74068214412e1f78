"""The live preview: `python -m newsroom preview` rebuilds on a change and the page shows it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import polib
import pytest

from helpers import copy_project
from newsroom.cli.preview import affected, relevant

ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region'
TITLE = 'Новые стандарты международного сотрудничества'
LEAD_EN = '"administration of Balkan velayat and Astrakhan region."'


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode('utf-8')
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode('utf-8')


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if found := condition():
                return found
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f'{what}: not within {seconds} s')


@pytest.fixture(scope='module')
def preview(tmp_path_factory: pytest.TempPathFactory):
    """A copy of the project, previewed on a free port; yields (copy, address). The tests
    share it, each editing a file of its own."""
    copy = copy_project(tmp_path_factory.mktemp('preview') / 'project')
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, '-m', 'newsroom', '--confdir', str(copy), 'preview',
         '--port', str(port)], cwd=copy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    address = f'http://127.0.0.1:{port}'
    try:
        wait_for(lambda: fetch(f'{address}/ru/index.html')[0] == 200, 120, 'first build')
        yield copy, address
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_an_edit_is_rebuilt_and_served_with_the_reload_script(preview) -> None:
    copy, address = preview
    status, html = fetch(f'{address}/ru/{ARTICLE}.html')
    assert status == 200 and '/__newsroom_preview__/version' in html
    version = fetch(f'{address}/__newsroom_preview__/version')[1]
    source = copy / 'docs' / f'{ARTICLE}.md'
    text = source.read_text(encoding='utf-8')
    assert TITLE in text
    source.write_text(text.replace(TITLE, f'{TITLE} (обновлено)', 1), encoding='utf-8')
    started = time.monotonic()
    wait_for(lambda: '(обновлено)' in fetch(f'{address}/ru/{ARTICLE}.html')[1], 120,
             'the edited title')
    print(f'preview: the edit was served {time.monotonic() - started:.1f} s after saving')
    wait_for(lambda: fetch(f'{address}/__newsroom_preview__/version')[1] != version, 30,
             'a new version for the pages to reload')  # once make has finished
    assert (copy / '_build' / 'live' / 'html').is_dir()
    assert not (copy / '_build' / 'html').exists()  # the published site is never touched


def test_a_catalog_edit_reaches_its_language_and_the_pages_that_count_it(preview) -> None:
    """The edited translation shows on its page; a message left untranslated in the same
    save shows on the Russian status page, which counts every language's catalogs."""
    copy, address = preview
    catalog = copy / 'locale' / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'
    # make html-<lang> writes the workshop's warnings.txt anew on every build of <lang>
    english = copy / '_build' / 'live' / 'work' / 'en' / 'warnings.txt'
    before = english.stat().st_mtime_ns
    status_before = fetch(f'{address}/ru/status.html')[1]
    text = catalog.read_text(encoding='utf-8')
    assert LEAD_EN in text  # the end of the first paragraph's translation
    entries = polib.pofile(text.replace(LEAD_EN, LEAD_EN.replace('.', ' (revised).')))
    entries.translated_entries()[-1].msgstr = ''  # the last paragraph: untranslated now
    catalog.write_text(str(entries), encoding='utf-8')
    wait_for(lambda: '(revised)' in fetch(f'{address}/en/{ARTICLE}.html')[1], 120,
             'the edited translation')
    assert english.stat().st_mtime_ns != before
    wait_for(lambda: fetch(f'{address}/ru/status.html')[1] != status_before, 120,
             'the Russian status page counting one message less')
    assert TITLE in fetch(f'{address}/ru/{ARTICLE}.html')[1]


@pytest.mark.parametrize(('changed', 'expected'), [
    (['docs/news/2025/a.md'], ('ru', 'en', 'tk')),
    (['locale/en/LC_MESSAGES/news/2025/a.po'], ('en', 'ru', 'tk')),  # its own first
    (['locale/tk/LC_MESSAGES/index.po', 'locale/en/LC_MESSAGES/index.po'], ('tk', 'en', 'ru')),
    (['locale/de/LC_MESSAGES/index.po'], None),  # a language the site does not have yet
    (['conf.py'], None),
    (['_static/site.css'], None),
    (['newsroom/theme/templates/page.html'], None),
    (['locale/en/LC_MESSAGES/index.po', 'conf.py'], None),
])
def test_a_change_rebuilds_what_it_affects(changed: list[str], expected) -> None:
    root = Path('/site')
    assert affected([root / name for name in changed], root, ('ru', 'en', 'tk')) == expected


def test_compiled_and_scratch_files_are_no_change() -> None:
    for name in ('locale/en/LC_MESSAGES/a.mo', 'docs/.#a.md', 'docs/a.md~', 'docs/.a.md.swp',
                 'newsroom/__pycache__/x.cpython-311.pyc'):
        assert not relevant(Path(name)), name
    assert relevant(Path('docs/news/2025/a.md')) and relevant(Path('conf.py'))


def test_a_missing_page_gets_the_site_404_page_of_its_language(preview) -> None:
    _copy, address = preview
    status, html = fetch(f'{address}/en/news/no-such-article.html')
    assert status == 404 and 'Page not found' in html
    status, html = fetch(f'{address}/ru/no-such-page.html')
    assert status == 404 and 'Страница не найдена' in html
    status, html = fetch(f'{address}/nowhere.html')
    assert status == 404 and 'Page not found' in html and 'Страница не найдена' in html

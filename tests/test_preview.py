"""The live preview: `python -m newsroom preview` rebuilds on a change and the page shows it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import copy_project

ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region'
TITLE = 'Новые стандарты международного сотрудничества'


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


@pytest.fixture
def preview(tmp_path: Path):
    """A copy of the project, previewed on a free port; yields (copy, address)."""
    copy = copy_project(tmp_path / 'project')
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


def test_a_missing_page_gets_the_site_404_page_of_its_language(preview) -> None:
    _copy, address = preview
    status, html = fetch(f'{address}/en/news/no-such-article.html')
    assert status == 404 and 'Page not found' in html
    status, html = fetch(f'{address}/ru/no-such-page.html')
    assert status == 404 and 'Страница не найдена' in html
    status, html = fetch(f'{address}/nowhere.html')
    assert status == 404 and 'Page not found' in html and 'Страница не найдена' in html

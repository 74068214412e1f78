"""Live preview: seconds from saving an article or a catalog to Chromium showing the change."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.bench import REPO, TARGET, generate, po_string, table, write_corpus
from newsroom.publishing.nginxrun import free_port

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from playwright.sync_api import Page

    from benchmarks.bench import Article

HEADER = ['N', 'change saved', 'page watched', 'load', 'seconds to the browser, median / max',
          'runs']
#: The preview of a bilingual archive: the generated catalogs are Russian and English.
LANGUAGES = "\nnewsroom_languages = ['ru', 'en']\nlanguage = newsroom_languages[0]\n"


def ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def project(root: Path, count: int, seed: int) -> list[Article]:
    """A generated archive of *count* articles laid out as this project (Makefile included)."""
    articles = generate(count, seed)
    root.mkdir(parents=True)
    write_corpus(root, articles, plain=False)
    with (root / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write(LANGUAGES)
    for name in ('Makefile', 'requirements.txt'):
        shutil.copy2(REPO / name, root / name)
    return articles


def headline(page: Page) -> str:
    """The page's headline, or '' while it reloads."""
    try:
        return page.text_content('h1', timeout=200) or ''
    except Exception:  # noqa: BLE001 - the page is between two documents
        return ''


def time_change(page: Page, edit: Callable[[], None], expected: str, limit: float) -> float:
    """Seconds from *edit* (a file saved) to the open page showing *expected* in its h1."""
    edit()
    start = time.monotonic()
    while expected not in headline(page):
        if time.monotonic() - start > limit:
            raise SystemExit(f'the preview did not show {expected!r} within {limit} s')
        time.sleep(0.02)
    return time.monotonic() - start


def replace_in(path: Path, old: str, new: str) -> Callable[[], None]:
    def edit() -> None:
        text = path.read_text(encoding='utf-8')
        assert old in text, (path, old)
        path.write_text(text.replace(old, new, 1), encoding='utf-8')
    return edit


def bench(root: Path, count: int, runs: int, seed: int) -> list[list[str]]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - test requirements

    articles = project(root, count, seed)
    article = articles[len(articles) // 2]
    port = free_port()
    environ = dict(os.environ, PYTHONPATH=os.pathsep.join(
        filter(None, [str(REPO), os.environ.get('PYTHONPATH')])))
    log = (root / 'preview.log').open('w')
    server = subprocess.Popen([sys.executable, '-m', 'newsroom', '--confdir', str(root),
                               'preview', '--port', str(port)], cwd=root, env=environ,
                              stdout=log, stderr=subprocess.STDOUT)
    base = f'http://127.0.0.1:{port}'
    rows = []
    try:
        start = time.monotonic()
        while not ready(f'{base}/{TARGET}/index.html'):
            if server.poll() is not None or time.monotonic() - start > 3600:
                raise SystemExit(f'the preview did not start: see {root / "preview.log"}')
            time.sleep(1)
        print(f'N={count}: first build {time.monotonic() - start:.0f} s', file=sys.stderr)
        catalog = root / 'locale' / TARGET / 'LC_MESSAGES' / f'{article.docname}.po'
        source = root / 'docs' / f'{article.docname}.md'
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which('chromium'))
            for change, path, language, old in (
                    ('a msgstr (en catalog)', catalog, TARGET, article.title.en),
                    ('an article (ru source)', source, 'ru', article.title.ru)):
                page = browser.new_page()
                page.goto(f'{base}/{language}/{article.docname}.html')
                times, load = [], os.getloadavg()[0]
                current = old
                for run in range(runs):
                    new = f'{old} (edit {run})'
                    quoted = (po_string(current), po_string(new)) if path is catalog else (
                        f'# {current}\n', f'# {new}\n')
                    times.append(time_change(page, replace_in(path, *quoted), new, 120))
                    current = new
                    time.sleep(1)  # the other languages' builds finish
                rows.append([str(count), change, f'{language}/…/{path.stem}', f'{load:.1f}',
                             f'{statistics.median(times):.2f} / {max(times):.2f}', str(runs)])
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m benchmarks.previewbench',
                                     description=__doc__)
    parser.add_argument('--sizes', type=int, nargs='+', default=[1000], metavar='N')
    parser.add_argument('--runs', type=int, default=5, help='edits of each kind (default 5)')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--workdir', type=Path, default=None,
                        help='keep the projects here (default: a temporary folder)')
    args = parser.parse_args(argv)
    if shutil.which('chromium') is None:
        print("Debian's chromium is needed: apt-get install chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix='newsroom-preview-') as temporary:
        workdir = args.workdir or Path(temporary)
        rows = []
        for count in args.sizes:
            rows += bench(workdir / f'n{count}', count, args.runs, args.seed)
    print('make preview on a generated bilingual archive: the page open in Chromium reloads '
          'itself once the preview has rebuilt what the change affects\n')
    print(table(HEADER, rows))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

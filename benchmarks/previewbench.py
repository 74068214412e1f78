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

from benchmarks.bench import REPO, SOURCE, TARGET, generate, po_string, table, write_corpus
from newsroom.publishing.nginxrun import free_port

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from playwright.sync_api import Page

    from benchmarks.bench import Article

HEADER = ['N', 'change saved', 'page watched', 'load',
          'seconds to the page, median / max', 'every language rebuilt, median / max', 'runs']
#: The site's three languages; the third's catalogs are copies of the generated English ones.
LANGUAGES = ('ru', 'en', 'tk')
VERSION = '/__newsroom_preview__/version?lang='


def ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def version(base: str, language: str) -> int:
    """The preview's build number of *language* (-1 while it does not answer)."""
    try:
        with urllib.request.urlopen(f'{base}{VERSION}{language}', timeout=5) as response:
            return int(response.read())
    except (urllib.error.URLError, OSError, ValueError):
        return -1


def third_language(root: Path, code: str) -> None:
    """Catalogs for *code*: the English ones, with their Language header changed."""
    english = root / 'locale' / TARGET / 'LC_MESSAGES'
    for path in english.rglob('*.po'):
        text = path.read_text(encoding='utf-8').replace(
            f'"Language: {TARGET}\\n"', f'"Language: {code}\\n"', 1)
        target = root / 'locale' / code / 'LC_MESSAGES' / path.relative_to(english)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding='utf-8')


def project(root: Path, count: int, seed: int) -> list[Article]:
    """A generated archive of *count* articles in three languages, laid out as this project
    (Makefile included)."""
    articles = generate(count, seed)
    root.mkdir(parents=True)
    write_corpus(root, articles, plain=False)
    with (root / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write(f'\nnewsroom_languages = {list(LANGUAGES)!r}\n'
                   'language = newsroom_languages[0]\n')
    for code in LANGUAGES:
        if code not in {SOURCE, TARGET}:
            third_language(root, code)
    for name in ('Makefile', 'requirements.txt'):
        shutil.copy2(REPO / name, root / name)
    for code in LANGUAGES[1:]:  # the seed's termbases: a site's status page counts them
        if (glossary := REPO / 'locale' / code / 'glossary.po').is_file():
            shutil.copy2(glossary, root / 'locale' / code / 'glossary.po')
    return articles


def headline(page: Page) -> str:
    """The page's headline, or '' while it reloads."""
    try:
        return page.text_content('h1', timeout=200) or ''
    except Exception:  # noqa: BLE001 - the page is between two documents
        return ''


def time_change(page: Page, edit: Callable[[], None], expected: str, base: str,
                limit: float) -> tuple[float, float]:
    """Seconds from *edit* (a file saved) to the open page showing *expected* in its h1, and
    to every language's build being done (the preview idle again)."""
    before = {code: version(base, code) for code in LANGUAGES}
    edit()
    start = time.monotonic()
    while expected not in headline(page):
        if time.monotonic() - start > limit:
            raise SystemExit(f'the preview did not show {expected!r} within {limit} s')
        time.sleep(0.02)
    shown = time.monotonic() - start
    while any(version(base, code) <= before[code] for code in LANGUAGES):
        if time.monotonic() - start > limit:
            raise SystemExit(f'the preview did not rebuild every language within {limit} s')
        time.sleep(0.05)
    return shown, time.monotonic() - start


def spread(times: Sequence[float]) -> str:
    return f'{statistics.median(times):.2f} / {max(times):.2f}'


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
                shown, done, load = [], [], os.getloadavg()[0]
                current = old
                for run in range(runs):
                    new = f'{old} (edit {run})'
                    quoted = (po_string(current), po_string(new)) if path is catalog else (
                        f'# {current}\n', f'# {new}\n')
                    page_time, all_time = time_change(page, replace_in(path, *quoted), new,
                                                      base, 300)
                    print(f'N={count} {change}, run {run + 1}: the page {page_time:.2f} s, '
                          f'every language {all_time:.2f} s', file=sys.stderr)
                    shown.append(page_time)
                    done.append(all_time)
                    current = new
                    time.sleep(0.5)  # the watcher settles
                rows.append([str(count), change, f'{language}/…/{path.stem}', f'{load:.1f}',
                             spread(shown), spread(done), str(runs)])
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
    print(f'make preview on a generated archive in {len(LANGUAGES)} languages '
          f'({", ".join(LANGUAGES)}): the page open in Chromium reloads itself once its own '
          'language is rebuilt; the other languages follow\n')
    print(table(HEADER, rows))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

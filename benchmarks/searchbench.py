"""Time searches of a built site in headless Chromium, served on 127.0.0.1: a benchmark CLI."""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

#: Query words per language: frequent, rare and absent ones.
QUERIES = {
    'ru': ['порта', 'Туркменистан', 'сотрудничества', 'зюквярщ'],
    'en': ['port', 'Turkmenistan', 'cooperation', 'qwxzvplk'],
}
FIRST_SHOWN = (
    "() => document.querySelector('#search-results ul.search li') !== null"
    " || document.querySelector('#search-results h2')?.textContent"
    " === Documentation.gettext('Search Results')"
)
RESULTS_SHOWN = (
    "() => { const h = document.querySelector('#search-results h2');"
    " return h && h.textContent === Documentation.gettext('Search Results'); }"
)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a tab closed mid-download is no error here


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve *directory* on a free loopback port; returns the server and its address."""
    server = QuietServer(('127.0.0.1', 0), partial(QuietHandler, directory=directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f'http://127.0.0.1:{server.server_port}'


FOUND = """(query) => {
    const [q, terms, excluded, highlight, objects] = Search._parseQuery(query);
    return Search._performSearch(q, terms, excluded, highlight, objects).length;
}"""
LISTED = '#search-results ul.search li'
MORE = 'button.newsroom-search-more'


@dataclass
class Timing:
    """One query's figures over the runs: seconds to the first result, to the finished list
    (the first page of it when results come in pages) and to the next page, and counts."""

    first: list[float] = field(default_factory=list)
    done: list[float] = field(default_factory=list)
    more: list[float] = field(default_factory=list)
    found: int = 0
    listed: int = 0


def timings(base: str, languages: Sequence[str], repeat: int
            ) -> Iterator[tuple[str, str, Timing]]:
    """(language, query, figures) for each query, each run in a cold browser context."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which('chromium'), headless=True,
            args=['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                  '--disable-background-networking', '--disable-component-update'])
        for language in languages:
            for query in QUERIES.get(language, QUERIES['en']):
                timing = Timing()
                for _run in range(repeat):
                    page = browser.new_context().new_page()  # cold cache every run
                    start = time.perf_counter()
                    page.goto(f'{base}/{language}/search.html?q={quote(query)}')
                    page.wait_for_function(FIRST_SHOWN, timeout=120_000, polling=10)
                    timing.first.append(time.perf_counter() - start)
                    page.wait_for_function(RESULTS_SHOWN, timeout=120_000, polling=10)
                    timing.done.append(time.perf_counter() - start)
                    timing.listed = len(page.query_selector_all(LISTED))
                    timing.found = page.evaluate(FOUND, query)
                    if page.locator(MORE).count():
                        start = time.perf_counter()
                        page.click(MORE)
                        page.wait_for_function(
                            f'() => document.querySelectorAll({LISTED!r}).length'
                            f' > {timing.listed}', timeout=120_000, polling=10)
                        timing.more.append(time.perf_counter() - start)
                    page.context.close()
                yield language, query, timing
        browser.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m benchmarks.searchbench', description=__doc__)
    parser.add_argument('site', type=Path, help='the built site: the folder holding ru/, en/…')
    parser.add_argument('--articles', type=int, help='number of articles, for per-article sizes')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('languages', nargs='*', default=['ru', 'en'])
    args = parser.parse_intermixed_args(argv)  # languages may follow the options
    if shutil.which('chromium') is None:
        print("Debian's chromium is needed: apt-get install chromium", file=sys.stderr)
        return 2
    print('| lang | searchindex.js KiB raw / gz | per article B raw / gz |')
    print('|-----:|---------------------------:|-----------------------:|')
    for language in args.languages:
        data = (args.site / language / 'searchindex.js').read_bytes()
        raw, packed = len(data), len(gzip.compress(data))
        per = f'{raw // args.articles} / {packed // args.articles}' if args.articles else '-'
        print(f'| {language} | {raw // 1024} / {packed // 1024} | {per} |')
    server, base = serve(args.site)
    try:
        print('\n| lang | query | found | listed | first result s (median / max) '
              '| list done s (median) | next page s (median) |')
        print('|-----:|------:|------:|-------:|-----------------------------:'
              '|--------------------:|--------------------:|')
        for language, query, t in timings(base, args.languages, args.repeat):
            more = f'{statistics.median(t.more):.2f}' if t.more else '-'
            print(f'| {language} | {query} | {t.found} | {t.listed} | '
                  f'{statistics.median(t.first):.2f} / {max(t.first):.2f} | '
                  f'{statistics.median(t.done):.2f} | {more} |')
    finally:
        server.shutdown()
    return 0


if __name__ == '__main__':
    sys.exit(main())

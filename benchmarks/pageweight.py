"""Page weight of a built site in headless Chromium: requests and bytes per page (a CLI)."""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

#: The pages measured in each language (below <lang>/).
PAGES = ('index.html', 'news/index.html',
         'news/2023/2023-08-24-balkan-velayat-astrakhan-region.html',
         'news/2025/2025-06-20-geneva-neutrality.html')
#: Request types that count as "before images".
IMAGES = {'image', 'media', 'font'}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(('127.0.0.1', 0), partial(QuietHandler, directory=directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f'http://127.0.0.1:{server.server_port}'


def measure(page, url: str) -> list[tuple[str, str, int, int]]:
    """Every response of *url*: (path, type, bytes, bytes gzip-compressed at level 9, as a
    precompressing server sends them)."""
    seen: list = []

    def note(response) -> None:
        seen.append(response)

    page.on('response', note)
    page.goto(url, wait_until='networkidle')
    page.remove_listener('response', note)
    rows = []
    for response in seen:
        body = response.body() if response.status == 200 else b''
        rows.append((response.url.split('/', 3)[-1], response.request.resource_type,
                     len(body), len(gzip.compress(body, 9))))
    return rows


def weights(site: Path, languages: Sequence[str], pages: Sequence[str], verbose: bool = False
            ) -> list[tuple[str, int, int, int]]:
    """(page, requests, bytes, gzip bytes) before images, per page."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    executable = os.environ.get('CHROMIUM') or shutil.which('chromium')
    result = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, headless=True,
                                                 args=['--no-sandbox', '--disable-gpu'])
            for language in languages:
                for path in pages:
                    context = browser.new_context()
                    rows = [row for row in measure(context.new_page(),
                                                   f'{base}/{language}/{path}')
                            if row[1] not in IMAGES]
                    context.close()
                    if verbose:
                        for path_, kind, raw, packed in rows:
                            print(f'  {path_[:66]:66} {kind:10} {raw / 1024:7.1f}K '
                                  f'{packed / 1024:7.1f}K')
                    result.append((f'{language}/{path}', len(rows),
                                   sum(r[2] for r in rows), sum(r[3] for r in rows)))
            browser.close()
    finally:
        server.shutdown()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('site', type=Path, help='a built site, e.g. _build/html')
    parser.add_argument('--languages', nargs='+', default=['ru', 'en'])
    parser.add_argument('--pages', nargs='+', default=list(PAGES))
    parser.add_argument('--verbose', action='store_true', help='list every request')
    args = parser.parse_args(argv)
    if not (args.site / args.languages[0]).is_dir():
        print(f'{args.site}/{args.languages[0]} is not a built site: run make html first',
              file=sys.stderr)
        return 2
    print(f'{"page":70} {"requests":>8} {"bytes":>9} {"gzip":>9}')
    for name, requests, raw, packed in weights(args.site, args.languages, args.pages,
                                                       args.verbose):
        print(f'{name[:70]:70} {requests:8} {raw / 1024:8.1f}K {packed / 1024:8.1f}K')
    return 0


if __name__ == '__main__':
    sys.exit(main())

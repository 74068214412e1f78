"""Screenshots of a built site in headless Chromium (home and an article, every language,
desktop 1366 px and mobile 390 px), for the README: ``make screenshots``."""

from __future__ import annotations

import argparse
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

PAGES = {'home': 'index.html',
         'article': 'news/2023/2023-08-24-balkan-velayat-astrakhan-region.html'}
VIEWPORTS = {'desktop': (1366, 900), 'mobile': (390, 844)}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def take(site: Path, outdir: Path, languages: Sequence[str], scheme: str) -> list[Path]:
    """One PNG per page, language and viewport in *outdir*; the files written."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(('127.0.0.1', 0), partial(QuietHandler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f'http://127.0.0.1:{server.server_port}'
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get('CHROMIUM') or shutil.which('chromium'),
                headless=True, args=['--no-sandbox', '--disable-gpu'])
            for language in languages:
                for name, path in PAGES.items():
                    for device, (width, height) in VIEWPORTS.items():
                        context = browser.new_context(
                            viewport={'width': width, 'height': height},
                            device_scale_factor=1, color_scheme=scheme,
                            is_mobile=device == 'mobile', has_touch=device == 'mobile')
                        page = context.new_page()
                        page.goto(f'{base}/{language}/{path}', wait_until='networkidle')
                        target = outdir / f'{name}-{language}-{device}.png'
                        page.screenshot(path=str(target))
                        context.close()
                        written.append(target)
            browser.close()
    finally:
        server.shutdown()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('site', type=Path, help='a built site, e.g. _build/html')
    parser.add_argument('--out', type=Path, default=Path('docs-dev/screenshots'))
    parser.add_argument('--languages', nargs='+', default=['ru', 'en'])
    parser.add_argument('--scheme', choices=['light', 'dark'], default='light')
    args = parser.parse_args(argv)
    if not (args.site / args.languages[0] / 'index.html').is_file():
        print(f'{args.site} holds no built site: run make html first', file=sys.stderr)
        return 2
    for path in take(args.site, args.out, args.languages, args.scheme):
        print(path)
    return 0


if __name__ == '__main__':
    sys.exit(main())

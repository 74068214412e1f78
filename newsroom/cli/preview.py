"""``python -m newsroom preview``: the site rebuilt on every change, the browser reloaded."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable

#: What a change of triggers a build: sources, catalogs, templates, styles, the config.
WATCHED = ('docs', 'locale', '_static', 'newsroom', 'conf.py')
VERSION_PATH = '/__newsroom_preview__/version'
#: Added to every HTML page served: reload when a newer build is there.
RELOAD = (f'<script>(function(){{var v=null;setInterval(function(){{fetch("{VERSION_PATH}")'
          '.then(function(r){return r.text()}).then(function(t){if(v===null)v=t;'
          'else if(t!==v)location.reload()}).catch(function(){})},700)})();</script>')


def signature(root: Path, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Each watched file's mtime and size (build output and caches left out)."""
    found = {}
    for name in names:
        base = root / name
        paths = [base] if base.is_file() else base.rglob('*') if base.is_dir() else []
        for path in paths:
            if path.is_file() and '__pycache__' not in path.parts and path.suffix != '.mo':
                stat = path.stat()
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


class Builder:
    """Runs ``make html`` into the preview's own build folder whenever a watched file changes."""

    def __init__(self, root: Path, builddir: Path, make_arguments: list[str]) -> None:
        self.root, self.builddir, self.arguments = root, builddir, make_arguments
        self.version = 0
        self.lock = threading.Lock()

    def build(self) -> bool:
        command = ['make', '--no-print-directory', 'html', f'BUILDDIR={self.builddir}',
                   f'VENV={Path(sys.prefix)}', *self.arguments]
        result = subprocess.run(command, cwd=self.root, check=False)
        if result.returncode == 0:
            with self.lock:
                self.version += 1
        return result.returncode == 0

    def watch(self, interval: float = 0.3) -> None:
        seen = signature(self.root, WATCHED)
        while True:
            time.sleep(interval)
            now = signature(self.root, WATCHED)
            if now != seen:
                seen = now
                print('newsroom preview: a change; building', flush=True)
                self.build()


class PreviewHandler(SimpleHTTPRequestHandler):
    """The built site, with the reload script in its pages and its own 404 pages."""

    builder: Builder

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        if self.path == VERSION_PATH:
            self.reply(200, str(self.builder.version).encode(), 'text/plain')
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / 'index.html'
        if not path.is_file():
            language = self.path.lstrip('/').split('/', 1)[0]
            page = Path(self.directory, language, '404.html')
            page = page if language and page.is_file() else Path(self.directory, '404.html')
            self.reply(404, self.with_reload(page.read_bytes()) if page.is_file() else b'',
                       'text/html; charset=utf-8')
            return
        if path.suffix == '.html':
            self.reply(200, self.with_reload(path.read_bytes()), 'text/html; charset=utf-8')
            return
        super().do_GET()

    @staticmethod
    def with_reload(html: bytes) -> bytes:
        return html.replace(b'</body>', RELOAD.encode() + b'</body>', 1)

    def reply(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header('Content-Type', kind)
        self.send_header('Content-Length', str(len(body)))
        self.send_header('Cache-Control', 'no-store')
        self.end_headers()
        self.wfile.write(body)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path as _Path

    parser.add_argument('--port', type=int, default=8000)
    parser.add_argument('--builddir', type=_Path, default=_Path('_build/live'),
                        help='where the preview is built (never the published site)')
    parser.add_argument('--drafts', action='store_true', help='show drafts too')


def run(args: argparse.Namespace) -> int:
    """Build once, then serve on 127.0.0.1 and rebuild on every change until interrupted."""
    root = Path(args.confdir).resolve()
    builddir = args.builddir if args.builddir.is_absolute() else root / args.builddir
    make_arguments = ['DRAFTS=1'] if args.drafts else []
    if args.baseurl is not None:
        make_arguments.append(f'BASEURL={args.baseurl}')
    builder = Builder(root, builddir, make_arguments)
    builder.build()
    handler = type('Handler', (PreviewHandler,), {'builder': builder})
    site = builddir / ('preview/html' if args.drafts else 'html')
    server = ThreadingHTTPServer(('127.0.0.1', args.port), partial(handler, directory=str(site)))
    threading.Thread(target=builder.watch, daemon=True).start()
    print(f'newsroom preview: http://127.0.0.1:{server.server_port}/ (rebuilt on every '
          'change; Ctrl-C stops)', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0

"""``python -m newsroom preview``: what a change affects rebuilt, the browser reloaded."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Sequence

#: What a change of triggers a build: sources, catalogs, templates, styles, the config.
WATCHED = ('docs', 'locale', '_static', 'newsroom', 'conf.py')
#: Never a reason to build: compiled files, caches, editors' scratch files.
IGNORED_SUFFIXES = ('.mo', '.pyc', '.swp', '.swx', '~', '.tmp')
VERSION_PATH = '/__newsroom_preview__/version'
#: Added to every HTML page served: reload when a newer build is there.
RELOAD = (f'<script>(function(){{var v=null;setInterval(function(){{fetch("{VERSION_PATH}")'
          '.then(function(r){return r.text()}).then(function(t){if(v===null)v=t;'
          'else if(t!==v)location.reload()}).catch(function(){})},250)})();</script>')


def relevant(path: Path) -> bool:
    """Whether a change of *path* can change the site (not a compiled or scratch file)."""
    name = path.name
    return not (name.endswith(IGNORED_SUFFIXES) or name.startswith(('.#', '.~'))
                or '__pycache__' in path.parts)


def affected(changed: Iterable[Path], root: Path, languages: Sequence[str],
             ) -> tuple[str, ...] | None:
    """The languages to rebuild after *changed*, those whose catalogs changed first; None
    when the whole site must be built again (config, templates, styles, code, the interface
    catalogs, a new language).

    A page below ``docs/`` concerns every language, since each translates it; so does a
    catalog below ``locale/<lang>/``: whether it is complete decides the switcher and
    ``hreflang`` links of the original's page, and every language's status page counts it.
    The other languages' builds are incremental: they read nothing again."""
    first = []
    for path in changed:
        parts = path.relative_to(root).parts
        if parts[0] == 'locale' and len(parts) > 2 and parts[1] in languages:
            first.append(parts[1])
        elif parts[0] != 'docs':
            return None
    return tuple(dict.fromkeys([*first, *languages]))


class Builder:
    """Runs ``make`` into the preview's own build folder: every language and the root files
    at first and after a change of config or code, only the languages' builds after a page
    or a catalog changed."""

    def __init__(self, root: Path, builddir: Path, make_arguments: list[str],
                 languages: Sequence[str]) -> None:
        self.root, self.builddir, self.arguments = root, builddir, make_arguments
        self.languages = tuple(languages)
        self.version = 0
        self.lock = threading.Lock()

    def build(self, languages: Sequence[str] | None = None) -> bool:
        """``make html`` (None), else ``make html-<lang>`` for each of *languages* at once."""
        targets = ['html'] if languages is None else [f'html-{code}' for code in languages]
        command = ['make', '--no-print-directory', f'-j{len(targets)}', *targets,
                   f'BUILDDIR={self.builddir}', f'VENV={Path(sys.prefix)}', *self.arguments]
        result = subprocess.run(command, cwd=self.root, check=False)
        if result.returncode == 0:
            with self.lock:
                self.version += 1
        return result.returncode == 0

    def watch(self) -> None:
        """Build what each change affects, changes made during a build coming next."""
        import watchfiles  # noqa: PLC0415 - only the preview needs it

        paths = [self.root / name for name in WATCHED if (self.root / name).exists()]
        for changes in watchfiles.watch(*paths, watch_filter=lambda _c, p: relevant(Path(p)),
                                        debounce=400, step=30):
            changed = sorted({Path(path) for _change, path in changes})
            languages = affected(changed, self.root, self.languages)
            what = 'everything' if languages is None else ', '.join(languages)
            print(f'newsroom preview: {changed[0].relative_to(self.root)}'
                  f'{f" and {len(changed) - 1} more" if len(changed) > 1 else ""} changed; '
                  f'building {what}', flush=True)
            self.build(languages)


class PreviewHandler(SimpleHTTPRequestHandler):
    """The built site, each language straight from its workshop (no publication between a
    change and the browser), with the reload script in its pages and its own 404 pages."""

    builder: Builder
    workdir: Path

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def translate_path(self, path: str) -> str:
        """A published language's path, from its workshop; anything else from the site."""
        found = super().translate_path(path)
        relative = Path(found).relative_to(self.directory)
        if relative.parts and Path(self.directory, relative.parts[0]).is_dir():
            tree = self.workdir / relative.parts[0] / 'html'
            if tree.is_dir():
                return str(tree.joinpath(*relative.parts[1:]))
        return found

    def do_GET(self) -> None:
        if self.path == VERSION_PATH:
            self.reply(200, str(self.builder.version).encode(), 'text/plain')
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / 'index.html'
        if not path.is_file():
            language = self.path.lstrip('/').split('/', 1)[0]
            page = Path(self.translate_path(f'/{language}/404.html')) if language else None
            page = page if page and page.is_file() else Path(self.directory, '404.html')
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
    parser.add_argument('--port', type=int, default=8000)
    parser.add_argument('--builddir', type=Path, default=Path('_build/live'),
                        help='where the preview is built (never the published site)')
    parser.add_argument('--drafts', action='store_true', help='show drafts too')


def run(args: argparse.Namespace) -> int:
    """Build once, then serve on 127.0.0.1 and rebuild on every change until interrupted."""
    root = Path(args.confdir).resolve()
    builddir = args.builddir if args.builddir.is_absolute() else root / args.builddir
    make_arguments = ['DRAFTS=1'] if args.drafts else []
    if args.baseurl is not None:
        make_arguments.append(f'BASEURL={args.baseurl}')
    builder = Builder(root, builddir, make_arguments, args.site.languages)
    builder.build()
    sitedir = builddir / 'preview' if args.drafts else builddir
    handler = type('Handler', (PreviewHandler,), {'builder': builder,
                                                  'workdir': sitedir / 'work'})
    server = ThreadingHTTPServer(('127.0.0.1', args.port),
                                 partial(handler, directory=os.fspath(sitedir / 'html')))
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

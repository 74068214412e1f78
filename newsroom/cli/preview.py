"""``python -m newsroom preview``: a change rebuilt, its own language's pages reloaded first."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from newsroom.cli.buildlog import COLOUR, records

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterable, Sequence

#: What a change of triggers a build: sources, catalogs, templates, styles, the config.
WATCHED = ('docs', 'locale', '_static', 'newsroom', 'conf.py')
#: Never a reason to build: compiled files, caches, editors' scratch files.
IGNORED_SUFFIXES = ('.mo', '.pyc', '.swp', '.swx', '~', '.tmp')
PREFIX = '/__newsroom_preview__/'
#: A language's build number as text (``?lang=en``; without it, the root files' build).
VERSION_PATH = f'{PREFIX}version'
#: A language's build number, whether its last build succeeded and its problems, as JSON.
STATE_PATH = f'{PREFIX}state'
#: The script added to every HTML page served: reload, error overlay.
SCRIPT_PATH = f'{PREFIX}overlay.js'
SCRIPT = Path(__file__).with_name('preview_overlay.js')
#: The warm sphinx-build: its server and its client for the Makefile's ``SPHINXBUILD``.
WARM = Path(__file__).with_name('warmsphinx.py')
#: The first line of a warning: ``path:line: WARNING: message``, the location optional.
LOCATION = re.compile(r'^(?:(?P<file>.+?)(?::(?P<line>\d+))?(?::[^:]*?)?: )?'
                      r'(?P<level>WARNING|ERROR|CRITICAL|SEVERE): (?P<message>.*)$', re.DOTALL)
#: A problem ``make check-po`` prints (newsroom.i18n.pocheck.Problem).
CATALOG_PROBLEM = re.compile(r'^(?P<file>\S.*?\.po):(?P<line>\d+): (?P<level>error): '
                             r'(?P<message>.*?)(?: \(hint: (?P<hint>.*)\))?$')
#: Lines of a failed build's output shown when it printed no warning.
TAIL_LINES = 15


def relevant(path: Path) -> bool:
    """Whether a change of *path* can change the site (not a compiled or scratch file)."""
    name = path.name
    return not (name.endswith(IGNORED_SUFFIXES) or name.startswith(('.#', '.~'))
                or '__pycache__' in path.parts)


def affected(changed: Iterable[Path], root: Path, languages: Sequence[str],
             ) -> tuple[str, ...] | None:
    """The languages to rebuild after *changed*, those whose catalogs changed first (for a
    page alone, the source language first); None when the whole site must be built again
    (config, templates, styles, code, the interface catalogs, a new language).

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


def catalog_language(path: Path, root: Path, languages: Sequence[str]) -> str | None:
    """The language of a page catalog, ``locale/<lang>/LC_MESSAGES/….po``; None otherwise."""
    parts = path.relative_to(root).parts
    if (len(parts) > 3 and parts[0] == 'locale' and parts[1] in languages
            and parts[2] == 'LC_MESSAGES' and path.suffix == '.po'):
        return parts[1]
    return None


@dataclass(frozen=True)
class Problem:
    """What the overlay shows: a file (relative to the project), a line, a message."""

    file: str
    line: int | None
    message: str
    hint: str = ''

    def as_json(self) -> dict[str, object]:
        return {'file': self.file, 'line': self.line, 'message': self.message,
                'hint': self.hint}


def shown_path(name: str, root: Path) -> str:
    """*name* relative to the project when it lies below it."""
    path = Path(name)
    if path.is_absolute() and path.is_relative_to(root):
        return str(path.relative_to(root))
    return name


def warnings_of(text: str, root: Path) -> list[Problem]:
    """The warnings Sphinx printed (``path:line: WARNING: message [type]``), each once."""
    found = []
    for record in records(text):
        if match := LOCATION.match(record):
            line = match['line']
            found.append(Problem(shown_path(match['file'] or '', root),
                                 int(line) if line else None, match['message'].strip()))
    return list(dict.fromkeys(found))


def catalog_problems_of(text: str, root: Path) -> list[Problem]:
    """The catalog errors ``make check-po`` printed, each once."""
    found = []
    for line in COLOUR.sub('', text).splitlines():
        if match := CATALOG_PROBLEM.match(line):
            found.append(Problem(shown_path(match['file'], root), int(match['line']),
                                 match['message'], match['hint'] or ''))
    return list(dict.fromkeys(found))


def failure_of(text: str) -> list[Problem]:
    """A failed build that printed no warning: the end of what it printed, as one problem."""
    lines = [line for line in COLOUR.sub('', text).splitlines() if line.strip()]
    return [Problem('', None, '\n'.join(lines[-TAIL_LINES:]) or 'the build failed')]


def check_catalog(path: Path, language: str, root: Path) -> list[Problem]:
    """The errors of one page catalog, as ``make check-po`` finds them (none once deleted)."""
    from newsroom.i18n.pocheck import errors, read_checked  # noqa: PLC0415 - Sphinx, polib

    if not path.is_file():
        return []
    try:
        problems = errors(read_checked(path, language)[0])
    except Exception as error:  # noqa: BLE001 - whatever the file holds, say so in the page
        return [Problem(shown_path(str(path), root), None,
                        f'the catalog check failed: {type(error).__name__}: {error}')]
    return [Problem(shown_path(str(problem.path), root), problem.line, problem.message,
                    problem.hint) for problem in problems]


@dataclass
class Language:
    """What the preview knows of one language: its build number, whether the last build
    succeeded, what that build printed and the errors of each catalog saved since."""

    version: int = 0
    ok: bool = True
    build: list[Problem] = field(default_factory=list)
    catalogs: dict[str, list[Problem]] = field(default_factory=dict)

    def finished(self, ok: bool, log: str, root: Path) -> None:
        """A build ended: its success and warnings (or the end of its output)."""
        warnings = warnings_of(log, root)
        self.ok = ok
        self.build = warnings or ([] if ok else failure_of(log))
        self.version += 1

    def problems(self, common: Sequence[Problem]) -> list[Problem]:
        """The catalogs' errors, then the build's warnings not at a line already named."""
        first = [p for found in self.catalogs.values() for p in found] + list(common)
        named = {(p.file, p.line) for p in first}
        return first + [p for p in self.build if (p.file, p.line) not in named]


class WarmSphinx:
    """A server with Sphinx and our extensions imported (``warmsphinx.py``), each
    language's build forked off it: no build pays for the imports again. Started afresh
    after each build of the whole site, which any change of code causes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = Path(tempfile.mkdtemp(prefix='newsroom-preview-'))
        self.process: subprocess.Popen | None = None

    @property
    def socket(self) -> Path:
        return self.folder / 'sphinx.sock'

    def start(self) -> None:
        self.stop()
        self.process = subprocess.Popen(
            [sys.executable, str(WARM), 'serve', str(self.socket), str(self.root)],
            cwd=self.root, stdin=subprocess.DEVNULL)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait()
            self.process = None
        self.socket.unlink(missing_ok=True)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def arguments(self) -> list[str]:
        """``make`` arguments that build through the server (none while it is not running:
        the client falls back to the real sphinx-build while the server starts)."""
        if self.process is None or self.process.poll() is not None:
            return []
        real = Path(sys.prefix) / 'bin' / 'sphinx-build'
        client = [sys.executable, '-I', '-S', str(WARM), str(self.socket), str(real)]
        return [f'SPHINXBUILD={shlex.join(client)}']


class Builder:
    """Runs ``make`` into the preview's own build folder: every language and the root files
    at first and after a change of config or code; after a page or a catalog changed, the
    language that matters first (alone, so its pages reload at once), then the others.

    Each build runs in a thread of its own; one language is never built twice at once, and
    the whole site only when no language is being built."""

    def __init__(self, root: Path, builddir: Path, make_arguments: list[str],
                 languages: Sequence[str], workdir: Path, *, warm: bool = False) -> None:
        self.root, self.builddir, self.arguments = root, builddir, make_arguments
        self.warm = WarmSphinx(root) if warm else None
        self.languages = tuple(languages)
        self.workdir = workdir
        self.states = {code: Language() for code in self.languages}
        self.site = Language()  # the root files, and problems every language shows
        self.condition = threading.Condition()
        #: Set once the watcher sees the files: the preview serves no page before, so a
        #: file saved as soon as a page shows is never missed.
        self.watching = threading.Event()
        self.queue: dict[str, bool] = {}  # language → urgent, in the order to build
        self.running: dict[str, bool] = {}
        self.full_pending = False
        self.full_running = False

    # -- What the server asks -----------------------------------------------------------

    def state(self, language: str) -> dict[str, object]:
        """The build number, success and problems shown on *language*'s pages ('' the root)."""
        with self.condition:
            known = self.states.get(language)
            state = known or self.site
            problems = known.problems(self.site.build) if known else self.site.problems([])
            return {'version': state.version, 'ok': state.ok,
                    'problems': [problem.as_json() for problem in problems]}

    def version(self, language: str) -> int:
        with self.condition:
            return self.states.get(language, self.site).version

    # -- Scheduling -----------------------------------------------------------------------

    def schedule(self, languages: Sequence[str] | None) -> None:
        """Build *languages*, the first at once and alone, or the whole site (None)."""
        with self.condition:
            if languages is None:
                self.full_pending = True
                self.queue.clear()
            elif not self.full_pending:
                first, *others = languages
                self.queue = {first: True, **{code: urgent for code, urgent in
                                              self.queue.items() if code != first}}
                for code in others:
                    self.queue.setdefault(code, False)
            self._start_ready()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until nothing is queued or being built."""
        with self.condition:
            return self.condition.wait_for(
                lambda: not (self.queue or self.running or self.full_pending
                             or self.full_running), timeout)

    def _start_ready(self) -> None:
        """Start what may start now (the lock held): the whole site when nothing else runs;
        an urgent language once its previous build ended; the others when no urgent
        language is waiting or being built."""
        if self.full_running:
            return
        if self.full_pending:
            if not self.running:
                self.full_pending, self.full_running = False, True
                self._thread(self._full)
            return
        urgent_busy = any(self.running.values()) or any(self.queue.values())
        for code, urgent in list(self.queue.items()):
            if code in self.running or (urgent_busy and not urgent):
                continue
            del self.queue[code]
            self.running[code] = urgent
            self._thread(partial(self._language, code))

    @staticmethod
    def _thread(target: Callable[[], None]) -> None:
        threading.Thread(target=target, daemon=True).start()

    # -- Builds ---------------------------------------------------------------------------

    def make(self, targets: Sequence[str], *, warm: bool = False,
             ended: Callable[[], bool] | None = None) -> tuple[bool, str]:
        """``make`` *targets* at once (*warm*: through the warm sphinx-build); whether it
        succeeded and its stderr (also printed). *ended* is asked every few milliseconds
        until it says that the build is over, which may be before ``make`` is."""
        through = self.warm.arguments() if warm and self.warm else []
        # The preview never builds a language twice at once, nor the whole site beside one:
        # its languages' builds need not take the build folder's lock (LOCKED), so they run
        # side by side.
        command = ['make', '--no-print-directory', f'-j{len(targets)}', *targets,
                   f'BUILDDIR={self.builddir}', f'VENV={Path(sys.prefix)}', *self.arguments,
                   *through, *(['LOCKED=1'] if warm else [])]
        process = subprocess.Popen(command, cwd=self.root, stderr=subprocess.PIPE, text=True,
                                   errors='replace')
        while True:
            try:
                _output, stderr = process.communicate(timeout=0.02 if ended else None)
                break
            except subprocess.TimeoutExpired:
                if ended and ended():
                    ended = None
        sys.stderr.write(stderr)
        sys.stderr.flush()
        return process.returncode == 0, stderr

    def build(self, languages: Sequence[str] | None = None) -> bool:
        """Build the whole site (None) or *languages* now, in this thread."""
        if languages is None:
            return self._full_build()
        return all([self._language_build(code) for code in languages])

    def warnings_since(self, language: str, start: float) -> str | None:
        """The warnings *language*'s build wrote since *start*; None if it wrote none."""
        path = self.workdir / language / 'warnings.txt'
        try:
            if path.stat().st_mtime < start - 0.1:
                return None
            return path.read_text(encoding='utf-8', errors='replace')
        except OSError:
            return None

    def exit_status(self, language: str, start: float) -> int | None:
        """The exit status *language*'s sphinx-build left in its workshop since *start* (the
        Makefile writes it before its last step); None before."""
        path = self.workdir / language / 'status'
        try:
            if path.stat().st_mtime < start:
                return None
            return int(path.read_text(encoding='utf-8').strip() or 'x')
        except (OSError, ValueError):
            return None

    def _language_build(self, language: str) -> bool:
        """Build *language*; its pages learn the outcome as soon as Sphinx is done."""
        start = time.time()
        told: float | None = None  # when the pages were told

        def ended() -> bool:
            nonlocal told
            status = self.exit_status(language, start)
            if status is not None:
                self._finished(language, status == 0, self.warnings_since(language, start))
                told = time.time()
            return told is not None

        ok, stderr = self.make([f'html-{language}'], warm=True, ended=ended)
        if told is None:
            log = self.warnings_since(language, start)
            self._finished(language, ok, stderr if log is None else log)
        seconds = (told or time.time()) - start
        print(f'newsroom preview: {language} rebuilt in {seconds:.1f} s' if ok else
              f'newsroom preview: {language} failed after {seconds:.1f} s (shown in its pages)',
              flush=True)
        return ok

    def _finished(self, language: str, ok: bool, log: str | None) -> None:
        with self.condition:
            self.states[language].finished(ok, log or '', self.root)

    def _full_build(self) -> bool:
        """``make html``; languages it stopped before (a catalog check failed) are built
        one by one, so that their pages are there to show the error on."""
        start = time.time()
        if self.warm:
            self.warm.stop()  # the code may have changed
        ok, stderr = self.make(['html'])
        if self.warm:
            self.warm.start()
        logs = {code: self.warnings_since(code, start) for code in self.languages}
        unbuilt = [code for code, log in logs.items() if log is None and not ok]
        for code in unbuilt:
            self._language_build(code)
        catalogs = self.catalogs_after(catalog_problems_of(stderr, self.root))
        with self.condition:
            for code, state in self.states.items():
                if code not in unbuilt:
                    log = logs[code] or ''
                    state.finished(ok or not log.strip(), log, self.root)
                state.catalogs = catalogs.get(code, {})
            general = [p for p in catalog_problems_of(stderr, self.root)
                       if catalog_language(self.root / p.file, self.root, self.languages)
                       is None]
            if not (ok or general or catalogs) and all(s.ok for s in self.states.values()):
                general = failure_of(stderr)
            self.site.ok, self.site.build = ok, general
            self.site.version += 1
        return ok

    def catalogs_after(self, printed: Sequence[Problem],
                       ) -> dict[str, dict[str, list[Problem]]]:
        """Per language, the errors of each page catalog after a whole build: those
        ``make check-po`` printed, and those of the catalogs known broken before, checked
        again (whether a build checks catalogs first is the Makefile's business)."""
        found: dict[str, dict[str, list[Problem]]] = {}
        for problem in printed:
            if code := catalog_language(self.root / problem.file, self.root, self.languages):
                found.setdefault(code, {}).setdefault(problem.file, []).append(problem)
        with self.condition:
            known = [(code, name) for code, state in self.states.items()
                     for name in state.catalogs if name not in found.get(code, {})]
        for code, name in known:
            if problems := check_catalog(self.root / name, code, self.root):
                found.setdefault(code, {})[name] = problems
        return found

    def _language(self, language: str) -> None:
        try:
            self._language_build(language)
        except Exception:  # noqa: BLE001 - the preview outlives any failure
            traceback.print_exc()
        finally:
            with self.condition:
                del self.running[language]
                self._start_ready()
                self.condition.notify_all()

    def _full(self) -> None:
        try:
            self._full_build()
        except Exception:  # noqa: BLE001 - the preview outlives any failure
            traceback.print_exc()
        finally:
            with self.condition:
                self.full_running = False
                self._start_ready()
                self.condition.notify_all()

    def check_catalogs(self, changed: Iterable[Path]) -> None:
        """Check each saved page catalog as ``make check-po`` does; its errors are shown on
        its language's pages until it passes (the build may well go on without it)."""
        for path in changed:
            language = catalog_language(path, self.root, self.languages)
            if language is None:
                continue
            problems = check_catalog(path, language, self.root)
            with self.condition:
                catalogs = self.states[language].catalogs
                catalogs.pop(shown_path(str(path), self.root), None)
                if problems:
                    catalogs[shown_path(str(path), self.root)] = problems

    # -- Watching -------------------------------------------------------------------------

    def changed(self, changed: Sequence[Path]) -> None:
        """Schedule what *changed* affects and check the catalogs among them."""
        languages = affected(changed, self.root, self.languages)
        what = 'everything' if languages is None else ', '.join(languages)
        print(f'newsroom preview: {changed[0].relative_to(self.root)}'
              f'{f" and {len(changed) - 1} more" if len(changed) > 1 else ""} changed; '
              f'building {what}', flush=True)
        self.schedule(languages)
        self.check_catalogs(changed)

    def watch(self) -> None:
        """Build what each change affects, changes made during a build coming next."""
        import watchfiles  # noqa: PLC0415 - only the preview needs it

        import newsroom.i18n.pocheck  # noqa: F401, PLC0415 - ready before a catalog is saved

        paths = [self.root / name for name in WATCHED if (self.root / name).exists()]
        for changes in watchfiles.watch(*paths, watch_filter=lambda _c, p: relevant(Path(p)),
                                        debounce=400, step=30, rust_timeout=200,
                                        yield_on_timeout=True):
            self.watching.set()  # the first yield comes once the files are watched
            if not changes:
                continue
            try:
                self.changed(sorted({Path(path) for _change, path in changes}))
            except Exception:  # noqa: BLE001 - the preview outlives any failure
                traceback.print_exc()


class PreviewHandler(SimpleHTTPRequestHandler):
    """The built site, each language straight from its workshop (no publication between a
    change and the browser), with the preview's script in its pages and its own 404 pages."""

    builder: Builder
    workdir: Path

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def translate_path(self, path: str) -> str:
        """A published language's path, from its workshop; anything else from the site (a
        language is served from its workshop too while no site was published)."""
        found = super().translate_path(path)
        relative = Path(found).relative_to(self.directory)
        if relative.parts and relative.parts[0] in self.builder.languages and (
                Path(self.directory, relative.parts[0]).is_dir()
                or not Path(self.directory).is_dir()):
            tree = self.workdir / relative.parts[0] / 'html'
            if tree.is_dir():
                return str(tree.joinpath(*relative.parts[1:]))
        return found

    def language(self) -> str:
        """The language of the page asked for: the first folder of its path, if one."""
        first = urlsplit(self.path).path.lstrip('/').split('/', 1)[0]
        return first if first in self.builder.languages else ''

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path.startswith(PREFIX):
            self.preview_file(url.path, parse_qs(url.query).get('lang', [''])[0])
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / 'index.html'
        if not path.is_file():
            language = self.language()
            page = Path(self.translate_path(f'/{language}/404.html')) if language else None
            page = page if page and page.is_file() else Path(self.directory, '404.html')
            self.reply(404, self.with_script(page.read_bytes() if page.is_file() else b''),
                       'text/html; charset=utf-8')
            return
        if path.suffix == '.html':
            self.reply(200, self.with_script(path.read_bytes()), 'text/html; charset=utf-8')
            return
        super().do_GET()

    def preview_file(self, path: str, language: str) -> None:
        """The preview's own answers: build numbers, state, the page script."""
        if path == VERSION_PATH:
            self.reply(200, str(self.builder.version(language)).encode(), 'text/plain')
        elif path == STATE_PATH:
            self.reply(200, json.dumps(self.builder.state(language)).encode(),
                       'application/json')
        elif path == SCRIPT_PATH:
            self.reply(200, SCRIPT.read_bytes(), 'text/javascript; charset=utf-8')
        else:
            self.reply(404, b'', 'text/plain')

    def with_script(self, html: bytes) -> bytes:
        """*html* with the preview's script, which knows the page's language and build."""
        language = self.language()
        tag = (f'<script src="{SCRIPT_PATH}" data-lang="{language}" '
               f'data-version="{self.builder.version(language)}"></script>').encode()
        if b'</body>' in html:
            return html.replace(b'</body>', tag + b'</body>', 1)
        return html + tag

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
    parser.add_argument('--cold', action='store_true',
                        help='run a new sphinx-build for each build (no warm server)')


def run(args: argparse.Namespace) -> int:
    """Build once, then serve on 127.0.0.1 and rebuild on every change until interrupted."""
    root = Path(args.confdir).resolve()
    builddir = args.builddir if args.builddir.is_absolute() else root / args.builddir
    make_arguments = ['DRAFTS=1'] if args.drafts else []
    if args.baseurl is not None:
        make_arguments.append(f'BASEURL={args.baseurl}')
    sitedir = builddir / 'preview' if args.drafts else builddir
    builder = Builder(root, builddir, make_arguments, args.site.languages, sitedir / 'work',
                      warm=not args.cold)
    builder.build()
    threading.Thread(target=builder.watch, daemon=True).start()
    builder.watching.wait(timeout=60)  # a page shown before would let an early save go unseen
    handler = type('Handler', (PreviewHandler,), {'builder': builder,
                                                  'workdir': sitedir / 'work'})
    server = ThreadingHTTPServer(('127.0.0.1', args.port),
                                 partial(handler, directory=os.fspath(sitedir / 'html')))
    signal.signal(signal.SIGTERM, lambda _number, _frame: sys.exit(0))  # clean up as on ^C
    print(f'newsroom preview: http://127.0.0.1:{server.server_port}/ (rebuilt on every '
          'change; Ctrl-C stops)', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if builder.warm:
            builder.warm.close()
    return 0

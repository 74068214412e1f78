"""A warm ``sphinx-build`` for ``make html`` and ``make preview``: Sphinx imported once, each build forked off.

``serve SOCKET ROOT`` imports Sphinx, MyST, furo and our extensions once and waits; the
preview then runs ``make html-<lang> SPHINXBUILD='python -I -S warmsphinx.py SOCKET
REAL'``, so the Makefile's recipe stays what runs. That client hands its arguments,
working folder, environment and standard streams to the server, which forks a process
that runs Sphinx's command line with them and reports its exit status back. When the
server cannot be reached, the client runs the real ``sphinx-build`` itself. The client
imports nothing beyond the standard library, so it starts in milliseconds.

``run ROOT REAL COMMAND…`` (``make html``) starts a server for the length of *COMMAND*,
which it runs with ``SPHINXBUILD`` naming the client in its environment: the server
imports while the catalogs are checked, and no language's build imports again. The
commands of ``python -m newsroom`` that ``make html`` runs once the builds have started
(``progress``, ``summary``, ``publish``) go the same way: ``NEWSROOM_WARM`` names a client
that runs ``newsroom.cli.main`` in a fork (``python -m newsroom`` itself if it cannot).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

#: What a build imports anyway, besides Sphinx's built-in extensions and our wings.
PRELOADED = ('sphinx.cmd.build', 'sphinx.application', 'sphinx.builders.html',
             'sphinx.environment', 'sphinx.search', 'sphinx.writers.html5', 'sphinx.ext.mathjax',
             'sphinx.util.console', 'docutils.core', 'docutils.languages.en', 'myst_parser',
             'myst_parser.sphinx_ext.main', 'myst_parser.sphinx_ext.directives',
             'myst_parser.sphinx_ext.myst_refs', 'myst_parser.sphinx_ext.mathjax', 'furo',
             'sphinx_basic_ng', 'a11y_pygments.a11y_light.style',
             'a11y_pygments.a11y_dark.style', 'a11y_pygments.a11y_high_contrast_light.style',
             'a11y_pygments.a11y_high_contrast_dark.style', 'pygments.styles.native',
             'notfound.extension', 'jinja2.ext', 'babel.dates', 'babel.numbers', '_strptime',
             'polib', 'newsroom')
MESSAGE_SIZE = 1 << 20
#: The modules of the commands of ``python -m newsroom`` that ``make html`` has the server
#: run (``progress``, ``summary``, ``publish``), and of the look before each build
#: (``skipbuild``).
WARM_COMMANDS = ('newsroom.cli', 'newsroom.cli.buildlog', 'newsroom.publishing.publish',
                 'newsroom.cli.skipbuild', 'newsroom.cli.warmkeep')
#: The client's first argument that makes it a ``python -m newsroom``, not a sphinx-build.
NEWSROOM = '--newsroom'


def preloaded() -> list[str]:
    """The modules to import before any build: ours found as a build's conf.py finds them."""
    import pkgutil  # noqa: PLC0415

    import newsroom  # noqa: PLC0415
    from sphinx.application import builtin_extensions  # noqa: PLC0415

    wings = [info.name for info in pkgutil.walk_packages(newsroom.__path__, 'newsroom.')
             if not info.name.startswith('newsroom.cli')]
    return [*builtin_extensions, *wings, *WARM_COMMANDS]


def preload(root: str) -> None:
    """Import what every build needs, from where its conf.py would find it."""
    import importlib  # noqa: PLC0415

    sys.path.insert(0, root)
    for name in PRELOADED:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 - a build imports it again and reports it
            continue
    try:
        names = preloaded()
    except Exception:  # noqa: BLE001 - our code does not import now: the builds will say
        names = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112
            continue
    try:  # the site's dictionaries (check-po's termbase, the search index), read once
        from newsroom.core import morphology  # noqa: PLC0415
        from newsroom.core.site import Site  # noqa: PLC0415
        from pathlib import Path  # noqa: PLC0415

        morphology.preload(list(Site.from_confdir(Path(root)).languages))
    except Exception:  # noqa: BLE001, S110 - each process then loads what it needs
        pass
    sys.path.remove(root)
    try:  # every build forked from here: Sphinx's start-up looks for sphinx.po only
        from newsroom.upstream import startup_catalogs  # noqa: PLC0415

        startup_catalogs.install()
    except Exception:  # noqa: BLE001, S110 - a build then walks the catalogs as Sphinx does
        pass


def build(request: dict, streams: list[int]) -> int:
    """Run Sphinx's command line as the client asked, in this (forked) process."""
    for number, stream in enumerate(streams[:3]):
        os.dup2(stream, number)
        os.close(stream)
    os.chdir(request['cwd'])
    if 'umask' in request:
        os.umask(request['umask'])
    os.environ.clear()
    os.environ.update(request['env'])
    sys.argv = list(request['argv'])
    if request.get('tool') == 'newsroom':
        sys.path.insert(0, request['cwd'])  # as ``python -m`` would
        from newsroom.cli import main  # noqa: PLC0415 - preloaded
    else:
        from sphinx.cmd.build import main  # noqa: PLC0415 - preloaded

        from newsroom.cli import skipbuild  # noqa: PLC0415

        if skipbuild.skip(sys.argv[1:]):  # nothing it reads changed since it last ran
            sys.stdout.flush()
            return 0

    try:
        status = main(sys.argv[1:])
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001 - reported as sphinx-build would
        import traceback  # noqa: PLC0415

        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return status


def answer(connection: socket.socket) -> None:
    """One client: fork its build, wait for it, send its exit status."""
    message, streams, _flags, _address = socket.recv_fds(connection, MESSAGE_SIZE, 3)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    child = os.fork()
    if child == 0:
        connection.close()
        os._exit(build(json.loads(message), streams))
    for stream in streams:
        os.close(stream)
    _pid, status = os.waitpid(child, 0)
    connection.send(str(os.waitstatus_to_exitcode(status)).encode())


def listen(path: str) -> socket.socket:
    """The server's socket, bound and listening: clients may connect (and wait) at once."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listener.bind(path)
    listener.listen(16)
    return listener


def reap(*, wait: bool) -> int:
    """Collect the finished answers (all of them with *wait*): their builds' CPU time then
    counts as this process's children's, as a sphinx-build's would. How many ended."""
    ended = 0
    while True:
        try:
            pid, _status = os.waitpid(-1, 0 if wait else os.WNOHANG)
        except ChildProcessError:
            return ended
        if pid == 0:
            return ended
        ended += 1


def stop(_signal: int, _frame: object) -> None:
    raise SystemExit(0)


def accept(listener: socket.socket, root: str, *, finish: bool,
           answering: Callable[[socket.socket], None] | None = None,
           idle: Callable[[float], bool] | None = None) -> None:
    """Import what every build needs, then answer each client in a process of its own
    (*answering*, :func:`answer` by default) until the process that started this server is
    gone or stops it (SIGTERM), or, with no answer running, *idle* (given the time of the
    last one) says it may end; with *finish*, wait for the answers still running then."""
    parent = os.getppid() if idle is None else None  # a kept server outlives its starter
    signal.signal(signal.SIGTERM, stop)
    preload(root)
    import gc  # noqa: PLC0415

    gc.freeze()  # the forked builds share the preloaded modules' pages
    listener.settimeout(1)
    running, last = 0, time.time()
    try:
        while parent is None or os.getppid() == parent:
            if ended := reap(wait=False):
                running, last = running - ended, time.time()
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                if idle is not None and not running and idle(last):
                    return
                continue
            forked(listener, connection, answering or answer)
            running, last = running + 1, time.time()
    finally:
        reap(wait=finish)


def forked(listener: socket.socket, connection: socket.socket,
           answering: Callable[[socket.socket], None]) -> int:
    """*answering* the client on *connection* in a process of its own (its pid), which
    holds neither the listener nor the server's SIGTERM handler."""
    connection.settimeout(None)
    pid = os.fork()
    if pid == 0:
        listener.close()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        try:
            answering(connection)
        finally:
            os._exit(0)
    connection.close()
    return pid


def serve(path: str, root: str) -> None:
    """``serve``: a server on *path* for the builds of the site at *root*."""
    accept(listen(path), root, finish=False)  # a preview does not wait for stale builds


#: A run's folder for its socket: ``<temporary folder>/newsroom-sphinx-<pid>-<random>``.
FOLDER_PREFIX = 'newsroom-sphinx-'


def alive(pid: int) -> bool:
    """Whether a process *pid* exists (anyone's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(parent: str) -> list[str]:
    """Remove the folders that runs whose process is gone left in *parent* (a ``make
    html`` killed outright cleans nothing up); the names removed. A link is never
    followed, and another user's folder is not ours to remove."""
    removed = []
    for name in os.listdir(parent):
        pid = name.removeprefix(FOLDER_PREFIX).split('-', 1)[0]
        path = os.path.join(parent, name)
        if (not name.startswith(FOLDER_PREFIX) or not pid.isdigit() or alive(int(pid))
                or os.path.islink(path) or not os.path.isdir(path)
                or os.stat(path).st_uid != os.getuid()):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(name)
    return removed


def run(root: str, real: str, command: list[str], keep: float = 0) -> int:
    """``run``: *command* with ``SPHINXBUILD`` building through a server: with *keep*
    seconds, the site's kept server (``warmkeep``), which outlives the command; else one
    of its own, which stops when the command ends. The command's exit status."""
    if keep > 0:
        from newsroom.cli import warmkeep  # noqa: PLC0415

        try:
            found = warmkeep.kept(root, keep)
        except OSError:
            found = None
        if found is not None:
            path, warm = found
            environ = clients(path, real)
            if warm:  # the checks too: they import nothing, and start at once
                environ['NEWSROOM_WARM_CHECKS'] = environ['NEWSROOM_WARM']
            return subprocess.call(command, env=environ)
    sweep(tempfile.gettempdir())
    folder = tempfile.mkdtemp(prefix=f'{FOLDER_PREFIX}{os.getpid()}-')
    path = os.path.join(folder, 'sphinx.sock')
    listener = listen(path)
    server = os.fork()
    if server == 0:
        code = 0
        try:
            accept(listener, root, finish=True)
        except BaseException:  # noqa: BLE001 - the clients fall back to sphinx-build
            code = 1
        os._exit(code)
    listener.close()
    try:
        return subprocess.call(command, env=clients(path, real))
    finally:
        os.kill(server, signal.SIGTERM)
        os.waitpid(server, 0)
        shutil.rmtree(folder, ignore_errors=True)


def clients(path: str, real: str) -> dict[str, str]:
    """The environment of a run's command: ``SPHINXBUILD`` and ``NEWSROOM_WARM`` name the
    clients of the server at *path*."""
    client = [sys.executable, '-I', '-S', os.path.abspath(__file__), path]
    return {**os.environ, 'SPHINXBUILD': shlex.join([*client, real]),
            'NEWSROOM_WARM': shlex.join([*client, NEWSROOM, sys.executable])}


def client(path: str, real: str, arguments: list[str]) -> int:
    """Have the server build with these arguments; the real sphinx-build if it cannot.

    With ``--newsroom PYTHON ARGUMENTS…``, have it run ``python -m newsroom ARGUMENTS…``
    (*PYTHON* runs that if the server cannot)."""
    if real == NEWSROOM:
        tool, real = 'newsroom', arguments.pop(0)
        argv, fallback = ['newsroom', *arguments], [real, '-m', 'newsroom', *arguments]
    else:
        tool, argv = 'sphinx', [real, *arguments]
        fallback = argv
    umask = os.umask(0)
    os.umask(umask)
    request = json.dumps({'tool': tool, 'argv': argv, 'cwd': os.getcwd(), 'umask': umask,
                          'env': dict(os.environ)}).encode()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as connection:
            connection.connect(path)
            socket.send_fds(connection, [request], [0, 1, 2])
            status = connection.recv(64)
    except OSError:
        status = b''
    if not status:
        os.execv(real, fallback)
    code, _, cpu = status.decode().partition(' ')
    if cpu and (log := os.environ.get('NEWSROOM_CPULOG')):  # a kept server's build
        with open(log, 'a', encoding='utf-8') as file:
            file.write(f'{cpu}\n')
    return int(code)


def main(argv: list[str]) -> int:
    if argv[:1] == ['serve']:
        serve(argv[1], argv[2])
        return 0
    if argv[:2] == ['run', '--keep']:
        return run(argv[3], argv[4], argv[5:], keep=float(argv[2]))
    if argv[:1] == ['run']:
        return run(argv[1], argv[2], argv[3:])
    return client(argv[0], argv[1], argv[2:])


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

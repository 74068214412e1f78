"""The warm Sphinx kept between runs of ``make html``: one server per site, code and settings, ended once it idles.

``warmsphinx run --keep SECONDS`` asks :func:`kept` for the site's server: the one a
former run left, when it was started from the same Python, import path (each folder's
modification time: installing a package changes it), files of our package, site folder
and the environment variables a module may read on import (``IMPORT_TIME``); else a new
one, the old stopped first. The server lives in ``<temporary folder>/newsroom-warm-<uid>-<site>``
(a folder only its user may enter; any other is not used, and the run starts a server of
its own as without ``--keep``), has no terminal and no inherited file, and ends after
*SECONDS* without a build. Each build it forks runs in a process group of its own, killed
when the client that asked for it is gone (Ctrl-C, a killed ``make``), and reports its CPU
time to the client (``NEWSROOM_CPULOG``), as no process that waits for ``make`` counts it.
Of ours it imports only the core's code stamp and file writing, so ``run`` starts at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import select
import signal
import socket
import stat
import sys
import tempfile
import time
from pathlib import Path

from newsroom.core.codestamp import code_stamp
from newsroom.core.files import write_atomically

#: The variables a module may read as it is imported (the server imports once for many
#: builds; each build has its client's whole environment): a server started under other
#: values of these is not used.
IMPORT_TIME = ('PYTHON', 'LANG', 'LANGUAGE', 'LC_', 'TZ', 'SOURCE_DATE_EPOCH', 'SPHINX',
               'DOCUTILS', 'NEWSROOM', 'PATH', 'HOME', 'TMPDIR', 'VIRTUAL_ENV', 'XDG_')
#: Of those, what we set for the builds (the clients' addresses, a benchmark's logs).
VOLATILE = frozenset({'SPHINXBUILD', 'NEWSROOM_WARM', 'NEWSROOM_WARM_CHECKS',
                      'NEWSROOM_STEPLOG', 'NEWSROOM_CPULOG'})
FOLDER_PREFIX = 'newsroom-warm-'
#: A server asked to stop has this long before it is killed.
STOP_GRACE = 2.0


def stamp(root: str) -> str:
    """What a kept server must have been started with to serve this run (see the module)."""
    digest = hashlib.blake2b(digest_size=16)

    def add(*parts: object) -> None:
        digest.update(repr(parts).encode() + b'\n')

    site = os.path.realpath(root)
    add(sys.executable, sys.version, site)
    for entry in sys.path:
        try:
            found = os.stat(entry or '.')
        except OSError:
            add(entry)
            continue
        # the site's folder changes with every build's logs: our package is stamped below
        here = os.path.realpath(entry or '.') == site
        add(entry, found.st_ino, None if here else found.st_mtime_ns)
    add(code_stamp())  # our package's files
    add(sorted((key, value) for key, value in os.environ.items()
               if key.startswith(IMPORT_TIME) and key not in VOLATILE))
    return digest.hexdigest()


def folder_for(root: str, parent: str | None = None) -> str | None:
    """The site's server folder, made if needed; None unless it is a folder of this user's
    that no one else may enter (a link, or anyone else's, is never used)."""
    name = hashlib.blake2b(os.path.realpath(root).encode(), digest_size=8).hexdigest()
    path = os.path.join(parent or tempfile.gettempdir(), f'{FOLDER_PREFIX}{os.getuid()}-{name}')
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    found = os.lstat(path)
    if (not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid()
            or found.st_mode & 0o077):
        return None
    return path


def read(path: str) -> str:
    try:
        with open(path, encoding='utf-8') as file:
            return file.read()
    except OSError:
        return ''


def write(path: str, text: str) -> None:
    write_atomically(Path(path), text.encode())


def answers(path: str) -> bool:
    """Whether a server listens on the socket at *path*."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET) as probe:
        try:
            probe.connect(path)
        except OSError:
            return False
    return True


def ours(pid: int, root: str) -> bool:
    """Whether *pid* is the kept server of the site at *root* (a fork of ``warmsphinx run
    --keep``): a number reused by another process is never signalled."""
    try:
        with open(f'/proc/{pid}/cmdline', 'rb') as file:
            words = file.read().split(b'\0')
    except OSError:
        return False
    return (b'newsroom.cli.warmsphinx' in words and b'--keep' in words
            and os.fsencode(root) in words)


def stop(folder: str, root: str) -> None:
    """End the folder's server, if any (it may hold other code or settings)."""
    text = read(os.path.join(folder, 'pid'))
    if not text.isdigit() or not ours(pid := int(text), root):
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE
        while ours(pid, root) and time.monotonic() < deadline:
            time.sleep(0.02)
        if ours(pid, root):
            os.kill(pid, signal.SIGKILL)


def kept(root: str, keep: float, parent: str | None = None) -> tuple[str, bool] | None:
    """The socket of the site's kept server, started if needed, and whether it was running
    already (warm); None if the site can have none (its folder, see :func:`folder_for`)."""
    folder = folder_for(root, parent)
    if folder is None:
        return None
    lock = os.open(os.path.join(folder, 'lock'), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        path, wanted = os.path.join(folder, 'sphinx.sock'), stamp(root)
        write(os.path.join(folder, 'used'), '')  # the server idles from now on, not before
        if read(os.path.join(folder, 'stamp')) == wanted and answers(path):
            return path, True
        stop(folder, root)
        start(folder, path, root, keep)
        write(os.path.join(folder, 'stamp'), wanted)
        return path, False
    finally:
        os.close(lock)


def start(folder: str, path: str, root: str, keep: float) -> None:
    """A server on *path*, detached from this process, its terminal and its files."""
    from newsroom.cli import warmsphinx  # noqa: PLC0415

    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    listener = warmsphinx.listen(path)  # clients may connect (and wait) at once
    first = os.fork()
    if first == 0:
        try:
            os.setsid()
            if os.fork() == 0:
                detach(listener.fileno())
                write(os.path.join(folder, 'pid'), str(os.getpid()))
                serve(listener, root, keep, folder)
        finally:
            os._exit(0)
    os.waitpid(first, 0)
    listener.close()


def detach(keep_fd: int) -> None:
    """No standard stream, no inherited file but *keep_fd*."""
    null = os.open(os.devnull, os.O_RDWR)
    for number in (0, 1, 2):
        os.dup2(null, number)
    os.closerange(3, keep_fd)
    os.closerange(keep_fd + 1, os.sysconf('SC_OPEN_MAX'))


def idle(folder: str, last: float, keep: float) -> bool:
    """Whether the server may end: no build for *keep* seconds since its last and since
    a run last asked for it (under the folder's lock, so that no run is handed a server
    about to end); if so, it is no longer named in the folder."""
    used = os.path.join(folder, 'used')
    with contextlib.suppress(OSError):
        last = max(last, os.stat(used).st_mtime)
    if time.time() - last < keep:
        return False
    lock = os.open(os.path.join(folder, 'lock'), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        with contextlib.suppress(OSError):
            if time.time() - os.stat(used).st_mtime < keep:
                return False
        if read(os.path.join(folder, 'pid')) == str(os.getpid()):
            for name in ('stamp', 'pid', 'sphinx.sock'):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(folder, name))
        return True
    finally:
        os.close(lock)


def serve(listener: socket.socket, root: str, keep: float, folder: str) -> None:
    """``warmsphinx.accept`` until idle for *keep* seconds (or stopped: SIGTERM), each
    build in a process group of its own (:func:`answer`)."""
    from newsroom.cli import warmsphinx  # noqa: PLC0415

    warmsphinx.accept(listener, root, finish=False, answering=answer,
                      idle=lambda last: idle(folder, last, keep))


def answer(connection: socket.socket) -> None:
    """One client: fork its build in a process group of its own, send its exit status and
    CPU seconds; kill the group if the client is gone first."""
    import json  # noqa: PLC0415

    from newsroom.cli import warmsphinx  # noqa: PLC0415

    message, streams, _flags, _address = socket.recv_fds(connection, warmsphinx.MESSAGE_SIZE, 3)
    if not message:  # a run asking whether the server answers (``answers``)
        return
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    child = os.fork()
    if child == 0:
        connection.close()
        os.setpgid(0, 0)
        os._exit(warmsphinx.build(json.loads(message), streams))
    with contextlib.suppress(OSError):
        os.setpgid(child, child)  # as the child does: whichever runs first
    for stream in streams:
        os.close(stream)
    ended = os.pidfd_open(child)
    try:
        while True:
            ready, _, _ = select.select([ended, connection], [], [])
            if ended in ready:
                break
            if not connection.recv(1):  # the client is gone: so is what it asked for
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child, signal.SIGKILL)
                os.waitpid(child, 0)
                return
    finally:
        os.close(ended)
    _pid, status, usage = os.wait4(child, 0)
    cpu = usage.ru_utime + usage.ru_stime
    connection.send(f'{os.waitstatus_to_exitcode(status)} {cpu:.3f}'.encode())

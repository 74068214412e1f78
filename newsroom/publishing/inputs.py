"""What a language's build read and wrote, kept after a clean-run build so that the next one may be skipped (``cli/skipbuild.py``).

A build of language X is a function of: its command line, working folder and
environment, today's date (an article dated later is held back until then), our code and
the installed packages (``cli/warmkeep.stamp``), every file of the site's folder but the
build tree, its own hidden files and virtual environments (``tree_marks``, a
conservative reading of "the sources"), and, of each other language's locale folder,
what the build takes of it: of its page catalogs only their views and termbase counts
(the status page, the switcher's hold reasons), of any other file all of it.
``cli/skipbuild.py`` records those (each file by its stat signature, or the digest of
its bytes when changed a moment ago), the warm build writes it beside the doctrees
before the build runs (``PENDING``), and a build that ends without an exception or a
warning keeps it (``MANIFEST``) with a digest of the files it left in its output folder
and its report. Any build removes the manifest when it starts: one killed, failed or run
without the warm process leaves none, and the next is not skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.core.cache import signature
from newsroom.core.files import write_atomically

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Beside the doctrees: the inputs of the last build that ended cleanly, and this build's.
MANIFEST = Path('_newsroom', 'inputs.json')
PENDING = Path('_newsroom', 'inputs-pending.json')
#: Names this build's pending snapshot (the warm process sets it before the build runs).
PENDING_VARIABLE = 'NEWSROOM_INPUTS'
#: Environment variables that change from run to run and change nothing a build does.
VOLATILE = frozenset({'MAKEFLAGS', 'MFLAGS', 'MAKELEVEL', 'MAKEOVERRIDES', 'MAKE_TERMOUT',
                      'MAKE_TERMERR', 'PWD', 'OLDPWD', 'SHLVL', '_', 'NEWSROOM_STEPLOG',
                      'NEWSROOM_CPULOG', 'SPHINXBUILD', 'NEWSROOM_WARM',
                      'NEWSROOM_WARM_CHECKS', PENDING_VARIABLE})
#: Folders of the site's folder that hold no source.
NOT_SOURCES = frozenset({'__pycache__', 'node_modules'})


def key(argv: list[str], cwd: str, environ: dict[str, str], code: str,
        today: dt.date | None = None) -> str:
    """The command line, folder, environment, date (today's by default) and *code* (a stamp
    of the code and packages, ``cli/warmkeep.stamp``) of a build."""
    text = json.dumps([argv, cwd, sorted((k, v) for k, v in environ.items() if k not in VOLATILE),
                       (today or dt.date.today()).isoformat(), code])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def mark(path: str, stat: os.stat_result | None = None) -> list[Any]:
    """A file's stat signature (``core.cache.signature``), or for a file changed too
    recently for it to be trusted a digest of its bytes; ``['missing']`` if unreadable."""
    try:
        found = signature(stat or os.stat(path))
    except OSError:
        return ['missing']
    return found if found is not None else mark_bytes(path)


def mark_bytes(path: str) -> list[Any]:
    try:
        with open(path, 'rb') as file:
            return ['racy', hashlib.blake2b(file.read(), digest_size=16).hexdigest()]
    except OSError:
        return ['missing']


def same(path: str, before: list[Any] | None, now: list[Any] | None) -> bool:
    """Whether the file at *path*, marked *before* and *now*, holds the same bytes."""
    if before is None or now is None:
        return False
    if before[:1] == ['racy']:
        return (now if now[:1] == ['racy'] else mark_bytes(path)) == before
    return before == now and now[:1] != ['missing']


def tree_marks(root: str, skipped: set[str]) -> dict[str, list[Any]] | None:
    """Every file below *root* (relative path) and its :func:`mark`, but in the folders of
    *skipped* (real paths), ``NOT_SOURCES`` and virtual environments, and the hidden files
    and folders of *root* itself (``.git``, ``.venv``; one below, say ``docs/.draft.md``, may
    be a source); None if a folder is a link (what it holds could change unseen)."""
    found: dict[str, list[Any]] = {}
    pending = [''] if os.path.isdir(root) else []
    while pending:
        relative = pending.pop()
        folder = os.path.join(root, relative)
        with os.scandir(folder) as listing:
            entries = list(listing)
        for entry in entries:
            if not relative and entry.name.startswith('.'):
                continue
            if entry.is_dir():  # follows a link: refused below
                if (entry.name in NOT_SOURCES or os.path.realpath(entry.path) in skipped
                        or os.path.isfile(os.path.join(entry.path, 'pyvenv.cfg'))):
                    continue
                if entry.is_symlink():
                    return None
                pending.append(f'{relative}{entry.name}/')
            else:
                try:
                    found[f'{relative}{entry.name}'] = mark(entry.path, entry.stat())
                except OSError:
                    found[f'{relative}{entry.name}'] = ['missing']
    return found


def changed_files(root: str, before: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """The files below *root* whose bytes may differ between the two :func:`tree_marks`."""
    return [name for name in before.keys() | now.keys()
            if not same(os.path.join(root, name), before.get(name), now.get(name))]


def outputs_digest(outdir: str) -> str:
    """The files of the output folder as the build left them (inode, size, mtime: the
    publication's links change their ctime)."""
    digest, pending = hashlib.blake2b(digest_size=16), ['']
    while pending:
        relative = pending.pop()
        with os.scandir(os.path.join(outdir, relative)) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(f'{relative}{entry.name}/')
                continue
            found = entry.stat(follow_symlinks=False)
            digest.update(f'{relative}{entry.name}\0{found.st_ino}\0{found.st_size}'
                          f'\0{found.st_mtime_ns}\n'.encode())
    return digest.hexdigest()


def read(path: Path) -> dict[str, Any] | None:
    try:
        found = json.loads(path.read_text(encoding='utf-8'))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def racy_views(app: Sphinx, others: dict[str, dict[str, list[Any]]]) -> dict[str, Any]:
    """The views this build read of the other languages' page catalogs known by their bytes
    alone (changed a moment before it started), by locale folder, language and path: its
    views' cache cannot keep them by their signature, and a later change of such a catalog
    is compared with them."""
    from newsroom.core.domain import news  # noqa: PLC0415

    found = {}
    for name, marks in others.items():
        _folder, _, code = name.partition('\0')
        views = news(app.env).kept_for_build(f'catalog-views-{code}') or {}
        for relative, mark in marks.items():
            docname = relative.removeprefix('LC_MESSAGES/').removesuffix('.po')
            if mark[:1] == ['racy'] and relative.startswith('LC_MESSAGES/') and docname in views:
                found[f'{name}\0{relative}'] = views[docname]
    return found


def on_builder_inited(app: Sphinx) -> None:
    """The build is under way: its last manifest no longer says what the output holds;
    a pending snapshot not this build's is dropped."""
    (Path(app.doctreedir) / MANIFEST).unlink(missing_ok=True)
    pending = Path(app.doctreedir) / PENDING
    if os.environ.get(PENDING_VARIABLE) != str(pending):
        pending.unlink(missing_ok=True)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """A workshop build that ended without an exception or a warning keeps its pending
    snapshot as the manifest, with its outputs, termbase counts and report."""
    from newsroom.core.domain import news  # noqa: PLC0415
    from newsroom.publishing import report  # noqa: PLC0415
    from newsroom.upstream.warncount import warning_count  # noqa: PLC0415

    pending = Path(app.doctreedir) / PENDING
    found = read(pending) if os.environ.get(PENDING_VARIABLE) == str(pending) else None
    pending.unlink(missing_ok=True)
    if (found is None or exception is not None or warning_count(app)
            or not app.config.newsroom_workshop or app.builder.format != 'html'):
        return
    found['outputs'] = outputs_digest(str(app.outdir))
    found['terms'] = news(app.env).kept_for_build('termbase-warnings')
    found['views'] = racy_views(app, found.get('others') or {})
    found['report'] = report.report(app)
    write_atomically(Path(app.doctreedir) / MANIFEST, json.dumps(found).encode())

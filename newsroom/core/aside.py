"""Work a build does beside itself, in a forked process, on a core it would leave idle.

A translator's edit rebuilds one language while the others find nothing to do: the build
then has a core to itself and another idle. Work whose result only the next build or the
output folder reads (the search index, a store of checked catalogs) is handed to a forked
process there (:func:`beside`), which ends with the build (a parent-death signal) and is
waited for before the build's own ``build-finished`` handlers look at its output. Only
``sphinx-build`` (a test harness builds in-process, one build after another), and only
with more than one core; ``newsroom_aside = False`` does everything in the build itself.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import traceback
from typing import TYPE_CHECKING

from sphinx.errors import ExtensionError

from newsroom.core.quickexit import command_line_build

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
#: The builder's attribute: what is being done aside, by process id.
RUNNING = '_newsroom_aside'


def die_with(parent: int) -> None:
    """This process ends when *parent* does, even killed (Linux's parent-death signal),
    rather than working on for nobody."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # killed before the signal was asked for
        os._exit(1)


def spare_core() -> bool:
    """Whether this process may run on more than one core."""
    try:
        return len(os.sched_getaffinity(0)) > 1
    except (AttributeError, OSError):
        return (os.cpu_count() or 1) > 1


def start(work: Callable[[], None]) -> int:
    """Run *work* in a forked process, which ends with it (status 1 and the traceback on
    standard error if it raised); its pid."""
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    status = 1
    try:
        die_with(parent)
        work()
        status = 0
    except BaseException:  # noqa: BLE001 - said below, and by the status
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status)


def beside(app: Sphinx, what: str, work: Callable[[], None]) -> None:
    """Do *work* (*what*: for an error message) in a forked process when this build may
    (see the module), else now."""
    if not (app.config.newsroom_aside and command_line_build(app) and spare_core()):
        work()
        return
    running = getattr(app.builder, RUNNING, None)
    if running is None:
        running = {}
        setattr(app.builder, RUNNING, running)
    running[start(work)] = what


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Wait for the work done aside; an error if any of it failed (its traceback printed
    above), unless the build failed already."""
    failed = []
    for pid, what in (getattr(app.builder, RUNNING, None) or {}).items():
        _pid, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            failed.append(what)
    setattr(app.builder, RUNNING, {})
    if failed and exception is None:
        raise ExtensionError(f'{" and ".join(failed)} could not be written (the error is '
                             'above); build again once it is fixed')


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value('newsroom_aside', True, '', types=frozenset({bool}))
    # before every other handler: they may read what was written aside
    app.connect('build-finished', on_build_finished, priority=0)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}

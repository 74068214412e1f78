"""Work a build does beside itself, in a forked process, on a core it would leave idle.

A translator's edit rebuilds one language while the others find nothing to do: the build
then has a core to itself and another idle. Work whose result only the next build or the
output folder reads (the search index, a store of checked catalogs) is handed to a forked
process there (:func:`when_writing`), which ends with the build (a parent-death signal) and is
waited for before the build's own ``build-finished`` handlers look at its output. Only
``sphinx-build`` (a test harness builds in-process, one build after another), and only
when a core is idle as the work is handed over (``newsroom_aside = 'idle-core'``): when
every language is being built, work aside would only compete with them. ``'always'``
hands it over in any case (the tests do); ``'never'`` does everything in the build itself.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import traceback
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError, ExtensionError

from newsroom.core.quickexit import command_line_build

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
#: When work is done aside: a core idle as it is handed over, always, never.
WHEN = ('idle-core', 'always', 'never')
#: The builder's attributes: the process doing the work aside and what it does; the work
#: waiting for the pages to be written (:func:`when_writing`).
RUNNING, WAITING = '_newsroom_aside', '_newsroom_aside_waiting'


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
    """Whether a core is idle now, or about to be: this process may run on more than one,
    and no more tasks are running than it has (``/proc/loadavg``'s count at this instant,
    this process among them, and often a short-lived one such as make's). When every
    language is being built, work aside would only compete with them."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    if cores < 2:
        return False
    try:
        with open('/proc/loadavg', encoding='ascii') as loadavg:
            running = int(loadavg.read().split()[3].split('/')[0])
    except (OSError, IndexError, ValueError):
        return True
    return running <= cores


def start(works: list[Callable[[], None]]) -> int:
    """Run each of *works* (at most eight) in a forked process, which then ends with bit
    *n* of its status set if the *n*-th raised (its traceback on standard error); its pid."""
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    status = 0xff
    try:
        die_with(parent)
        status = 0
        for number, work in enumerate(works):
            try:
                work()
            except BaseException:  # noqa: BLE001 - said below, and by the status
                traceback.print_exc()
                status |= 1 << number
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status)


def when_writing(app: Sphinx, what: str, work: Callable[[], None]) -> None:
    """Do *work* (*what*: for an error message) as the pages are written: in one forked
    process with the rest of such work, once every ``write-started`` handler has had its
    say, when this build may (see the module), else in the build; when the build ends if
    it never writes its pages."""
    waiting = getattr(app.builder, WAITING, None)
    if waiting is None:
        waiting = []
        setattr(app.builder, WAITING, waiting)
    waiting.append((what, work))


def run_all(works: list[tuple[str, Callable[[], None]]]) -> None:
    for _what, work in works:
        work()


def on_write_started(app: Sphinx, builder: Builder) -> None:
    """Hand the work waiting over to one forked process (a core is idle now, the other
    languages' builds more likely over than when it was asked for), or do it now."""
    works = getattr(builder, WAITING, None) or []
    setattr(builder, WAITING, [])
    if not works:
        return
    when = app.config.newsroom_aside
    if when == 'never' or not command_line_build(app) or (when != 'always'
                                                          and not spare_core()):
        run_all(works)
        return
    setattr(builder, RUNNING, (start([work for _what, work in works[:8]]),
                               [what for what, _work in works[:8]]))
    run_all(works[8:])  # the status has a bit for each of eight


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Wait for the work done aside; an error if it failed (its traceback printed above),
    unless the build failed already."""
    run_all(getattr(app.builder, WAITING, None) or [])
    setattr(app.builder, WAITING, [])
    running = getattr(app.builder, RUNNING, None)
    if running is None:
        return
    setattr(app.builder, RUNNING, None)
    pid, whats = running
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])  # negative: killed by a signal
    failed = [what for number, what in enumerate(whats) if code < 0 or code & (1 << number)]
    if failed and exception is None:
        raise ExtensionError(f'{" and ".join(failed)} could not be written (the error is '
                             'above); build again once it is fixed')


def on_config_inited(app: Sphinx, config: Config) -> None:
    if config.newsroom_aside not in WHEN:
        raise ConfigError(f'newsroom_aside is {config.newsroom_aside!r}: set it to one of '
                          f'{", ".join(map(repr, WHEN))} (the default: {WHEN[0]!r})')


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value('newsroom_aside', WHEN[0], '', types=frozenset({str}))
    app.connect('config-inited', on_config_inited)
    # after every other handler: they may hand work over
    app.connect('write-started', on_write_started, priority=900)
    # before every other handler: they may read what was written aside
    app.connect('build-finished', on_build_finished, priority=0)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}

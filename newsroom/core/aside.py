"""Work a build does beside itself, in a forked process, on a core it would leave idle."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import traceback
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


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
    standard error if it raised); its pid, for :func:`finish`."""
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


def finish(pid: int) -> bool:
    """Wait for the work of :func:`start`; whether it ended well."""
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0

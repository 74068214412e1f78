"""Files written into the sources all at once: a crash or a full disk leaves the old file, or
none, never half of one."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


#: The longest file name most file systems take (bytes).
NAME_MAX = 255


def temporary_name(path: Path) -> Path:
    """A hidden, unique scratch name beside *path*; never ``*.po``, so no tool reads it, and
    never longer than a file name may be (*path*'s own name is shortened to fit)."""
    suffix = f'.{secrets.token_hex(4)}.tmp'
    name = path.name.encode('utf-8')[:NAME_MAX - 1 - len(suffix)].decode('utf-8', 'ignore')
    return path.with_name(f'.{name}{suffix}')


def mode_of(path: Path) -> int | None:
    """The permission bits of *path*, or None if it does not exist."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return None


def sync_folder(folder: Path) -> None:
    """Make a rename in *folder* durable (where the system can open a folder)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_all(descriptor: int, data: bytes) -> None:
    """Write every byte of *data*; ``os.write`` may write only part of it."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


def write_scratch(path: Path, data: bytes, mode: int | None) -> Path:
    """*data* in a new scratch file beside *path*, on disk; removed again if that fails."""
    scratch = temporary_name(path)
    descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
    try:
        try:
            write_all(descriptor, data)
            if mode is not None:
                os.fchmod(descriptor, mode)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    return scratch


def write_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace (or create) *path* with *data* in one step; it keeps its permission bits.

    The bytes go to a scratch file in the same folder, reach the disk (fsync), and only then
    take the place of *path* (``os.replace``). *mode* sets the bits of a new file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = write_scratch(path, data, mode_of(path) if mode is None else mode)
    try:
        os.replace(scratch, path)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def move_file(source: Path, target: Path) -> None:
    """Move *source* to *target* in one step (a rename), or copy atomically across disks."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        write_atomically(target, source.read_bytes(), mode_of(source))
        source.unlink()
        sync_folder(source.parent)
    sync_folder(target.parent)


def write_exclusive(path: Path, data: bytes) -> None:
    """Create *path* with 'x' (never over a file); removed again if the write fails."""
    with path.open('xb') as file:
        try:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        except BaseException:
            path.unlink(missing_ok=True)
            raise


def create_atomically(path: Path, data: bytes) -> None:
    """Create *path* whole or not at all, and never over an existing file.

    The text reaches the disk in a scratch file first; a hard link then gives it its name,
    which fails if the name is taken. Without hard links (some network or FAT file systems)
    it falls back to an exclusive create.
    """
    scratch = write_scratch(path, data, None)
    try:
        os.link(scratch, path)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
    except OSError:
        write_exclusive(path, data)
    finally:
        scratch.unlink(missing_ok=True)
    sync_folder(path.parent)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write *data* unless the file already holds it, so that mtimes follow content."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def files_below(folder: Path) -> set[str]:
    """The files below *folder*, as paths relative to it with ``/``."""
    found = set()
    for root, _dirs, names in os.walk(folder):
        base = os.path.relpath(root, folder).replace(os.sep, '/')
        found.update(name if base == '.' else f'{base}/{name}' for name in names)
    return found


def leaves(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether *path* is, or goes through, a symbolic link to a place outside *root* (or a
    link that leads nowhere, or in a loop): such a file comes from somewhere nobody
    reviewed, and is never read."""
    try:
        real = os.path.realpath(path, strict=True)
    except OSError:
        return os.path.islink(path)
    base = os.path.realpath(root)
    return real != base and not real.startswith(base + os.sep)


@contextlib.contextmanager
def locked(folder: Path, key: str) -> Iterator[None]:
    """Hold *key*'s lock (``<folder>/<key>.lock``): one process at a time computes what the
    others then find computed (a photo's renditions, the articles' front matter)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f'{key}.lock', 'a') as handle:  # noqa: PTH123
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

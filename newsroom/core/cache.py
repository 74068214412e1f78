"""The one cache: per-file results kept between runs while the file's stat signature holds."""

from __future__ import annotations

import json
import os
import time
from typing import TYPE_CHECKING, Any

from newsroom.core.files import write_atomically

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

#: A file changed this recently may change again within the same timestamp tick, so its
#: signature is not trusted (git's "racily clean" rule): it is read again next time.
RACY_NS = 2_000_000_000

#: Bumped when what callers store changes shape: files of another format start empty.
FORMAT = 2


def signature(stat: os.stat_result, *, trust_recent: bool = False) -> list[int] | None:
    """Inode, size, mtime and ctime: any write changes the ctime, even one that puts an old
    mtime back (``touch -d``, ``cp -p``, editors that keep timestamps). *trust_recent*: for
    files the caller has just written itself and records at once (build outputs)."""
    if not trust_recent and time.time_ns() - stat.st_ctime_ns < RACY_NS:
        return None
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


class StatCache:
    """A JSON file of ``key -> [signature, value]``; entries whose file changed are stale.

    *kind* names what the values are: a file written for another kind (or format) is
    ignored, so a change of what is stored never reads old values as new ones."""

    def __init__(self, path: Path, kind: str = '', *, trust_recent: bool = False) -> None:
        self.path, self.kind, self.trust_recent = path, f'{kind}/{FORMAT}', trust_recent
        try:
            data = json.loads(path.read_text(encoding='utf-8'))
        except (OSError, ValueError):
            data = None
        valid = isinstance(data, dict) and data.get('kind') == self.kind
        self.entries: dict[str, Any] = data['entries'] if valid else {}
        self.changed = False

    def get(self, key: str, stat: os.stat_result) -> Any | None:
        entry = self.entries.get(key)
        mark = signature(stat, trust_recent=self.trust_recent)
        return entry[1] if entry and mark is not None and entry[0] == mark else None

    def put(self, key: str, stat: os.stat_result, value: Any) -> None:
        mark = signature(stat, trust_recent=self.trust_recent)
        if mark is None:
            self.changed |= self.entries.pop(key, None) is not None
        elif self.entries.get(key) != [mark, value]:
            self.entries[key] = [mark, value]
            self.changed = True

    def replace(self, key: str, stat: os.stat_result, value: Any) -> Any | None:
        """:meth:`get`, then :meth:`put` of *value*, with one signature: the value kept
        before (None if there was none or the file changed)."""
        mark = signature(stat, trust_recent=self.trust_recent)
        entry = self.entries.get(key)
        if mark is None:
            self.changed |= self.entries.pop(key, None) is not None
            return None
        if entry != [mark, value]:
            self.entries[key] = [mark, value]
            self.changed = True
        return entry[1] if entry is not None and entry[0] == mark else None

    def lookup(self, path: Path, compute: Callable[[Path], Any]) -> Any:
        """*compute(path)*, or the value kept for *path* while the file is unchanged."""
        stat = path.stat()
        value = self.get(str(path), stat)
        if value is None:
            value = compute(path)
            self.put(str(path), stat, value)
        return value

    def keep_only(self, keys: set[str]) -> None:
        """Forget the files that are gone."""
        for key in set(self.entries) - keys:
            del self.entries[key]
            self.changed = True

    def save(self) -> None:
        """Write the file atomically (a killed run leaves the old one or the new one)."""
        if self.changed:
            write_atomically(self.path, json.dumps({'kind': self.kind,
                                                    'entries': self.entries}).encode())
            self.changed = False

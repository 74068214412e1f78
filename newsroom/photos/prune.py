"""The image cache kept to what the builds sharing it publish: the rest is removed."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from newsroom.core.domain import news
from newsroom.core.files import write_atomically
from newsroom.photos import cache
from newsroom.photos.renditions import cache_folder
from newsroom.upstream.warncount import fails_on_warnings, warning_count

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: Where each build sharing the cache records the files its output uses (one record per
#: output folder: every language's build of ``make html`` shares one cache).
RECORDS = 'used'
#: The cache's state after the last sweep, beside the records: no sweep until it changes.
SWEPT = 'swept'


def record_path(folder: Path, outdir: Path) -> Path:
    digest = hashlib.blake2b(str(outdir.resolve()).encode(), digest_size=10).hexdigest()
    return folder / RECORDS / f'{digest}.json'


def record(folder: Path, outdir: Path, names: Iterable[str]) -> None:
    """Note that the output *outdir* uses the cached files *names* (and no others)."""
    data = json.dumps({'outdir': str(outdir.resolve()), 'files': sorted(set(names))},
                      indent=0).encode()
    path = record_path(folder, outdir)
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomically(path, data)


def in_use(folder: Path) -> set[str]:
    """The cached files some output still uses: the records of the output folders that are
    still there (a deleted output, or one whose record cannot be read, keeps nothing)."""
    names: set[str] = set()
    for path in sorted((folder / RECORDS).glob('*.json')):
        try:
            data = json.loads(path.read_text(encoding='utf-8'))
            outdir, files = Path(data['outdir']), data['files']
        except (OSError, ValueError, KeyError, TypeError):
            path.unlink(missing_ok=True)
            continue
        if outdir.is_dir():
            names.update(files)
        else:
            path.unlink(missing_ok=True)
    return names


def older(path: Path, since: float) -> bool:
    """Whether *path* was last changed before *since* (a build running beside this one
    may have written it since this one started: it is left alone)."""
    try:
        return path.stat().st_mtime < since
    except OSError:
        return False


def entry_files(path: Path) -> set[str] | None:
    try:
        return {entry['name'] for entry in json.loads(path.read_text(encoding='utf-8'))}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def prune(folder: Path, keep: set[str], since: float) -> tuple[list[str], bool]:
    """Remove from the cache in *folder* the files not in *keep*, the entries that need
    one of them and the locks of entries no longer there, unless changed after *since*;
    the names removed (files, then entries), and whether any was spared for that."""
    removed, spared = [], False
    files = cache.files_folder(folder)
    unused = [path for path in sorted(files.iterdir()) if path.name not in keep] \
        if files.is_dir() else []
    unused += [path for path in sorted(folder.glob('*.json'))
               if (needed := entry_files(path)) is None or not needed <= keep]
    for path in unused:
        if older(path, since):
            path.unlink(missing_ok=True)
            removed.append(path.name)
        else:
            spared = True
    for lock in sorted(folder.glob('*.lock')):  # an entry's lock, once the entry is gone
        if not lock.with_suffix('.json').exists() and older(lock, since):
            lock.unlink(missing_ok=True)
    return removed, spared


#: The key under which the domain keeps when this build started.
STARTED = 'photos:started'


def on_builder_inited(app: Sphinx) -> None:
    news(app.env).keep_for_build(STARTED, time.time())


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """After a successful build: record the cached files its output uses (every article's
    lead image, held back ones too), then remove what no output sharing the cache uses."""
    if exception is not None or (fails_on_warnings(app) and warning_count(app) > 0):
        return
    if app.builder.format != 'html':
        return
    folder = cache_folder(app)
    if not folder.is_dir():
        return
    names = {name for article in news(app.env).articles.values()
             if article.image is not None for name in article.image.files}
    record(folder, Path(app.outdir), names)
    keep = in_use(folder)
    if state(folder, keep) == swept(folder):
        return  # nothing was added, and every output uses what it used: nothing to remove
    since = news(app.env).kept_for_build(STARTED) or time.time()
    removed, spared = prune(folder, keep, since)
    if removed:
        logger.info('newsroom: %d file(s) no build uses removed from the image cache %s',
                    len(removed), folder)
    if not spared:  # what a build beside this one wrote is judged by the next sweep
        write_atomically(folder / RECORDS / SWEPT, state(folder, keep).encode())


def state(folder: Path, keep: set[str]) -> str:
    """What a sweep of the cache depends on: the files in use, and the folders' times
    of change (any entry or file added or removed changes them)."""
    digest = hashlib.blake2b('\n'.join(sorted(keep)).encode(), digest_size=16).hexdigest()
    times = []
    for path in (folder, cache.files_folder(folder)):
        try:
            times.append(str(path.stat().st_mtime_ns))
        except OSError:
            times.append('-')
    return ' '.join([digest, *times])


def swept(folder: Path) -> str | None:
    """The :func:`state` after the last sweep."""
    try:
        return (folder / RECORDS / SWEPT).read_text(encoding='utf-8')
    except OSError:
        return None

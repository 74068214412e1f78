"""Compressed copies (``.gz``, ``.br``) of a new tree's text files, for nginx to send.

Every text file gets both copies unless a copy would not be smaller (nginx's
``gzip_static``/``brotli_static`` find them). The level depends on the kind of file
(``LEVELS``), chosen from ``python -m benchmarks.compressbench`` (``make bench-compress``)
on a generated archive of 1,000 articles in three languages (72 MB of text: 3,118 pages,
670 search shards, 10 feeds and sitemaps, 58 scripts, 28 styles): starting from the lowest
level, climb while a step up saves at least 200 kB over every file of the kind per extra CPU
second (the median of three measurements). Each cell is the compressed size in % of the
source / the CPU seconds of one core for every file of the kind; "chosen" is gzip, brotli:

===== ==== ========= ========= ========= ========= ========= ========= ========= ========= ======
kind  MB   gz 6      gz 9      br 5      br 7      br 8      br 9      br 10     br 11     chosen
===== ==== ========= ========= ========= ========= ========= ========= ========= ========= ======
html  63.2 26.8/0.84 26.8/0.98 24.6/0.91 24.3/1.06 24.3/1.09 24.3/1.22 21.8/22.1 21.6/59.7 6, 8
json  6.0  30.0/0.14 29.8/0.50 28.2/0.11 27.9/0.14 27.8/0.15 27.8/0.19 24.7/2.09 24.2/6.23 6, 8
xml   1.8  6.4/0.01  6.3/0.02  5.5/0.01  5.5/0.01  5.5/0.01  5.5/0.04  5.1/1.10  4.9/2.86  7, 6
js    0.8  27.0/0.01 26.9/0.03 25.9/0.01 25.6/0.02 25.6/0.02 25.5/0.05 23.6/0.29 23.1/0.80 7, 8
css   0.3  20.2/0.00 20.1/0.01 18.8/0.01 18.6/0.01 18.5/0.01 18.5/0.01 17.6/0.12 17.3/0.32 7, 8
other 0.0  58.1/0.00 58.1/0.00 52.0/0.00 51.8/0.00 51.8/0.00 51.8/0.00 51.4/0.00 51.3/0.01 6, 7
===== ==== ========= ========= ========= ========= ========= ========= ========= ========= ======

gzip 9 and brotli 11 everywhere took 71.5 CPU s; the chosen levels take 2.2. gzip gains
nothing above 6-7, nor brotli above 8 until 10, which would make the pages' ``.br`` 10%
smaller for ten times the CPU of every chosen level together. brotli's window is fitted to
each file, which makes qualities 5-9 a fifth cheaper than its default window (and 9 no
longer a cliff).

Each source's bytes are compressed once: the copies live in a content-addressed cache in the
build folder (``<sha256 of the source>-<level>.<gz|br>``; an empty entry records that a copy
would not be smaller; those a killed publication was writing are removed by the next) and are
hard-linked into the tree, so a clean rebuild of the same content, or a file whose bytes did
not change, compresses nothing. A file the previous tree published unchanged (the same inode)
takes its copies from there without being read. The cache is pruned to what the new tree
uses. What is left to compress is spread over every core, in chunks; compression is
deterministic (gzip without name or time stamp), so the output does not depend on how it was
spread.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import secrets
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import brotli

from newsroom.core.aside import die_with
from newsroom.publishing.standby import Tree

if TYPE_CHECKING:
    from collections.abc import Collection

#: Pages, styles, scripts, JSON (the search index too), feeds and sitemaps with their
#: stylesheet, icons, robots.txt, source maps.
SUFFIXES = frozenset({'.html', '.css', '.js', '.json', '.xml', '.xsl', '.svg', '.txt', '.map'})
#: The kind of file each suffix is, for its levels.
KINDS = {'.html': 'html', '.css': 'css', '.js': 'js', '.map': 'js', '.json': 'json',
         '.xml': 'xml', '.xsl': 'xml', '.svg': 'other', '.txt': 'other'}
#: (gzip level, brotli quality) per kind of file: see the table above.
LEVELS = {'html': (6, 8), 'css': (7, 8), 'js': (7, 8), 'json': (6, 8), 'xml': (7, 6),
          'other': (6, 7)}
METHODS = ('.gz', '.br')
#: Below this many bytes to compress, one process does it (starting workers costs more).
PARALLEL_FROM = 512 * 1024
#: Chunks per worker: small enough to even out the work, large enough to cost little.
CHUNKS_PER_WORKER = 8
MIN_WINDOW_BITS, MAX_WINDOW_BITS = 10, 24
#: The cache entries a publication is writing, listed before it starts: a killed one's may
#: be incomplete, so the next removes them (one file, where a temporary file renamed per
#: entry cost more system time than writing the entries).
PENDING = '.pending'
#: Beside the cache (``<cache>.manifest.json``): which entries the last tree's copies are,
#: file by file (``relative path -> "digest:gzip level:brotli quality"``), and the tree's
#: name. A file the next tree links from that one takes its copies without being read.
MANIFEST = '.manifest.json'


@dataclass(frozen=True)
class Work:
    """What a publication's compression did: each copy a text file calls for counts once
    as compressed, cached or linked (and also as skipped if it would not be smaller)."""

    compressed: int = 0  # compressions run: bytes not compressed before
    cached: int = 0  # taken from the cache: the same bytes compressed before (or twice here)
    linked: int = 0  # linked from the previous tree: the very file published there
    skipped: int = 0  # left out: the copy would not be smaller
    pruned: int = 0  # cache entries removed: the tree no longer uses them


@dataclass(frozen=True)
class Output:
    """One compressed copy to make: its method, level and cache entry."""

    method: str  # '.gz' or '.br'
    level: int
    entry: Path


@dataclass(frozen=True)
class Job:
    """One source, read once, and the cache entries it lacks."""

    source: Path
    size: int
    outputs: tuple[Output, ...]


def kind_of(name: str) -> str:
    """The kind of file *name* is (``html``, ``css``, ``js``, ``json``, ``xml``, ``other``)."""
    return KINDS.get(os.path.splitext(name)[1], 'other')


def levels_of(kind: str) -> tuple[int, int]:
    """The gzip level and brotli quality of *kind*."""
    return LEVELS[kind]


def level(name: str, method: str) -> int:
    """The level *name* is compressed at with *method*."""
    gz, br = levels_of(kind_of(name))
    return gz if method == '.gz' else br


def wanted_levels(suffix: str) -> str:
    """The levels of a file with *suffix*, as a manifest's record writes them (``6:8``):
    one look-up per file, not one per file and method."""
    gz, br = levels_of(KINDS.get(suffix, 'other'))
    return f'{gz}:{br}'


def entry_tails(levels: str) -> tuple[tuple[str, str], ...]:
    """Per method, its suffix and the end of its cache entry's name (:func:`entry_name`)
    for a manifest's *levels* (``6:8``)."""
    return tuple((method, entry_name('', method, int(wanted)))
                 for method, wanted in zip(METHODS, levels.split(':'), strict=True))


def window_bits(size: int) -> int:
    """brotli's smallest window that holds *size* bytes (10-24 bits): a page's copy is made
    a fifth faster than with the default window (22), and no larger."""
    bits = MIN_WINDOW_BITS
    while (1 << bits) - 16 < size and bits < MAX_WINDOW_BITS:
        bits += 1
    return bits


def compress(data: bytes, method: str, level: int) -> bytes:
    """gzip (no time stamp or name: the same bytes for the same file) or brotli."""
    if method == '.gz':
        return gzip.compress(data, compresslevel=level, mtime=0)
    return brotli.compress(data, quality=level, lgwin=window_bits(len(data)))


def entry_name(digest: str, method: str, level: int) -> str:
    """The cache entry of a source's bytes compressed with *method* at *level*."""
    return f'{digest}-{level}{method}'


def digest_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """*path* holds *data* completely or not at all (a temporary file renamed over it)."""
    temporary = path.with_name(f'.tmp-{os.getpid()}-{secrets.token_hex(4)}')
    temporary.write_bytes(data)
    os.replace(temporary, path)


def recover(cache: Path) -> None:
    """Remove the entries a killed publication may have left half written."""
    pending = cache / PENDING
    if pending.is_file():
        for name in pending.read_text(encoding='utf-8').split():
            (cache / name).unlink(missing_ok=True)
        pending.unlink()


def run_job(job: Job) -> None:
    """Compress the job's source into each of its cache entries; empty when not smaller
    (written in place: PENDING lists them until every job is done)."""
    data = job.source.read_bytes()
    for output in job.outputs:
        packed = compress(data, output.method, output.level)
        output.entry.write_bytes(packed if len(packed) < len(data) else b'')


def run_chunk(jobs: list[Job]) -> int:
    for job in jobs:
        run_job(job)
    return len(jobs)


def chunks(jobs: list[Job], count: int) -> list[list[Job]]:
    """*jobs* dealt into *count* chunks of about the same size, largest first."""
    dealt: list[list[Job]] = [[] for _ in range(max(1, count))]
    sizes = [0] * len(dealt)
    for job in sorted(jobs, key=lambda job: (-job.size, str(job.source))):
        smallest = sizes.index(min(sizes))
        dealt[smallest].append(job)
        sizes[smallest] += job.size
    return [chunk for chunk in dealt if chunk]


def run_jobs(jobs: list[Job], workers: int | None) -> None:
    """Every job, on *workers* processes (every core by default) when worth it."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) < 2 or sum(job.size for job in jobs) < PARALLEL_FROM:
        run_chunk(jobs)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=die_with,
                             initargs=(os.getpid(),)) as executor:
        for _done in executor.map(run_chunk, chunks(jobs, workers * CHUNKS_PER_WORKER)):
            pass


def place(entry: Path, target: Path) -> None:
    """*target* as a hard link to the cache *entry* (a copy across file systems)."""
    try:
        os.link(entry, target)
    except OSError:
        shutil.copyfile(entry, target)


def text_files(tree: Path) -> list[str]:
    """The files of *tree* that get compressed copies (paths relative to it), in a stable
    order."""
    found, pending = [], ['']
    while pending:
        relative = pending.pop()
        with os.scandir(os.path.join(tree, relative)) as listing:
            entries = list(listing)
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir():
                pending.append(f'{relative}{entry.name}/')
            elif os.path.splitext(entry.name)[1] in SUFFIXES:
                found.append(f'{relative}{entry.name}')
    return sorted(found)


def cache_inodes(cache: Path) -> dict[tuple[int, int], str]:
    """The cache's entries by inode: a tree's copy linked from an entry has its inode."""
    found = {}
    for entry in cache.iterdir():
        stat = entry.stat()
        found[stat.st_dev, stat.st_ino] = entry.name
    return found


def prune(cache: Path, used: set[str]) -> int:
    """Remove the cache entries not in *used* (and leftovers of killed writes)."""
    removed = 0
    for name in set(os.listdir(cache)) - used:  # names: some 37,000 at 5,000 articles
        entry = cache / name
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink(missing_ok=True)
        removed += 1
    return removed


@dataclass
class Plan:
    """What a tree's compressed copies take: links from the previous tree (done while
    planning), cache entries to link and the compressions to run first."""

    jobs: list[Job] = field(default_factory=list)
    placed: list[tuple[Path, str]] = field(default_factory=list)  # (cache entry, target)
    used: set[str] = field(default_factory=set)  # the cache entries the tree uses
    linked: int = 0
    skipped: int = 0  # copies left out because the previous tree's was (not smaller)
    manifest: dict[str, str] = field(default_factory=dict)

    @property
    def compressions(self) -> int:
        return sum(len(job.outputs) for job in self.jobs)


def manifest_path(cache: Path) -> Path:
    return cache.with_name(f'{cache.name}{MANIFEST}')


def read_manifest(cache: Path, previous: Path | None) -> dict[str, str]:
    """The manifest of *previous* (empty if the cache's manifest is another tree's)."""
    if previous is None:
        return {}
    try:
        data = json.loads(manifest_path(cache).read_text(encoding='utf-8'))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get('tree') != previous.name:
        return {}
    files = data.get('files')
    return files if isinstance(files, dict) else {}


def linked_by_manifest(relative: str, tree: Tree, previous: Path, record: str,
                       found: Plan, previous_inodes: dict[str, int],
                       tails: dict[str, tuple[str, tuple[tuple[str, str], ...]]] | None = None
                       ) -> bool:
    """Link *relative*'s copies from *previous*, as its manifest *record* names them, when
    they are of the levels wanted now; whether they were. *tails*: by suffix, the levels
    wanted and their :func:`entry_tails`, kept by the caller (some 18,000 files at 5,000
    articles; a copy the tree holds already then costs a few look-ups)."""
    digest, _, levels = record.partition(':')
    suffix = os.path.splitext(relative)[1]
    tails = {} if tails is None else tails
    if (known := tails.get(suffix)) is None:
        now = wanted_levels(suffix)
        known = tails[suffix] = now, entry_tails(now)
    if levels != known[0]:
        return False
    for method, tail in known[1]:
        found.used.add(f'{digest}{tail}')
        copy = f'{relative}{method}'
        if tree.holds(copy, previous_inodes.get(copy)):
            found.linked += 1
            continue
        try:
            tree.link(f'{previous}/{copy}', copy)
        except FileNotFoundError:  # the previous tree had none: it would not be smaller
            found.skipped += 1
        else:
            found.linked += 1
    found.manifest[relative] = record
    return True


def plan(tree: Tree, previous: Path | None, cache: Path,
         reused: Collection[str] = (), previous_inodes: dict[str, int] | None = None) -> Plan:
    """Link what the previous tree has; list the cache entries every other copy takes and
    the compressions of the bytes the cache lacks (each once). *reused*: the files of *tree*
    that are the very files *previous* published (publication linked them); others are
    compared by inode. Without a manifest of *previous*, its copies are recognised by their
    inodes among the cache's entries. *previous_inodes*: the inodes of *previous*'s files,
    when *tree* starts from a standby (``standby``) that may hold some copies already."""
    manifest = read_manifest(cache, previous)
    previous_inodes = previous_inodes or {}
    root = tree.root
    inodes: dict[tuple[int, int], str] | None = None
    cached: set[str] | None = None
    found = Plan()
    tails: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {}
    for relative in sorted(name for name in tree.placed
                           if os.path.splitext(name)[1] in SUFFIXES):
        record = manifest.get(relative)
        if (record is not None and previous is not None
                and (relative in reused or same_inode(root, previous, relative))
                and linked_by_manifest(relative, tree, previous, record, found,
                                       previous_inodes, tails)):
            continue
        if cached is None:  # only for files the manifest does not cover
            inodes = cache_inodes(cache) if previous is not None and not manifest else {}
            cached = set(os.listdir(cache))
        source = root / relative
        digest, outputs = None, []
        for method in METHODS:
            target = f'{relative}{method}'
            wanted = level(source.name, method)
            name = linked_from_previous(tree, relative, target, previous, inodes,
                                        f'-{wanted}{method}',
                                        previous_inodes.get(target)) if inodes else None
            if name is not None:
                found.used.add(name)
                found.linked += 1
                digest = digest or name.rpartition('-')[0]
                continue
            digest = digest or digest_of(source)
            name = entry_name(digest, method, wanted)
            if name not in cached and name not in found.used:
                outputs.append(Output(method, wanted, cache / name))
            found.used.add(name)
            found.placed.append((cache / name, target))
        found.manifest[relative] = f'{digest}:{wanted_levels(os.path.splitext(relative)[1])}'
        if outputs:
            found.jobs.append(Job(source, source.stat().st_size, tuple(outputs)))
    return found


def same_inode(tree: Path, previous: Path, relative: str) -> bool:
    try:
        return os.path.samefile(os.path.join(tree, relative), os.path.join(previous, relative))
    except OSError:
        return False


def place_all(tree: Tree, placed: list[tuple[Path, str]]) -> int:
    """Link each target (a path in *tree*) from its cache entry, unless the entry is empty
    (the copy would not be smaller) or the tree holds it already; the number of copies left
    out."""
    skipped, entries = 0, None
    if placed and tree.held:  # the cache's inodes, as its listing gives them (``standby``)
        with os.scandir(placed[0][0].parent) as listing:
            entries = {entry.name: entry.inode() for entry in listing}
    for entry, target in placed:
        if not entry.stat().st_size:
            skipped += 1
        elif not tree.holds(target, entries.get(entry.name) if entries is not None else None):
            tree.clear(target)
            place(entry, Path(tree.path(target)))
            tree.claim(target)
    return skipped


def precompress(root: Path, previous: Path | None = None, *, cache: Path,
                workers: int | None = None, reused: Collection[str] = (),
                tree: Tree | None = None, previous_inodes: dict[str, int] | None = None
                ) -> Work:
    """Write ``<file>.gz`` and ``<file>.br`` beside every text file of *tree* that compresses
    to fewer bytes: linked from the *previous* tree where the file is the one published there,
    else from the *cache* (compressing, on *workers* processes, only the bytes it lacks).
    *reused* names the files (relative paths) publication linked from *previous*: their
    copies are linked as the cache's manifest of *previous* names them. *tree*: the tree
    being made at *root* (``standby``), which knows its files; without it, *root*'s files
    are listed.
    The cache is pruned to what *root* uses; what was done, copy by copy."""
    cache.mkdir(parents=True, exist_ok=True)
    recover(cache)
    if tree is None:
        tree = Tree(root)
        tree.placed.update(text_files(root))
    todo = plan(tree, previous, cache, reused, previous_inodes)
    if todo.jobs:
        names = (output.entry.name for job in todo.jobs for output in job.outputs)
        write_atomically(cache / PENDING, '\n'.join(names).encode())
        run_jobs(todo.jobs, workers)
        (cache / PENDING).unlink()
    skipped = place_all(tree, todo.placed)
    write_atomically(manifest_path(cache), json.dumps(
        {'tree': root.name, 'files': todo.manifest}, separators=(',', ':')).encode())
    return Work(compressed=todo.compressions,
                cached=len(todo.placed) - todo.compressions + todo.skipped,
                linked=todo.linked, skipped=skipped + todo.skipped,
                pruned=prune(cache, todo.used))


def linked_from_previous(tree: Tree, relative: str, target: str, previous: Path | None,
                         inodes: dict[tuple[int, int], str], wanted: str,
                         inode: int | None = None) -> str | None:
    """Link *target* (a copy of *relative*, both in *tree*) from the *previous* tree when
    *relative* is the very file published there (publication links unchanged files) and its
    copy there is a cache entry of the level wanted now (its name ends with *wanted*); that
    entry's name, or None. *inode*: *target*'s in *previous*, if known."""
    if previous is None:
        return None
    old_target = f'{previous}/{target}'
    try:
        stat = os.stat(old_target)
        name = inodes.get((stat.st_dev, stat.st_ino))
        if name is None or not name.endswith(wanted) or not os.path.samefile(
                tree.path(relative), f'{previous}/{relative}'):
            return None
        tree.link(old_target, target, inode)
    except OSError:
        return None
    return name

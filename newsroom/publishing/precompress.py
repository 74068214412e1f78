"""Compressed copies (``.gz``, ``.br``) of a new tree's text files, for nginx to send."""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

#: Pages, styles, scripts, JSON (the search index too), feeds and sitemaps with their
#: stylesheet, icons, robots.txt, source maps.
SUFFIXES = frozenset({'.html', '.css', '.js', '.json', '.xml', '.xsl', '.svg', '.txt', '.map'})


def gzip_bytes(data: bytes) -> bytes:
    """The best gzip, with no time stamp or name: the same bytes for the same file."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def compressors() -> dict[str, Callable[[bytes], bytes]]:
    """``.gz`` always; ``.br`` with the brotli package (requirements.txt)."""
    found: dict[str, Callable[[bytes], bytes]] = {'.gz': gzip_bytes}
    try:
        import brotli
    except ImportError:
        return found
    found['.br'] = lambda data: brotli.compress(data, quality=11)
    return found


def reuse(target: Path, source: Path, previous: Path | None) -> bool:
    """Hard-link *target* from the previous tree when *source* is the very file published
    there (publication links unchanged files) and was compressed there too."""
    if previous is None:
        return False
    old_source, old_target = previous / source.name, previous / target.name
    try:
        if not (old_target.is_file() and os.path.samefile(source, old_source)):
            return False
        os.link(old_target, target)
    except OSError:
        return False
    return True


def precompress(tree: Path, previous: Path | None = None) -> int:
    """Write ``<file>.gz`` (and ``.br``) beside every text file of *tree* that compresses
    to fewer bytes; the compressed copies of the *previous* tree are linked where the file
    is unchanged. The number of files written."""
    written = 0
    methods = compressors()
    for directory, subdirectories, files in os.walk(tree):
        subdirectories.sort()
        folder = Path(directory)
        before = None if previous is None else previous / folder.relative_to(tree)
        for name in sorted(files):
            source = folder / name
            if source.suffix not in SUFFIXES or source.is_symlink():
                continue
            data = None
            for suffix, compress in methods.items():
                target = folder / f'{name}{suffix}'
                if reuse(target, source, before):
                    continue
                data = source.read_bytes() if data is None else data
                packed = compress(data)
                if len(packed) < len(data):
                    target.write_bytes(packed)
                    written += 1
    return written

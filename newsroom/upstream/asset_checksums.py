"""A style sheet's or script's ``?v=`` checksum worked out once per file, not once per page: a speed-up.

Touches: the name ``_file_checksum`` in ``sphinx.builders.html`` (private: the function
the HTML builder's ``css_tag`` and ``js_tag`` call for each asset of each page), replaced by
a wrapper that remembers its result per output folder and file name.
Why: ``_file_checksum`` keeps each file's checksum already (``_file_checksum_inner`` is
cached for the process), but first resolves the file's path, a ``stat`` of every folder
on the way: about 0.11 ms, for each of the 7 style sheets and scripts of each page, some
13 CPU seconds of a clean build at 5,000 articles in three languages. The result is
Sphinx's own, asked once: a file name with a query string still raises at each call, and
the checksums stay those of the files as first read, as Sphinx's cache has them.
Delete when: Sphinx caches the checksum by the asset's name, not after resolving its path
(``sphinx/builders/html/_assets.py``; docs-dev/upstream/sphinx-asset-checksum-resolve.md).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders import html

from newsroom.upstream import versions

if TYPE_CHECKING:
    from collections.abc import Callable

#: Sphinx's function, as it was before ``install``.
_original: list[Callable[[Path, str | os.PathLike[str]], str]] = []


def remembered(outdir: Path, filename: str | os.PathLike[str]) -> str:
    """Sphinx's ``_file_checksum(outdir, filename)``, asked once per folder and name."""
    return _checksum(os.fspath(outdir), os.fspath(filename))


@functools.lru_cache(maxsize=1024)
def _checksum(folder: str, filename: str) -> str:
    return _original[0](Path(folder), filename)


def available() -> bool:
    """Whether ``sphinx.builders.html`` still has the function its tags call (or ours)."""
    return callable(getattr(html, '_file_checksum', None))


def install() -> bool:
    """Make the HTML builder's asset tags use :func:`remembered` in this process (Sphinx's
    own function again on an untested Sphinx); whether they do. Called at each build's
    setup."""
    allowed = available() and versions.speed_up('asset_checksums')
    if html._file_checksum is remembered:
        if not allowed:
            html._file_checksum = _original[0]
        return allowed
    if allowed:
        _original[:] = [html._file_checksum]
        html._file_checksum = remembered
    return allowed

"""Sphinx's scans of the translation catalogs, with one ``os.walk`` instead of pathlib per file.

Each build of a translation lists its catalogs at least twice (``find_files`` for the pages'
``.mo`` dependencies, ``compile_update_catalogs`` for outdated ones) through
``CatalogRepository.pofiles`` and ``catalogs``, which take ``Path.rglob``, ``relative_to``,
``with_suffix`` and a new base path for each file, and asks each ``is_outdated`` through
pathlib again: about 1 s of pathlib per scan at 20,000 catalogs, in every incremental
build. The patches give the very same pairs, catalogs and answers from ``os.walk`` and
``os.stat``; see docs-dev/upstream-translated-build-waste.md.
"""

from __future__ import annotations

import errno
import os
import posixpath
from typing import TYPE_CHECKING

import sphinx
from sphinx.util import i18n
from sphinx.util._pathlib import _StrPath

from newsroom.core.files import files_below
from newsroom.i18n.fastlocale import SPHINX_VERSION

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

_originals: dict[str, Callable[..., object]] = {}
#: The errors ``Path.exists()`` reads as a missing file.
MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def walk_pofiles(locale_path: Path) -> Iterator[str]:
    """The path relative to *locale_path* (with ``/``) of each ``*.po`` below it, as
    ``Path.rglob`` finds them (symbolic links to folders not followed), but for those in
    folders whose name starts with a dot, which Sphinx skips."""
    for relative in files_below(locale_path):
        folders = relative.split('/')[:-1]
        if relative.endswith('.po') and not any(name.startswith('.') for name in folders):
            yield relative


def _pofiles(self: i18n.CatalogRepository) -> Iterator[tuple[_StrPath, _StrPath]]:
    for locale_dir in self.locale_dirs:
        locale_path = locale_dir / self.language / 'LC_MESSAGES'
        for relative in walk_pofiles(locale_path):
            yield locale_path, _StrPath(relative)


def _catalogs(self: i18n.CatalogRepository) -> Iterator[i18n.CatalogInfo]:
    """Sphinx's ``catalogs``: the domain is the path without its suffix, as ``with_suffix``
    reads it; the catalogs of one folder share its path object."""
    for locale_dir in self.locale_dirs:
        locale_path = locale_dir / self.language / 'LC_MESSAGES'
        for relative in walk_pofiles(locale_path):
            catalog = i18n.CatalogInfo.__new__(i18n.CatalogInfo)
            catalog.base_dir = locale_path
            catalog.domain = posixpath.splitext(relative)[0]
            catalog.charset = self.encoding
            yield catalog


def _is_outdated(self: i18n.CatalogInfo) -> bool:
    """Sphinx's ``CatalogInfo.is_outdated`` (no ``.mo``, or one older than the ``.po``, in
    microseconds rounded up) on string paths."""
    base = os.fspath(self.base_dir)
    try:
        compiled = os.stat(os.path.join(base, f'{self.domain}.mo')).st_mtime_ns
    except OSError as error:
        if error.errno in MISSING:  # what Path.exists() reads as "no such file"
            return True
        raise
    source = os.stat(os.path.join(base, f'{self.domain}.po')).st_mtime_ns
    return -(compiled // -1_000) < -(source // -1_000)


def install() -> bool:
    """Patch ``CatalogRepository`` (once per process); False on other Sphinx versions."""
    if _originals:
        return True
    if sphinx.version_info[:2] != SPHINX_VERSION:  # the version these reproduce
        return False
    for name, patch in (('pofiles', _pofiles), ('catalogs', _catalogs)):
        _originals[name] = getattr(i18n.CatalogRepository, name).fget
        setattr(i18n.CatalogRepository, name, property(patch))
    _originals['is_outdated'] = i18n.CatalogInfo.is_outdated
    i18n.CatalogInfo.is_outdated = _is_outdated  # type: ignore[method-assign]
    return True

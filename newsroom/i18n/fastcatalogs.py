"""Sphinx's scans of the translation catalogs, with one ``os.walk`` instead of pathlib per file.

Each build of a translation lists its catalogs at least twice (``find_files`` for the pages'
``.mo`` dependencies, ``compile_update_catalogs`` for outdated ones) through
``CatalogRepository.pofiles``, which takes ``Path.rglob`` and ``relative_to`` for each file:
about 1 s of pathlib per scan at 20,000 catalogs, in every incremental build. The patch
yields the very same pairs from ``os.walk``; see docs-dev/upstream-translated-build-waste.md.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import sphinx
from sphinx.util import i18n
from sphinx.util._pathlib import _StrPath

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

#: The Sphinx version whose ``pofiles`` this reproduces; any other keeps Sphinx's own.
SPHINX_VERSION = (9, 0)

_originals: dict[str, Callable[..., object]] = {}


def walk_pofiles(locale_path: _StrPath) -> Iterator[tuple[_StrPath, _StrPath]]:
    """``(locale_path, path relative to it)`` of each ``*.po`` below *locale_path*, as
    ``Path.rglob`` finds them (symbolic links to folders not followed), skipping those in
    folders whose name starts with a dot."""
    for root, folders, names in os.walk(locale_path):
        folders[:] = [folder for folder in folders if not folder.startswith('.')]
        relative = os.path.relpath(root, locale_path)
        for name in names:
            if name.endswith('.po'):
                yield locale_path, _StrPath(name if relative == '.' else
                                            os.path.join(relative, name))


def _pofiles(self: i18n.CatalogRepository) -> Iterator[tuple[_StrPath, _StrPath]]:
    for locale_dir in self.locale_dirs:
        yield from walk_pofiles(locale_dir / self.language / 'LC_MESSAGES')


def install() -> bool:
    """Patch ``CatalogRepository.pofiles`` (once per process); False on other versions."""
    if _originals:
        return True
    if sphinx.version_info[:2] != SPHINX_VERSION:
        return False
    _originals['pofiles'] = i18n.CatalogRepository.pofiles.fget  # type: ignore[attr-defined]
    i18n.CatalogRepository.pofiles = property(_pofiles)  # type: ignore[method-assign,assignment]
    return True

"""Catalogs saved all at once (see ``core/files.py``), and the folders they leave empty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsroom.core.files import write_atomically

if TYPE_CHECKING:
    from pathlib import Path

    import polib


def catalog_bytes(catalog: polib.POFile) -> bytes:
    """What ``catalog.save()`` would write."""
    return catalog.__unicode__().encode(catalog.encoding or 'utf-8')


def save_catalog(catalog: polib.POFile, path: Path, mode: int | None = None) -> None:
    """``catalog.save(path)``, but atomic: a crash leaves the previous file whole."""
    write_atomically(path, catalog_bytes(catalog), mode)


def prune_empty(folder: Path) -> None:
    """Remove the empty folders left below *folder* (and *folder* itself if empty)."""
    for directory in sorted((p for p in folder.rglob('*') if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()

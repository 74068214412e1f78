"""Encoded photos kept by content: a photo encoded once with some settings never is again."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

import PIL

from newsroom.core.files import write_atomically
from newsroom.core.pictures import Rendition
from newsroom.photos.encode import SETTINGS, SUFFIX

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from newsroom.photos.encode import Encoded

#: Raised when what the cache holds changes meaning (entries of another version are unused).
VERSION = 1


def cache_key(data: bytes, suffix: str, widths: Sequence[int], types: Sequence[str],
              max_pixels: int) -> str:
    """The key of a photo's files: its bytes and everything that decides their bytes."""
    digest = hashlib.blake2b(data, digest_size=20)
    digest.update(json.dumps([VERSION, PIL.__version__, suffix.lower(), list(widths),
                              list(types), max_pixels,
                              {mime: SETTINGS[mime] for mime in types}],
                             sort_keys=True).encode())
    return digest.hexdigest()


def file_name(encoded: Encoded) -> str:
    """A published file's name: its content's hash, its width, its type."""
    digest = hashlib.blake2b(encoded.data, digest_size=10).hexdigest()
    return f'{digest}-{encoded.width}.{SUFFIX[encoded.mime]}'


def files_folder(folder: Path) -> Path:
    return folder / 'files'


def load(folder: Path, key: str) -> tuple[Rendition, ...] | None:
    """The renditions kept under *key*, if the entry and every one of its files are there."""
    try:
        entries = json.loads((folder / f'{key}.json').read_text(encoding='utf-8'))
        renditions = tuple(Rendition(**entry) for entry in entries)
    except (OSError, ValueError, TypeError):
        return None
    for rendition in renditions:
        try:
            if (files_folder(folder) / rendition.name).stat().st_size != rendition.size:
                return None
        except OSError:
            return None
    return renditions


def store(folder: Path, key: str, encoded: Sequence[Encoded]) -> tuple[Rendition, ...]:
    """Keep *encoded* under *key* (each file atomically, the entry last); its renditions."""
    renditions = []
    for item in encoded:
        name = file_name(item)
        write_atomically(files_folder(folder) / name, item.data)
        renditions.append(Rendition(name, item.width, item.height, item.mime, len(item.data)))
    write_atomically(folder / f'{key}.json', json.dumps(
        [rendition.__dict__ for rendition in renditions], indent=1).encode())
    return tuple(renditions)

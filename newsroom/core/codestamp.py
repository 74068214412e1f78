"""A fingerprint of the code that turns sources into pages: ours (each file's time) and the packages'."""

from __future__ import annotations

import hashlib
import os
from importlib.metadata import version
from pathlib import Path

NEWSROOM = Path(__file__).resolve().parent.parent
#: Our files whose change can change an output: code, templates, interface catalogs, assets.
SUFFIXES = ('.py', '.html', '.po', '.js', '.css', '.svg')


def code_stamp(packages: tuple[str, ...] = ()) -> str:
    """The digest of our files (path and modification time) and of the *packages*'
    versions: an output remembered with one stamp is made again under another."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(' '.join(f'{name}={version(name)}' for name in packages).encode())
    for root, _dirs, names in sorted(os.walk(NEWSROOM)):
        for name in sorted(names):
            if name.endswith(SUFFIXES):
                path = os.path.join(root, name)
                digest.update(f'{path} {os.stat(path).st_mtime_ns}\n'.encode())
    return digest.hexdigest()

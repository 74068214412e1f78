"""Sources that are symbolic links: none leaves the source tree, none loops back into it."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sphinx.util import logging

from newsroom.core.files import leaves

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def refused_links(srcdir: Path) -> Iterator[tuple[str, str]]:
    """Each symbolic link below *srcdir* that the build must not follow (its path relative
    to *srcdir*, with ``/``) and why: a link out of the source tree (nobody reviewed what it
    shows), to nothing, or to a folder (inside the tree a folder link repeats or loops: the
    pages it leads to are there already). Links are never followed while looking."""
    for directory, subdirectories, files in os.walk(srcdir):  # does not follow links
        subdirectories.sort()
        folder = os.path.relpath(directory, srcdir).replace(os.sep, '/')
        for name in sorted(subdirectories + files):
            path = os.path.join(directory, name)
            if not os.path.islink(path):
                continue
            relative = name if folder == '.' else f'{folder}/{name}'
            if leaves(path, srcdir):
                yield relative, 'a symbolic link out of the source folder, or to nothing'
            elif os.path.isdir(path):
                yield relative, ('a symbolic link to a folder of the sources (the pages are '
                                 'read there already; a link that leads back loops)')


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Keep refused links out of the build, before Sphinx walks the sources."""
    refused = list(refused_links(app.srcdir))
    config.newsroom_refused_links = refused
    if refused:
        config.exclude_patterns = [*config.exclude_patterns,
                                   *(pattern for relative, _why in refused
                                     for pattern in (relative, f'{relative}/**'))]


def on_builder_inited(app: Sphinx) -> None:
    """Name each refused link (warnings need the environment, which config-inited lacks)."""
    for relative, why in getattr(app.config, 'newsroom_refused_links', []):
        logger.warning('%s is %s: it is not read; replace it with the file itself', relative,
                       why, location=f'{app.srcdir / relative}:1', type='newsroom',
                       subtype='source-link')

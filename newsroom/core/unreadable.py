"""Sources Sphinx must not read: links out of the source tree or back into it, bytes not UTF-8."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sphinx.util import logging
from sphinx.util.matching import Matcher

from newsroom.core.files import leaves

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def walk(srcdir: Path, excluded: Matcher) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """``os.walk`` of *srcdir* (links not followed), less the *excluded* folders (the build
    folder of a project that keeps it below its sources): (folder, relative, sub, files)."""
    for directory, subdirectories, files in os.walk(srcdir):
        relative = os.path.relpath(directory, srcdir).replace(os.sep, '/')
        subdirectories[:] = sorted(name for name in subdirectories if not excluded(
            name if relative == '.' else f'{relative}/{name}'))
        yield directory, relative, subdirectories, files


def refused_links(srcdir: Path, excluded: Matcher) -> Iterator[tuple[str, str]]:
    """Each symbolic link below *srcdir* that the build must not follow (its path relative
    to *srcdir*, with ``/``) and why: a link out of the source tree (nobody reviewed what it
    shows), to nothing, or to a folder (inside the tree a folder link repeats or loops: the
    pages it leads to are there already). Links are never followed while looking."""
    for directory, folder, subdirectories, files in walk(srcdir, excluded):
        for name in sorted(subdirectories + files):
            path = os.path.join(directory, name)
            if not os.path.islink(path):
                continue
            relative = name if folder == '.' else f'{folder}/{name}'
            if leaves(path, srcdir):
                yield relative, ('a symbolic link out of the source folder, or to nothing: '
                                 'replace it with the file itself')
            elif os.path.isdir(path):
                yield relative, ('a symbolic link to a folder of the sources (the pages are '
                                 'read there already; a link that leads back loops): '
                                 'remove it')


def undecodable(srcdir: Path, excluded: Matcher, suffixes: Iterable[str], skipped: str
                ) -> Iterator[tuple[str, str]]:
    """Each page below *srcdir* (outside the folder *skipped*, the news, whose articles the
    drafts check reads anyway) that is not UTF-8 text, which Sphinx cannot read, and the
    line of its first bad byte."""
    for directory, folder, subdirectories, files in walk(srcdir, excluded):
        if folder == skipped or folder.startswith(f'{skipped}/'):
            subdirectories.clear()
            continue
        for name in sorted(files):
            path = os.path.join(directory, name)
            if not name.endswith(tuple(suffixes)) or os.path.islink(path):
                continue
            with open(path, 'rb') as source:
                data = source.read()
            try:
                data.decode('utf-8')
            except UnicodeDecodeError as exc:
                relative = name if folder == '.' else f'{folder}/{name}'
                line = data[:exc.start].count(b'\n') + 1
                yield relative, (f'not UTF-8 text (line {line}): save it as UTF-8, or give '
                                 'it another suffix')


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Keep refused links and undecodable pages out of the build, before Sphinx walks the
    sources."""
    excluded = Matcher(config.exclude_patterns)
    refused = [*refused_links(app.srcdir, excluded),
               *undecodable(app.srcdir, excluded, list(config.source_suffix),
                            config.newsroom_news_dir)]
    config.newsroom_refused_links = refused
    if refused:
        config.exclude_patterns = [*config.exclude_patterns,
                                   *(pattern for relative, _why in refused
                                     for pattern in (relative, f'{relative}/**'))]


def on_builder_inited(app: Sphinx) -> None:
    """Name each refused source (warnings need the environment, which config-inited lacks)."""
    for relative, why in getattr(app.config, 'newsroom_refused_links', []):
        logger.warning('%s is %s: it is not read', relative, why,
                       location=f'{app.srcdir / relative}:1', type='newsroom',
                       subtype='source-link')

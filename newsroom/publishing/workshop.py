"""The workshop: a language's HTML output tree, kept to exactly what its last build wrote.

Sphinx leaves every file it ever wrote in its output folder and rewrites only outdated
pages. With ``newsroom_workshop = True`` (``make html`` sets it) the output folder is a
workshop that ``python -m newsroom publish`` copies from, so it must hold no more and no
less than a clean build of the same sources would:

- before the build, ``_static`` is emptied (Sphinx copies it completely every time), but for
  the folders named in ``newsroom_workshop_kept_static``, whose writers leave them exactly
  as a clean build would (the search index: only its changed files are written again), and
  a marker says a build is under way; a marker left by a build that never finished (killed,
  or stopped by an exception) means pages may be older than the environment believes, so
  the whole tree goes and every page is written again (the doctrees are kept);
- after a successful build, every file this build would not write is removed: pages of
  deleted, moved, held back articles, old images and downloads, a feed or sitemap without a
  base URL, scratch files;
- a build that ends with warnings treated as errors (``-W --keep-going``) keeps its marker
  as ``failed`` (``publish`` refuses it) and drops the saved environment, as Sphinx does
  after an exception, so the next build reads every page again and reports its warnings
  again instead of succeeding on the strength of pages it never rereads.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import ENV_PICKLE_FILENAME
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from newsroom.core.domain import news
from newsroom.core.files import files_below
from newsroom.core.site import Site
from newsroom.publishing.marker import BUILDING, FAILED, MARKER, state
from newsroom.publishing.sitemaps import FILENAME as SITEMAP
from newsroom.publishing.quietwrite import held_back
from newsroom.publishing.sitemaps import generated
from newsroom.upstream.warncount import fails_on_warnings, warning_count

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)



def is_workshop(app: Sphinx) -> bool:
    """Whether this is an HTML build into a workshop (``-D newsroom_workshop=1``)."""
    return bool(app.config.newsroom_workshop) and app.builder.format == 'html'


def empty(folder: Path, *, keep: Iterable[str] = ()) -> None:
    """Remove everything inside *folder* except the names in *keep*."""
    kept = set(keep)
    for entry in folder.iterdir():
        if entry.name in kept:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def on_builder_inited(app: Sphinx) -> None:
    """Start a build: empty ``_static``; after an unfinished build, empty the workshop."""
    if not is_workshop(app):
        return
    outdir = Path(app.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    previous = state(outdir)
    # From here on an interrupted build is noticed, even one interrupted while emptying.
    (outdir / MARKER).write_text(BUILDING + '\n', encoding='utf-8')
    if previous is not None and previous != FAILED:
        logger.info('newsroom: the last build into %s did not finish; every page is '
                    'written again', outdir)
        empty(outdir, keep={MARKER})
    elif (outdir / '_static').is_dir():
        empty(outdir / '_static', keep=app.config.newsroom_workshop_kept_static)


def files_under(folder: Path) -> Iterator[str]:
    """Every file below *folder* (or *folder* itself, if a file), ``/``-separated."""
    if folder.is_file():
        yield folder.name
        return
    yield from files_below(folder)


def expected_files(app: Sphinx) -> set[str]:
    """The files (relative to the output folder, ``/``-separated) this build writes, as a
    clean build of the same sources would, outside ``_static`` (which is all this build's)."""
    builder, env, config = app.builder, app.env, app.config
    outdir = Path(app.outdir)
    pages = (set(env.found_docs) - held_back(env)) | generated(app)
    if type(builder).get_output_path is StandaloneHTMLBuilder.get_output_path:
        keep = {f'{name}{builder.out_suffix}' for name in pages}  # its path, as text
    else:
        keep = {Path(builder.get_output_path(name)).relative_to(outdir).as_posix()
                for name in pages}
    keep |= {f'{builder.imagedir}/{name}' for _docs, name in env.images.values()}
    keep |= {f'{builder.imagedir}/{name}' for name in news(env).image_files}
    keep |= {f'_downloads/{Path(name).as_posix()}' for _docs, name in env.dlfiles.values()}
    if config.html_copy_source:
        for docname in env.found_docs:
            suffix = str(env.doc2path(docname, False))[len(docname):]
            link_suffix = '' if suffix == config.html_sourcelink_suffix else \
                config.html_sourcelink_suffix
            keep.add(f'_sources/{docname}{suffix}{link_suffix}')
    for entry in config.html_extra_path:
        keep |= set(files_under(Path(app.confdir, entry)))
    keep |= {'.buildinfo', getattr(builder, 'searchindex_filename', ''), MARKER}
    if config.newsroom_inventory:
        keep.add('objects.inv')
    if Site.from_config(config).base_url:
        keep |= {config.newsroom_feed_filename, SITEMAP}
    return keep


def prune(outdir: Path, keep: set[str]) -> list[str]:
    """Remove the files of *outdir* not in *keep* (``_static`` is kept whole) and the
    folders left empty; the removed files, relative."""
    removed = []
    for directory, _subdirectories, files in os.walk(outdir, topdown=False):
        folder = Path(directory)
        relative = folder.relative_to(outdir).as_posix()
        if relative == '_static' or relative.startswith('_static/'):
            continue
        for name in files:
            path = name if relative == '.' else f'{relative}/{name}'
            if path not in keep:
                (folder / name).unlink()
                removed.append(path)
        if folder != outdir and not any(folder.iterdir()):
            folder.rmdir()
    return sorted(removed)


def failed_on_warnings(app: Sphinx) -> bool:
    """Whether warnings made this build fail (``-W``; with ``--keep-going`` it goes on)."""
    return fails_on_warnings(app) and warning_count(app) > 0


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """End a build: prune the workshop to this build's files, then clear the marker (or
    mark the build failed)."""
    if not is_workshop(app) or exception is not None:
        return  # an exception leaves the marker: the next build starts the tree over
    outdir = Path(app.outdir)
    if removed := prune(outdir, expected_files(app)):
        logger.info('newsroom: %d file(s) no longer built removed from %s: %s', len(removed),
                    outdir, ', '.join(removed[:10]) + (' …' if len(removed) > 10 else ''))
    if failed_on_warnings(app):
        (Path(app.doctreedir) / ENV_PICKLE_FILENAME).unlink(missing_ok=True)
        (outdir / MARKER).write_text(FAILED + '\n', encoding='utf-8')
        logger.info('newsroom: warnings made this build fail; the next one reads every '
                    'page again')
        return
    (outdir / MARKER).unlink(missing_ok=True)

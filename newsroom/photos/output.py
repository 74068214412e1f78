"""The lead images' files in the output's ``_images/``, linked (or copied) from the cache."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from newsroom.core.domain import news
from newsroom.photos import cache
from newsroom.photos.encode import ImageError
from newsroom.photos.renditions import cache_folder, renditions

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from newsroom.core.pictures import Picture

logger = logging.getLogger(__name__)


def place(source: Path, target: Path) -> None:
    """*target* becomes *source*'s content: a hard link, or a copy across file systems."""
    scratch = target.with_name(f'.{target.name}.tmp')
    scratch.unlink(missing_ok=True)
    try:
        os.link(source, scratch)
    except OSError:
        shutil.copyfile(source, scratch)
    os.replace(scratch, target)


def publish(app: Sphinx, picture: Picture, target: Path) -> int:
    """Put *picture*'s files into *target*; how many were placed (those there are kept)."""
    folder = cache.files_folder(cache_folder(app))
    missing = [r for r in picture.renditions
               if not (target / r.name).is_file() or (target / r.name).stat().st_size != r.size]
    if missing and any(not (folder / r.name).is_file() for r in missing):
        renditions(app, picture.source)  # the cache was emptied since the page was read
    for rendition in missing:
        place(folder / rendition.name, target / rendition.name)
    return len(missing)


def on_html_collect_pages(app: Sphinx) -> list:
    """Once pages are written, as Sphinx copies its own images: the files of every lead image
    this language publishes."""
    target = Path(app.outdir, app.builder.imagedir)
    placed = 0
    for article in news(app.env).index.articles:
        if article.image is None:
            continue
        target.mkdir(parents=True, exist_ok=True)
        try:
            placed += publish(app, article.image, target)
        except (ImageError, OSError) as exc:
            logger.warning('the lead image cannot be published: %s', exc,
                           location=(article.docname, 1), type='newsroom', subtype='image')
    if placed:
        logger.info('newsroom: %d image file(s) placed in %s', placed, target)
    return []

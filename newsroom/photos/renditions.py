"""Each lead image's published files, from the cache or encoded once, noted on the article."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from newsroom.core.domain import news
from newsroom.core.files import leaves, locked
from newsroom.core.pictures import Picture
from newsroom.photos import cache
from newsroom.photos.encode import ImageError, encode, published_types
from newsroom.photos.nodes import lead_photo, photo_alt, photo_caption

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from newsroom.core.pictures import Rendition

logger = logging.getLogger(__name__)


def cache_folder(app: Sphinx) -> Path:
    """``newsroom_image_cache``, or ``.images`` beside the doctrees (every language's
    build shares it: ``_build/doctrees/.images`` for ``make html``)."""
    configured = app.config.newsroom_image_cache
    return Path(app.confdir, configured) if configured else Path(app.doctreedir).parent / '.images'


def renditions(app: Sphinx, source: str) -> tuple[Rendition, ...]:
    """The published files of the photo *source* (relative to the source folder), encoded
    unless the cache has them; :class:`ImageError` says why a file cannot be published."""
    path = Path(app.srcdir, source)
    if leaves(path, app.srcdir):
        raise ImageError(f'{source} is a link to a place outside the sources: copy the photo '
                         'beside the article')
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImageError(f'there is no file {source}: put the photo beside the article, '
                         'or correct its name') from None
    except OSError as exc:
        raise ImageError(f'{source} cannot be read ({exc.strerror})') from None
    config, types = app.config, published_types()
    widths, limit = tuple(config.newsroom_image_widths), config.newsroom_image_max_pixels
    folder, suffix = cache_folder(app), Path(source).suffix
    key = cache.cache_key(data, suffix, widths, types, limit)
    if (found := cache.load(folder, key)) is not None:
        return found
    with locked(folder, key):  # another language's build may be encoding it now
        if (found := cache.load(folder, key)) is not None:
            return found
        logger.info('newsroom: encoding %s', source)
        return cache.store(folder, key, encode(data, suffix, widths=widths, types=types,
                                               max_pixels=limit))


def text_of(figure: lead_photo, kind: type[nodes.Element]) -> str:
    found = [child for child in figure.children if isinstance(child, kind)]
    return ' '.join(found[0].astext().split()) if found else ''


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """After the core read the article (its messages counted): the lead image's files, and
    its texts in this build's language, on the figure and on the article."""
    figure = next(iter(doctree.findall(lead_photo)), None)
    if figure is None:
        return
    docname = app.env.docname
    app.env.note_dependency(str(Path(app.srcdir, figure['source'])))
    try:
        files = renditions(app, figure['source'])
    except ImageError as exc:
        logger.warning('the lead image cannot be published: %s', exc,
                       location=(docname, figure.line), type='newsroom', subtype='image')
        figure.parent.remove(figure)
        return
    picture = Picture(figure['source'], files, text_of(figure, photo_alt),
                      text_of(figure, photo_caption), figure['credit'])
    figure['picture'] = picture
    domain = news(app.env)
    if (article := domain.article(docname)) is not None:
        domain.add_article(dataclasses.replace(article, image=picture))

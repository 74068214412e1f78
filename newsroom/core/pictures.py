"""An article's lead image: what its front matter declares, and what a build publishes of it."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from newsroom.core.checks import Problem

if TYPE_CHECKING:
    from newsroom.core.frontmatter import FrontMatter

#: The front-matter keys of a lead image: its file, then texts about it.
IMAGE_KEYS = ('image', 'image_alt', 'image_caption', 'image_credit')
#: The files a lead image may be: raster photographs a browser shows (never SVG).
SUFFIXES = ('.jpg', '.jpeg', '.png', '.webp')
#: What each suffix promises, as Pillow names the formats.
FORMATS = {'.jpg': 'JPEG', '.jpeg': 'JPEG', '.png': 'PNG', '.webp': 'WEBP'}
#: The published formats, best first; the last is the fallback every browser shows.
AVIF, WEBP, JPEG = 'image/avif', 'image/webp', 'image/jpeg'
#: The width an image takes on the page (CSS), for the browser's choice among the widths.
ARTICLE_SIZES = '(min-width: 50em) 46em, 100vw'
THUMBNAIL_SIZES = '(min-width: 50em) 12rem, 33vw'
LEAD_STORY_SIZES = '(min-width: 50em) 46em, 100vw'


@dataclass(frozen=True)
class Declared:
    """A lead image as the front matter declares it: a path relative to the article (as
    written), its texts in the source language, and the lines of its keys."""

    path: str
    alt: str
    caption: str = ''
    credit: str = ''
    line: int = 1  # of ``image:``
    alt_line: int = 1
    caption_line: int = 1


def text_of(matter: FrontMatter, key: str) -> str:
    value = matter.raw(key)
    return ' '.join(value.split()) if isinstance(value, str) else ''


def declared(matter: FrontMatter) -> Declared | None:
    """The lead image of an article's front matter, if it names one (checks aside)."""
    path = matter.raw('image')
    if not isinstance(path, str) or not path.strip():
        return None
    return Declared(path.strip(), text_of(matter, 'image_alt'),
                    text_of(matter, 'image_caption'), text_of(matter, 'image_credit'),
                    matter.line('image'), matter.line('image_alt'),
                    matter.line('image_caption'))


def within_sources(docname: str, path: str) -> str | None:
    """*path* (relative to the article *docname*) relative to the source folder, ``/``-
    separated; None when it is absolute, an address, or leaves the source folder."""
    if (not path or path.startswith(('/', '\\')) or '://' in path or '\\' in path
            or ':' in path.split('/', 1)[0]):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
    if joined == '..' or joined.startswith('../') or joined in ('', '.'):
        return None
    return joined


def image_problems(matter: FrontMatter, docname: str) -> list[Problem]:
    """What is wrong with an article's lead image as declared (the file itself is judged
    when it is read)."""
    found = [key for key in IMAGE_KEYS if key in matter.values]
    if not found:
        return []
    path = matter.raw('image')
    if 'image' not in matter.values:
        return [Problem(matter.line(found[0]), 'image',
                        f'"{found[0]}" without "image": name the photo, e.g. '
                        'image: 2025-06-20-port.jpg (beside the article)')]
    problems = [Problem(matter.line(key), 'image',
                        f'"{key}" must be text, not {matter.raw(key)!r}')
                for key in IMAGE_KEYS if key in matter.values
                and not isinstance(matter.raw(key), str)]
    if problems:
        return problems
    line = matter.line('image')
    suffix = posixpath.splitext(path.strip().lower())[1]
    if suffix == '.svg':
        problems.append(Problem(line, 'image', 'a lead image cannot be an SVG (it can carry '
                                'scripts): export it as JPEG or PNG'))
    elif suffix not in SUFFIXES:
        problems.append(Problem(line, 'image', f'a lead image must be {", ".join(SUFFIXES)}, '
                                f'not {path!r}'))
    if within_sources(docname, path.strip()) is None:
        problems.append(Problem(line, 'image', f'the image {path!r} is outside the sources: '
                                'put it beside the article and name it relative to it'))
    if not text_of(matter, 'image_alt'):
        problems.append(Problem(matter.line('image_alt') if 'image_alt' in matter.values
                                else line, 'image',
                                'the lead image has no alt text: add image_alt: what the '
                                'photo shows, for readers who cannot see it'))
    return problems


@dataclass(frozen=True)
class Rendition:
    """One published file of an image: its name in ``_images/``, size and type."""

    name: str
    width: int
    height: int
    mime: str
    size: int


@dataclass(frozen=True)
class Picture:
    """A lead image as a build publishes it: its renditions (every width, every format),
    its texts in this build's language, and its source (relative to the source folder)."""

    source: str
    renditions: tuple[Rendition, ...]
    alt: str = ''
    caption: str = ''
    credit: str = ''

    def of(self, mime: str) -> list[Rendition]:
        return sorted((r for r in self.renditions if r.mime == mime), key=lambda r: r.width)

    @property
    def largest(self) -> Rendition:
        """The widest JPEG: the intrinsic size, and what feeds and cards show."""
        return self.of(JPEG)[-1]

    @property
    def fallback(self) -> Rendition:
        """The JPEG for browsers without ``srcset``: the widest up to 960 pixels."""
        jpegs = self.of(JPEG)
        return ([r for r in jpegs if r.width <= 960] or jpegs)[-1]

    @property
    def files(self) -> list[str]:
        return [r.name for r in self.renditions]


def srcset(renditions: list[Rendition], images: str) -> str:
    return ', '.join(f'{posixpath.join(images, r.name)} {r.width}w' for r in renditions)


def picture_html(picture: Picture, images: str, *, sizes: str, alt: str,
                 lead: bool = False) -> Markup:
    """``<picture>``: AVIF and WebP sources, a JPEG ``<img>`` with its intrinsic size;
    *images* is the relative address of ``_images/``. The *lead* image (above the fold) is
    fetched first; any other loads lazily."""
    sources = [Markup('<source type="{}" srcset="{}" sizes="{}">').format(
        mime, srcset(picture.of(mime), images), sizes)
        for mime in (AVIF, WEBP) if picture.of(mime)]
    largest = picture.largest
    loading = (Markup(' fetchpriority="high"') if lead
               else Markup(' loading="lazy" decoding="async"'))
    img = Markup('<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}>'
                 ).format(posixpath.join(images, picture.fallback.name),
                          srcset(picture.of(JPEG), images), sizes, largest.width,
                          largest.height, alt, loading)
    return Markup('<picture>{}{}</picture>').format(Markup('').join(sources), img)


#: The output folder of images (Sphinx's ``imagedir``), below each language's root.
IMAGES = '_images'


def image_url(site_url: str, rendition: Rendition) -> str:
    """The absolute address of *rendition* below a language's root *site_url* (``''``
    without one)."""
    return f'{site_url}{IMAGES}/{rendition.name}' if site_url else ''

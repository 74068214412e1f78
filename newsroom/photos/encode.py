"""A photograph's published files: checked, turned upright, stripped, resized and encoded."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image, ImageOps, UnidentifiedImageError, features

from newsroom.core.pictures import AVIF, FORMATS, JPEG, WEBP

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Widths published (never wider than the photo itself). 800, not 960: a phone 390 to 412
#: pixels wide at 1.75 to 2 device pixels (Lighthouse's among them) needs 680 to 800, and a
#: desktop's 46em column 736; 960 cost them a third more bytes (README, Photos).
WIDTHS = (480, 800, 1600)
#: The largest photo read, in pixels (80 megapixels: every camera's but a few medium-format
#: ones): a file claiming more is refused before it is decoded (a "decompression bomb"
#: unpacks a few kilobytes into gigabytes). Pillow's own guard stops at twice 89 million.
MAX_PIXELS = 80_000_000
#: The readers Pillow may use: never one guessed from anything but the file's own bytes.
READERS = ('JPEG', 'PNG', 'WEBP')
#: Encoder settings, by published type; part of the cache key (see cache.py).
SETTINGS = {
    AVIF: {'quality': 55, 'speed': 8},
    WEBP: {'quality': 75, 'method': 4},
    JPEG: {'quality': 78, 'optimize': True, 'progressive': True},
}
SUFFIX = {AVIF: 'avif', WEBP: 'webp', JPEG: 'jpg'}
PILLOW_FORMAT = {AVIF: 'AVIF', WEBP: 'WEBP', JPEG: 'JPEG'}
#: Exif orientations that swap width and height.
TURNED = (5, 6, 7, 8)
ORIENTATION = 0x0112


class ImageError(ValueError):
    """A file that cannot be a lead image; the message says why and what to do."""


@dataclass(frozen=True)
class Encoded:
    """One encoded file: its bytes, width, height and type."""

    data: bytes
    width: int
    height: int
    mime: str


def published_types() -> tuple[str, ...]:
    """AVIF when this Pillow can write it, WebP, and JPEG for every browser."""
    return (*((AVIF,) if features.check('avif') else ()), WEBP, JPEG)


def widths_for(width: int, wanted: Sequence[int] = WIDTHS) -> list[int]:
    """The widths to publish of a photo *width* pixels wide: never upscaled, so a narrow
    photo is published at its own width instead of the larger ones."""
    return sorted({min(target, width) for target in wanted})


def opened(data: bytes, suffix: str, max_pixels: int) -> Image.Image:
    """The image in *data*, its header checked: a format its *suffix* promises, and no more
    pixels than *max_pixels*; decoded whole (a truncated file fails here)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', Image.DecompressionBombWarning)  # judged below
            image = Image.open(io.BytesIO(data), formats=READERS)
    except Image.DecompressionBombError:
        raise ImageError(f'the file claims hundreds of megapixels (a "decompression bomb" '
                         f'unpacks into gigabytes); refused unread: a lead image may have '
                         f'{max_pixels / 1e6:.0f} megapixels (newsroom_image_max_pixels)'
                         ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageError('not a JPEG, PNG or WebP photo (an SVG, another format, or not an '
                         'image at all): export it as JPEG or PNG') from None
    width, height = image.size
    if width * height > max_pixels:
        raise ImageError(f'{width}×{height} is {width * height / 1e6:.0f} megapixels, more '
                         f'than the {max_pixels / 1e6:.0f} a lead image may have '
                         '(newsroom_image_max_pixels): resize it first')
    if kind(image) != FORMATS.get(suffix.lower()):
        raise ImageError(f'the file is a {kind(image)} image but named {suffix}: rename it '
                         f'to .{kind(image).lower()}')
    return image


def kind(image: Image.Image) -> str:
    """The image's format; a camera's multi-picture JPEG (MPO) is a JPEG."""
    return 'JPEG' if image.format == 'MPO' else str(image.format)


def upright(image: Image.Image, largest: int) -> Image.Image:
    """The decoded image turned as its Exif orientation says, in RGB, without metadata.

    A JPEG is decoded at the smallest scale (1/2, 1/4, 1/8) still as wide as *largest*:
    a 60-megapixel photo costs a fraction of its full decode."""
    if kind(image) == 'JPEG':
        turned = image.getexif().get(ORIENTATION) in TURNED
        width, height = image.size
        scale = largest / (height if turned else width)
        image.draft('RGB', (max(1, round(width * scale)), max(1, round(height * scale))))
    try:
        image.load()
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f'the file is damaged or truncated ({exc}): export it again') \
            from None
    image = ImageOps.exif_transpose(image)
    if image.mode in ('RGBA', 'LA', 'PA') or (image.mode == 'P'
                                               and 'transparency' in image.info):
        rgba = image.convert('RGBA')
        flat = Image.new('RGB', rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel('A'))
        image = flat
    elif image.mode != 'RGB':
        image = image.convert('RGB')
    clean = Image.new('RGB', image.size)  # pixels only: no Exif, GPS, XMP, ICC or comments
    clean.paste(image)
    return clean


def encode(data: bytes, suffix: str, *, widths: Sequence[int] = WIDTHS,
           types: Sequence[str] | None = None, max_pixels: int = MAX_PIXELS
           ) -> list[Encoded]:
    """Every published file of the photo in *data*; :class:`ImageError` if it is none."""
    image = opened(data, suffix, max_pixels)
    picture = upright(image, max(widths))
    out = []
    for width in widths_for(picture.width, widths):
        height = max(1, round(picture.height * width / picture.width))
        resized = (picture if width == picture.width else
                   picture.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0))
        for mime in types or published_types():
            buffer = io.BytesIO()
            resized.save(buffer, PILLOW_FORMAT[mime], **SETTINGS[mime])
            out.append(Encoded(buffer.getvalue(), width, height, mime))
    return out

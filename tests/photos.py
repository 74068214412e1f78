"""Photos for the tests: synthetic, drawn with Pillow, carrying Exif that must never be published."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

if TYPE_CHECKING:
    from pathlib import Path

#: The photo ``tests/roots/test-photos`` names in its newest article's front matter.
PHOTO = 'news/2025/2025-03-01-photo.jpg'
#: Stored landscape with Exif orientation 6 ("turn 90° clockwise"): upright, it is portrait.
STORED = (2400, 1800)


def draw_photo(path: Path, size: tuple[int, int] = STORED, *, orientation: int = 6) -> None:
    """A synthetic photo: coloured stripes, with Exif that must not be published (a camera,
    its serial number, GPS coordinates) and an orientation that must be applied."""
    image = Image.new('RGB', size, 'white')
    draw = ImageDraw.Draw(image)
    for stripe in range(12):
        draw.rectangle([stripe * size[0] // 12, 0, (stripe + 1) * size[0] // 12, size[1]],
                       fill=(stripe * 20, 255 - stripe * 20, (stripe * 70) % 256))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = 'Synthetic camera'
    exif[0xA431] = 'SERIAL-0001'  # BodySerialNumber
    exif[0x8825] = {1: 'N', 2: (37.0, 57.0, 0.0), 3: 'E', 4: (58.0, 23.0, 0.0)}  # GPS
    image.save(path, 'JPEG', exif=exif.tobytes(), quality=90)


def photo_site(rootdir: Path, target: Path) -> Path:
    """A copy of ``test-photos`` at *target* with its photo drawn."""
    shutil.copytree(rootdir / 'test-photos', target)
    draw_photo(target / PHOTO)
    return target

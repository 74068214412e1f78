"""The raster icons of an emblem, drawn by headless Chromium: ``favicon.ico`` (32 and 48 px,
PNG inside) and the 180 px ``apple-touch-icon.png`` (``make icons EMBLEM=_static/x.svg``)."""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import struct
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

ICO_SIZES = (32, 48)
TOUCH_SIZE = 180


def render(svg: bytes, sizes: Sequence[tuple[int, bool]]) -> dict[int, bytes]:
    """PNG bytes of *svg* at each (size, transparent) in *sizes*."""
    from playwright.sync_api import sync_playwright

    source = 'data:image/svg+xml;base64,' + base64.b64encode(svg).decode()
    images = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get('CHROMIUM') or shutil.which('chromium'),
            headless=True, args=['--no-sandbox', '--disable-gpu'])
        for size, transparent in sizes:
            page = browser.new_page(viewport={'width': size, 'height': size})
            background = 'transparent' if transparent else '#fff'
            page.set_content(f'<body style="margin:0;background:{background}"><img src="{source}" '
                             f'width="{size}" height="{size}" style="display:block"></body>')
            images[size] = page.screenshot(omit_background=transparent)
            page.close()
        browser.close()
    return images


def ico(images: Sequence[tuple[int, bytes]]) -> bytes:
    """An ICO file holding PNG *images* (size, bytes), as every current browser reads."""
    header = struct.pack('<HHH', 0, 1, len(images))
    offset, entries, data = 6 + 16 * len(images), b'', b''
    for size, png in images:
        entries += struct.pack('<BBBBHHII', size % 256, size % 256, 0, 0, 1, 32, len(png),
                               offset + len(data))
        data += png
    return header + entries + data


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('emblem', type=Path, help='the emblem, an SVG file')
    parser.add_argument('--out', type=Path, default=None, help="default: the emblem's folder")
    args = parser.parse_args(argv)
    if not args.emblem.is_file():
        print(f'{args.emblem}: no such file', file=sys.stderr)
        return 2
    out = args.out or args.emblem.parent
    images = render(args.emblem.read_bytes(), [*((size, True) for size in ICO_SIZES),
                                               (TOUCH_SIZE, False)])
    (out / 'favicon.ico').write_bytes(ico([(size, images[size]) for size in ICO_SIZES]))
    (out / 'apple-touch-icon.png').write_bytes(images[TOUCH_SIZE])
    print(f'{out / "favicon.ico"}\n{out / "apple-touch-icon.png"}')
    return 0


if __name__ == '__main__':
    sys.exit(main())

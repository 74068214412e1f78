"""The photos wing's settings, read and checked once the configuration is: widths from conf.py
(a list) or from the command line (``-D newsroom_image_widths=480,960``), a pixel limit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: What to write, shown by every error about the widths.
WIDTHS_HINT = ('newsroom_image_widths = [480, 800, 1600] in conf.py, or '
               '-D newsroom_image_widths=480,800,1600 on the command line')


def width(item: object) -> int | None:
    """A width in pixels: a positive whole number, or its digits (``-D`` gives text)."""
    if isinstance(item, str) and item.strip().isdigit():
        item = int(item.strip())
    if isinstance(item, int) and not isinstance(item, bool) and item > 0:
        return item
    return None


def parse_widths(value: object) -> list[int]:
    """The widths *value* names, smallest first, each once: a list or tuple of numbers,
    or text of comma-separated numbers (``'480,960'``, what ``-D`` passes as
    ``['480', '960']``); :class:`ValueError` saying what is wrong otherwise."""
    items = value.split(',') if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not items:
        raise ValueError(f'newsroom_image_widths must list the widths in pixels to publish '
                         f'each photo at, not {value!r}: write {WIDTHS_HINT}')
    widths = [width(item) for item in items]
    if None in widths:
        wrong = [item for item, found in zip(items, widths, strict=True) if found is None]
        raise ValueError(f'newsroom_image_widths must be whole numbers of pixels above 0, '
                         f'not {", ".join(repr(item) for item in wrong)}: write {WIDTHS_HINT}')
    return sorted(set(widths))  # type: ignore[arg-type]  # None was refused above


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Widths as numbers (from a list or from ``-D``), and the pixel limit checked."""
    try:
        config.newsroom_image_widths = parse_widths(config.newsroom_image_widths)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    limit = config.newsroom_image_max_pixels
    if not isinstance(limit, int) or isinstance(limit, bool) or limit <= 0:
        raise ConfigError(f'newsroom_image_max_pixels must be a number of pixels, e.g. '
                          f'80_000_000 (or -D newsroom_image_max_pixels=80000000), '
                          f'not {limit!r}')

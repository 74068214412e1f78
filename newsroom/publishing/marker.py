"""A workshop's marker: a build of it is under way, or failed (read by publication too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

#: In a workshop while a build runs (``building``) or after one failed (``failed``).
MARKER = '.newsroom-build'
BUILDING, FAILED = 'building', 'failed'


def state(outdir: Path) -> str | None:
    """The workshop's marker: ``building``, ``failed`` or something broken; None if clean."""
    try:
        return (outdir / MARKER).read_text(encoding='utf-8').strip()
    except FileNotFoundError:
        return None

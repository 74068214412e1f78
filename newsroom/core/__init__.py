"""The core every wing stands on: the site, the article model, the ``news`` domain, reading.

The extension itself (``setup`` and its handlers) lives in ``newsroom.core.extension`` and is
imported on first use, so the command line (``python -m newsroom languages``, ``check-po``,
``summary``, ``publish``), which only needs the site's model, does not import Sphinx's
application and docutils' parsers for every step of ``make html``.
"""

from __future__ import annotations

import importlib
from typing import Any

from newsroom.core.version import VERSION
from newsroom.core.wingpaths import add_wing_paths

__all__ = ['VERSION', 'add_wing_paths']


def __getattr__(name: str) -> Any:
    """``setup``, ``add_wing_paths`` and the rest of the extension, imported on first use."""
    if name.startswith('__'):
        raise AttributeError(name)
    extension = importlib.import_module('newsroom.core.extension')
    try:
        return getattr(extension, name)
    except AttributeError:
        raise AttributeError(f'module {__name__!r} has no attribute {name!r}') from None

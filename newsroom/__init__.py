"""Sphinx extensions for a multilingual, chronological news site built from MyST articles.

``extensions = ['newsroom']`` loads every wing; each wing (``newsroom.news``,
``newsroom.i18n``, ``newsroom.publishing``, ``newsroom.theme``, ``newsroom.search``,
``newsroom.photos``) also loads alone, with the core (``newsroom.core``) it stands on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsroom.core import VERSION

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = VERSION

WINGS = ('newsroom.news', 'newsroom.i18n', 'newsroom.publishing', 'newsroom.theme',
         'newsroom.search', 'newsroom.photos')


def setup(app: Sphinx) -> ExtensionMetadata:
    for wing in WINGS:
        app.setup_extension(wing)
    return {'version': VERSION, 'parallel_read_safe': True, 'parallel_write_safe': True}

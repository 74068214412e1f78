"""Sphinx's start-up looks for its own ``sphinx.po`` only, not through every page catalog: a speed-up.

Touches: the name ``CatalogRepository`` in ``sphinx.application``, which only
``Sphinx._init_i18n`` uses; replaced, in the warm process that forks ``make html``'s builds
(``cli/warmsphinx.py``), by a subclass whose ``catalogs`` yield the top-level
``LC_MESSAGES/sphinx.po`` of each locale folder and nothing else.
Why: ``_init_i18n`` runs before any extension is loaded. It walks every ``.po`` below the
language's locale folders and compiles only the ``sphinx`` domain's; the others are the
page catalogs, which our builds read themselves (``i18n/catalogs.py`` hides
``locale_dirs`` from Sphinx once the configuration is read). At 5,000 articles the walk
makes a ``Path`` and a ``CatalogInfo`` for 5,000 catalogs: about 0.35 s of CPU in each
translated build. The ``sphinx`` catalog found, its compilation and the translator are
the same. A plain ``sphinx-build`` walks as before; on an untested Sphinx nothing is
installed, with one line on stderr.
Delete when: ``Sphinx._init_i18n`` asks its repository for the ``sphinx`` domain only.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sphinx import application
from sphinx.util.i18n import CatalogInfo, CatalogRepository

from newsroom.upstream import versions

if TYPE_CHECKING:
    from collections.abc import Iterator

#: The one domain ``_init_i18n`` compiles.
DOMAIN = 'sphinx'


class SphinxCatalogOnly(CatalogRepository):
    """The repository ``_init_i18n`` needs: of all its catalogs, the ``sphinx`` domain's."""

    @property
    def catalogs(self) -> Iterator[CatalogInfo]:
        for locale_dir in self.locale_dirs:
            folder = locale_dir / self.language / 'LC_MESSAGES'
            if os.path.lexists(folder / f'{DOMAIN}.po'):  # as a walk would list it
                yield CatalogInfo(folder, DOMAIN, self.encoding)


def available() -> bool:
    """Whether ``sphinx.application`` still names the repository ``_init_i18n`` uses (or
    this one, installed)."""
    return getattr(application, 'CatalogRepository', None) in {CatalogRepository,
                                                               SphinxCatalogOnly}


def install() -> bool:
    """Make ``_init_i18n`` use :class:`SphinxCatalogOnly` in this process and the builds
    forked from it; False (nothing done) on an untested Sphinx or when
    ``sphinx.application`` no longer names the repository it uses."""
    if not available() or not versions.speed_up('startup_catalogs'):
        return False
    application.CatalogRepository = SphinxCatalogOnly
    return True

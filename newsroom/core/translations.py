"""A catalog as this build reads it: checked by the i18n wing, else a ``.po`` of locale_dirs."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import polib

from newsroom.core.domain import news

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The i18n wing's checked catalogs of this build (``i18n/checked.py``), by ``path.po``.
CHECKED = 'checked-catalogs'


def checked_catalogs(env: BuildEnvironment) -> dict[str, Any] | None:
    """The checked catalogs of this build, or None (the source language, or no i18n wing)."""
    return news(env).kept_for_build(CHECKED)


def checked_entry(env: BuildEnvironment, domain: str) -> tuple[Any, ...] | None:
    """The checked catalog of *domain*: (signature, messages, header, digest), or None."""
    return (checked_catalogs(env) or {}).get(f'{domain}.po')


def source_files(app: Sphinx, domain: str) -> list[polib.POFile]:
    """*domain*'s ``.po`` in each of ``locale_dirs`` (a site without the i18n wing)."""
    paths = [os.path.join(app.srcdir, folder, app.config.language, 'LC_MESSAGES',
                          f'{domain}.po') for folder in app.config.locale_dirs]
    return [polib.pofile(path) for path in paths if os.path.isfile(path)]


def translations(app: Sphinx, domain: str) -> dict[str, str]:
    """The translated messages of *domain* (``tags``, a docname) in this build's language:
    the checked ones, or those of its ``.po`` files (the first folder's win)."""
    if checked_catalogs(app.env) is not None:
        entry = checked_entry(app.env, domain)
        return dict(entry[1]) if entry else {}
    merged: dict[str, str] = {}
    for catalog in source_files(app, domain):
        merged = {**{entry.msgid: entry.msgstr for entry in catalog.translated_entries()
                     if entry.msgid and entry.msgstr}, **merged}
    return merged


def header(app: Sphinx, domain: str) -> dict[str, str]:
    """The header fields of *domain*'s catalog in this build's language ({} if none); of
    a checked catalog, those the build reads (``checked.HEADER_FIELDS``)."""
    if checked_catalogs(app.env) is not None:
        entry = checked_entry(app.env, domain)
        return dict(entry[2]) if entry else {}
    found = source_files(app, domain)
    return dict(found[0].metadata) if found else {}

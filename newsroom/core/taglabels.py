"""Tag labels in the build's language, translated once in a ``tags.po`` catalog per language."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.pofile import read_po

from newsroom.core.article import transliterate
from newsroom.core.domain import news
from newsroom.core.site import Site

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx

#: The gettext domain of tag labels: ``locale/<lang>/LC_MESSAGES/tags.po``.
CATALOG = 'tags'


def catalog_paths(app: Sphinx, language: str) -> list[Path]:
    """This language's ``tags.po`` in each locale folder Sphinx reads (the first one wins):
    with the i18n wing, the checked copies compiled into the build tree."""
    return [Path(app.srcdir, directory, language, 'LC_MESSAGES', f'{CATALOG}.po')
            for directory in app.config.locale_dirs]


def read_labels(path: Path) -> dict[str, str]:
    with path.open('rb') as po_file:
        catalog = read_po(po_file)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def translations(app: Sphinx) -> dict[str, str] | None:
    """Translated tag labels of this build's language (``None`` for the source language),
    read once per build."""
    if Site.from_config(app.config).is_source(app.config.language):
        return None

    def read_all() -> dict[str, str]:
        labels: dict[str, str] = {}
        for path in catalog_paths(app, app.config.language):
            if path.is_file():
                labels = {**read_labels(path), **labels}
        return labels

    return news(app.env).per_build('tag-labels', read_all)


def label_in(labels: dict[str, str] | None, label: str) -> str:
    """A tag's label in the build's language; untranslated ones are transliterated."""
    return label if labels is None else labels.get(label) or transliterate(label)


def shown_labels(app: Sphinx, labels: Iterable[str]) -> list[tuple[str, str]]:
    """(label, label as shown) of the tags this build's language shows: a label without a
    translation is transliterated, or left out while ``newsroom_untranslated = 'hold'``."""
    translated = translations(app)
    hold = app.config.newsroom_untranslated == 'hold'
    return [(label, label_in(translated, label)) for label in labels
            if translated is None or not hold or label in translated]

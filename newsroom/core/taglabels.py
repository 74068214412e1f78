"""Tag labels in the build's language, translated once in a ``tags.po`` catalog per language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.locale import get_translation

from newsroom.core.article import transliterate
from newsroom.core.domain import news
from newsroom.core.site import Site
from newsroom.core.translations import translations as catalog_translations

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx

    from newsroom.core.article import Tag

_ = get_translation('newsroom')

#: The gettext domain of tag labels: ``locale/<lang>/LC_MESSAGES/tags.po``.
CATALOG = 'tags'


def translations(app: Sphinx) -> dict[str, str] | None:
    """Translated tag labels of this build's language (``None`` for the source language),
    read once per build."""
    if Site.from_config(app.config).is_source(app.config.language):
        return None

    return news(app.env).per_build('tag-labels', lambda: catalog_translations(app, CATALOG))


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


def tag_title(shown: str) -> str:
    """The title of a tag's page (and of that page as a search result)."""
    return _('News tagged “%(tag)s”') % {'tag': shown}


def shown_tags(app: Sphinx) -> list[tuple[str, Tag, str]]:
    """The tags with pages in this build's language: (slug, tag, label as shown). A tag
    left untranslated is held back where the language holds such tags back."""
    index = news(app.env).index.tags
    shown_as = dict(shown_labels(app, [tag.label for tag in index.values()]))
    return [(slug, tag, shown_as[tag.label]) for slug, tag in index.items()
            if tag.label in shown_as]

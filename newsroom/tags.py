"""Article tags: labels translated once in a ``tags.po`` catalog, shown as links on articles."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.messages.pofile import read_po
from sphinx.builders.gettext import MsgOrigin
from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.articles import front_matter_line, published

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation('newsroom')
logger = logging.getLogger(__name__)

#: The gettext domain of tag labels: ``locale/<lang>/LC_MESSAGES/tags.po``.
CATALOG = 'tags'

LATIN = dict(zip(
    'абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
    ['a', 'b', 'v', 'g', 'd', 'e', 'e', 'zh', 'z', 'i', 'y', 'k', 'l', 'm', 'n', 'o', 'p',
     'r', 's', 't', 'u', 'f', 'kh', 'ts', 'ch', 'sh', 'shch', '', 'y', '', 'e', 'yu', 'ya'],
    strict=True,
))


def transliterate(text: str) -> str:
    """Russian letters in Latin ones ("Каспийское море" → "Kaspiyskoe more")."""
    out = []
    for char in text:
        latin = LATIN.get(char.lower())
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char.isupper() else latin)
    return ''.join(out)


@lru_cache(maxsize=4096)
def tag_slug(label: str) -> str:
    """The file name of a tag's page: lowercase Latin letters, digits and hyphens."""
    slug = re.sub(r'[^a-z0-9]+', '-', transliterate(label).lower()).strip('-')
    return slug or 'tag-' + hashlib.sha1(label.encode()).hexdigest()[:8]


def tag_pagename(news_dir: str, slug: str) -> str:
    return f'{news_dir.rstrip("/")}/tags/{slug}'


def catalog_paths(app: Sphinx, language: str) -> list[Path]:
    return [Path(app.srcdir, directory, language, 'LC_MESSAGES', f'{CATALOG}.po')
            for directory in app.config.locale_dirs]


@lru_cache(maxsize=16)
def _read_labels(path: str, _mtime: int) -> dict[str, str]:
    with open(path, 'rb') as po_file:
        catalog = read_po(po_file)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def translations(app: Sphinx) -> dict[str, str] | None:
    """Translated tag labels of this build's language (``None`` for the source language)."""
    if app.config.language == app.config.newsroom_languages[0]:
        return None
    labels: dict[str, str] = {}
    for path in catalog_paths(app, app.config.language):
        if path.is_file():
            labels = {**_read_labels(str(path), path.stat().st_mtime_ns), **labels}
    return labels


def label_in(labels: dict[str, str] | None, label: str) -> str:
    """A tag's label in the build's language; untranslated ones are transliterated."""
    return label if labels is None else labels.get(label) or transliterate(label)


def tag_index(app: Sphinx) -> dict[str, tuple[str, list[Any]]]:
    """slug -> (source label, its published articles newest first), by slug."""
    domain = app.env.domains['news']
    index: dict[str, tuple[str, list[Any]]] = {}
    seen: dict[str, Counter[str]] = {}
    for article in published(app.env):
        for label in domain.articles[article.docname].get('tags', []):
            slug = tag_slug(label)
            seen.setdefault(slug, Counter())[label] += 1
            index.setdefault(slug, (label, []))[1].append(article)
    return {slug: (seen[slug].most_common(1)[0][0], items) for slug, (_l, items) in index.items()}


def warn_variants(app: Sphinx, index: dict[str, tuple[str, list[Any]]]) -> None:
    """Two spellings of one tag ("Китай", "китай") share a page: name the odd ones out."""
    domain = app.env.domains['news']
    for slug, (label, articles) in index.items():
        for article in articles:
            for other in domain.articles[article.docname]['tags']:
                if other != label and tag_slug(other) == slug:
                    path = app.env.doc2path(article.docname)
                    line, _raw = front_matter_line(path.read_text(encoding='utf-8'), 'tags')
                    logger.warning('tag %r is spelled %r elsewhere; use one spelling',
                                   other, label, location=(article.docname, line),
                                   type='newsroom', subtype='tag')


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """When this language's tag catalog changes, rewrite the articles that show tags."""
    digest = hashlib.sha1()
    for path in catalog_paths(app, app.config.language):
        if path.is_file():
            digest.update(path.read_bytes())
    domain = env.domains['news']
    if domain.data.get('tags_catalog') == digest.hexdigest():
        return []
    domain.data['tags_catalog'] = digest.hexdigest()
    return sorted(name for name, data in domain.articles.items() if data.get('tags'))


def on_write_started(app: Sphinx, builder: Builder) -> None:
    """For ``make gettext``: every tag label into ``tags.pot``, located at its articles."""
    if builder.name != 'gettext':
        return
    domain = app.env.domains['news']
    catalog = builder.catalogs[CATALOG]  # type: ignore[attr-defined]
    for docname in sorted(domain.articles):
        path = app.env.doc2path(docname)
        line, _raw = front_matter_line(path.read_text(encoding='utf-8'), 'tags')
        for label in domain.articles[docname].get('tags', []):
            catalog.add(label, MsgOrigin(str(path), line))


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """An article's tags, as links to their pages."""
    data = app.env.domains['news'].articles.get(pagename)
    if not data or not data.get('tags'):
        return
    labels = translations(app)
    news_dir = app.config.newsroom_news_dir
    context['newsroom_tags'] = {
        'label': _('Tags'),
        'index': context['pathto'](tag_pagename(news_dir, 'index')),
        'items': [{'label': label_in(labels, label),
                   'url': context['pathto'](tag_pagename(news_dir, tag_slug(label)))}
                  for label in data['tags']],
    }


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect('env-get-outdated', on_env_get_outdated)
    app.connect('write-started', on_write_started)
    app.connect('html-page-context', on_html_page_context)
    return {
        'version': '1.0',
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

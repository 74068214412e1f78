"""Translation progress: counted per page while reading, shown as notices and a status page."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polib
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

from newsroom.domains import PerDocumentDomain

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata


def message_key(message: str) -> str:
    """A short stable key for a source message (the domain keeps keys, not texts)."""
    return hashlib.blake2b(message.encode('utf-8'), digest_size=8).hexdigest()


class TranslationDomain(PerDocumentDomain):
    """Per page: the keys of its source messages, and how many this build translated."""

    name = 'translation'
    label = 'Translation'
    initial_data: dict[str, Any] = {'pages': {}, 'status_pages': {}}
    per_document = ('pages', 'status_pages')

    @property
    def pages(self) -> dict[str, dict[str, Any]]:
        return self.data['pages']



def in_page_text(node: nodes.Node, doctree: nodes.document) -> bool:
    """Whether *node* is still part of *doctree*'s text (not detached, not front matter)."""
    while node.parent is not None:
        parent = node.parent
        if isinstance(parent, nodes.docinfo) or not any(c is node for c in parent.children):
            return False
        node = parent
    return node is doctree


class NoteSourceMessages(SphinxTransform):
    """Before translation, remember the page's translatable nodes and their messages."""

    default_priority = 19  # before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs: object) -> None:
        self.document.newsroom_messages = list(extract_messages(self.document))


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Count the page's messages, and how many this build's catalog translated.

    Front matter is left out: it becomes page metadata (docinfo), never page text.
    """
    found = getattr(doctree, 'newsroom_messages', [])
    if hasattr(doctree, 'newsroom_messages'):
        del doctree.newsroom_messages
    kept = [(node, msg) for node, msg in found if in_page_text(node, doctree)]
    original = app.config.language == app.config.newsroom_languages[0]
    titles = [node for node, _msg in kept if isinstance(node, nodes.title)]
    app.env.domains['translation'].pages[app.env.docname] = {
        'messages': [message_key(msg) for _node, msg in kept],
        'translated': None if original else sum(1 for n, _m in kept if n.get('translated')),
        'title_untranslated': bool(not original and titles and not titles[0].get('translated')),
    }


class foreign(nodes.inline):
    """Text in another language than the page's (e.g. an untranslated title)."""


def visit_foreign(self: Any, node: foreign) -> None:
    self.body.append(self.starttag(node, 'span', '', lang=node['lang']))


def depart_foreign(self: Any, node: foreign) -> None:
    self.body.append('</span>')


def page_percent(env: BuildEnvironment, docname: str) -> int | None:
    """How much of *docname* this build shows translated (0–100), ``None`` if all of it."""
    page = env.domains['translation'].pages.get(docname)
    if not page or page['translated'] is None or not page['messages']:
        return None
    total, done = len(page['messages']), page['translated']
    return None if done >= total else done * 100 // total


def title_language(env: BuildEnvironment, docname: str) -> str:
    """The language of the page's title if this build left it untranslated, else ''."""
    page = env.domains['translation'].pages.get(docname)
    if page and page.get('title_untranslated'):
        return env.config.newsroom_languages[0]
    return ''


def catalog_states(data: bytes) -> dict[str, str]:
    """Message key -> 'translated' or 'fuzzy', for the entries of one catalog's text."""
    try:
        catalog = polib.pofile(data.decode('utf-8'))
    except (OSError, ValueError):
        return {}
    states = {}
    for entry in catalog:
        if entry.obsolete or not (entry.msgstr or any(entry.msgstr_plural.values())):
            continue
        states[message_key(entry.msgid)] = 'fuzzy' if entry.fuzzy else 'translated'
    return states


def page_counts(messages: Iterable[str], states: dict[str, str]) -> dict[str, int]:
    """Translated, fuzzy and untranslated counts of a page's messages against a catalog."""
    counts = {'translated': 0, 'fuzzy': 0, 'untranslated': 0}
    for key in messages:
        counts[states.get(key, 'untranslated')] += 1
    return counts


def catalog_stats(env: BuildEnvironment, language: str) -> dict[str, dict[str, int]]:
    """Counts per page for *language*, from its catalogs in the source tree.

    Parsed catalogs are cached by content digest in the doctree folder, so a build parses
    only the catalogs that changed since the last one."""
    cache_path = Path(env.doctreedir) / '_locale' / f'states-{language}.json'
    try:
        cache = json.loads(cache_path.read_text(encoding='utf-8'))
    except (OSError, ValueError):
        cache = {}
    fresh, result = {}, {}
    for docname, page in env.domains['translation'].pages.items():
        states: dict[str, str] = {}
        for locale_dir in env.config.newsroom_locale_dirs:
            path = Path(locale_dir, language, 'LC_MESSAGES', f'{docname}.po')
            if path.is_file():
                data = path.read_bytes()
                digest = hashlib.blake2b(data, digest_size=16).hexdigest()
                cached = cache.get(str(path))
                states = cached[1] if cached and cached[0] == digest else catalog_states(data)
                fresh[str(path)] = [digest, states]
                break
        result[docname] = page_counts(page['messages'], states)
    if fresh != cache:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_text(json.dumps(fresh), encoding='utf-8')
    return result


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_domain(TranslationDomain)
    app.add_node(foreign, html=(visit_foreign, depart_foreign))
    app.add_transform(NoteSourceMessages)
    app.connect('doctree-read', on_doctree_read, priority=400)  # before docinfo is removed
    return {
        'version': '1.0',
        'env_version': 1,
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

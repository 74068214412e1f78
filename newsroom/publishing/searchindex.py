"""The search index of an incremental build names what a clean build's does, and no more.

Sphinx prunes the pages it no longer builds from each word's set of pages but keeps the
word, so the words of a deleted, moved or held back article stay in ``searchindex.js``
(with no page) until a clean build. The pages are all written before the extensions' pages
are collected, just before the index is written: the empty words go then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx


def drop_empty(mapping: dict[str, set[str]]) -> None:
    """Remove the words no page has any more."""
    for word in [word for word, pages in mapping.items() if not pages]:
        del mapping[word]


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Prune the index to this build's pages, as writing it would, then drop empty words;
    no pages of its own."""
    indexer = getattr(app.builder, 'indexer', None)
    if indexer is not None:
        docnames = set(app.env.all_docs)
        indexer.prune(docnames)
        for name in ('_mapping', '_title_mapping'):
            drop_empty(getattr(indexer, name, {}))
        entries = getattr(indexer, '_index_entries', {})
        for docname in set(entries) - docnames:
            del entries[docname]
    yield from ()

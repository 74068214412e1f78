"""The words of removed pages pruned from Sphinx's search index in an incremental build.

Touches: the private dictionaries of ``sphinx.search.IndexBuilder`` (``_mapping``,
``_title_mapping``: word → pages; ``_index_entries``: page → index entries).
Why: ``IndexBuilder.prune`` removes the pages no longer built from each word's set of
pages but keeps the word, so the words of a deleted, moved or held back article stay in
``searchindex.js`` (with no page) until a clean build: an incremental index would not be
the clean build's (only with ``newsroom_search_engine = 'sphinx'``; our own search writes
no ``searchindex.js``). On an untested Sphinx it switches itself off, with a warning.
Delete when: ``IndexBuilder.prune`` drops the words left without pages and the index
entries of pruned pages (a two-line change in ``sphinx/search/__init__.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsroom.upstream import versions

if TYPE_CHECKING:
    from collections.abc import Iterable

#: The indexer's private fields: word → pages (twice), then page → entries.
WORDS, ENTRIES = ('_mapping', '_title_mapping'), '_index_entries'

def drop_empty(mapping: dict[str, set[str]]) -> None:
    """Remove the words no page has any more."""
    for word in [word for word, pages in mapping.items() if not pages]:
        del mapping[word]


def prune(indexer: Any, docnames: Iterable[str]) -> bool:
    """Prune *indexer* to *docnames* as writing the index would, then drop the words and
    entries left without a page; called once per build. False (nothing done) on an
    untested Sphinx (with a warning) or when the indexer lacks a field this relies on."""
    fields = [getattr(indexer, name, None) for name in (*WORDS, ENTRIES)]
    if not versions.speed_up('search_index') or not all(isinstance(f, dict) for f in fields):
        return False
    kept = set(docnames)
    indexer.prune(kept)
    for mapping in fields[:-1]:
        drop_empty(mapping)
    entries = fields[-1]
    for docname in set(entries) - kept:
        del entries[docname]
    return True

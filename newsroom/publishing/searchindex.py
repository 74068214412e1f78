"""The search index of an incremental build names what a clean build's does, and no more.

The pages are all written before the extensions' pages are collected, just before the
index is written: the words of removed pages go then (``upstream.search_index``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsroom.upstream import search_index

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Prune Sphinx's index to this build's pages; no pages of its own."""
    indexer = getattr(app.builder, 'indexer', None)
    if indexer is not None:
        search_index.prune(indexer, app.env.all_docs)
    yield from ()

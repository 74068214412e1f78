"""A base for domains that keep data per document, safe for parallel reading."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Set


class PerDocumentDomain(Domain):
    """A domain whose ``per_document`` data are dicts keyed by docname: each document's
    entries are purged when it is reread and merged back from parallel readers."""

    per_document: tuple[str, ...] = ()

    def clear_doc(self, docname: str) -> None:
        for key in self.per_document:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.per_document:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []

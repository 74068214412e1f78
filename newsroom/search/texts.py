"""Each article's searchable text, taken from its doctree as it is read (translated in a
target-language build) and kept in the ``newsroom-search`` domain, so the index can be
written whole after an incremental build that reread only a few pages."""

from __future__ import annotations

import hashlib
import marshal
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.domains import Domain

from newsroom.core.site import Site
from newsroom.search.analysis import words as index_words

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx

#: A lead is cut at a word boundary near this many characters.
LEAD_LENGTH = 220
#: Result summaries around a hit come from the text's first this many characters.
TEXT_LENGTH = 1500
SKIPPED = (nodes.comment, nodes.raw, nodes.system_message, nodes.substitution_definition,
           nodes.title)


class Text(NamedTuple):
    """What search knows of one page: its title, the words of its body as the index takes
    them (folded, hyphenated ones with their parts; unique, in first-seen order, separated
    by spaces: one string is far cheaper to keep in the environment than a tuple), its lead
    (the first sentences of its text) and the text after the lead, for summaries around a
    word the lead does not have."""

    title: str
    words: str
    lead: str
    rest: str = ''


def cut(text: str, length: int = LEAD_LENGTH) -> str:
    """*text* up to about *length* characters, cut at a word boundary with an ellipsis."""
    text = ' '.join(text.split())
    if len(text) <= length:
        return text
    head = text[:length + 1]
    space = head.rfind(' ')
    return (head[:space] if space > length // 2 else text[:length]).rstrip(' ,;:—-') + '…'


def page_text(doctree: nodes.document) -> Text:
    """The title, body words and lead of a page."""
    title = next(iter(doctree.findall(nodes.title)), None)
    paragraphs: list[str] = []
    seen: dict[str, None] = {}
    for node in doctree.findall(nodes.TextElement):
        if isinstance(node, SKIPPED) or any(isinstance(p, SKIPPED) for p in _parents(node)):
            continue
        if isinstance(node, nodes.paragraph):
            paragraphs.append(node.astext())
    for node in doctree.findall(nodes.Text):
        if any(isinstance(parent, SKIPPED[:4]) for parent in _parents(node)):
            continue
        for word in index_words(str(node)):
            seen.setdefault(word)
    text = ' '.join(' '.join(paragraphs).split())
    lead = cut(text) if text else ''
    after = text[len(lead.rstrip('…')):].lstrip(' ,;:—-') if lead.endswith('…') else ''
    rest = cut(after, TEXT_LENGTH) if after else ''
    return Text(title.astext() if title is not None else '', ' '.join(seen), lead, rest)


def _parents(node: nodes.Node) -> list[nodes.Node]:
    parents = []
    parent = node.parent
    while parent is not None:
        parents.append(parent)
        parent = parent.parent
    return parents


def plain_digest(value: Any) -> str:
    """A digest of *value*, made of strings, numbers and tuples (``marshal``'s version 2
    writes plain values only, no references to objects seen before: equal values give
    equal bytes)."""
    return hashlib.blake2b(marshal.dumps(value, 2), digest_size=16).hexdigest()


def text_digest(text: Text) -> str:
    """A digest of *text*: the index compares digests, not every article's text."""
    return plain_digest(tuple(map(str, text)))


class SearchDomain(Domain):
    """Per article: its :class:`Text` and its digest; purged when it is reread, merged
    from parallel readers."""

    name = 'newsroom-search'
    label = 'Search'
    initial_data: dict[str, Any] = {'texts': {}, 'digests': {}}

    def clear_doc(self, docname: str) -> None:
        self.data['texts'].pop(docname, None)
        self.data['digests'].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, text in otherdata['texts'].items():
            if docname in docnames:
                self.data['texts'][docname] = text
        for docname, digest in otherdata['digests'].items():
            if docname in docnames:
                self.data['digests'][docname] = digest

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []

    @property
    def texts(self) -> dict[str, Text]:
        return self.data['texts']

    def digest(self, docname: str, text: Text) -> str:
        """:func:`text_digest` of *docname*'s *text*: kept since it was read (worked out
        here for a text not read from a page)."""
        if self.data['texts'].get(docname) is not text or (
                found := self.data['digests'].get(docname)) is None:
            return text_digest(text)
        return found


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Keep an article's text for the index (other pages are never search results)."""
    docname = app.env.docname
    if Site.from_config(app.config).is_article(docname):
        domain = app.env.get_domain('newsroom-search')
        assert isinstance(domain, SearchDomain)
        text = domain.texts[docname] = page_text(doctree)
        domain.data['digests'][docname] = text_digest(text)

"""A published translation under revision: the last reviewed text, never a sentence of the original."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain

from newsroom.core.reading import in_page_text
from newsroom.core.site import Site
from newsroom.core.translations import PENDING, REVISION_HEADER, checked_entry

if TYPE_CHECKING:
    from docutils.nodes import Element


def remove(node: Element) -> None:
    """Take *node* out of the page, and the containers (list item, quote…) it leaves empty."""
    parent = node.parent
    parent.remove(node)
    while (not parent.children and parent.parent is not None
           and not isinstance(parent, (nodes.section, nodes.document))):
        node, parent = parent, parent.parent
        parent.remove(node)


def front_matter(node: nodes.Node, document: nodes.document) -> bool:
    """Whether *node* is part of the front matter: MyST's field list at the document's top
    level (before the headline's section), which becomes page metadata, never page text."""
    while node.parent is not None:
        if isinstance(node, nodes.field_list) and node.parent is document:
            return True
        node = node.parent
    return False


class KeepReviewedTranslation(SphinxTransform):
    """After ``Locale`` (20), on a page whose catalog says its translation was published and
    its original changed since (``X-Newsroom-Revised``): a message with no translation (a
    paragraph added since, a fuzzy one whose markup changed) is left out rather than shown
    in the original language, and the page notes the date of the revision. The title is
    kept: a page whose title has no translation at all is held back instead."""

    default_priority = 21

    def apply(self, **kwargs: Any) -> None:
        if Site.from_config(self.config).is_source(self.config.language):
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        entry = checked_entry(self.env, domain)
        revised = entry[2].get(REVISION_HEADER, '').strip() if entry else ''
        if not revised and self.document.get('newsroom_carried'):
            revised = PENDING  # changed since make update-po (checked.changed_messages)
        if not revised:
            return
        reviewed, changed = entry[1], False
        for node, message in getattr(self.document, 'newsroom_messages', []):
            if not in_page_text(node, self.document) or front_matter(node, self.document):
                continue  # a node another transform took out, or page metadata
            if isinstance(node, nodes.title):
                changed |= message not in reviewed
                continue
            if not node.get('translated'):
                remove(node)
                changed = True
            elif message not in reviewed:
                changed = True
        if changed:
            self.document['newsroom_revised'] = revised

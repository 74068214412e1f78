"""Raw HTML in a translation never reaches a page: it is shown as text and reported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def from_translation(node: nodes.Node) -> bool:
    """Whether *node* was produced by a translated message (Sphinx marks its container)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and parent.get('translated'):
            return True
        parent = parent.parent
    return False


class EscapeTranslatedRaw(SphinxTransform):
    """Replace raw nodes inside translated messages with their text, before titles are
    collected and pages written, so neither the page, the sidebar nor the search index
    carries markup a translator wrote."""

    default_priority = 21  # right after sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs: object) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if not from_translation(raw):
                continue
            logger.warning('raw HTML in a translation was escaped: %r; remove it from the '
                           'catalog (translations may not add HTML)', raw.astext()[:80],
                           location=raw, type='newsroom', subtype='catalog')
            raw.replace_self(nodes.Text(raw.astext()))

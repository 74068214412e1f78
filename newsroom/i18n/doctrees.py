"""Keep translated doctrees small: detach nodes from the scratch documents they were parsed in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def adopt_nodes(doctree: nodes.document) -> int:
    """Point every node of *doctree* whose ``document`` is another document at *doctree*.

    Sphinx's i18n ``Locale`` transform parses each translated message into a scratch
    document (``sphinx.transforms.i18n._publish_msgstr``) and moves the new nodes into the
    page without resetting their ``document``. The scratch document's settings hold the
    whole build environment, so every translated doctree pickled to disk carried a copy
    of it: doctrees grew with the size of the site, and builds with its square.
    Returns how many nodes were re-pointed.
    """
    adopted = 0
    for node in doctree.findall(include_self=False):
        if node.document is not doctree:
            node.document = doctree
            adopted += 1
    return adopted


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Before the doctree is pickled: no node may refer to a document other than its own."""
    adopted = adopt_nodes(doctree)
    if adopted:
        logger.debug('[newsroom] %s: %d nodes detached from scratch documents',
                     app.env.docname, adopted)

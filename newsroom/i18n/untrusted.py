"""Translations cannot reach beyond their page: no raw HTML, no file from outside the sources."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polib
from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def from_translation(node: nodes.Node) -> bool:
    """Whether *node* was produced by a translated message (Sphinx marks its container)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and parent.get('translated'):
            return True
        parent = parent.parent
    return False


def inside(srcdir: Path, docname: str, uri: str) -> bool:
    """Whether a local *uri* used on *docname* names a file inside the source tree, as
    Sphinx resolves it (``/x`` from the source root, ``x`` from the page's folder)."""
    if '://' in uri or uri.startswith(('data:', 'mailto:')):
        return True
    base = srcdir if uri.startswith('/') else (srcdir / docname).parent
    return (base / uri.lstrip('/')).resolve().is_relative_to(srcdir.resolve())


def catalog_location(env: BuildEnvironment, docname: str, text: str) -> str | None:
    """``catalog:line`` of the entry of *docname*'s catalog (in the sources, where the
    translator edits it) whose translation holds *text*."""
    for locale_dir in env.config.newsroom_locale_dirs:
        path = Path(locale_dir, env.config.language, 'LC_MESSAGES', f'{docname}.po')
        if path.is_file():
            for entry in polib.pofile(str(path)):
                if text in entry.msgstr:
                    return f'{path}:{entry.linenum}'
            return None
    return None


class ForbidFileInsertion(SphinxTransform):
    """While translations are parsed (``Locale``, priority 20), no directive may read a
    file (``include``, ``literalinclude``, ``raw :file:``, ``csv-table :file:``)."""

    default_priority = 19

    def apply(self, **kwargs: object) -> None:
        self.document.settings.file_insertion_enabled = False


class ConfineTranslations(SphinxTransform):
    """After ``Locale``: allow file insertion again; raw HTML from a translation becomes
    text, and an image or download from a translation that leaves the source tree is
    dropped, each reported at the catalog line that holds it."""

    default_priority = 21

    def apply(self, **kwargs: object) -> None:
        self.document.settings.file_insertion_enabled = True
        for raw in list(self.document.findall(nodes.raw)):
            if from_translation(raw):
                self.refuse(raw, raw.astext(), 'raw HTML in a translation was escaped',
                            nodes.Text(raw.astext()))
        for image in list(self.document.findall(nodes.image)):
            uri = image.get('uri', '')
            if from_translation(image) and not inside(self.env.srcdir, self.env.docname, uri):
                self.refuse(image, uri, 'an image outside the source tree was dropped',
                            nodes.Text(image.get('alt', '')))
        for ref in list(self.document.findall(addnodes.download_reference)):
            target = ref.get('reftarget', '')
            if from_translation(ref) and not inside(self.env.srcdir, self.env.docname,
                                                    target):
                self.refuse(ref, target, 'a download outside the source tree was dropped',
                            nodes.Text(ref.astext()))

    def refuse(self, node: nodes.Node, what: str, verdict: str, instead: nodes.Node) -> None:
        where = catalog_location(self.env, self.env.docname, what) or node
        logger.warning('%s: %r; remove it from the catalog (a translation may not add HTML '
                       'or files)', verdict, what[:80], location=where, type='newsroom',
                       subtype='catalog')
        node.replace_self(instead)

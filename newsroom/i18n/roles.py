"""``make gettext``: each message's role (``#.``) and references from the repository root."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import polib
from docutils import nodes
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from newsroom.core.domain import news
from newsroom.core.taglabels import CATALOG as TAGS
from newsroom.i18n.pofiles import catalog_bytes, save_catalog

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docutils.nodes import Element
    from sphinx.application import Sphinx

#: Roles of the messages of each catalog: domain -> msgid -> roles, in page order.
Roles = dict[str, dict[str, list[str]]]
#: Containers that name what a paragraph inside them is.
CONTAINERS = ((nodes.list_item, 'list item'), (nodes.block_quote, 'quotation'),
              (nodes.table, 'table cell'), (nodes.definition_list_item, 'definition'),
              (nodes.footnote, 'footnote'), (nodes.admonition, 'note box'),
              (nodes.field_list, 'front matter'))


def container_of(node: Element) -> str | None:
    """What holds *node* (a list item, a quotation…), if anything but the page's sections."""
    parent = node.parent
    while parent is not None and not isinstance(parent, (nodes.section, nodes.document)):
        for kind, name in CONTAINERS:
            if isinstance(parent, kind):
                return name
        parent = parent.parent
    return None


def page_roles(messages: Iterable[tuple[Element, str]], *, article: bool
               ) -> list[tuple[str, str]]:
    """(msgid, role) of a page's messages in order: the headline (an article's title) or page
    title, subheadings, the lead (an article's first paragraph), paragraph n (counted in the
    page's text, the lead being 1), list items, quotations, captions…"""
    found, paragraphs, titled = [], 0, False
    for node, message in messages:
        if isinstance(node, nodes.title):
            role = 'subheading' if titled else 'headline' if article else 'page title'
            titled = True
        elif isinstance(node, nodes.paragraph) and (holder := container_of(node)):
            role = holder
        elif isinstance(node, nodes.paragraph):
            paragraphs += 1
            role = 'lead (paragraph 1)' if article and paragraphs == 1 else \
                f'paragraph {paragraphs}'
        elif isinstance(node, nodes.caption):
            role = 'caption'
        elif isinstance(node, nodes.image):
            role = 'image description'
        else:
            role = node.tagname.replace('_', ' ')
        found.append((message, role))
    return found


def collected(app: Sphinx) -> Roles:
    """The roles found so far in this ``make gettext`` (the builder writes pages one by one)."""
    roles = getattr(app.builder, 'newsroom_roles', None)
    if roles is None:
        roles = defaultdict(lambda: defaultdict(list))
        app.builder.newsroom_roles = roles  # type: ignore[attr-defined]
    return roles


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """For ``make gettext``: note the role of each message of the page."""
    if app.builder.name != 'gettext':
        return
    article = news(app.env).article(docname) is not None
    messages = collected(app)[docname_to_domain(docname, app.config.gettext_compact)]
    for message, role in page_roles(extract_messages(doctree), article=article):
        if role not in messages[message]:
            messages[message].append(role)


def comment(domain: str, msgid: str, roles: Roles, tagline: str, home: str) -> str:
    """The ``#.`` comment of one message of *domain*'s catalog."""
    if domain == TAGS:
        return 'tag label (shown on articles and on the tag pages)'
    if domain == home and msgid == tagline:
        return "tagline (under the site's name, on every page)"
    return '; '.join(roles.get(domain, {}).get(msgid, []))


def from_root(location: str, outdir: Path, root: Path) -> str:
    """A reference of Sphinx's (relative to the templates' folder) from the repository root
    (the folder of conf.py); kept as it is if it leads outside."""
    path = os.path.relpath(os.path.normpath(outdir / location), root)
    return location if path.startswith('..') else Path(path).as_posix()


def annotate(pot: polib.POFile, domain: str, roles: Roles, outdir: Path, root: Path,
             tagline: str, home: str) -> None:
    """Give each message of one template its role and references from the repository root."""
    for entry in pot:
        entry.comment = comment(domain, entry.msgid, roles, tagline, home) or entry.comment
        entry.occurrences = [(from_root(path, outdir, root), line)
                             for path, line in entry.occurrences]


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """For ``make gettext``: rewrite each template Sphinx wrote with roles and references."""
    if app.builder.name != 'gettext' or exception is not None:
        return
    outdir, root = Path(app.outdir), Path(app.confdir)
    roles = collected(app)
    tagline = str(getattr(app.config, 'newsroom_tagline', '') or '')
    for path in sorted(outdir.rglob('*.pot')):
        domain = path.relative_to(outdir).with_suffix('').as_posix()
        pot = polib.pofile(str(path), wrapwidth=78)
        annotate(pot, domain, roles, outdir, root, tagline, app.config.root_doc)
        if catalog_bytes(pot) != path.read_bytes():
            save_catalog(pot, path)

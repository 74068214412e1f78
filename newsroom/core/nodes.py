"""Nodes every wing may put in a page: text in another language than the page's."""

from __future__ import annotations

from typing import Any

from docutils import nodes


class foreign(nodes.inline):
    """Text in another language than the page's (e.g. an untranslated title)."""


def visit_foreign(self: Any, node: foreign) -> None:
    self.body.append(self.starttag(node, 'span', '', lang=node['lang']))


def depart_foreign(self: Any, node: foreign) -> None:
    self.body.append('</span>')

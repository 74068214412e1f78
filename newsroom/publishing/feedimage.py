"""A feed entry's lead image: an Atom ``<link rel="enclosure">``, written by a feedgen extension.

feedgen 1.0 drops the ``rel``, ``type`` and ``length`` of an entry's own links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator
    from lxml import etree

#: The extension's name on feeds and entries.
NAME = 'newsroom_image'


class EntryImage(BaseEntryExtension):
    """An entry's enclosure: address, type and length in bytes."""

    def __init__(self) -> None:
        self.enclosure: tuple[str, str, int] | None = None

    def image(self, href: str, mime: str, length: int) -> None:
        self.enclosure = (href, mime, length)

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        if self.enclosure is not None:
            href, mime, length = self.enclosure
            xml_elem('link', entry, href=href, rel='enclosure', type=mime, length=str(length))
        return entry


def register(feed: FeedGenerator) -> None:
    """Let *feed*'s entries carry an image (before the entries are added)."""
    feed.register_extension(NAME, BaseExtension, EntryImage, atom=True, rss=False)

"""The lead image in a page's doctree: the figure, and its alt text and caption as messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from markupsafe import Markup

from newsroom.core.pictures import ARTICLE_SIZES, picture_html

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator


class lead_photo(nodes.General, nodes.Element):
    """An article's lead image: ``source`` (relative to the source folder), ``credit``, and
    once read, ``picture`` (a :class:`newsroom.core.pictures.Picture`)."""


class photo_alt(nodes.Part, nodes.TextElement):
    """The alt text: a message of the article's catalog, never printed as page text."""


class photo_caption(nodes.Part, nodes.TextElement):
    """The caption: a message of the article's catalog."""


def figure_html(node: lead_photo, images: str, source_language: str, language: str
                ) -> Markup:
    """``<figure>``: the picture (fetched first: it is above the fold), its caption and
    credit (the credit as written, in the source language)."""
    picture = node['picture']
    html = picture_html(picture, images, sizes=ARTICLE_SIZES, alt=picture.alt, lead=True)
    notes = []
    if picture.caption:
        notes.append(Markup('<span class="newsroom-photo-caption">{}</span>').format(
            picture.caption))
    if picture.credit:
        lang = Markup(' lang="{}"').format(source_language) if language != source_language \
            else Markup('')
        notes.append(Markup('<span class="newsroom-photo-credit"{}>{}</span>').format(
            lang, picture.credit))
    caption = Markup('<figcaption>{}</figcaption>').format(Markup(' ').join(notes)) \
        if notes else Markup('')
    return Markup('<figure class="newsroom-photo">{}{}</figure>\n').format(html, caption)


def visit_lead_photo(self: HTML5Translator, node: lead_photo) -> None:
    if node.get('picture') is not None:
        config = self.builder.config
        self.body.append(figure_html(node, self.builder.imgpath,
                                     config.newsroom_languages[0], config.language))
    raise nodes.SkipNode


def skip(self: object, node: nodes.Node) -> None:
    raise nodes.SkipNode


#: Builders other than HTML leave the image out.
ELSEWHERE = {name: (skip, None) for name in ('latex', 'text', 'man', 'texinfo')}

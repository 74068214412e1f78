"""Headlines as a newsroom prints them: no permalink on the page's H1, the article's byline
(date, tags, languages) right under it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from newsroom.core.domain import news

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Put after an article's headline when it is read; the page splits its body there.
MARKER = '<!-- newsroom:byline -->'


class NewsroomTranslator(HTML5Translator):
    """Sphinx's HTML5 writer without the ``¶`` link on the page title (a headline links to
    the page itself); section headings keep theirs."""

    def add_permalink_ref(self, node: nodes.Element, title: str) -> None:
        if isinstance(node, nodes.section) and self.section_level <= 1:
            return
        super().add_permalink_ref(node, title)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Mark the place right after an article's headline for its byline."""
    if news(app.env).article(docname) is None:
        return
    for section in doctree.findall(nodes.section):
        if section.children and isinstance(section[0], nodes.title):
            section.insert(1, nodes.raw('', MARKER, format='html'))
        return


def split_body(body: str) -> tuple[str, str]:
    """The body before and after the byline's place (``('', body)`` without one)."""
    head, found, rest = body.partition(MARKER)
    return (head, rest) if found else ('', body)


def byline_context(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """``newsroom_headline`` and ``newsroom_body_rest`` for an article's page."""
    if 'newsroom_article' in context and isinstance(context.get('body'), str):
        head, rest = split_body(context['body'])
        if head:
            context['newsroom_headline'], context['newsroom_body_rest'] = head, rest


def setup_translator(app: Sphinx) -> None:
    app.set_translator('html', NewsroomTranslator, override=True)


#: Bidirectional embeddings, overrides and isolates: in ``<title>``, where no element ends
#: them, an unterminated one reverses the site name that follows the page's title.
DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def plain_head_title(context: dict[str, Any]) -> None:
    """``title`` and ``docstitle`` (furo prints them in ``<title>``) without direction
    controls; the page's own headline keeps its text, within its element."""
    for key in ('title', 'docstitle'):
        if isinstance(context.get(key), str):
            context[key] = context[key].translate(DIRECTION_CONTROLS)

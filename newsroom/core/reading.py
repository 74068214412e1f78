"""Reading a page: its front matter becomes an :class:`Article`, its messages a translation state."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import extract_messages

from newsroom.core import frontmatter
from newsroom.core.article import DRAFT, SCHEDULED, Article, Translation, message_key, parse_tags
from newsroom.core.checks import boolean, folder_problems, front_matter_problems, open_fences
from newsroom.core.dates import DateError, check_filename, parse_date
from newsroom.core.domain import news
from newsroom.core.pictures import image_problems
from newsroom.core.site import Site

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def hold(draft: Any, date: dt.date | None, today: dt.date) -> str:
    """Why an article is not public yet: DRAFT, SCHEDULED, or ``''``. A ``draft`` that is
    not a boolean (``draft: да``) keeps the article out: unknown values fail closed."""
    if boolean(draft) is not False:
        return DRAFT
    return SCHEDULED if date is not None and date > today else ''


def day_order(value: Any) -> int:
    """The front-matter ``order`` (0 if absent); :class:`ValueError` if not a whole number."""
    return 0 if value is None else int(str(value).strip().strip('"\''))


def first_paragraph(doctree: nodes.document) -> str:
    """The text of a page's first body paragraph (already translated), whitespace folded."""
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, (nodes.section, nodes.document)):
            text = ' '.join(paragraph.astext().split())
            if text:
                return text
    return ''


class NoteSourceMessages(SphinxTransform):
    """Before translation, remember the page's translatable nodes and their messages
    (``document.newsroom_messages``): the i18n wing's transforms before ``Locale`` read
    them there instead of walking the page again."""

    default_priority = 17  # before the i18n wing's (18, 19) and Locale (20)

    def apply(self, **kwargs: object) -> None:
        self.document.newsroom_messages = list(extract_messages(self.document))


def in_page_text(node: nodes.Node, doctree: nodes.document) -> bool:
    """Whether *node* is still part of *doctree*'s text (not detached, not front matter)."""
    while node.parent is not None:
        parent = node.parent
        if isinstance(parent, nodes.docinfo) or not any(c is node for c in parent.children):
            return False
        node = parent
    return node is doctree


def translation_state(doctree: nodes.document, original: bool) -> Translation:
    """The page's messages and how many of them this build's catalog translated (all of
    them in the source language).

    Front matter is left out: it becomes page metadata (docinfo), never page text."""
    found = doctree.__dict__.pop('newsroom_messages', [])
    kept = [(node, msg) for node, msg in found if in_page_text(node, doctree)]
    keys = tuple(message_key(msg) for _node, msg in kept)
    titles = [(node, msg) for node, msg in kept if isinstance(node, nodes.title)]
    title = message_key(titles[0][1]) if titles else ''
    if original:
        return Translation(keys, len(keys), title=title)
    return Translation(keys, sum(1 for node, _msg in kept if node.get('translated')),
                       not titles or bool(titles[0][0].get('translated')), title,
                       doctree.get('newsroom_revised', ''))


def read_article(app: Sphinx, docname: str, doctree: nodes.document,
                 translation: Translation) -> Article | None:
    """The article of *docname* from the front matter MyST parsed; problems are reported
    at their front-matter line, and an article without a usable date is left out."""
    metadata = app.env.metadata[docname]
    metadata.setdefault('orphan', True)  # reached through generated lists, not toctrees
    path = app.env.doc2path(docname)
    written = frontmatter.read(path)  # the raw text: lines, and what MyST could not parse
    if doctree.next_node(nodes.title) is None:
        warn(docname, 1, 'title', 'the article has no title: start its text with a line '
             '"# Headline" after the front matter')
        return None
    try:
        # MyST drops front matter it cannot parse (e.g. "2025-13-45"): judge the raw text
        date = parse_date(metadata.get('date', written.raw('date')))
        check_filename(path.stem, date)
    except DateError as exc:
        logger.warning('%s', exc, location=(docname, written.line('date')),
                       type='newsroom', subtype='date')
        return None
    for message in folder_problems(docname, date):
        warn(docname, written.line('date'), 'date', message)
    try:
        order = day_order(metadata.get('order'))
    except ValueError:
        logger.warning('"order" must be a whole number (higher is newer among the news of '
                       'one day), not %r; ignored', metadata.get('order'),
                       location=(docname, written.line('order')),
                       type='newsroom', subtype='order')
        order = 0
    return Article(
        docname=docname, date=date, title=app.env.titles[docname].astext(),
        tags=parse_tags(metadata.get('tags')), order=order,
        hold=hold(metadata.get('draft'), date, dt.date.today()),
        summary=first_paragraph(doctree), translation=translation)


def warn(docname: str, line: int, subtype: str, message: str) -> None:
    logger.warning('%s', message, location=(docname, line), type='newsroom', subtype=subtype)


def check_source(app: Sphinx, docname: str, article: bool) -> None:
    """Report the authoring mistakes of a page's source (once: in the source language)."""
    # Sphinx read it replacing what is not UTF-8 (and warned); so does this check
    text = app.env.doc2path(docname).read_bytes().decode('utf-8', 'replace')
    matter = frontmatter.parse(text)
    for problem in [*front_matter_problems(matter, article=article),
                    *(image_problems(matter, docname) if article else ()),
                    *open_fences(text)]:
        warn(docname, problem.line, problem.subtype, problem.message)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Record the page's translation state and, for news pages, its article."""
    site, docname, domain = Site.from_config(app.config), app.env.docname, news(app.env)
    original = site.is_source(app.config.language)
    if original:
        check_source(app, docname, site.is_article(docname))
    translation = translation_state(doctree, original)
    domain.set_translation(docname, translation)
    if site.is_article(docname):
        article = read_article(app, docname, doctree, translation)
        if article is not None:
            domain.add_article(article)
            if not domain.published_here(article):  # its page stays out of search
                app.env.metadata[docname]['nosearch'] = True

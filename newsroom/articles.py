"""News articles: dated pages under the news folder, collected from front matter into a domain."""

from __future__ import annotations

import json
import posixpath
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.util import logging

from newsroom.dates import DateError, check_filename, parse_date
from newsroom.domains import PerDocumentDomain

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)


class Article(NamedTuple):
    """One published news item, as lists and navigation see it."""

    docname: str
    date: str  # ISO date; strings keep the domain data cheap to pickle and compare
    title: str
    order: int = 0  # among the news of one day, higher is newer (front matter ``order:``)


class NewsDomain(PerDocumentDomain):
    """Holds every article's date and tags, merged safely across parallel readers."""

    name = 'news'
    label = 'News'
    initial_data: dict[str, Any] = {
        # docname -> {'date': 'YYYY-MM-DD', 'tags': [...], 'summary': first paragraph}
        'articles': {},
        'listings': {},  # docname -> True, for pages that show lists of articles
        'snapshot': [],  # the ordered articles as of the last build (see navigation)
    }
    per_document = ('articles', 'listings')

    @property
    def articles(self) -> dict[str, dict[str, Any]]:
        return self.data['articles']

    @property
    def listings(self) -> dict[str, bool]:
        return self.data['listings']


def is_article(docname: str, news_dir: str) -> bool:
    """Every page inside the news folder except its index pages is an article."""
    return docname.startswith(news_dir.rstrip('/') + '/') and (
        posixpath.basename(docname) != 'index'
    )


def front_matter_line(source: str, key: str) -> tuple[int, str | None]:
    """Where *key* stands in a page's front matter, and its raw text, for error messages.

    Returns ``(1, None)`` (the opening ``---``) when the key is absent.
    """
    lines = source.splitlines()
    if not lines or lines[0].strip() != '---':
        return 1, None
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == '---':
            break
        name, _sep, raw = line.partition(':')
        if name.strip() == key:
            return number, raw.strip()
    return 1, None


def parse_tags(value: Any) -> list[str]:
    """Front-matter tags arrive JSON-encoded from MyST; accept a list or one string."""
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = [part.strip() for part in value.split(',')]
    if isinstance(value, str):
        value = [value]
    return [str(tag).strip() for tag in value if str(tag).strip()]


def first_paragraph(doctree: nodes.document) -> str:
    """The text of a page's first body paragraph (already translated), whitespace folded."""
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, (nodes.section, nodes.document)):
            text = ' '.join(paragraph.astext().split())
            if text:
                return text
    return ''


def ordered_articles(
    articles: dict[str, dict[str, Any]], titles: dict[str, str]
) -> list[Article]:
    """All articles newest first; those of one day by ``order`` (highest first), then by
    file name (last first)."""
    items = [
        Article(docname, data['date'], titles.get(docname, docname), data.get('order', 0))
        for docname, data in articles.items()
    ]
    return sorted(items, key=lambda a: (a.date, a.order, a.docname), reverse=True)


def published(env: BuildEnvironment) -> list[Article]:
    """The ordered articles of a build environment.

    Once reading is over the order cannot change: it is computed once (``env-updated``)
    and reused by every page written, instead of sorting the archive for each page.
    """
    frozen = getattr(env, 'newsroom_published', None)
    if frozen is not None:
        return frozen
    domain = env.domains['news']
    titles = {name: env.titles[name].astext() for name in domain.articles if name in env.titles}
    return ordered_articles(domain.articles, titles)


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.newsroom_published = None  # reading may change any article


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    env.newsroom_published = None
    env.newsroom_published = published(env)


def years(articles: Iterable[Article]) -> list[str]:
    """The distinct years of *articles*, newest first."""
    return sorted({a.date[:4] for a in articles}, reverse=True)


def day_order(value: Any, docname: str, path: Any) -> int:
    """The front-matter ``order`` (an integer, 0 if absent); anything else is reported."""
    if value is None:
        return 0
    try:
        return int(str(value).strip().strip('"\''))
    except ValueError:
        line, _raw = front_matter_line(path.read_text(encoding='utf-8'), 'order')
        logger.warning('"order" must be a whole number (higher is newer among the news of '
                       'one day), not %r; ignored', value, location=(docname, line),
                       type='newsroom', subtype='order')
        return 0


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Validate an article's front matter and record it in the news domain."""
    env = app.env
    docname = env.docname
    if not is_article(docname, app.config.newsroom_news_dir):
        return
    metadata = env.metadata[docname]
    metadata.setdefault('orphan', True)  # reached through generated lists, not toctrees
    path = env.doc2path(docname)
    line, raw = front_matter_line(path.read_text(encoding='utf-8'), 'date')
    try:
        # MyST drops front matter it cannot parse (e.g. "2025-13-45"): judge the raw text then
        date = parse_date(metadata.get('date', raw))
        check_filename(path.stem, date)
    except DateError as exc:
        logger.warning(
            '%s', exc, location=(docname, line), type='newsroom', subtype='date'
        )
        return
    env.domains['news'].articles[docname] = {
        'date': date.isoformat(),
        'order': day_order(metadata.get('order'), docname, path),
        'tags': parse_tags(metadata.get('tags')),
        'summary': first_paragraph(doctree),
    }


def article_date(env: BuildEnvironment, docname: str) -> dt.date | None:
    """The date of the article *docname*, or ``None`` if it is not an article."""
    data = env.domains['news'].articles.get(docname)
    return parse_date(data['date']) if data else None


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value('newsroom_news_dir', 'news', 'env', types=frozenset({str}))
    app.add_domain(NewsDomain)
    app.connect('doctree-read', on_doctree_read)
    app.connect('env-before-read-docs', on_env_before_read_docs)
    app.connect('env-updated', on_env_updated, priority=100)  # before anyone reads the order
    return {
        'version': '1.0',
        'env_version': 2,
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

"""The ``news-list`` directive: the latest news, optionally by year, newest first."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from newsroom.articles import Article, published, years
from newsroom.dates import display_date, parse_date
from newsroom.progress import foreign, page_percent, title_language

if TYPE_CHECKING:

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata, OptionSpec

_ = get_translation('newsroom')


class news_list(nodes.General, nodes.Element):
    """Placeholder, replaced by the list of articles when the page is written."""


def year_pagename(news_dir: str, year: str) -> str:
    """The page name of a year's archive, e.g. ``news/2025/index``."""
    return f'{news_dir.rstrip("/")}/{year}/index'


def select(articles: list[Article], *, year: str | None, limit: int | None) -> list[Article]:
    """The articles a list shows: optionally one year's, optionally only the first *limit*."""
    if year is not None:
        articles = [a for a in articles if a.date.startswith(year)]
    return articles[:limit] if limit else articles


def untranslated_label(percent: int | None) -> str:
    """How a list marks an article this language has not fully translated ('' if it has)."""
    if percent is None:
        return ''
    if percent == 0:
        return str(_('not translated yet'))
    return str(_('%(percent)s%% translated') % {'percent': percent})


def article_entries(
    articles: list[Article], language: str, uri: Any, env: BuildEnvironment | None = None
) -> list[dict[str, Any]]:
    """Date label, ISO date, title, link and (given *env*) translation state of articles."""
    entries = []
    for a in articles:
        percent = page_percent(env, a.docname) if env else None
        entries.append({
            'date': a.date,
            'date_label': display_date(parse_date(a.date), language),
            'title': a.title,
            'url': uri(a.docname),
            'title_lang': title_language(env, a.docname) if env else '',
            'untranslated': untranslated_label(percent),
        })
    return entries


class NewsListDirective(SphinxDirective):
    """``news-list``: the latest articles (``:limit:``), optionally grouped by year."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        'limit': directives.positive_int,
        'year': directives.unchanged,
        'group-by-year': directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        self.env.domains['news'].listings[self.env.docname] = True
        node = news_list(
            limit=self.options.get('limit'),
            year=self.options.get('year'),
            group_by_year='group-by-year' in self.options,
        )
        self.set_source_info(node)
        return [node]


def render_list(entries: list[dict[str, str]]) -> nodes.bullet_list:
    """A bullet list of "date — linked title" items."""
    bullets = nodes.bullet_list(classes=['news-list'])
    for entry in entries:
        para = nodes.paragraph()
        para += nodes.inline(entry['date_label'], entry['date_label'], classes=['news-date'])
        para += nodes.Text(' ')
        title: nodes.Node = nodes.Text(entry['title'])
        if entry['title_lang']:
            title = foreign('', '', title, lang=entry['title_lang'])
        para += nodes.reference('', '', title, internal=True, refuri=entry['url'],
                                classes=['news-title'])
        if entry['untranslated']:
            para += nodes.Text(' ')
            para += nodes.inline('', f'({entry["untranslated"]})', classes=['news-untranslated'])
        bullets += nodes.list_item('', para)
    return bullets


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each ``news-list`` placeholder with the current articles."""
    placeholders = list(doctree.findall(news_list))
    if not placeholders:
        return
    articles = published(app.env)
    language = app.config.language
    news_dir = app.config.newsroom_news_dir

    def uri(target: str) -> str:
        return app.builder.get_relative_uri(docname, target)

    for node in placeholders:
        chosen = select(articles, year=node['year'], limit=node['limit'])
        if not node['group_by_year']:
            node.replace_self(render_list(article_entries(chosen, language, uri, app.env)))
            continue
        container = nodes.container(classes=['news-archive'])
        for year, group in groupby(chosen, key=lambda a: a.date[:4]):
            heading = nodes.rubric(classes=['news-year'])
            heading += nodes.reference(
                year, year, internal=True, refuri=uri(year_pagename(news_dir, year))
            )
            container += heading
            container += render_list(article_entries(list(group), language, uri, app.env))
        if len(chosen) < len(select(articles, year=node['year'], limit=None)):
            container += archive_links(years(articles), news_dir, uri)
        node.replace_self(container)


def archive_links(archive_years: list[str], news_dir: str, uri: Any) -> nodes.paragraph:
    """"Earlier news, by year: 2025, 2024, …" under a list cut by ``:limit:``."""
    para = nodes.paragraph(classes=['news-archive-years'])
    para += nodes.Text(str(_('All news by year:')) + ' ')
    for index, year in enumerate(archive_years):
        if index:
            para += nodes.Text(', ')
        para += nodes.reference(year, year, internal=True,
                                refuri=uri(year_pagename(news_dir, year)))
    return para


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_node(news_list)
    app.add_directive('news-list', NewsListDirective)
    app.connect('doctree-resolved', on_doctree_resolved)
    return {
        'version': '1.0',
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

"""The ``news-list`` directive: the latest news, optionally by year, newest first."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from newsroom.core.dates import display_date
from newsroom.core.domain import news
from newsroom.core.labels import untranslated_label
from newsroom.core.nodes import foreign
from newsroom.core.site import Site

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import OptionSpec

    from newsroom.core.article import Article

_ = get_translation('newsroom')


class news_list(nodes.General, nodes.Element):
    """Placeholder, replaced by the list of articles when the page is written."""


def select(articles: Sequence[Article], *, year: str | None, limit: int | None
           ) -> Sequence[Article]:
    """The articles a list shows: optionally one year's, optionally only the first *limit*."""
    if year is not None:
        articles = [a for a in articles if a.year == year]
    return articles[:limit] if limit else articles


def article_entries(articles: Sequence[Article], env: BuildEnvironment,
                    uri: Callable[[str], str]) -> list[dict[str, Any]]:
    """Date label, ISO date, title, link and translation state of articles."""
    domain, language = news(env), env.config.language
    source = Site.from_config(env.config).source
    return [{
        'date': a.date.isoformat(),
        'date_label': display_date(a.date, language),
        'title': a.title,
        'url': uri(a.docname),
        'title_lang': source if domain.title_untranslated(a.docname) else '',
        'untranslated': untranslated_label(domain.percent(a.docname)),
    } for a in articles]


class NewsListDirective(SphinxDirective):
    """``news-list``: the latest articles (``:limit:``), optionally grouped by year."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        'limit': directives.positive_int,
        'year': directives.unchanged,
        'group-by-year': directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        news(self.env).note_listing(self.env.docname)
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
    index = news(app.env).index
    site = Site.from_config(app.config)

    def uri(target: str) -> str:
        return app.builder.get_relative_uri(docname, target)

    for node in placeholders:
        chosen = select(index.articles, year=node['year'], limit=node['limit'])
        if not node['group_by_year']:
            node.replace_self(render_list(article_entries(chosen, app.env, uri)))
            continue
        container = nodes.container(classes=['news-archive'])
        for year, group in groupby(chosen, key=lambda a: a.year):
            heading = nodes.rubric(classes=['news-year'])
            heading += nodes.reference(year, year, internal=True,
                                       refuri=uri(site.year_page(year)))
            container += heading
            container += render_list(article_entries(list(group), app.env, uri))
        if len(chosen) < len(select(index.articles, year=node['year'], limit=None)):
            container += archive_links(index.years, site, uri)
        node.replace_self(container)


def archive_links(archive_years: Sequence[str], site: Site,
                  uri: Callable[[str], str]) -> nodes.paragraph:
    """"Earlier news, by year: 2025, 2024, …" under a list cut by ``:limit:``."""
    para = nodes.paragraph(classes=['news-archive-years'])
    para += nodes.Text(str(_('All news by year:')) + ' ')
    for index, year in enumerate(archive_years):
        if index:
            para += nodes.Text(', ')
        para += nodes.reference(year, year, internal=True, refuri=uri(site.year_page(year)))
    return para

"""Bounded site navigation: the reader's sections and years, the masthead, prev/next by date."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from newsroom.core.dates import display_date
from newsroom.core.domain import news
from newsroom.core.labels import untranslated_label
from newsroom.core.site import Site
from newsroom.theme.masthead import masthead_context, reader_sections
from newsroom.theme.sidebar import sidebar_html

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from newsroom.core.article import Article


def current_section(pagename: str, sections: Sequence[str], root: str) -> str | None:
    """The section a page belongs to: the one whose folder holds it (the root holds only itself)."""
    for name in sections:
        folder = name.removesuffix('index')
        if name == pagename or (name != root and folder and pagename.startswith(folder)):
            return name
    return None


def site_sections(env: BuildEnvironment, root: str) -> list[str]:
    """The pages the root page's toctrees list: the site's sections, in order."""
    return [root, *env.toctree_includes.get(root, [])]


def navigation_context(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """The bounded navigation tree, the article's date, date-ordered prev/next."""
    env, site = app.env, Site.from_config(app.config)
    domain = news(env)
    root = site.root_doc
    if root in env.titles:
        context['docstitle'] = domain.site_title
    pathto: Callable[..., str] = context['pathto']
    index = domain.index
    sections = [(pathto(name), domain.title(name), name)
                for name in site_sections(env, root) if name in env.titles]
    archive = [(pathto(site.year_page(year)), year) for year in index.years]
    current = current_section(pagename, [name for *_, name in sections], root)
    masthead_context(app, pagename, context, sections, current)
    tags_folder = site.tag_index.removesuffix('index')
    if pagename.startswith(tags_folder) or pagename == 'search':
        current = pagename if pagename == 'search' else site.tag_index
    context['newsroom_navigation'] = sidebar_html(
        reader_sections(app, sections, pathto), site.news_index, archive, current)

    article = domain.article(pagename)
    if article is None:
        # previous/next follow the news by date; other pages have no place in that sequence
        context['prev'] = context['next'] = None
        return
    context['newsroom_article'] = {
        'date': article.date.isoformat(),
        'date_label': display_date(article.date, app.config.language),
    }
    older, newer = index.neighbours.get(pagename, (None, None))
    context['prev'] = related_link(env, older, pathto) if older else None
    context['next'] = related_link(env, newer, pathto) if newer else None


def related_link(env: BuildEnvironment, article: Article, pathto: Callable[..., str]) -> dict:
    """A prev/next link; an untranslated title is marked with its language and a note."""
    domain = news(env)
    return {
        'link': pathto(article.docname),
        'title': escape(article.title),  # furo prints titles as HTML; ours are plain text
        'lang': (Site.from_config(env.config).source
                 if domain.title_untranslated(article.docname) else ''),
        'untranslated': untranslated_label(domain.percent(article.docname)),
    }

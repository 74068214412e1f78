"""Bounded site navigation: sections and year archives in the sidebar, date-ordered prev/next."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from newsroom.articles import Article, article_date, published, years
from newsroom.dates import display_date
from newsroom.lists import untranslated_label, year_pagename
from newsroom.progress import page_percent, title_language

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata


def neighbours(articles: Sequence[Article]) -> dict[str, tuple[Article | None, Article | None]]:
    """Map each article to its (older, newer) neighbour in date order."""
    result = {}
    for index, article in enumerate(articles):
        newer = articles[index - 1] if index > 0 else None
        older = articles[index + 1] if index + 1 < len(articles) else None
        result[article.docname] = (older, newer)
    return result


def stale_pages(old: Sequence[Article], new: Sequence[Article]) -> set[str]:
    """Articles whose prev/next links differ between two orderings (by name or title)."""
    before, after = neighbours(old), neighbours(new)
    return {name for name, pair in after.items() if before.get(name) != pair}


def current_section(pagename: str, sections: Sequence[str], root: str) -> str | None:
    """The section a page belongs to: the one whose folder holds it (the root holds only itself)."""
    for name in sections:
        folder = name.removesuffix('index')
        if name == pagename or (name != root and folder and pagename.startswith(folder)):
            return name
    return None


def sidebar_html(
    sections: Sequence[tuple[str, str, str]],
    news_doc: str,
    archive_years: Sequence[tuple[str, str]],
    current: str | None,
) -> str:
    """A small toctree-like list furo can style: the sections, and the years under News."""
    out = ['<ul>']
    for url, title, name in sections:
        css = 'toctree-l1 current current-page' if name == current else 'toctree-l1'
        out.append(f'<li class="{css}"><a class="reference internal" href="{escape(url)}">'
                   f'{escape(title)}</a>')
        if name == news_doc and archive_years:
            out.append('<ul>')
            out.extend(f'<li class="toctree-l2"><a class="reference internal" '
                       f'href="{escape(year_url)}">{escape(year)}</a></li>'
                       for year_url, year in archive_years)
            out.append('</ul>')
        out.append('</li>')
    out.append('</ul>')
    return ''.join(out)


def site_sections(env: BuildEnvironment, root: str) -> list[str]:
    """The pages the root page's toctrees list: the site's sections, in order."""
    return [root, *env.toctree_includes.get(root, [])]


def order_index(env: BuildEnvironment) -> tuple[list[Article], list[str], dict[str, Any]]:
    """The articles, their years and each one's neighbours, computed once per order
    (every page needs them; recomputing them per page would cost O(articles²))."""
    articles = published(env)
    cached = getattr(env, 'newsroom_order_index', None)
    if cached is None or cached[0] is not articles:
        cached = (articles, years(articles), neighbours(articles))
        env.newsroom_order_index = cached
    return cached


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give furo a bounded navigation tree and date-ordered prev/next links."""
    env = app.env
    root = app.config.root_doc
    if root in env.titles:
        context['docstitle'] = env.titles[root].astext()
    pathto: Callable[..., str] = context['pathto']
    _articles, archive_years, pairs = order_index(env)
    news_dir = app.config.newsroom_news_dir
    news_index = f'{news_dir}/index'
    sections = [
        (pathto(name), env.titles[name].astext(), name)
        for name in site_sections(env, root) if name in env.titles
    ]
    archive = [(pathto(year_pagename(news_dir, y)), y) for y in archive_years]
    current = current_section(pagename, [name for *_, name in sections], root)
    html = sidebar_html(sections, news_index, archive, current)
    context['toctree'] = lambda **kwargs: html

    date = article_date(env, pagename)
    if date is None:
        return
    context['newsroom_article'] = {
        'date': date.isoformat(),
        'date_label': display_date(date, app.config.language),
    }
    older, newer = pairs.get(pagename, (None, None))
    context['prev'] = related_link(env, older, pathto) if older else None
    context['next'] = related_link(env, newer, pathto) if newer else None


def related_link(env: BuildEnvironment, article: Article, pathto: Callable[..., str]) -> dict:
    """A prev/next link; an untranslated title is marked with its language and a note."""
    percent = page_percent(env, article.docname)
    return {
        'link': pathto(article.docname),
        'title': escape(article.title),  # furo prints titles as HTML; ours are plain text
        'lang': title_language(env, article.docname),
        'untranslated': untranslated_label(percent),
    }


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading, name the pages whose lists, links or sidebar changed to rewrite them."""
    domain = env.domains['news']
    old = [Article(*item) for item in domain.data['snapshot']]
    new = published(env)
    domain.data['snapshot'] = [tuple(a) for a in new]
    if old == new:
        return []
    if years(old) != years(new):
        return sorted(env.found_docs)  # every sidebar lists the years
    return sorted(stale_pages(old, new) | set(domain.listings))


def setup(app: Sphinx) -> ExtensionMetadata:
    # Before furo (priority 500), which renders context['toctree'] into its sidebar.
    app.connect('html-page-context', on_html_page_context, priority=400)
    app.connect('env-updated', on_env_updated)
    return {
        'version': '1.0',
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

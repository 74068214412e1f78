"""Archive pages that stay bounded: a year's news by month, split into month pages when long."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import TYPE_CHECKING, Any, NamedTuple

from babel.dates import format_date
from sphinx.locale import get_translation

from newsroom.core.domain import news
from newsroom.core.site import Site
from newsroom.news.lists import ListingEntries, image_folder

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx

    from newsroom.core.article import Article

_ = get_translation('newsroom')


class ListingPage(NamedTuple):
    """One page of a listing: its name, the period it covers (``None`` for the listing's
    main page), its articles newest first, and the pages of the periods once it is split."""

    pagename: str
    period: str | None
    articles: list[Article]
    period_pages: dict[str, str]


def plan(pagename: str, articles: list[Article], limit: int,
         period_of: Callable[[Article], str], period_page: Callable[[str], str]
         ) -> list[ListingPage]:
    """The pages of a listing: its latest *limit* articles (all of them with 0), and once it
    has more, a page per period (year, month), so that no page grows with the archive."""
    if not limit or len(articles) <= limit:
        return [ListingPage(pagename, None, articles, {})]
    by_period = {key: list(group) for key, group in groupby(articles, key=period_of)}
    pages = {key: period_page(key) for key in by_period}
    return [ListingPage(pagename, None, articles[:limit], pages)] + [
        ListingPage(pages[key], key, items, pages) for key, items in by_period.items()
    ]


def listing_context(app: Sphinx, page: ListingPage, period_of: Callable[[Article], str],
                    label: Callable[[str], str], links_label: str,
                    back: tuple[str, str] | None) -> dict[str, Any]:
    """What ``newsroom/listing.html`` prints: the articles by period (headings on the main
    page), links to the period pages, and on a period page the way back (label, page)."""

    def uri(target: str) -> str:
        return app.builder.get_relative_uri(page.pagename, target)

    groups = [{'heading': label(key) if page.period is None else '',
               'url': uri(page.period_pages[key]) if page.period_pages else '',
               'entries': ListingEntries(list(items), app.env, uri,
                                         image_folder(app, page.pagename), page.pagename)}
              for key, items in groupby(page.articles, key=period_of)]
    return {'newsroom_listing': {
        'groups': groups,
        'links_label': links_label if page.period_pages else '',
        'links': [{'label': label(key), 'url': uri(name), 'current': key == page.period}
                  for key, name in page.period_pages.items()],
        'back': {'label': back[0], 'url': uri(back[1])} if back and page.period else None,
    }}


def year_links(app: Sphinx, pagename: str, year: str, years: list[str]
               ) -> dict[str, Any] | None:
    """The years just before and after *year* (*years* newest first), for its archive."""
    site = Site.from_config(app.config)
    position = years.index(year)
    earlier = years[position + 1] if position + 1 < len(years) else None
    later = years[position - 1] if position else None
    if earlier is None and later is None:
        return None

    def link(other: str | None) -> dict[str, str] | None:
        if other is None:
            return None
        return {'label': _('News of %(year)s') % {'year': other},
                'url': app.builder.get_relative_uri(pagename, site.year_page(other))}

    return {'label': _('Other years'), 'earlier': link(earlier), 'later': link(later)}


def month_label(month: str, language: str, *, with_year: bool) -> str:
    """"June" or "June 2025" (``2025-06``) in *language*, standalone form ("июнь 2025")."""
    date = dt.date(int(month[:4]), int(month[5:7]), 1)
    return format_date(date, 'LLLL y' if with_year else 'LLLL',
                       locale=language.replace('-', '_'))


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """A page per year, its news by month; a page per month once a year is longer than
    ``newsroom_archive_limit``."""
    site, language = Site.from_config(app.config), app.config.language

    def month_of(article: Article) -> str:
        return article.month

    index = news(app.env).index
    years = list(index.years)
    for year, articles in index.by_year():
        year_page = site.year_page(year)
        pages = plan(year_page, articles, app.config.newsroom_archive_limit, month_of,
                     site.month_page)
        year_title = _('News of %(year)s') % {'year': year}
        for page in pages:
            if page.period is None:
                title = year_title
            else:
                month = month_label(page.period, language, with_year=True)
                title = _('News of %(month)s') % {'month': month}
            context = listing_context(
                app, page, month_of,
                lambda key: capitalized(month_label(key, language, with_year=False)),
                _('All news of %(year)s by month:') % {'year': year},
                (year_title, year_page))
            if page.period is None:
                context['newsroom_listing']['years'] = year_links(app, page.pagename, year,
                                                                  years)
            yield page.pagename, {'title': title, **context}, 'newsroom/listing.html'

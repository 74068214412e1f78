"""Sphinx's own search (newsroom_search_engine = 'sphinx') in pages, in a real headless
Chromium: the best first, the rest on request."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
from sphinx.errors import ConfigError

from helpers import RESULTS, serve, wait_for_results

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.testing.util import SphinxTestApp

QUERY = 'заметки'  # every article of the test root says "тестовой заметки"
MORE = 'button.newsroom-search-more'

#: The ranking Sphinx itself computes for the query, best first.
SPHINX_RANKING = """(query) => {
    const [q, terms, excluded, highlight, objects] = Search._parseQuery(query);
    return Search._performSearch(q, terms, excluded, highlight, objects)
        .reverse().map((item) => item[0] + DOCUMENTATION_OPTIONS.LINK_SUFFIX + item[2]);
}"""


@contextmanager
def searched(app: SphinxTestApp, page) -> Iterator[list[str]]:
    """Build the test site, search it for QUERY in *page*; yields Sphinx's own ranking."""
    app.build()
    with serve(app.outdir) as base:
        page.goto(f'{base}/search.html?q={quote(QUERY)}')
        wait_for_results(page)
        yield page.evaluate(SPHINX_RANKING, QUERY)


def listed(page) -> list[str]:
    return page.eval_on_selector_all(RESULTS, 'as => as.map(a => a.getAttribute("href"))')


@pytest.mark.sphinx('html', testroot='news', confoverrides={
    'newsroom_search_page_size': 2, 'newsroom_search_engine': 'sphinx'})
def test_results_come_in_pages_in_sphinx_order(app: SphinxTestApp, page) -> None:
    with searched(app, page) as ranking:
        assert len(ranking) > 2, ranking
        assert listed(page) == ranking[:2]
        summary = page.text_content('#search-results p.search-summary') or ''
        assert str(len(ranking)) in summary, summary  # the count is of all results

        more = page.locator(MORE)
        left = min(2, len(ranking) - 2)
        assert more.text_content() == f'Показать ещё {left} результата'
        clicks = 0
        while more.count():
            shown = len(listed(page))
            more.click()
            clicks += 1
            assert page.evaluate('document.activeElement.getAttribute("href")') == \
                ranking[shown], 'focus moves to the first new result'
        assert listed(page) == ranking
        assert clicks == (len(ranking) - 1) // 2


@pytest.mark.sphinx('html', testroot='news', confoverrides={
    'newsroom_search_page_size': 0, 'newsroom_search_engine': 'sphinx'})
def test_page_size_zero_lists_every_result_as_sphinx_does(app: SphinxTestApp, page) -> None:
    with searched(app, page) as ranking:
        assert len(ranking) > 2
        assert sorted(listed(page)) == sorted(ranking)
        assert page.locator(MORE).count() == 0


@pytest.mark.sphinx('html', testroot='news', confoverrides={
    'newsroom_search_page_size': -5, 'newsroom_search_engine': 'sphinx'})
def test_negative_page_size_is_a_config_error(make_app, app_params) -> None:
    args, kwargs = app_params
    with pytest.raises(ConfigError, match='newsroom_search_page_size'):
        make_app(*args, **kwargs)

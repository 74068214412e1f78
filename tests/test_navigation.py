"""Pure navigation helpers: neighbours in date order and what an update makes stale."""

from __future__ import annotations

from newsroom.articles import Article, front_matter_line, ordered_articles, parse_tags
from newsroom.navigation import current_section, neighbours, sidebar_html, stale_pages


def _articles(*names: str) -> list[Article]:
    return [Article(name, f'2025-01-{index:02d}', name.upper())
            for index, name in enumerate(names, start=1)][::-1]


def test_ordered_articles_newest_first_ties_by_name() -> None:
    data = {'news/b': {'date': '2025-01-01'}, 'news/a': {'date': '2025-01-01'},
            'news/c': {'date': '2024-12-31'}, 'news/d': {'date': '2025-02-01'}}
    order = [a.docname for a in ordered_articles(data, {})]
    assert order == ['news/d', 'news/b', 'news/a', 'news/c']


def test_neighbours_are_older_and_newer() -> None:
    arts = _articles('a', 'b', 'c')  # newest first: c, b, a
    pairs = neighbours(arts)
    assert pairs['b'] == (arts[2], arts[0])
    assert pairs['c'] == (arts[1], None)
    assert pairs['a'] == (None, arts[1])


def test_stale_pages_after_insert_and_retitle() -> None:
    old = _articles('a', 'b', 'c', 'd')
    inserted = sorted([*old, Article('bb', '2025-01-02', 'BB')],
                      key=lambda a: (a.date, a.docname), reverse=True)
    assert stale_pages(old, inserted) == {'b', 'bb', 'c'}
    retitled = [a._replace(title='NEW') if a.docname == 'c' else a for a in old]
    assert stale_pages(old, retitled) == {'b', 'd'}
    assert stale_pages(old, old) == set()


def test_sidebar_lists_sections_and_years_only() -> None:
    html = sidebar_html([('index.html', 'Home', 'index'), ('news/index.html', 'News', 'news/index')],
                        'news/index', [('news/2025/index.html', '2025')], 'news/index')
    assert html.count('<li') == 3
    assert 'toctree-l1 current' in html.split('news/index.html')[0].rsplit('<li', 1)[1]


def test_current_section() -> None:
    sections = ['index', 'news/index']
    assert current_section('news/2025/x', sections, 'index') == 'news/index'
    assert current_section('index', sections, 'index') == 'index'
    assert current_section('about', sections, 'index') is None


def test_front_matter_line_and_tags() -> None:
    source = '---\ntags: [a]\ndate: 2025-01-01\n---\n# T\n'
    assert front_matter_line(source, 'date') == (3, '2025-01-01')
    assert front_matter_line(source, 'missing') == (1, None)
    assert parse_tags('["Каспий", "порт"]') == ['Каспий', 'порт']
    assert parse_tags('один, два') == ['один', 'два']
    assert parse_tags(None) == []

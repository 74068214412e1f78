"""The article model's pure functions: order, neighbours, stale pages, tags, front matter."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsroom.core import frontmatter
from newsroom.core.article import Article, Index, newest_first, parse_tags, stale_pages
from newsroom.core.site import Site
from newsroom.theme.navigation import current_section, sidebar_html


def articles(*names: str) -> list[Article]:
    """One article a day in January 2025, in the given order; returned newest first."""
    return newest_first(Article(f'news/{name}', dt.date(2025, 1, day), name.upper())
                        for day, name in enumerate(names, start=1))


def test_newest_first_then_order_then_name_last_first() -> None:
    day = dt.date(2025, 1, 1)
    items = [Article('news/b', day, 'B'), Article('news/a', day, 'A'),
             Article('news/c', dt.date(2024, 12, 31), 'C'),
             Article('news/d', dt.date(2025, 2, 1), 'D'),
             Article('news/a0', day, 'A0', order=1)]
    assert [a.docname for a in newest_first(items)] == [
        'news/d', 'news/a0', 'news/b', 'news/a', 'news/c']


def test_index_years_neighbours_and_tags() -> None:
    items = [Article('news/x', dt.date(2024, 5, 1), 'X', tags=('Китай', 'порт')),
             Article('news/y', dt.date(2025, 1, 1), 'Y', tags=('китай',)),
             Article('news/z', dt.date(2025, 3, 1), 'Z', tags=('китай',))]
    index = Index.of(items)
    assert [a.docname for a in index.articles] == ['news/z', 'news/y', 'news/x']
    assert index.years == ('2025', '2024')
    assert index.neighbours['news/y'] == (items[0], items[2])
    assert index.neighbours['news/z'] == (items[1], None)
    kitay = index.tags['kitay']
    assert kitay.label == 'китай' and kitay.spellings == ('китай', 'Китай')
    assert [a.docname for a in kitay.articles] == ['news/z', 'news/y', 'news/x']
    assert [year for year, _group in index.by_year()] == ['2025', '2024']


def test_article_is_frozen_and_dated() -> None:
    article = Article('news/2025/x', dt.date(2025, 6, 2), 'X')
    assert (article.year, article.month) == ('2025', '2025-06')
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = 'Y'  # type: ignore[misc]


def test_stale_pages_after_insert_retitle_and_new_year() -> None:
    old = articles('a', 'b', 'c', 'd')
    inserted = newest_first([*old, Article('news/bb', dt.date(2025, 1, 2), 'BB', order=1)])
    every = {'index', *(a.docname for a in inserted)}
    assert stale_pages(old, inserted, {'index'}, every) == [
        'index', 'news/b', 'news/bb', 'news/c']
    retitled = [dataclasses.replace(a, title='NEW') if a.docname == 'news/c' else a
                for a in old]
    assert stale_pages(old, retitled, set(), every) == ['news/b', 'news/d']
    assert stale_pages(old, old, {'index'}, every) == []
    later = [*old, Article('news/e', dt.date(2026, 1, 1), 'E')]
    assert stale_pages(old, newest_first(later), set(), every) == sorted(every)


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


@pytest.mark.parametrize('newline', ['\n', '\r\n', '\r'])
def test_front_matter_values_and_lines(newline: str) -> None:
    source = newline.join(['---', 'tags: [a, "b c"]', 'date: 2025-13-45', 'draft: yes',
                           '---', '# T', ''])
    matter = frontmatter.parse(source)
    assert matter.raw('date') == '2025-13-45'  # as written, even when it is no date
    assert matter.raw('tags') == ['a', 'b c'] and matter.raw('draft') == 'yes'
    assert (matter.line('tags'), matter.line('date'), matter.line('missing')) == (2, 3, 1)
    assert frontmatter.parse('# no front matter\n') == frontmatter.EMPTY
    assert frontmatter.parse('---\n: : bad yaml [\n---\n').problem[0] == 2


def test_tags_as_myst_hands_them_over() -> None:
    assert parse_tags('["Каспий", "порт"]') == ('Каспий', 'порт')
    assert parse_tags('один, два') == ('один', 'два')
    assert parse_tags(None) == ()


def test_site_names_pages_and_addresses() -> None:
    site = Site(('ru', 'en', 'tk'), 'https://example.net/site/', news_dir='news')
    assert (site.source, site.targets) == ('ru', ('en', 'tk'))
    assert site.root_path == '/site/'
    assert site.url('en', 'news/index.html') == 'https://example.net/site/en/news/index.html'
    assert site.href('tk', 'news/2025/x', 'news/2025/x.html') == '../../../tk/news/2025/x.html'
    assert (site.year_page('2025'), site.month_page('2025-06'), site.tag_page('kitay')) == (
        'news/2025/index', 'news/2025/06', 'news/tags/kitay')
    assert site.is_article('news/2025/x') and not site.is_article('news/2025/index')
    assert Site(('ru',)).url('ru', 'index.html') == ''

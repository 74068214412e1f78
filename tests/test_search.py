"""Search in each language, in a real headless Chromium against the site served on 127.0.0.1."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from helpers import RESULTS, read_page, wait_for_results

ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region.html'


def search(page, base: str, language: str, query: str) -> list[str]:
    page.goto(f'{base}/{language}/search.html?q={quote(query)}')
    wait_for_results(page)
    return page.eval_on_selector_all(RESULTS, 'as => as.map(a => a.getAttribute("href"))')


@pytest.mark.parametrize(('language', 'query'), [
    ('ru', 'порта'),         # the article says "портами" and "порт"
    ('ru', 'Туркменбаши'),
    ('ru', 'судостроительная'),
    ('en', 'shipping'),
    ('en', 'Turkmenbashi'),
    ('en', 'shipbuilding'),
])
def test_query_finds_the_seed_article(page, site_url: str, language: str, query: str) -> None:
    hrefs = search(page, site_url, language, query)
    assert any(href.startswith(ARTICLE) for href in hrefs), hrefs


@pytest.mark.parametrize(('language', 'query'), [('ru', 'зюквярщ'), ('en', 'qwxzvplk')])
def test_nonsense_finds_nothing(page, site_url: str, language: str, query: str) -> None:
    assert search(page, site_url, language, query) == []


def test_english_search_does_not_find_russian_words(page, site_url: str) -> None:
    assert search(page, site_url, 'en', 'портами') == []


def test_russian_result_count_is_shown(page, site_url: str) -> None:
    search(page, site_url, 'ru', 'Туркменистан')
    summary = page.text_content('#search-results p.search-summary') or ''
    count = len(page.query_selector_all(RESULTS))
    assert count > 1
    assert re.search(rf'\b{count}\b', summary), summary
    assert summary.startswith('Поиск завершён'), summary


@pytest.mark.parametrize('language', ['ru', 'en'])
def test_search_box_on_an_article_searches_its_language(
    page, site_url: str, language: str
) -> None:
    page.goto(f'{site_url}/{language}/{ARTICLE}')
    word = {'ru': 'Каспийскому', 'en': 'Caspian'}[language]
    page.fill('form.sidebar-search-container input[name="q"]', word)
    page.press('form.sidebar-search-container input[name="q"]', 'Enter')
    page.wait_for_url(re.compile(rf'/{language}/search\.html\?'))
    wait_for_results(page)
    assert page.evaluate('document.documentElement.lang') == language
    hrefs = page.eval_on_selector_all(RESULTS, 'as => as.map(a => a.getAttribute("href"))')
    assert any(href.startswith(ARTICLE) for href in hrefs), hrefs


STEMMER = {'ru': 'russian', 'en': 'english'}


@pytest.mark.parametrize('language', ['ru', 'en'])
def test_browser_stems_every_word_as_the_index_does(
    page, site: Path, site_url: str, language: str
) -> None:
    """The index is stemmed in Python (PyStemmer when installed), queries in JavaScript: any
    word of the site that the two stem differently could never be found."""
    import snowballstemmer

    text = ' '.join(read_page(path).text() for path in (site / language).rglob('*.html'))
    words = sorted({w.lower() for w in re.findall(r'[^\W\d_]{3,}', text)})
    assert len(words) > 200
    page.goto(f'{site_url}/{language}/search.html')
    stems = page.evaluate('(words) => { const s = new Stemmer();'
                          ' return words.map((w) => s.stemWord(w)); }', words)
    python = snowballstemmer.stemmer(STEMMER[language])
    different = [(w, s, python.stemWord(w)) for w, s in zip(words, stems, strict=True)
                 if s != python.stemWord(w)]
    assert different == []


@pytest.mark.parametrize(('language', 'query', 'furniture'), [
    ('ru', 'стандарты', ['English', 'Опубликовано', 'Теги']),  # the title's word: near the top
    ('en', 'standards', ['Русский', 'Published', 'Tags']),
])
def test_result_summaries_are_article_text(
    page, site_url: str, language: str, query: str, furniture: list[str]
) -> None:
    search(page, site_url, language, query)
    summary = page.locator(f'#search-results li:has(a[href^="{ARTICLE}"]) p.context')
    summary.wait_for(timeout=15000)
    text = summary.text_content() or ''
    assert query in text
    assert [word for word in furniture if word in text] == []

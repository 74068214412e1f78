"""Search on the real site, as readers use it: headless Chromium against the built site
served on 127.0.0.1, looking words up in our static index (newsroom/search/)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from helpers import PUBLISHED, read_page
from newsroom.core.article import tag_slug

ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region.html'
COMMISSION = 'news/2025/2025-06-20-saint-petersburg-commission.html'
RESULTS = '#newsroom-search .newsroom-search-results > li'
TAGS = f'{RESULTS}.newsroom-search-tag'
SEA = f'news/tags/{tag_slug("Каспийское море")}.html'  # two articles have this tag
STATUS = '#newsroom-search .newsroom-search-status'
ARTICLE_HREF = re.compile(r'^news/\d{4}/\d{4}-\d\d-\d\d-[\w-]+\.html\?hl=')
TAG_HREF = re.compile(r'^news/tags/[a-z0-9-]+\.html\?hl=')
LETTER = re.compile(r'[^\W\d_]')


def open_search(page, base: str, language: str, query: str = '', **filters: str) -> None:
    params = '&'.join(f'{k}={quote(v)}' for k, v in {'q': query, **filters}.items() if v)
    page.goto(f'{base}/{language}/search.html' + (f'?{params}' if params else ''))
    page.wait_for_selector('#newsroom-search[data-state="done"]', timeout=15000)


def search(page, base: str, language: str, query: str, **filters: str) -> list[str]:
    """The hrefs of the results listed for *query*, in order."""
    open_search(page, base, language, query, **filters)
    return page.eval_on_selector_all(f'{RESULTS} a.newsroom-search-title',
                                     'as => as.map(a => a.getAttribute("href"))')


def found(hrefs: list[str], target: str) -> bool:
    return any(href.split('?')[0] == target for href in hrefs)


def status(page) -> str:
    return page.text_content(STATUS) or ''


#: An init script: ``window.firstShown``, the page's time when a result is first listed.
NOTE_FIRST_SHOWN = """new MutationObserver(() => {
  if (!window.firstShown && document.querySelector('#newsroom-search li'))
    window.firstShown = performance.now();
}).observe(document, {childList: true, subtree: true});"""
PARSED = "performance.getEntriesByType('navigation')[0].domContentLoadedEventStart"


def hold_back_furo(page) -> None:
    """Make furo's deferred script (and so DOMContentLoaded) come two seconds late."""
    def late(route) -> None:
        page.wait_for_timeout(2000)
        route.continue_()

    page.route('**/_static/scripts/furo.js*', late)


def requested(page, files: str) -> list[float]:
    """When the page asked for the index files matching *files* (e.g. ``[dt]``), from
    resource timing."""
    return page.evaluate(r"""(files) => performance.getEntriesByType('resource')
      .filter((r) => new RegExp(`newsroom-search/${files}/\\d+\\.json$`).test(r.name))
      .map((r) => r.startTime)""", files)


@pytest.mark.parametrize(('language', 'query', 'target'), [
    ('ru', 'грузоперевозки', ARTICLE),  # the article says "грузоперевозок"
    ('ru', 'суда', ARTICLE),            # … "судно", "судов"
    ('ru', 'порта', ARTICLE),           # … "портами"
    ('ru', 'Туркменбаши', 'news/2025/2025-06-18-turkmenbashi-pakistan-ports.html'),
    ('ru', 'судостроительные', ARTICLE),  # … "судостроительная"
    ('ru', 'российская', COMMISSION),    # … "туркмено-российской": a part of a hyphenated word
    ('ru', 'туркмено', COMMISSION),
    ('ru', 'туркмено-российская', COMMISSION),
    ('ru', '2024', ARTICLE),             # numbers are words too
    ('ru', 'партнеров', ARTICLE),        # … "партнёров": ё and е are one letter
    ('ru', 'начнёт', ARTICLE),           # … "начнёт", typed with ё
    ('en', 'shipping', ARTICLE),
    ('en', 'Turkmenbashi', 'news/2025/2025-06-18-turkmenbashi-pakistan-ports.html'),
    ('en', 'shipbuilding', ARTICLE),
])
def test_a_word_form_finds_the_article(page, site_url: str, language: str, query: str,
                                       target: str) -> None:
    assert found(search(page, site_url, language, query), target)


def test_snowball_alone_would_miss_the_forms_found_above() -> None:
    """The forms above are not a Snowball stem apart: the dictionary is what finds them."""
    import snowballstemmer

    stem = snowballstemmer.stemmer('russian').stemWord
    assert stem('грузоперевозки') != stem('грузоперевозок')
    assert stem('суда') != stem('судно')


@pytest.mark.parametrize(('language', 'query'), [
    ('ru', 'Гондурас'), ('ru', 'Туркменистан'), ('ru', 'сайт'), ('ru', 'новости'),
    ('ru', 'Китай'), ('en', 'Turkmenistan'), ('en', 'news'), ('en', 'China'),
])
def test_only_news_articles_are_results(page, site_url: str, language: str, query: str) -> None:
    """Articles, and the page of a tag of several articles named by the query ("Китай";
    not "Гондурас", whose page would repeat its one article); never the home page, a list
    or the status page, whose words are not indexed."""
    hrefs = search(page, site_url, language, query)
    assert [href for href in hrefs
            if not ARTICLE_HREF.match(href) and not TAG_HREF.match(href)] == []
    tags = [href for href in hrefs if TAG_HREF.match(href)]
    assert len(tags) == (query in {'Китай', 'China'})


def test_the_home_page_words_alone_find_no_page(page, site_url: str) -> None:
    """The home page's title is no article's word: searching it lists nothing."""
    assert search(page, site_url, 'ru', 'веб-сайт') == []


@pytest.mark.parametrize(('language', 'query'), [('ru', 'зюквярщ'), ('en', 'qwxzvplk')])
def test_nonsense_finds_nothing_and_says_so_for_news(page, site_url: str, language: str,
                                                     query: str) -> None:
    assert search(page, site_url, language, query) == []
    expected = {'ru': f'По запросу «{query}» ничего не найдено. Попробуйте другую форму слова',
                'en': f'Nothing found for “{query}”. Try another word form'}[language]
    assert status(page).startswith(expected)


def test_english_search_does_not_find_russian_words(page, site_url: str) -> None:
    assert search(page, site_url, 'en', 'портами') == []


@pytest.mark.parametrize(('language', 'query', 'date', 'furniture'), [
    ('ru', 'грузоперевозки', '24 августа 2023', ['English', 'Опубликовано', 'Теги']),
    ('en', 'shipbuilding', '24 August 2023', ['Русский', 'Published', 'Tags']),
])
def test_results_carry_the_date_and_a_lead_from_the_text(
    page, site_url: str, language: str, query: str, date: str, furniture: list[str]
) -> None:
    search(page, site_url, language, query)
    item = page.locator(RESULTS).first
    assert item.locator('.newsroom-search-date').text_content() == date
    title = item.locator('a').text_content() or ''
    lead = item.locator('.newsroom-search-summary').text_content() or ''
    assert len(lead) > 60 and title not in lead
    assert [word for word in furniture if word in lead] == []


def test_a_summary_shows_the_words_a_lead_lacks_in_context(page, site_url: str) -> None:
    """The lead of the Balkan article has no form of "суда": its summary is the passage of
    its text that has one, marked."""
    search(page, site_url, 'ru', 'суда')
    summary = page.locator(f'{RESULTS}:has(a[href^="{ARTICLE}"]) .newsroom-search-summary')
    summary.locator('mark').first.wait_for(timeout=15000)
    text = summary.text_content() or ''
    assert text.startswith('…') and len(text) < 260
    assert {m.lower() for m in summary.locator('mark').all_text_contents()} <= {'судов', 'судно'}


def test_a_headline_only_item_has_a_date_and_no_lead(page, site_url: str) -> None:
    search(page, site_url, 'ru', 'Гондурас')  # the article is its headline alone
    item = page.locator(RESULTS).first
    assert item.locator('.newsroom-search-date').text_content() == '19 июня 2025'
    assert item.locator('.newsroom-search-summary').count() == 0


def test_the_result_count_is_shown(page, site_url: str) -> None:
    hrefs = search(page, site_url, 'ru', 'Туркменистан')
    assert len(hrefs) > 1
    assert status(page) == f'Найдено {len(hrefs)} статей по запросу «Туркменистан».' or \
        re.search(rf'\b{len(hrefs)}\b', status(page))


def marks(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, 'ms => ms.map(m => m.textContent)')


def whole_words(page, selector: str) -> list[tuple[str, str]]:
    """(letter before, letter after) of every mark that touches a letter: none should."""
    return page.eval_on_selector_all(selector, """ms => ms.map(m => {
        const before = m.previousSibling?.textContent?.slice(-1) ?? '';
        const after = m.nextSibling?.textContent?.slice(0, 1) ?? '';
        return [before, after];
    })""")


def test_every_form_is_highlighted_in_results_whole_words_only(page, site_url: str) -> None:
    search(page, site_url, 'ru', 'порта')
    marked = {m.lower() for m in marks(page, f'{RESULTS} mark.newsroom-hit')}
    assert marked - {'порта'}, marked  # other forms than the typed one
    assert all(m.startswith('порт') for m in marked), marked
    touching = [pair for pair in whole_words(page, f'{RESULTS} mark.newsroom-hit')
                if any(LETTER.match(c) for c in pair)]
    assert touching == []


def test_the_opened_article_highlights_every_form(page, site_url: str) -> None:
    search(page, site_url, 'ru', 'суда')
    page.locator(f'{RESULTS} a[href^="{ARTICLE}"]').click()
    page.wait_for_selector('html[data-newsroom-highlighted="yes"]', timeout=15000)
    marked = {m.lower() for m in marks(page, 'mark.newsroom-hit')}
    assert {'судно', 'судов'} <= marked, marked
    assert not any(m.startswith('судостро') for m in marked)  # never a part of a longer word
    touching = [pair for pair in whole_words(page, 'mark.newsroom-hit')
                if any(LETTER.match(c) for c in pair)]
    assert touching == []


def test_title_matches_come_first_then_newer(page, site_url: str) -> None:
    """A result whose title has the word (its title shows a mark) ranks before one whose
    text alone has it; within each group, newer first."""
    hrefs = search(page, site_url, 'ru', 'порт')  # in two titles, and "портами" in a text
    in_title = page.eval_on_selector_all(
        f'{RESULTS} a.newsroom-search-title',
        'as => as.map(a => a.querySelector("mark") !== null)')
    assert len(hrefs) > 2 and any(in_title) and not all(in_title)
    assert in_title == sorted(in_title, reverse=True), in_title
    for group in (True, False):
        days = [re.search(r'(\d{4}-\d\d-\d\d)', h).group(1)
                for h, t in zip(hrefs, in_title, strict=True) if t is group]
        assert days == sorted(days, reverse=True)


def test_newest_first_orders_by_date(page, site_url: str) -> None:
    hrefs = search(page, site_url, 'ru', 'сотрудничество', sort='newest')
    days = [re.search(r'(\d{4}-\d\d-\d\d)', h).group(1) for h in hrefs]
    assert len(days) > 2 and days == sorted(days, reverse=True)
    assert page.is_checked('input[name="sort"]')


def test_filters_live_in_the_url(page, site_url: str) -> None:
    everything = search(page, site_url, 'ru', 'море')
    assert any('/2023/' in h for h in everything) and any('/2025/' in h for h in everything)
    page.select_option('#newsroom-search-year', '2023')
    page.wait_for_url(re.compile(r'year=2023'))
    page.wait_for_selector('#newsroom-search[data-state="done"]')
    assert parse_qs(urlsplit(page.url).query) == {'q': ['море'], 'year': ['2023']}
    hrefs = page.eval_on_selector_all(f'{RESULTS} a.newsroom-search-title',
                                      'as => as.map(a => a.getAttribute("href"))')
    assert hrefs and all('/2023/' in h for h in hrefs)
    # The same URL opened afresh (shared) shows the same results and filter.
    assert search(page, site_url, 'ru', 'море', year='2023') == hrefs
    assert page.input_value('#newsroom-search-year') == '2023'


def test_the_tag_filter(page, site_url: str) -> None:
    tagged = search(page, site_url, 'ru', 'Туркменистан', tag='kitay')
    everything = search(page, site_url, 'ru', 'Туркменистан')
    assert 0 < len(tagged) < len(everything)
    assert all(found(everything, h.split('?')[0]) for h in tagged)
    assert search(page, site_url, 'ru', 'Туркменистан', tag='no-such-tag') == []


@pytest.mark.parametrize(('language', 'query', 'title', 'count', 'found_status'), [
    ('ru', 'Каспийское море', 'Новости с тегом «Каспийское море»', '2 статьи',
     'Найдены 2 статьи по запросу «Каспийское море».'),
    ('ru', 'каспийского моря', 'Новости с тегом «Каспийское море»', '2 статьи',
     'Найдены 2 статьи по запросу «каспийского моря».'),
    ('en', 'caspian seas', 'News tagged “Caspian Sea”', '2 articles',
     'Found 2 articles for “caspian seas”.'),
])
def test_a_tag_page_whose_label_has_every_word_comes_first(
        page, site: Path, site_url: str, language: str, query: str, title: str, count: str,
        found_status: str) -> None:
    """The tag's page is listed before the articles, with its title (the query's words
    marked) and its number of articles; the count of found articles is of articles only."""
    hrefs = search(page, site_url, language, query)
    tag = page.locator(TAGS)
    assert tag.count() == 1 and page.locator(RESULTS).first.get_attribute('class') == (
        'newsroom-search-tag')
    assert tag.locator('a').text_content() == title and tag.locator('mark').count() >= 1
    assert tag.locator('.newsroom-search-date').text_content() == count
    # the tag page at its address in the reader's language, not the old one's redirect
    address = SEA if language == 'ru' else 'news/tags/caspian-sea.html'
    assert hrefs[0].split('?')[0] == address and (site / language / address).is_file()
    assert 'http-equiv="refresh"' not in (site / language / address).read_text(encoding='utf-8')
    assert found(hrefs[1:], ARTICLE) and len(hrefs) == 3
    assert status(page) == found_status


@pytest.mark.parametrize(('query', 'filters'), [
    ('Каспийское море', {'year': '2023'}),  # a filter is chosen: articles only
    ('Каспийское море', {'tag': tag_slug('Каспийское море')}),
    ('Каспийское Туркменистан', {}),  # not every word is in the label
])
def test_no_tag_page_with_a_filter_or_a_word_outside_its_label(
        page, site_url: str, query: str, filters: dict[str, str]) -> None:
    hrefs = search(page, site_url, 'ru', query, **filters)
    assert hrefs and page.locator(TAGS).count() == 0
    assert all(ARTICLE_HREF.match(href) for href in hrefs)


@pytest.mark.parametrize(('query', 'suggested', 'target'), [
    ('Туркменбащи', 'Туркменбаши', None),  # in the reader's casing
    ('Туркменбащи сотрудничиства', 'Туркменбаши сотрудничества', ARTICLE),  # every word
])
def test_did_you_mean_suggests_the_indexed_words_one_edit_away(
        page, site_url: str, query: str, suggested: str, target: str | None) -> None:
    assert search(page, site_url, 'ru', query) == []
    link = page.locator('.newsroom-search-suggestion a')
    assert link.text_content() == suggested
    link.click()
    page.wait_for_selector('#newsroom-search[data-state="done"]')
    assert page.locator(RESULTS).count() > 0
    if target:
        assert found(page.eval_on_selector_all(f'{RESULTS} a.newsroom-search-title',
                                               'as => as.map(a => a.getAttribute("href"))'),
                     target)


def test_no_suggestion_for_two_letters(page, site_url: str) -> None:
    assert search(page, site_url, 'en', 'qx') == []
    assert page.locator('.newsroom-search-suggestion').is_hidden()


@pytest.mark.parametrize(('query', 'expected'), [
    ('', 'Введите слово, чтобы найти новости.'),
    ('а', 'Введите хотя бы две буквы или число.'),
    ('и в на', 'Только очень частые слова: добавьте более редкое.'),
    ('<img src=x onerror="document.body.dataset.hacked=1">', 'ничего не найдено'),
    ('"порт"', 'Найден'),
    ("'порта' — «Туркменбаши»", 'Найден'),
    ('порт ' + 'я' * 495, 'ничего не найдено'),
])
def test_bad_input_is_harmless_and_answered(page, site_url: str, query: str,
                                            expected: str) -> None:
    dialogs: list[str] = []
    page.on('dialog', lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_search(page, site_url, 'ru', query)
    assert expected in status(page)
    assert page.evaluate('document.body.dataset.hacked') is None
    assert page.locator('#newsroom-search img').count() == 0
    assert dialogs == []
    assert page.input_value('#newsroom-search-q') == query[:200]


def test_the_switcher_keeps_the_query_and_filters(page, site_url: str) -> None:
    open_search(page, site_url, 'ru', 'порт', year='2025')
    links = page.eval_on_selector_all('a[hreflang="en"]', 'as => as.map(a => a.href)')
    assert links and all(parse_qs(urlsplit(link).query) == {'q': ['порт'], 'year': ['2025']}
                         for link in links)
    page.locator('a[hreflang="en"]').first.click()
    page.wait_for_selector('#newsroom-search[data-state="done"]')
    assert page.input_value('#newsroom-search-q') == 'порт'


def test_one_heading_and_a_visible_field_on_a_phone(browser, site_url: str) -> None:
    context = browser.new_context(viewport={'width': 390, 'height': 844}, is_mobile=True)
    page = context.new_page()
    try:
        open_search(page, site_url, 'ru', 'порт')
        assert page.locator('main h1, article h1, h1').count() == 1
        assert page.text_content('label[for="newsroom-search-q"]') == 'Слова для поиска в новостях'
        field = page.locator('#newsroom-search-q')
        assert field.is_visible()
        box = field.bounding_box()
        assert box and box['x'] >= 0 and box['x'] + box['width'] <= 390
        assert page.locator('#newsroom-search h2').count() == 0
    finally:
        context.close()


def test_a_second_query_on_the_same_page_needs_no_reload(page, site_url: str) -> None:
    open_search(page, site_url, 'ru', 'порт')
    page.evaluate('window.marker = 1')
    page.fill('#newsroom-search-q', 'Гондурас')
    page.press('#newsroom-search-q', 'Enter')
    page.wait_for_url(re.compile(r'q=%D0%93'))
    page.wait_for_function('() => document.querySelector("#newsroom-search")'
                           '.dataset.state === "done"')
    assert page.evaluate('window.marker') == 1
    assert page.locator(RESULTS).count() == 1


@pytest.mark.parametrize('language', ['ru', 'en'])
def test_search_box_on_an_article_searches_its_language(
    page, site_url: str, language: str
) -> None:
    page.goto(f'{site_url}/{language}/{ARTICLE}')
    word = {'ru': 'Каспийскому', 'en': 'Caspian'}[language]
    field = page.locator('form.sidebar-search-container input[name="q"]').first
    field.fill(word)
    field.press('Enter')
    page.wait_for_url(re.compile(rf'/{language}/search\.html\?'))
    page.wait_for_selector('#newsroom-search[data-state="done"]')
    assert page.evaluate('document.documentElement.lang') == language
    hrefs = page.eval_on_selector_all(f'{RESULTS} a', 'as => as.map(a => a.getAttribute("href"))')
    assert found(hrefs, ARTICLE)


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
    open_search(page, site_url, language)
    stems = page.evaluate('(words) => words.map((w) => NewsroomWords.stem(w))', words)
    python = snowballstemmer.stemmer(STEMMER[language])
    different = [(w, s, python.stemWord(w)) for w, s in zip(words, stems, strict=True)
                 if s != python.stemWord(w).replace('ё', 'е')]
    assert different == []


def test_no_sphinx_index_is_shipped(site: Path) -> None:
    for language in PUBLISHED:
        assert not (site / language / 'searchindex.js').exists()
        assert (site / language / '_static' / 'newsroom-search' / 'manifest.json').is_file()


def test_the_first_result_needs_no_record_file(page, site_url: str) -> None:
    """The shard of a one-word query carries its first result: shown (headline, date,
    summary) while every record file is refused; the next results wait for theirs."""
    page.route('**/newsroom-search/d/*.json', lambda route: route.abort())
    open_search(page, site_url, 'ru', 'грузоперевозки')
    first = page.locator(RESULTS).first
    assert (first.locator('a').get_attribute('href') or '').startswith(ARTICLE)
    assert first.locator('.newsroom-search-date').text_content() == '24 августа 2023'
    assert len(first.locator('.newsroom-search-summary').text_content() or '') > 60


def test_a_query_needs_the_manifest_only_for_a_year(page, site_url: str) -> None:
    """The parameters a query needs come with the search script: with the manifest refused,
    words are still found (and suggested); a year needs the manifest's ranges."""
    asked: list[str] = []
    page.on('request', lambda request: asked.append(request.url))
    page.route('**/newsroom-search/manifest.json', lambda route: route.abort())
    assert found(search(page, site_url, 'ru', 'порта суда'), ARTICLE)
    open_search(page, site_url, 'ru', 'Туркменбащи')
    assert page.locator('.newsroom-search-suggestion a').text_content() == 'Туркменбаши'
    assert not [url for url in asked if url.endswith('/manifest.json')]
    open_search(page, site_url, 'ru', 'порта', year='2023')
    assert status(page) == 'Не удалось загрузить поисковый индекс. Попробуйте позже.'


def test_what_the_shards_carry_is_listed_before_more_is_fetched(page, site_url: str) -> None:
    """The first result, carried by its shard, is in the page before any record or text
    file is asked for: those requests cannot hold it back."""
    page.add_init_script(NOTE_FIRST_SHOWN)
    open_search(page, site_url, 'ru', 'порта')
    shown = page.evaluate('window.firstShown')
    asked = requested(page, '[dt]')
    assert page.locator(RESULTS).count() > 1 and asked, asked
    assert shown <= min(asked), (shown, asked)


def test_a_suggestion_is_looked_up_before_the_page_has_loaded(browser, site_url: str) -> None:
    """The word lists for "did you mean" are asked for as soon as the shard says the word is
    missing, not once the page's deferred scripts (furo's, held back here) have run."""
    context = browser.new_context()
    page = context.new_page()
    hold_back_furo(page)
    open_search(page, site_url, 'ru', 'Туркменбащи')
    assert page.locator('.newsroom-search-suggestion a').text_content() == 'Туркменбаши'
    loaded = page.evaluate(PARSED)
    asked = requested(page, 'w')
    context.close()
    assert asked and max(asked) < loaded - 1000, (asked, loaded)


def test_results_are_listed_before_the_rest_of_the_page_has_loaded(browser,
                                                                  site_url: str) -> None:
    """Results are listed once their place on the page is parsed, not at DOMContentLoaded,
    which waits for every deferred script: here furo's, held back for two seconds."""
    context = browser.new_context()
    context.add_init_script(NOTE_FIRST_SHOWN)
    page = context.new_page()
    hold_back_furo(page)
    open_search(page, site_url, 'ru', 'порта')
    loaded = page.evaluate(PARSED)
    shown = page.evaluate('window.firstShown')
    context.close()
    assert shown and loaded and shown < loaded - 1000, (shown, loaded)


def test_an_index_that_cannot_be_loaded_is_said_so(page, site_url: str) -> None:
    page.route('**/newsroom-search/s/*.json', lambda route: route.abort())
    open_search(page, site_url, 'ru', 'порт')
    assert status(page) == 'Не удалось загрузить поисковый индекс. Попробуйте позже.'
    assert page.locator(RESULTS).count() == 0

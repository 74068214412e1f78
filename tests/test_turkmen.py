"""The third language, Turkmen, in Chromium: the whole interface and content in Turkmen (no
English interface string, no Russian text), its dates and plurals, and every page reachable
in all three languages."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polib
import pytest
from babel.dates import format_date

from helpers import CYRILLIC, Page, read_page
from newsroom.core.readiness import UI_LOCALE
from newsroom.core.site import Site

REPO = Path(__file__).resolve().parent.parent
SITE = Site.from_confdir(REPO)
ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region.html'
PAGES = ['index.html', 'news/index.html', 'news/2025/index.html', 'news/tags/index.html',
         ARTICLE, 'search.html', '404.html']

pytestmark = pytest.mark.skipif('tk' not in SITE.published,
                                reason='Turkmen is not a published language of this site')


def interface_strings() -> set[str]:
    """The English interface messages (split at markup and placeholders) whose Turkmen
    translation differs: one of them on a Turkmen page is a message left untranslated."""
    found = set()
    for domain in ('newsroom', 'sphinx'):
        for entry in polib.pofile(str(UI_LOCALE / 'tk' / 'LC_MESSAGES' / f'{domain}.po')):
            if entry.msgstr == entry.msgid or entry.obsolete:
                continue
            for fragment in re.split(r'<[^>]+>|%\(\w+\)s|\$\{\w+\}|%%|[“”«»:()?.,…]',
                                     entry.msgid):
                fragment = fragment.strip()
                if len(fragment) >= 4 and fragment not in (entry.msgstr or ''):
                    found.add(fragment)
    return found


def visible_text(page, url: str, selector: str = 'body') -> str:
    page.goto(url)
    return page.locator(selector).first.evaluate(
        """element => {
            const clone = element.cloneNode(true);
            clone.querySelectorAll('[lang]:not([lang="tk"]), script, style, template')
                 .forEach(node => node.remove());
            return clone.innerText;
        }""")


@pytest.mark.parametrize('name', PAGES)
def test_no_english_interface_string_on_a_turkmen_page(page, site_url: str, name: str) -> None:
    text = visible_text(page, f'{site_url}/tk/{name}')
    english = sorted(s for s in interface_strings() if re.search(
        rf'(?<!\w){re.escape(s)}(?!\w)', text))
    assert english == [], name


@pytest.mark.parametrize('name', PAGES)
def test_no_russian_in_the_main_content(page, site_url: str, name: str) -> None:
    text = visible_text(page, f'{site_url}/tk/{name}', 'main, article, body')
    assert not CYRILLIC.search(text), (name, CYRILLIC.findall(text)[:20])


def test_dates_are_turkmen(page, site_url: str) -> None:
    text = visible_text(page, f'{site_url}/tk/{ARTICLE}')
    assert format_date(date(2023, 8, 24), 'long', locale='tk').replace(' ý.', '') in text \
        or format_date(date(2023, 8, 24), 'd MMMM y', locale='tk') in text


def test_the_switcher_reaches_the_same_article_in_every_language(site: Path) -> None:
    for language in SITE.languages:
        article: Page = read_page(site / language / ARTICLE)
        targets = {a['hreflang']: a['href'] for a in article.links if a.get('hreflang')}
        for other in SITE.languages:
            if other != language:
                assert targets.get(other, '').endswith(f'{other}/{ARTICLE}'), (language, other)


def test_the_turkmen_feed_is_in_turkmen(site: Path) -> None:
    feed = (site / 'tk' / 'atom.xml').read_text(encoding='utf-8')
    title = re.search(r'<title>(.*?)</title>', feed).group(1)
    assert not CYRILLIC.search(title) and 'news' not in title, title
    assert 'xml:lang="tk"' in feed or '<language>tk' in feed or 'lang="tk"' in feed


def test_the_root_page_sends_a_turkmen_reader_to_turkmen(browser, site_url: str) -> None:
    context = browser.new_context(locale='tk-TM')
    page = context.new_page()
    page.goto(site_url)
    page.wait_for_url(re.compile(r'/tk/'))
    assert page.locator('html').get_attribute('lang') == 'tk'
    context.close()


def test_the_root_page_names_all_three_languages(site: Path) -> None:
    root = read_page(site / 'index.html')
    assert {a.get('hreflang') for a in root.links} >= set(SITE.languages)


@pytest.mark.parametrize('query', [
    'Türkmenbaşy',    # as the article writes it
    'Turkmenbasy',    # typed without the marks
    'hyzmatdaşlygy',  # a form the article has
    'Pýotr',
])
def test_a_turkmen_search_finds_the_article(page, site_url: str, query: str) -> None:
    from test_search import found, search

    assert found(search(page, site_url, 'tk', query), ARTICLE), query


def test_a_turkmen_search_does_not_find_russian_or_english_words(page, site_url: str) -> None:
    from test_search import search

    assert search(page, site_url, 'tk', 'грузоперевозок') == []
    assert search(page, site_url, 'tk', 'shipping') == []


def test_a_turkmen_result_count_uses_the_turkmen_plural(page, site_url: str) -> None:
    from test_search import STATUS, search

    catalog = polib.pofile(str(UI_LOCALE / 'tk' / 'LC_MESSAGES' / 'newsroom.po'))
    entry = next(e for e in catalog if e.msgid.startswith('Found one article for '))
    hrefs = search(page, site_url, 'tk', 'Türkmenistan')
    assert len(hrefs) > 1
    # n != 1 takes the second form, with the count and the query filled in
    expected = (entry.msgstr_plural[1].replace('${count}', str(len(hrefs)))
                .replace('${query}', 'Türkmenistan'))
    assert expected in (page.text_content(STATUS) or '')

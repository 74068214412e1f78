"""Search in every language we publish: the Turkmen suffix stripper (the same in Python and
in the browser), words a query has no key of found by the words they begin, name aliases,
did-you-mean, and the recall of each language on word forms from our own texts."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from sphinx.errors import ConfigError

from benchmarks.searchbench_languages import article_words, forms, recall
from newsroom.search import turkmen
from newsroom.search.analysis import Analyzer, fold
from newsroom.search.writer import stemmer_js

REPO = Path(__file__).resolve().parent.parent
BALKAN = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region.html'
BERDIMUHAMEDOV = 'news/2025/2025-06-18-berdimuhamedov-xi-astana.html'
PORTS = 'news/2025/2025-06-18-turkmenbashi-pakistan-ports.html'
SUGGESTION = '#newsroom-search .newsroom-search-suggestion'


@pytest.fixture(scope='module')
def tk() -> Analyzer:
    return Analyzer.for_language('tk')


# -- The Turkmen stripper -----------------------------------------------------------------

@pytest.mark.parametrize('group', [
    'port porty portlary portlaryň portuna portunyň portda',
    'Türkmenistan Türkmenistanyň Türkmenistana türkmenistanda',
    'Hazar Hazarda Hazardaky hazaryň',
    'deňiz deňzi deňzindäki deňizde',        # a narrow vowel lost before a vowel
    'hyzmatdaşlyk hyzmatdaşlygy hyzmatdaşlygyny hyzmatdaşlygyň',  # k voiced to g
    'gämi gämisi gämileriň gämä',           # -sy after a vowel, the dative of gämi
    'ýolbaşçy ýolbaşçylary ýolbaşçylarynyň ýolbaşçysy',
    'hytaý hytaýyň hytaýa',                  # "y" after a vowel is the consonant ý
    'turkmenistanyn türkmenistanyň',        # typed without the marks
])
def test_forms_of_one_turkmen_word_find_each_other(tk: Analyzer, group: str) -> None:
    """A query is looked up by the stems of the typed form: one of them is a key of every
    other form of the word."""
    words = [fold(word) for word in group.split()]
    missed = [(a, b) for a in words for b in words
              if not set(tk.lookups(a)) & tk.keys(b)]
    assert missed == []


def test_vowel_harmony_keeps_a_suffix_of_the_other_row(tk: Analyzer) -> None:
    assert tk.stem('depede') == tk.stem('depe')  # front -de after a front word
    assert tk.stem('depeda') != tk.stem('depe')  # a back -da is not its ending
    assert tk.stem('ýylda') == tk.stem('ýyl') and tk.stem('ýylde') != tk.stem('ýyl')


def test_different_turkmen_words_keep_different_stems(tk: Analyzer) -> None:
    stems = {word: tk.stem(word) for word in ('port', 'portfel', 'hazar', 'haly', 'balyk',
                                               'balkan', 'deňiz', 'deňizçi')}
    assert len(set(stems.values())) == len(stems), stems


def catalog_words() -> list[str]:
    """Every word of our Turkmen catalogs (pages and interface), each also with every
    suffix of the rules, so that every rule runs on both sides."""
    words: set[str] = set()
    for path in [*REPO.glob('locale/tk/LC_MESSAGES/**/*.po'),
                 *REPO.glob('newsroom/core/locale/tk/LC_MESSAGES/*.po')]:
        for entry in polib.pofile(str(path)):
            words.update(w.lower() for w in re.findall(r'[^\W_]+', entry.msgstr or ''))
    assert len(words) > 200
    suffixes = {suffix for slot in turkmen.SLOTS for suffix, _condition in slot}
    return sorted(words | {w + s for w in words for s in suffixes | {'a', 'y', 'i', 'ä'}})


def test_the_browser_strips_every_word_as_the_index_does(page) -> None:
    """The index is stemmed in Python, queries in the browser's copy of the stripper: any
    word they read differently could never be found. Both read the same words as stems
    typed alone (nothing comes off: the bare word is the plain one), which the browser
    also looks up by the words they begin."""
    words = catalog_words()
    page.add_script_tag(content=stemmer_js('', {}, turkmen))
    browser = page.evaluate('(words) => { const s = new NewsroomStemmer(); return words.map('
                            '(w) => [s.stems(w), s.bare(w), s.bare(w) === s.plain(w)]); }',
                            words)
    tk = Analyzer.for_language('tk')
    python = [[list(turkmen.stems(w)), turkmen.bare(w), turkmen.bare(w) == tk.plain(w)]
              for w in words]
    assert any(alone for _stems, _bare, alone in python)
    different = [(w, b, p) for w, b, p in zip(words, browser, python, strict=True) if b != p]
    assert different == []


# -- Aliases and dictionary words ---------------------------------------------------------

def test_an_alias_is_read_as_the_name_on_both_sides() -> None:
    english = Analyzer.for_language('en', aliases={'Berdymukhamedov': 'Berdimuhamedov'})
    assert english.lookups('berdymukhamedov') == ('berdimuhamedov',)
    assert 'berdimuhamedov' in english.keys('berdymukhamedov')  # a text with the variant
    assert Analyzer.for_language('en').lookups('berdymukhamedov') == ('berdymukhamedov',)
    russian = Analyzer.for_language('ru', aliases={'Бердимухамедов': 'Бердымухамедов'})
    name = russian.stem('бердымухамедов')
    assert russian.lookups('бердимухамедова') == (name,)  # any form of the alias


def test_a_relative_adjective_is_found_by_its_noun_not_a_stray_stem() -> None:
    """"визы" (виза) finds "визового" (визовый), not "визитом" (визит, whose form
    "визите" Snowball reads as "виз"); "суда" still finds "судно"."""
    russian = Analyzer.for_language('ru')
    visa = russian.stem('визы')
    assert visa in russian.keys('визового') and visa not in russian.keys('визитом')
    assert russian.stem('суда') in russian.keys('судно')


@pytest.mark.parametrize('aliases', [
    ['Berdymukhamedov'], {'Gurbanguly Berdymukhamedov': 'Berdimuhamedov'},
    {'Berdymukhamedov': ''}, {'Turkmenbashi': 'turkmenbashi'}, {'Turkmenbashy': 5},
])
def test_aliases_that_are_not_one_word_each_are_config_errors(
        make_app, news_copy: Path, aliases: object) -> None:
    with pytest.raises(ConfigError, match='newsroom_search_aliases'):
        make_app('html', srcdir=news_copy, confoverrides={'newsroom_search_aliases': aliases})


# -- In Chromium, on the site -------------------------------------------------------------

def search(page, site_url: str, language: str, query: str) -> list[str]:
    from test_search import search as search_page

    return [href.split('?')[0] for href in search_page(page, site_url, language, query)]


def marks(page) -> set[str]:
    return {m.lower() for m in page.eval_on_selector_all(
        '#newsroom-search mark.newsroom-hit', 'ms => ms.map(m => m.textContent)')}


def test_turkmen_port_finds_every_article_with_its_forms(page, site: Path,
                                                        site_url: str) -> None:
    words = article_words(site, 'tk')
    assert {'porty', 'portlary', 'portuna'} <= words.keys()
    writing = set().union(*(urls for word, urls in words.items() if word.startswith('port')))
    assert len(writing) >= 2
    assert set(search(page, site_url, 'tk', 'port')) == writing
    assert {'porty', 'portlary'} <= marks(page)


def test_three_forms_of_turkmenistan_give_one_set(page, site: Path, site_url: str) -> None:
    words = article_words(site, 'tk')
    forms_ = ('Türkmenistan', 'Türkmenistanyň', 'Türkmenistana')
    writing = set().union(*(words.get(w.lower(), set()) for w in forms_))
    found = [set(search(page, site_url, 'tk', form)) for form in forms_]
    assert found[0] == found[1] == found[2] == writing


def test_hazardaky_finds_hazarda(page, site: Path, site_url: str) -> None:
    hazarda = article_words(site, 'tk')['hazarda']
    assert hazarda <= set(search(page, site_url, 'tk', 'Hazardaky'))
    assert 'hazarda' in marks(page)


def test_a_stem_typed_alone_finds_every_form(page, site: Path, site_url: str) -> None:
    """"türkmenist" is also a reading of "Türkmenista-nyň" (a key of three articles): typed
    alone, it finds every article "Türkmenistan" finds, and marks each form."""
    words = article_words(site, 'tk')
    writing = set().union(*(urls for word, urls in words.items()
                            if word.startswith('türkmenist')))
    assert len(writing) > len(words['türkmenistanyň'])
    assert set(search(page, site_url, 'tk', 'türkmenist')) == writing
    assert {'türkmenistan', 'türkmenistanyň'} <= marks(page)
    assert set(search(page, site_url, 'tk', 'Türkmenistan')) == writing


def test_a_word_the_texts_write_is_not_read_as_the_start_of_others(
        page, site: Path, site_url: str, tk: Analyzer) -> None:
    """"türkmen" is a word of the texts: it finds its own forms, not "Türkmenistan"."""
    words = article_words(site, 'tk')
    assert 'türkmen' in words
    forms_ = set().union(*(urls for word, urls in words.items()
                           if set(tk.lookups('türkmen')) & tk.keys(word)))
    assert set(search(page, site_url, 'tk', 'türkmen')) == forms_
    assert forms_ < set(search(page, site_url, 'tk', 'türkm'))


@pytest.mark.parametrize(('language', 'query'), [
    ('ru', 'Бердымухамедова'),  # a form of a surname the dictionary lacks
    ('ru', 'Бердимухамедова'),  # … in another spelling (an alias)
    ('en', 'Berdymukhamedov'),  # the common spelling of the site's "Berdimuhamedov"
    ('tk', 'Berdymukhamedov'),  # … of "Berdimuhamedow"
])
def test_a_name_in_another_form_or_spelling_finds_its_article(
        page, site_url: str, language: str, query: str) -> None:
    assert BERDIMUHAMEDOV in search(page, site_url, language, query)
    assert marks(page)


def test_turkmenbashy_finds_turkmenbashi(page, site_url: str) -> None:
    assert PORTS in search(page, site_url, 'en', 'Turkmenbashy')
    assert 'turkmenbashi' in marks(page)


@pytest.mark.parametrize(('language', 'query'), [('ru', 'пор'), ('en', 'por'), ('tk', 'por')])
def test_a_three_letter_stem_finds_the_words_it_begins(page, site_url: str, language: str,
                                                      query: str) -> None:
    assert PORTS in search(page, site_url, language, query)
    marked = marks(page)
    assert marked and all(m.startswith(query) for m in marked), marked


@pytest.mark.parametrize(('language', 'query'), [('en', 'po'), ('tk', 'po')])
def test_two_letters_find_no_word_they_begin(page, site_url: str, language: str,
                                            query: str) -> None:
    assert search(page, site_url, language, query) == []


def test_visa_marks_the_visa_regime_not_the_visit(page, site_url: str) -> None:
    assert BALKAN in search(page, site_url, 'ru', 'визы')
    page.locator(f'#newsroom-search a[href^="{BALKAN}"]').first.click()
    page.wait_for_selector('html[data-newsroom-highlighted="yes"]', timeout=15000)
    marked = {m.lower() for m in page.eval_on_selector_all(
        'mark.newsroom-hit', 'ms => ms.map(m => m.textContent)')}
    assert 'визового' in marked and 'визитом' not in marked


@pytest.mark.parametrize(('language', 'query', 'suggested'), [
    ('en', 'Shiping', 'Shipping'),
    ('en', 'pord', 'port'),               # four letters
    ('ru', 'ТУРКМЕНБАЩИ', 'ТУРКМЕНБАШИ'),
    ('ru', 'Туркменбащи и', 'Туркменбаши и'),  # the reader's other words kept
    ('tk', 'Turkmenistam', 'Türkmenistan'),  # typed without the marks, shown with them
])
def test_did_you_mean_comes_first_in_the_readers_casing(
        page, site_url: str, language: str, query: str, suggested: str) -> None:
    assert search(page, site_url, language, query) == []
    suggestion = page.locator(SUGGESTION)
    assert suggestion.is_visible()
    assert suggestion.locator('a').text_content() == suggested
    first = page.evaluate('() => [...document.querySelectorAll("#newsroom-search > *")]'
                          '.find((e) => !e.hidden && e.textContent).className')
    assert first == 'newsroom-search-suggestion'


# -- Recall on forms from our own texts (benchmarks/searchbench_languages.py) -------------

@pytest.mark.parametrize(('language', 'least'), [('ru', 0.95), ('en', 0.9), ('tk', 0.95)])
def test_recall_on_form_pairs_and_no_false_hits(page, site: Path, site_url: str,
                                                language: str, least: float) -> None:
    found = forms(site, language)
    assert len(found.pairs) > 100 and len(found.absent) > 30
    result = recall(page, site_url, site, found)
    assert result.share >= least, result.missed
    assert result.false == []

"""A news layout, not a documentation frame: no sidebar on wide screens, one search field, a
centred article column, the home page's rail, one headline class in every list, the footer;
the masthead on a phone; axe over every kind of page in every language, both schemes, both
widths and every switcher state (structure, not pixels)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import PUBLISHED, serve

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / 'tests' / '.node' / 'node_modules' / 'axe-core' / 'axe.min.js'
ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region.html'
DESKTOP = {'width': 1366, 'height': 900}
MOBILE = {'width': 390, 'height': 844}
NEWS_PAGES = ['index.html', ARTICLE, 'news/index.html', 'news/2025/index.html',
              'news/tags/index.html']
#: Every kind of page axe checks, in every language, colour scheme and width (the one
#: accessibility matrix of the suite: home, lists, an article, tags, search results, 404).
AXE_PAGES = [*NEWS_PAGES, 'search.html?q=2025', '404.html']
#: A Russian article whose English translation is not there yet (tests/roots/test-publishing).
BETA = 'news/2024/2024-03-02-beta.html'


def box(page, selector: str) -> dict[str, float] | None:
    return page.locator(selector).first.bounding_box()


def axe_violations(page) -> list[tuple[str, str, str]]:
    """axe-core's violations of moderate impact and above on the open page."""
    if not AXE.is_file():
        pytest.fail(f'{AXE} is missing: run `make test`, which installs axe-core from npm')
    page.add_script_tag(path=str(AXE))
    results = page.evaluate('async () => await axe.run(document)')
    assert results['passes']
    return [(page.url, v['id'], ' | '.join(n['html'][:80] for n in v['nodes']))
            for v in results['violations'] if v['impact'] != 'minor']


# -- Wide screens ------------------------------------------------------------------------


@pytest.mark.parametrize('language', PUBLISHED)
def test_no_sidebar_and_one_search_field_at_1366_px(browser, site_url: str,
                                                    language: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    for path in [*NEWS_PAGES, 'search.html']:
        page.goto(f'{site_url}/{language}/{path}')
        assert box(page, '.sidebar-drawer') is None, path  # not rendered at all
        fields = page.locator('input[name="q"]:visible')
        assert fields.count() == 1, path
        owner = 'header.newsroom-masthead' if path != 'search.html' else 'article'
        assert page.locator(f'{owner} input[name="q"]:visible').count() == 1, path
    page.goto(f'{site_url}/{language}/{ARTICLE}')
    for _stop in range(3):  # the skip link, the site's name, then the switcher
        page.keyboard.press('Tab')
    assert page.evaluate("!!document.activeElement.closest('header .newsroom-languages')")
    for _stop in range(len(PUBLISHED) - 1):  # the other languages' links, then the field
        page.keyboard.press('Tab')
    assert page.evaluate("document.activeElement.name") == 'q'
    page.locator('header.newsroom-masthead input[name="q"]').fill('2025')
    page.keyboard.press('Enter')
    page.wait_for_url(f'**/{language}/search.html?q=2025')  # no Sphinx parameters
    page.close()


@pytest.mark.parametrize('language', PUBLISHED)
def test_the_article_column_is_centred(browser, site_url: str, language: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f'{site_url}/{language}/{ARTICLE}')
    column = box(page, 'article[role="main"]')
    width = page.evaluate('document.documentElement.clientWidth')
    left, right = column['x'], width - column['x'] - column['width']
    assert left > 200 and abs(left - right) <= 0.1 * max(left, right), (left, right)
    page.close()


@pytest.mark.parametrize('language', PUBLISHED)
def test_home_has_its_lead_story_beside_a_rail_of_tags(browser, site_url: str,
                                                       language: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f'{site_url}/{language}/index.html')
    lead = box(page, 'li.news-lead-story')
    rail = box(page, '.newsroom-rail')
    assert rail['x'] >= lead['x'] + lead['width'] and rail['y'] < lead['y'] + lead['height']
    tags = page.locator('.newsroom-rail-tags a')
    assert tags.count() >= 3
    for href in tags.evaluate_all('as => as.map(a => a.href)'):
        assert page.request.get(href).ok, href
    heading = page.locator('.newsroom-home h2').first  # "News", like every other heading
    assert 'serif' in heading.evaluate('h => getComputedStyle(h).fontFamily').lower()
    assert 'Georgia' in heading.evaluate('h => getComputedStyle(h).fontFamily')
    assert heading.locator('a.headerlink:visible').count() == 0
    page.close()


def test_every_list_shares_the_headline_class(browser, site_url: str, site: Path) -> None:
    page = browser.new_page(viewport=DESKTOP)
    tag = min(p.name for p in (site / 'en' / 'news' / 'tags').glob('*.html')
              if p.name != 'index.html'
              and 'http-equiv="refresh"' not in p.read_text(encoding='utf-8'))
    styles = {}
    for path, items in (('index.html', 'ul.news-list > li'),
                        ('news/2025/index.html', 'ul.news-list > li'),
                        (f'news/tags/{tag}', 'ul.news-list > li'),
                        ('search.html?q=Turkmenistan', 'ol.newsroom-search-results > li')):
        page.goto(f'{site_url}/en/{path}')
        page.locator(items).first.wait_for()
        # one snapshot of both counts: search results are listed as their records come
        listed, linked = page.evaluate(
            '(items) => [document.querySelectorAll(items).length, '
            'document.querySelectorAll(`${items} a.news-title`).length]', items)
        assert linked == listed > 0, (path, listed, linked)
        links = page.locator(f'{items} a.news-title')
        styles[path] = links.first.evaluate(
            'a => { const s = getComputedStyle(a); return [s.fontFamily, s.fontWeight, '
            's.textDecorationLine, s.color]; }')
    assert len({tuple(style) for style in styles.values()}) == 1, styles
    page.close()


# -- Phones ---------------------------------------------------------------------------------


def check_masthead_at_390(page) -> None:
    """The site's name beside, never over, the switcher; names never broken inside a word;
    every switcher link a target of 24×24 px at least."""
    name = box(page, '.newsroom-site-name')
    switcher = box(page, 'header .newsroom-languages')
    overlap_x = min(name['x'] + name['width'], switcher['x'] + switcher['width']) - max(
        name['x'], switcher['x'])
    overlap_y = min(name['y'] + name['height'], switcher['y'] + switcher['height']) - max(
        name['y'], switcher['y'])
    assert overlap_x <= 0 or overlap_y <= 0, (name, switcher)
    broken = page.evaluate("""() => [...document.querySelectorAll(
            '.newsroom-site-name, header .newsroom-languages li')].filter((element) => {
        const style = getComputedStyle(element);
        // a word wider than its box, or hyphenated: broken inside a word
        return style.hyphens === 'auto' || element.scrollWidth > element.clientWidth + 1;
    }).map((element) => element.textContent)""")
    assert broken == []
    for link in page.locator('header .newsroom-languages a').all():
        target = link.bounding_box()
        assert target['width'] >= 24 and target['height'] >= 24, (link.inner_text(), target)
    words = page.evaluate("""() => {
        const name = document.querySelector('.newsroom-site-name');
        const range = document.createRange();
        const text = name.firstChild;
        const out = [];
        let start = 0;
        for (const word of text.data.split(' ')) {
            range.setStart(text, start);
            range.setEnd(text, start + word.length);
            out.push(range.getClientRects().length);
            start += word.length + 1;
        }
        return out; }""")
    assert all(count == 1 for count in words), words  # each word on one line


@pytest.mark.parametrize('language', PUBLISHED)
def test_the_masthead_fits_a_phone(browser, site_url: str, language: str) -> None:
    context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in ('index.html', ARTICLE):
        page.goto(f'{site_url}/{language}/{path}')
        check_masthead_at_390(page)
    context.close()


@pytest.fixture(scope='module')
def untranslated_url(tmp_path_factory: pytest.TempPathFactory, rootdir: Path):
    """A Russian site with an article not translated into English yet (its switcher names
    English without a link), served over HTTP; without its sources, as the site's
    ``conf.py`` says."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp('untranslated') / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    app = SphinxTestApp('html', srcdir=srcdir, confoverrides={
        'html_copy_source': False, 'html_show_sourcelink': False})
    try:
        app.build()
    finally:
        app.cleanup()
    with serve(srcdir / '_build' / 'html') as url:
        yield url


def test_the_masthead_fits_a_phone_on_an_article_awaiting_its_translation(
        browser, untranslated_url: str) -> None:
    context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f'{untranslated_url}/{BETA}')
    assert page.locator('header .newsroom-unavailable').is_visible()
    check_masthead_at_390(page)
    context.close()


# -- Accessibility --------------------------------------------------------------------------


@pytest.mark.parametrize('width', [MOBILE['width'], DESKTOP['width']])
@pytest.mark.parametrize('scheme', ['light', 'dark'])
def test_axe_is_clean_in_every_language_and_switcher_state(
        browser, site_url: str, untranslated_url: str, scheme: str, width: int) -> None:
    context = browser.new_context(viewport={'width': width, 'height': 900},
                                  color_scheme=scheme)
    page = context.new_page()
    found = []
    for language in PUBLISHED:
        for path in AXE_PAGES:
            page.goto(f'{site_url}/{language}/{path}')
            if path.startswith('search.html'):
                page.wait_for_selector('#newsroom-search[data-state="done"]', timeout=15000)
            found += axe_violations(page)
    page.goto(f'{untranslated_url}/{BETA}')  # "English (not translated yet)", no link
    assert page.locator('header .newsroom-unavailable').count() == 1
    found += axe_violations(page)
    context.close()
    assert found == []


# -- Footer ---------------------------------------------------------------------------------


def test_the_footer_has_the_about_page_the_maintainers_pages_and_the_feed(
        make_app, news_copy: Path) -> None:
    (news_copy / 'about.md').write_text('---\norphan: true\n---\n\n# About this test site\n\n'
                                        'A synthetic page.\n', encoding='utf-8')
    app = make_app('html', srcdir=news_copy,
                   confoverrides={'html_baseurl': 'https://news.example.org/'})
    app.build()
    html = (app.outdir / 'index.html').read_text(encoding='utf-8')
    footer = html[html.index('<footer>'):html.index('</footer>')]
    assert footer.index('href="about.html"') < footer.index('href="status.html"') < \
        footer.index('href="atom.xml"')
    masthead = html[html.index('<header class="newsroom-masthead">'):html.index('</header>')]
    assert 'about.html' not in masthead


def test_without_an_about_page_the_footer_omits_it(make_app, news_copy: Path) -> None:
    app = make_app('html', srcdir=news_copy,
                   confoverrides={'newsroom_about_page': 'contact'})
    app.build()
    html = (app.outdir / 'index.html').read_text(encoding='utf-8')
    footer = html[html.index('<footer>'):html.index('</footer>')]
    assert 'href="status.html"' in footer and 'contact' not in footer
    assert 'atom.xml' not in footer  # no feed without a base URL


# -- Addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(('language', 'slug'), [('en', 'caspian-sea'), ('tk', 'hazar-denzi')])
def test_a_tag_pages_old_address_takes_the_reader_to_it(
        page, site_url: str, language: str, slug: str) -> None:
    page.goto(f'{site_url}/{language}/news/tags/kaspiyskoe-more.html')
    page.wait_for_url(f'**/{language}/news/tags/{slug}.html')
    assert page.locator('ul.news-list a.news-title').count() >= 1

"""The real site as `make html` publishes it: feeds, sitemaps, sharing tags, tags, 404 pages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from babel.messages.pofile import read_po
from lxml import etree

from helpers import CYRILLIC, PUBLISHED, SITE_BASEURL, folded, read_page
from newsroom.core import frontmatter
from newsroom.core.article import parse_tags
from newsroom.core.site import Site

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / 'tests' / 'data'
SITE = Site.from_confdir(REPO)
LANGUAGES, BASE = list(SITE.languages), SITE_BASEURL  # the site fixture builds for it
ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region.html'
SM = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
XHTML = '{http://www.w3.org/1999/xhtml}'
NOT_IN_SITEMAP = {'search.html', 'genindex.html', '404.html'}


def local(site: Path, url: str) -> Path:
    """The built file an absolute address of the site stands for."""
    assert url.startswith(BASE), url
    return site / url.removeprefix(BASE).split('#')[0]


def article_sources() -> list[Path]:
    return sorted((REPO / 'docs' / 'news').glob('*/*.md'))


def first_paragraph(path: Path) -> str:
    """The first body paragraph of a built page, as readers see it."""
    html = path.read_text(encoding='utf-8')
    body = html.split('</h1>', 1)[1]
    match = re.search(r'<p>(.*?)</p>', body, re.S)
    return folded(re.sub(r'<[^>]+>', '', match.group(1))) if match else ''


# -- Feeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize('language', ['ru', 'en'])
def test_feed_parses_and_lists_the_latest_articles_newest_first(
    site: Path, language: str
) -> None:
    feed = feedparser.parse((site / language / 'atom.xml').read_bytes())
    assert not feed.bozo, feed.get('bozo_exception')
    assert feed.version == 'atom10'
    assert feed.feed.title == {'ru': 'Официальный веб-сайт: новости',
                               'en': 'Official website: news'}[language]
    assert feed.feed.subtitle == {
        'ru': 'Последние новости сайта «Официальный веб-сайт»',
        'en': 'The latest news of the site “Official website”'}[language]
    entries = feed.entries
    assert len(entries) == min(20, len(article_sources()))
    published = [e.published for e in entries]
    assert published == sorted(published, reverse=True)
    assert len(set(published)) == len(published)  # same-day news keep the site's order
    for entry in entries:
        assert local(site, entry.link).is_file(), entry.link
        assert entry.link.startswith(f'{BASE}{language}/news/')
        page = read_page(local(site, entry.link))
        assert entry.title in page.text()
    seed = next(e for e in entries if e.link.endswith(ARTICLE))
    assert seed.summary == first_paragraph(site / language / ARTICLE)
    assert seed.summary.startswith({'ru': '24 августа 2023 года состоялась',
                                    'en': 'On 24 August 2023, an online meeting'}[language])
    if language == 'en':
        assert not any(CYRILLIC.search(e.title + e.get('summary', '')) for e in entries)


def test_every_page_announces_its_languages_feed(site: Path) -> None:
    for language in PUBLISHED:
        for path in (site / language).rglob('*.html'):
            if 'http-equiv="refresh"' in path.read_text(encoding='utf-8'):
                continue  # a tag page's old address, which sends readers on
            page = read_page(path)
            feeds = [link for link in page.head_links
                     if link.get('type') == 'application/atom+xml']
            assert len(feeds) == 1, path
            href = feeds[0]['href']
            target = (site / language / href.removeprefix(f'/{language}/') if
                      href.startswith('/') else path.parent / href)
            assert target.resolve() == (site / language / 'atom.xml').resolve(), (path, href)


# -- Sitemaps ------------------------------------------------------------------------------


def urls(path: Path) -> dict[str, dict[str, str]]:
    return {url.findtext(f'{SM}loc'): {link.get('hreflang'): link.get('href')
                                      for link in url.iter(f'{XHTML}link')}
            for url in etree.parse(str(path)).iter(f'{SM}url')}


def test_sitemaps_are_valid_against_the_sitemaps_org_schema(site: Path) -> None:
    urlset = etree.XMLSchema(etree.parse(str(DATA / 'sitemap-with-hreflang.xsd')))
    for language in LANGUAGES:
        document = etree.parse(str(site / language / 'sitemap.xml'))
        assert urlset.validate(document), urlset.error_log
    index = etree.XMLSchema(etree.parse(str(DATA / 'siteindex.xsd')))
    document = etree.parse(str(site / 'sitemap.xml'))
    assert index.validate(document), index.error_log
    locs = [loc.text for loc in document.iter(f'{SM}loc')]
    assert locs == [f'{BASE}{language}/sitemap.xml' for language in LANGUAGES]
    assert all(local(site, loc).is_file() for loc in locs)
    assert f'Sitemap: {BASE}sitemap.xml' in (site / 'robots.txt').read_text(encoding='utf-8')


def test_sitemaps_cover_every_page_and_pair_the_languages(site: Path) -> None:
    maps = {language: urls(site / language / 'sitemap.xml') for language in LANGUAGES}
    for language, entries in maps.items():
        built = {f'{BASE}{language}/{p.relative_to(site / language).as_posix()}'
                 for p in (site / language).rglob('*.html')
                 if p.relative_to(site / language).as_posix() not in NOT_IN_SITEMAP
                 and 'http-equiv="refresh"' not in p.read_text(encoding='utf-8')}
        assert set(entries) == built
        for loc, alternates in entries.items():
            assert local(site, loc).is_file()
            assert set(alternates) == set(LANGUAGES)
            assert alternates[language] == loc
            for other, href in alternates.items():
                assert local(site, href).is_file(), href
                # reciprocal: the other language's sitemap names this page back
                assert maps[other][href][language] == loc
    assert f'{BASE}en/news/tags/china.html' in maps['en']
    assert maps['en'][f'{BASE}en/news/tags/china.html']['tk'] == \
        f'{BASE}tk/news/tags/hytay.html'
    assert f'{BASE}en/news/tags/kitay.html' not in maps['en']  # the old address
    assert f'{BASE}ru/{ARTICLE}' in maps['ru']


# -- Sharing -------------------------------------------------------------------------------


def meta(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    html = path.read_text(encoding='utf-8')
    for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html):
        found.setdefault(key, []).append(value)
    return found


@pytest.mark.parametrize(('language', 'locale', 'title'), [
    ('ru', 'ru_RU', 'Новые стандарты международного сотрудничества'),
    ('en', 'en_US', 'New standards of international cooperation'),
])
def test_articles_carry_open_graph_and_twitter_tags_in_their_language(
    site: Path, language: str, locale: str, title: str
) -> None:
    tags = meta(site / language / ARTICLE)
    assert tags['og:title'] == tags['twitter:title'] == [title]
    assert tags['og:type'] == ['article']
    assert tags['article:published_time'] == ['2023-08-24']
    assert tags['og:locale'] == [locale]
    assert tags['og:url'] == [f'{BASE}{language}/{ARTICLE}']
    assert tags['twitter:card'] == ['summary']
    paragraph = first_paragraph(site / language / ARTICLE)
    assert tags['og:description'] == tags['description'] == [paragraph]
    if language == 'en':
        assert tags['article:tag'] == ['Balkan velayat', 'Astrakhan region', 'Caspian Sea']
    html = (site / language / ARTICLE).read_text(encoding='utf-8')
    assert f'<link rel="canonical" href="{BASE}{language}/{ARTICLE}">' in html


def test_other_pages_are_websites_with_a_description(site: Path) -> None:
    for language in LANGUAGES:
        for name in ('index.html', 'news/index.html', 'news/tags/index.html'):
            tags = meta(site / language / name)
            assert tags['og:type'] == ['website']
            assert tags['description'][0] and tags['og:url'] == [f'{BASE}{language}/{name}']


# -- Tags ----------------------------------------------------------------------------------


def test_the_site_publishes_no_intersphinx_inventory(site: Path) -> None:
    """Sphinx's ``objects.inv`` is for other Sphinx projects' cross-references; a news site
    has none (``newsroom_inventory``)."""
    assert (site / 'ru' / 'index.html').is_file()
    assert not list(site.rglob('objects.inv'))


def test_every_tag_is_translated_once_in_the_english_catalog() -> None:
    used = {tag for path in article_sources()
            for tag in parse_tags(frontmatter.read(path).raw('tags'))}
    with (REPO / 'locale/en/LC_MESSAGES/tags.po').open('rb') as po_file:
        catalog = {m.id: m.string for m in read_po(po_file) if m.id}
    assert used <= set(catalog)
    assert all(catalog[tag] and not CYRILLIC.search(catalog[tag]) for tag in used)


def test_articles_link_their_tags_and_tag_pages_list_articles_newest_first(site: Path) -> None:
    page = read_page(site / 'en' / ARTICLE)
    tags = [(a['href'], a.get('rel')) for a in page.links if 'newsroom-tag' in a.get('class', '')]
    assert tags == [('../tags/balkan-velayat.html', 'tag'),
                    ('../tags/astrakhan-region.html', 'tag'),
                    ('../tags/caspian-sea.html', 'tag')]
    assert 'Tags: Balkan velayat, Astrakhan region, Caspian Sea' in folded(page.text())
    assert 'Теги: Балканский велаят, Астраханская область, Каспийское море' in \
        folded(read_page(site / 'ru' / ARTICLE).text())
    for language, slug, heading in (
            ('ru', 'kaspiyskoe-more', 'Новости с тегом «Каспийское море»'),
            ('en', 'caspian-sea', 'News tagged “Caspian Sea”')):
        html = (site / language / f'news/tags/{slug}.html').read_text(encoding='utf-8')
        assert f'<h1>{heading}</h1>' in html
        listed = re.findall(r'news-title" href="\.\./(\d{4})/(\d{4}-\d\d-\d\d)', html)
        assert [d for _y, d in listed] == ['2025-06-20', '2023-08-24']


def test_a_tag_page_lives_at_its_label_in_the_language_and_its_old_address_leads_there(
        site: Path) -> None:
    """English and Turkmen tag pages are named after their labels there; the address they
    had before (the Russian label's) is a page that sends readers and robots on."""
    for language, slug in (('en', 'caspian-sea'), ('tk', 'hazar-denzi')):
        folder = site / language / 'news' / 'tags'
        assert '<h1>' in (folder / f'{slug}.html').read_text(encoding='utf-8')
        old = (folder / 'kaspiyskoe-more.html').read_text(encoding='utf-8')
        assert f'<meta http-equiv="refresh" content="0; url={slug}.html">' in old
        assert f'<link rel="canonical" href="{BASE}{language}/news/tags/{slug}.html">' in old
        assert '<meta name="robots" content="noindex">' in old
        switcher = [a['href'] for a in read_page(folder / f'{slug}.html').links
                    if a.get('hreflang')]
        assert {href.rsplit('/', 1)[-1] for href in switcher} == (
            {'kaspiyskoe-more.html', 'caspian-sea.html', 'hazar-denzi.html'} - {f'{slug}.html'})


def test_make_gettext_extracts_the_tags_template(tmp_path: Path) -> None:
    result = subprocess.run(
        ['make', '--no-print-directory', 'gettext', f'BUILDDIR={tmp_path}',
         f'VENV={Path(sys.prefix)}'], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    pot = (tmp_path / 'gettext' / 'tags.pot').read_text(encoding='utf-8')
    for label in ('Каспийское море', 'Китай', 'транспорт'):
        assert f'msgid "{label}"' in pot
    assert pot.count('msgid "Каспийское море"') == 1
    # the reference resolves from the repository's root (the folder of conf.py)
    assert re.search(r'^#: docs/news/2023/2023-08-24-balkan-velayat-astrakhan-region\.md:3$',
                     pot, re.M)


# -- 404 pages -----------------------------------------------------------------------------


@pytest.mark.parametrize(('language', 'text'), [
    ('ru', 'Страница не найдена'), ('en', 'Page not found')])
def test_language_404_pages_use_absolute_links(site: Path, language: str, text: str) -> None:
    path = site / language / '404.html'
    page = read_page(path)
    assert page.html_lang == language and text in page.text()
    html = path.read_text(encoding='utf-8')
    refs = re.findall(r'(?:href|src)="([^"#][^"]*)"', html)
    assert refs
    for ref in refs:
        assert ref.startswith(('/', 'https://')), ref  # works from any depth
        target = site / ref.lstrip('/').split('?')[0] if ref.startswith('/') else local(site, ref)
        assert target.is_file(), ref


def test_root_404_page_points_to_every_language(site: Path) -> None:
    page = read_page(site / '404.html')
    assert [a['href'] for a in page.links] == [f'/{code}/index.html' for code in PUBLISHED]
    assert 'Страница не найдена' in page.text('ru') and 'Page not found' in page.text('en')
    assert all((site / a['href'].lstrip('/')).is_file() for a in page.links)

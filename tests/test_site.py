"""The real site, built once with `make html`: content, languages, lists and links."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from helpers import CYRILLIC, PUBLISHED, folded, read_page

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / 'tests' / 'data' / 'seed.txt'
ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region.html'
MONTHS = {'июн': 6}


def seed_parts() -> tuple[str, list[str], list[tuple[str, str]]]:
    """The seed's article title, its paragraphs, and its news list as (ISO date, headline)."""
    lines = [line for line in SEED.read_text(encoding='utf-8').splitlines() if line.strip()]
    news_at = lines.index('Новости')
    title, paragraphs = lines[1], lines[2:news_at]
    news = []
    for date_line, headline in zip(lines[news_at + 1::2], lines[news_at + 2::2], strict=True):
        day, month, year = date_line.split()
        news.append((f'{year}-{MONTHS[month]:02d}-{int(day):02d}', headline.strip()))
    return title, paragraphs, news


def test_seed_article_is_verbatim_in_russian(site: Path) -> None:
    title, paragraphs, _news = seed_parts()
    page = read_page(site / 'ru' / ARTICLE)
    text = folded(page.text())
    assert f'{title} ' in text
    for paragraph in paragraphs:
        for sentence in re.split(r'(?<=[.!?])\s+', folded(paragraph)):
            assert sentence in text, sentence


def news_items(path: Path) -> list[tuple[str, str]]:
    """(ISO date, title) of each item of the news lists on a page, in page order."""
    html = path.read_text(encoding='utf-8')
    dates = re.findall(r'<p class="news-date">(?:<time[^>]*>)?(.*?)(?:</time>)?</p>', html)
    titles = re.findall(r'class="[^"]*news-title[^"]*"[^>]*>(.*?)</a>', html)
    assert len(dates) == len(titles)
    return list(zip(dates, titles, strict=True))


def test_seed_headlines_are_dated_news_items(site: Path) -> None:
    _title, _paragraphs, news = seed_parts()
    items = news_items(site / 'ru' / 'news' / 'index.html')
    listed = {title: date for date, title in items}
    for iso, headline in news:
        year, month, day = iso.split('-')
        assert listed[headline.replace('"', '&quot;')] == f'{int(day)} июня {year}'


def test_home_lists_the_seed_headlines_in_the_seed_order(site: Path) -> None:
    """Same-day news keep the order of the original list (front-matter ``order``)."""
    _title, _paragraphs, news = seed_parts()
    items = news_items(site / 'ru' / 'index.html')
    assert [title.replace('&quot;', '"') for _date, title in items] == [h for _iso, h in news]


def test_news_list_is_newest_first(site: Path) -> None:
    for language in PUBLISHED:
        html = (site / language / 'news' / 'index.html').read_text(encoding='utf-8')
        isos = re.findall(r'<a class="[^"]*news-title[^"]*" href="(?:\d{4}/)?(\d{4}-\d\d-\d\d)', html)
        assert len(isos) == 11
        assert isos == sorted(isos, reverse=True)
        home = (site / language / 'index.html').read_text(encoding='utf-8')
        latest = re.findall(r'news-title[^"]*" href="news/\d{4}/(\d{4}-\d\d-\d\d)', home)
        assert latest == isos[:10]


def test_dates_are_localized(site: Path) -> None:
    assert '<time datetime="2023-08-24">24 августа 2023</time>' in (
        site / 'ru' / ARTICLE).read_text(encoding='utf-8')
    assert '<time datetime="2023-08-24">24 August 2023</time>' in (
        site / 'en' / ARTICLE).read_text(encoding='utf-8')
    assert ('20 June 2025', 'A meeting of the co-chairs of the Intergovernmental Turkmen–'
            'Russian Commission on Economic Cooperation was held in Saint Petersburg') in \
        news_items(site / 'en' / 'news' / 'index.html')


def test_english_pages_have_no_russian_text(site: Path) -> None:
    pages = sorted((site / 'en').rglob('*.html'))
    assert len(pages) >= 14
    for path in pages:
        page = read_page(path)
        assert page.html_lang == 'en'
        foreign = ' '.join(page.text(lang) for lang in page.text_by_lang if lang not in ('ru',))
        assert not CYRILLIC.search(foreign), (path, CYRILLIC.findall(foreign)[:20], foreign[:300])
    index = ' '.join(path.read_text(encoding='utf-8') for path in
                     (site / 'en' / '_static' / 'newsroom-search').rglob('*.json'))
    assert index and not CYRILLIC.search(index)


def test_english_article_is_the_translation(site: Path) -> None:
    text = read_page(site / 'en' / ARTICLE).text()
    for name in ('Turkmenbashi International Seaport', 'Balkan velayat', 'hakim',
                 'Astrakhan region', 'North–South International Transport Corridor',
                 '"Pyotr Velikiy"'):
        assert name in text


def test_interface_speaks_the_page_language(site: Path) -> None:
    ru = read_page(site / 'ru' / ARTICLE).text()
    for english in ('Back to top', 'Skip to content', 'Next', 'Previous', 'Made with'):
        assert english not in ru
    html = (site / 'ru' / ARTICLE).read_text(encoding='utf-8')
    labels = re.findall(r'aria-label="([^"]*)"', html) + re.findall(r'<title>(.*?)</title>', html)
    assert labels and not [label for label in labels if re.search('[A-Za-z]{3}', label)], labels
    assert 'Наверх' in ru
    assert 'Опубликовано' in ru
    en = read_page(site / 'en' / ARTICLE).text()
    assert 'Back to top' in en and 'Published' in en


def resolve(page: Path, href: str, site: Path) -> Path:
    """The file a link points to: relative to the page, or absolute below the site's root."""
    url = urlsplit(href)
    if url.scheme or url.path.startswith('/'):
        return site / url.path.lstrip('/')
    return Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), url.path)))


def is_redirect(path: Path) -> bool:
    return 'http-equiv="refresh"' in path.read_text(encoding='utf-8')


def articles(path: Path, site: Path) -> set[tuple[str, ...]]:
    """The articles a list links to, as paths below their language's folder."""
    return {resolve(path, a['href'], site).relative_to(site).parts[1:]
            for a in read_page(path).links if 'news-title' in a.get('class', '').split()}


def test_every_language_link_resolves_to_the_same_page(site: Path) -> None:
    checked = 0
    for language in PUBLISHED:
        for path in (site / language).rglob('*.html'):
            if is_redirect(path):  # a tag page's old address: no page of its own
                continue
            page = read_page(path)
            relative = path.relative_to(site / language)
            targets = [link['href'] for link in page.head_links if link.get('hreflang')]
            targets += [a['href'] for a in page.links
                        if a.get('hreflang') and a.get('id') != 'newsroom-original']
            # an alternate per language, a switcher link per other language (the 404 page's
            # link to the original is not the switcher's)
            assert len(targets) == 2 * len(PUBLISHED) - 1, path
            for href in targets:
                target = resolve(path, href, site)
                assert target.is_file() and not is_redirect(target), (path, href)
                if relative.parts[:2] == ('news', 'tags'):  # a tag's page, named in each
                    # language's words: the same tag's (the same articles, where published)
                    assert articles(target, site) <= articles(path, site) or \
                        articles(path, site) <= articles(target, site), (path, href)
                else:
                    assert target.relative_to(site).parts[1:] == relative.parts
                checked += 1
    assert checked > 80


def test_root_page_offers_every_language(site: Path) -> None:
    root = read_page(site / 'index.html')
    hrefs = [a['href'] for a in root.links]
    assert hrefs == [f'{code}/index.html' for code in PUBLISHED]
    assert all((site / href).is_file() for href in hrefs)
    html = (site / 'index.html').read_text(encoding='utf-8')
    codes = ', '.join(f'&quot;{code}&quot;' for code in PUBLISHED)
    assert f'data-languages="[{codes}]"' in html
    assert '<script src="site-root.js" defer></script>' in html and '<script>' not in html
    assert 'navigator.languages' in (site / 'site-root.js').read_text(encoding='utf-8')


def test_russian_search_result_message_is_fixed(site: Path) -> None:
    html = (site / 'ru' / 'search.html').read_text(encoding='utf-8')
    assert re.search(r'<script src="_static/newsroom-translations\.js\?v=[0-9a-f]+">', html)
    script = (site / 'ru' / '_static' / 'newsroom-translations.js').read_text(encoding='utf-8')
    fix = re.search(r'const catalog = (\{.*?\});', script).group(1)
    assert 'Search finished, found one page' in fix
    assert '\\u041f\\u043e\\u0438\\u0441\\u043a' in fix  # "Поиск" in the corrected message


def test_the_status_page_counts_the_tag_labels(site: Path) -> None:
    """The status page has a row for the tag labels (``tags.po``), counted as the catalogs
    say: its translated entries out of the labels in use."""
    import lxml.html
    import polib

    from helpers import REPO

    page = lxml.html.parse(str(site / 'ru' / 'status.html')).getroot()
    cells = [' '.join(cell.text_content().split())
             for cell in page.xpath('//tr[contains(@class, "newsroom-status-tags")]/td')]
    expected = []
    for language in PUBLISHED[1:]:
        catalog = polib.pofile(str(REPO / 'locale' / language / 'LC_MESSAGES' / 'tags.po'))
        active = [entry for entry in catalog if entry.msgid and not entry.obsolete]
        expected.append(f'{sum(entry.translated() for entry in active)} из {len(active)}')
    assert len(active) > 5 and len(cells) == len(expected) + 1
    assert all(cell.endswith(f' {count}') for cell, count in zip(cells[1:], expected,
                                                                 strict=True)), cells


def test_the_status_page_is_written_again_only_when_its_table_changes(
        make_app, rootdir: Path, tmp_path: Path) -> None:
    """Its table (every page in every language) is not rendered and written at every build:
    only when what it prints changed, and then as a clean build writes it."""
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)

    def build(builddir: Path) -> tuple[SphinxTestApp, list[str]]:
        app = make_app('html', srcdir=srcdir, builddir=builddir)
        written: list[str] = []
        app.connect('html-page-context', lambda _app, name, *_rest: written.append(name))
        app.build()
        return app, written

    first, written = build(tmp_path / 'build')
    assert 'status' in written
    before = (first.outdir / 'status.html').read_text(encoding='utf-8')
    _app, written = build(tmp_path / 'build')
    assert 'status' not in written, 'nothing changed, yet the status page was written'
    catalog = srcdir / 'locale/en/LC_MESSAGES/news/2024/2024-03-02-beta.po'
    catalog.write_text(catalog.read_text(encoding='utf-8').replace(
        'msgstr "Second paragraph of the test note."', 'msgstr ""'), encoding='utf-8')
    app, written = build(tmp_path / 'build')
    assert 'status' in written
    after = (app.outdir / 'status.html').read_text(encoding='utf-8')
    assert after != before
    clean, _written = build(tmp_path / 'clean')
    assert after == (clean.outdir / 'status.html').read_text(encoding='utf-8')

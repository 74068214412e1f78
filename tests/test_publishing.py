"""Feeds, sitemaps, sharing tags, drafts, tags and 404 pages on a tiny site (test-publishing)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import feedparser
import pytest
from lxml import etree

from helpers import CYRILLIC, PUBLISHED, read_page

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

DATA = Path(__file__).parent / 'data'
BASE = 'https://news.example.net/'
ALPHA = 'news/2024/2024-01-15-alpha'
BETA = 'news/2024/2024-03-02-beta'
DRAFT = 'news/2025/2025-02-10-gamma'
FUTURE = 'news/2999/2999-01-01-future'
SM = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
XHTML = '{http://www.w3.org/1999/xhtml}'


def meta(path: Path) -> dict[str, list[str]]:
    """``<meta property|name=… content=…>`` of a page, every value of each key."""
    html = path.read_text(encoding='utf-8')
    found: dict[str, list[str]] = {}
    for key, value in re.findall(
            r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html):
        found.setdefault(key, []).append(value.replace('&#34;', '"').replace('&amp;', '&'))
    return found


def sitemap_locs(path: Path) -> dict[str, dict[str, str]]:
    tree = etree.parse(str(path))
    return {url.findtext(f'{SM}loc'): {link.get('hreflang'): link.get('href')
                                      for link in url.iter(f'{XHTML}link')}
            for url in tree.iter(f'{SM}url')}


# -- Drafts and scheduled articles ---------------------------------------------------------


@pytest.mark.sphinx('html', testroot='publishing', srcdir='publishing-1')
def test_drafts_and_scheduled_articles_stay_out_of_the_public_build(
    app: SphinxTestApp,
) -> None:
    app.build()
    out = app.outdir
    assert app.warning.getvalue() == ''
    assert (out / f'{ALPHA}.html').is_file()
    for hidden in (DRAFT, FUTURE):
        assert not (out / f'{hidden}.html').exists()
    assert not (out / 'news/2025').exists()  # no year archive for a year of drafts only
    assert not (out / 'news/2999').exists()
    everything = ' '.join(p.read_text(encoding='utf-8') for p in out.rglob('*.html'))
    everything += ' '.join(p.read_text(encoding='utf-8')  # the search index
                           for p in (out / '_static' / 'newsroom-search').rglob('*.json'))
    everything += (out / 'atom.xml').read_text(encoding='utf-8')
    everything += (out / 'sitemap.xml').read_text(encoding='utf-8')
    for word in ('гамма', 'gamma', 'Будущая', 'future', 'Секретный', 'sekretnyy'):
        assert word not in everything, word
    newest = (out / f'{BETA}.html').read_text(encoding='utf-8')
    assert 'class="next-page"' not in newest  # beta is the newest public article


@pytest.mark.sphinx('html', testroot='publishing', srcdir='publishing-2',
                    confoverrides={'newsroom_show_drafts': True})
def test_drafts_are_built_and_marked_when_asked_for(app: SphinxTestApp) -> None:
    app.build()
    out = app.outdir
    draft = read_page(out / f'{DRAFT}.html').text()
    assert 'Черновик: эта статья не опубликована.' in draft
    future = read_page(out / f'{FUTURE}.html').text()
    assert 'Запланировано: статья будет опубликована 1 января 2999.' in future
    assert 'Черновик гамма' in read_page(out / 'news/index.html').text()
    assert 'не опубликована' not in read_page(out / f'{ALPHA}.html').text()


def test_an_article_dated_today_is_public_and_tomorrow_is_scheduled(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    today = dt.date.today()
    for day, slug in ((today, 'today'), (today + dt.timedelta(days=1), 'tomorrow')):
        folder = srcdir / 'news' / f'{day:%Y}'
        folder.mkdir(exist_ok=True)
        (folder / f'{day.isoformat()}-{slug}.md').write_text(
            f'---\ndate: {day.isoformat()}\n---\n\n# Заметка {slug}\n\nТекст.\n',
            encoding='utf-8')
    app = make_app('html', srcdir=srcdir)
    app.build()
    assert (app.outdir / f'news/{today:%Y}/{today.isoformat()}-today.html').is_file()
    assert not list(app.outdir.rglob('*-tomorrow.html'))


def test_a_new_draft_or_scheduled_article_rereads_no_page(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """Held articles are kept out without changing the configuration Sphinx compares, so
    saving one does not make Sphinx read (and write) every page of the site again."""
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)

    def build() -> SphinxTestApp:
        app = make_app('html', srcdir=srcdir)
        app.build()
        assert [line for line in app.warning.getvalue().splitlines()
                if 'already registered' not in line] == []  # a second app in this process
        return app

    def updating(app: SphinxTestApp) -> str:
        status = re.sub(r'\x1b\[[0-9;]*m', '', app.status.getvalue())
        return re.search(r'updating environment: (.*)', status)[1]

    build()
    for folder, name, fields in (('2998', '2998-05-01-later', 'date: 2998-05-01'),
                                 ('2025', '2025-02-11-delta', 'date: 2025-02-11\ndraft: True')):
        (srcdir / 'news' / folder).mkdir(exist_ok=True)
        (srcdir / 'news' / folder / f'{name}.md').write_text(
            f'---\n{fields}\n---\n\n# Заметка {name}\n\nТекст.\n', encoding='utf-8')
        assert updating(build()) == '0 added, 0 changed, 0 removed'
    alpha = srcdir / f'{ALPHA}.md'
    alpha.write_text(alpha.read_text(encoding='utf-8').replace('---\n', '---\ndraft: yes\n', 1),
                     encoding='utf-8')
    app = build()
    assert updating(app).startswith('0 added, ') and updating(app).endswith(', 1 removed')
    assert ALPHA not in app.env.all_docs
    beta = (app.outdir / f'{BETA}.html').read_text(encoding='utf-8')
    assert '2024-01-15-alpha' not in beta  # its neighbour's link is gone with it


# -- Tags ----------------------------------------------------------------------------------


@pytest.mark.sphinx('html', testroot='publishing', srcdir='publishing-3')
def test_tags_link_to_a_page_per_tag_newest_first(app: SphinxTestApp) -> None:
    app.build()
    out = app.outdir
    article = read_page(out / f'{ALPHA}.html')
    tag_links = [(a['href'], a.get('rel')) for a in article.links if 'newsroom-tag' in
                 a.get('class', '')]
    assert tag_links == [('../tags/kaspiyskoe-more.html', 'tag'), ('../tags/kitay.html', 'tag')]
    china = (out / 'news/tags/kitay.html').read_text(encoding='utf-8')
    assert 'Новости с тегом «Китай»' in china
    assert re.findall(r'news-title" href="\.\./(\d{4}/[^"]+)\.html"', china) == [
        '2024/2024-03-02-beta', '2024/2024-01-15-alpha']
    index = read_page(out / 'news/tags/index.html').text()
    assert 'Каспийское море (1)' in index and 'Китай (2)' in index


@pytest.mark.sphinx('html', testroot='publishing', srcdir='publishing-en',
                    confoverrides={'language': 'en', 'newsroom_untranslated': 'show'})
def test_english_tags_come_from_the_catalog_or_are_transliterated(app: SphinxTestApp) -> None:
    app.build()
    out = app.outdir
    article = read_page(out / f'{ALPHA}.html')
    labels = [a for a in article.links if 'newsroom-tag' in a.get('class', '')]
    assert len(labels) == 2
    text = article.text()
    assert 'China' in text
    # "Каспийское море" has no translation: shown in Latin letters, never in Russian
    assert 'Kaspiyskoe more' in text
    for path in (out / 'news/tags').glob('*.html'):
        html = path.read_text(encoding='utf-8')
        if 'http-equiv="refresh"' in html:  # the old address of China's page
            assert path.name == 'kitay.html'
            continue
        labels = re.findall(r'<h1>(.*?)</h1>', html)
        labels += re.findall(r'<li><a class="reference internal" href="[^"]+">(.*?)</a>', html)
        assert labels and not CYRILLIC.search(' '.join(labels)), (path, labels)
    assert 'Kaspiyskoe more' in (out / 'atom.xml').read_text(encoding='utf-8')
    assert 'have no en translation in tags.po, shown transliterated: Каспийское море' in \
        app.status.getvalue()


@pytest.mark.sphinx('html', testroot='publishing', srcdir='publishing-en-hold',
                    confoverrides={'language': 'en'})
def test_english_holds_back_tags_it_has_not_translated(app: SphinxTestApp) -> None:
    app.build()
    out = app.outdir
    article = read_page(out / f'{ALPHA}.html')
    assert [a.get('href') for a in article.links if 'newsroom-tag' in a.get('class', '')] == [
        '../tags/china.html']
    assert 'Kaspiyskoe' not in article.text() and 'Каспийское' not in article.text()
    assert not (out / 'news/tags/kaspiyskoe-more.html').exists()
    assert 'kaspiyskoe' not in (out / 'news/tags/index.html').read_text(encoding='utf-8')
    feed = (out / 'atom.xml').read_text(encoding='utf-8')
    assert 'term="China"' in feed and 'Kaspiyskoe' not in feed
    assert 'have no en translation in tags.po, left out: Каспийское море' in \
        app.status.getvalue()


@pytest.mark.sphinx('gettext', testroot='publishing', srcdir='publishing-gettext')
def test_gettext_extracts_each_tag_label_once(app: SphinxTestApp) -> None:
    app.build()
    pot = (app.outdir / 'tags.pot').read_text(encoding='utf-8')
    assert re.findall(r'^msgid "(.+)"$', pot, re.M) == ['Каспийское море', 'Китай']
    assert ('#: news/2024/2024-01-15-alpha.md:3 news/2024/2024-03-02-beta.md:3\n'
            'msgid "Китай"') in pot


def test_two_spellings_of_a_tag_are_reported(make_app, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    beta = srcdir / f'{BETA}.md'
    beta.write_text(beta.read_text(encoding='utf-8').replace('[Китай]', '[китай]'),
                    encoding='utf-8')
    app = make_app('html', srcdir=srcdir)
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(r"\.md:3: WARNING: tag '(Китай|китай)' is spelled '(Китай|китай)' "
                     r'elsewhere; use one spelling \[newsroom\.tag\]', warnings), warnings


def tagged_titles(path: Path) -> list[str]:
    """The article links of a tag page, in page order, as ``YYYY/name``."""
    return re.findall(r'news-title" href="(?:\.\./)+(\d{4}/[^"]+)\.html"',
                      path.read_text(encoding='utf-8'))


def test_a_long_tag_shows_its_latest_articles_then_years(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    for day in ('2022-05-01', '2022-09-09', '2023-02-02', '2023-11-30'):
        folder = srcdir / 'news' / day[:4]
        folder.mkdir(exist_ok=True)
        (folder / f'{day}-china.md').write_text(
            f'---\ndate: {day}\ntags: [Китай]\n---\n\n# Заметка о Китае {day}\n\nТекст.\n',
            encoding='utf-8')
    app = make_app('html', srcdir=srcdir, confoverrides={'newsroom_tag_limit': 3})
    app.build()
    tags = app.outdir / 'news/tags'
    everything = ['2024/2024-03-02-beta', '2024/2024-01-15-alpha', '2023/2023-11-30-china',
                  '2023/2023-02-02-china', '2022/2022-09-09-china', '2022/2022-05-01-china']
    assert tagged_titles(tags / 'kitay.html') == everything[:3]
    page = read_page(tags / 'kitay.html')
    year_links = [a['href'] for a in page.links if re.fullmatch(r'kitay/\d{4}\.html', a['href'])]
    assert sorted(set(year_links)) == ['kitay/2022.html', 'kitay/2023.html', 'kitay/2024.html']
    by_year = {year: tagged_titles(tags / 'kitay' / f'{year}.html')
               for year in ('2024', '2023', '2022')}
    assert [t for year in ('2024', '2023', '2022') for t in by_year[year]] == everything
    assert all(t.startswith(year) for year, titles in by_year.items() for t in titles)
    year_page = (tags / 'kitay/2022.html').read_text(encoding='utf-8')
    assert 'Новости с тегом «Китай» за 2022 год' in year_page
    assert '<span aria-current="page">2022</span>' in year_page
    assert 'href="../kitay.html"' in year_page  # back to the latest
    assert not (tags / 'kaspiyskoe-more').exists()  # a short tag stays one page
    assert 'Китай (6)' in read_page(tags / 'index.html').text()


# -- Feeds ---------------------------------------------------------------------------------


@pytest.mark.sphinx('html', testroot='publishing', srcdir='publishing-en-feed',
                    confoverrides={'language': 'en', 'newsroom_untranslated': 'show'})
def test_feed_is_valid_atom_with_summaries_and_absolute_links(app: SphinxTestApp) -> None:
    app.build()
    feed = feedparser.parse((app.outdir / 'atom.xml').read_bytes())
    assert not feed.bozo, feed.get('bozo_exception')
    assert feed.feed.title == 'Тестовый сайт: news'  # the home page is not translated here
    assert feed.feed.language == 'en'
    assert [e.link for e in feed.entries] == [f'{BASE}en/{BETA}.html', f'{BASE}en/{ALPHA}.html']
    alpha = feed.entries[1]
    assert alpha.title == 'Test note alpha'
    assert alpha.summary == 'The first paragraph of note alpha.'
    assert alpha.published == '2024-01-15T00:00:00+00:00'
    assert [t.term for t in alpha.tags] == ['Kaspiyskoe more', 'China']
    page = read_page(app.outdir / 'index.html')
    [link] = [link for link in page.head_links if link.get('type') == 'application/atom+xml']
    assert link['href'] == 'atom.xml' and link['title'] == 'Тестовый сайт: news'


def test_a_revised_translation_updates_its_feed_entry(make_app, rootdir: Path,
                                                     tmp_path: Path) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    po = srcdir / 'locale/en/LC_MESSAGES' / f'{ALPHA}.po'

    def alpha_entry(language: str) -> dict:
        app = make_app('html', srcdir=srcdir, freshenv=True,
                       confoverrides={'language': language})
        app.build()
        feed = feedparser.parse((app.outdir / 'atom.xml').read_bytes())
        return next(e for e in feed.entries if e.link.endswith(f'{ALPHA}.html'))

    russian = alpha_entry('ru')  # first: builds in one process share gettext's caches
    assert russian.updated == russian.published == '2024-01-15T00:00:00+00:00'
    assert alpha_entry('en').updated == '2026-11-27T23:30:00+00:00'  # PO-Revision-Date
    po.write_text(po.read_text(encoding='utf-8').replace(
        '2026-11-27 23:30+0000', '2026-12-01 08:15+0300'), encoding='utf-8')
    assert alpha_entry('en').updated == '2026-12-01T05:15:00+00:00'


@pytest.mark.sphinx('html', testroot='publishing', srcdir='publishing-6',
                    confoverrides={'newsroom_feed_length': 1})
def test_feed_length_is_a_setting(app: SphinxTestApp) -> None:
    app.build()
    feed = feedparser.parse((app.outdir / 'atom.xml').read_bytes())
    assert [e.link for e in feed.entries] == [f'{BASE}ru/{BETA}.html']


@pytest.mark.sphinx('html', testroot='publishing', srcdir='publishing-7',
                    confoverrides={'html_baseurl': ''})
def test_without_a_base_url_there_are_no_feeds_or_sitemaps(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ''
    assert not (app.outdir / 'atom.xml').exists()
    assert not (app.outdir / 'sitemap.xml').exists()
    html = (app.outdir / f'{ALPHA}.html').read_text(encoding='utf-8')
    assert 'og:url' not in html and 'application/atom+xml' not in html
    assert 'og:title' in html


def test_the_intersphinx_inventory_is_written_only_when_asked_for(
        make_app, rootdir: Path, tmp_path: Path) -> None:
    """``newsroom_inventory``: Sphinx's ``objects.inv``, listing every page, when set; a
    later build without it leaves none behind, as a clean build would not write one."""
    from sphinx.util.inventory import InventoryFile

    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    app = make_app('html', srcdir=srcdir, confoverrides={'newsroom_inventory': True,
                                                         'newsroom_workshop': True})
    app.build()
    inventory = app.outdir / 'objects.inv'
    pages = InventoryFile.loads(inventory.read_bytes(), uri='').data['std:doc']
    assert f'{ALPHA}' in pages and 'index' in pages
    app.cleanup()
    app = make_app('html', srcdir=srcdir, confoverrides={'newsroom_workshop': True})
    app.build()
    assert (app.outdir / f'{ALPHA}.html').is_file() and not inventory.exists()
    app.cleanup()


# -- Sitemaps and sharing ------------------------------------------------------------------


@pytest.mark.sphinx('html', testroot='publishing', srcdir='publishing-8')
def test_sitemap_lists_every_page_with_its_languages(app: SphinxTestApp) -> None:
    app.build()
    out = app.outdir
    schema = etree.XMLSchema(etree.parse(str(DATA / 'sitemap-with-hreflang.xsd')))
    document = etree.parse(str(out / 'sitemap.xml'))
    assert schema.validate(document), schema.error_log
    locs = sitemap_locs(out / 'sitemap.xml')
    built = {f'{BASE}ru/{p.relative_to(out).as_posix()}' for p in out.rglob('*.html')}
    assert set(locs) == built - {f'{BASE}ru/{name}.html' for name in ('search', 'genindex', '404')}
    assert locs[f'{BASE}ru/{ALPHA}.html'] == {'ru': f'{BASE}ru/{ALPHA}.html',
                                             'en': f'{BASE}en/{ALPHA}.html'}
    lastmod = {url.findtext(f'{SM}loc'): url.findtext(f'{SM}lastmod')
               for url in document.iter(f'{SM}url')}
    assert lastmod[f'{BASE}ru/{ALPHA}.html'] == '2024-01-15'


@pytest.mark.sphinx('html', testroot='publishing', srcdir='publishing-9')
def test_sharing_tags_describe_the_article(app: SphinxTestApp) -> None:
    app.build()
    tags = meta(app.outdir / f'{ALPHA}.html')
    assert tags['og:title'] == ['Тестовая заметка альфа']
    assert tags['og:description'] == tags['description'] == ['Первый абзац заметки альфа.']
    assert tags['og:type'] == ['article']
    assert tags['article:published_time'] == ['2024-01-15']
    assert tags['og:locale'] == ['ru_RU'] and tags['og:locale:alternate'] == ['en_US']
    assert tags['og:url'] == [f'{BASE}ru/{ALPHA}.html']
    assert tags['article:tag'] == ['Каспийское море', 'Китай']
    assert tags['twitter:card'] == ['summary']
    html = (app.outdir / f'{ALPHA}.html').read_text(encoding='utf-8')
    assert f'<link rel="canonical" href="{BASE}ru/{ALPHA}.html">' in html
    home = meta(app.outdir / 'index.html')
    assert home['og:type'] == ['website'] and home['og:url'] == [f'{BASE}ru/index.html']


def test_long_descriptions_are_cut_at_a_word() -> None:
    from newsroom.publishing.social import og_locale, shorten

    text = 'слово ' * 100
    short = shorten(text)
    assert len(short) <= 200 and short.endswith('слово…')
    assert shorten('Коротко.') == 'Коротко.'
    assert (og_locale('ru'), og_locale('en'), og_locale('pt-BR')) == ('ru_RU', 'en_US', 'pt_BR')


# -- 404 -----------------------------------------------------------------------------------


@pytest.mark.sphinx('html', testroot='publishing', srcdir='publishing-404',
                    confoverrides={'language': 'en',
                                   'html_baseurl': 'https://example.net/site/'})
def test_not_found_page_links_by_absolute_path(app: SphinxTestApp) -> None:
    app.build()
    page = read_page(app.outdir / '404.html')
    assert 'Page not found' in page.text()
    hrefs = [a['href'] for a in page.links if not a.get('hreflang')] + [
        link['href'] for link in page.head_links]
    local = [h for h in hrefs if not h.startswith(('#', 'https://'))]
    assert local and all(h.startswith('/site/en/') for h in local), local
    switcher = [a['href'] for a in page.links
                if a.get('hreflang') and a.get('id') != 'newsroom-original']
    assert switcher == ['/site/ru/404.html'], switcher
    [original] = [a for a in page.links if a.get('id') == 'newsroom-original']
    assert (original['href'], original['data-from'], original['data-to']) == (
        '/site/ru/index.html', '/site/en/', '/site/ru/')  # the script swaps the language folder
    assert original['hreflang'] == 'ru' and 'Read the original (Russian)' in page.text()
    assert '/site/en/news/index.html' in hrefs and '/site/en/search.html' in hrefs
    for href in local:
        assert (app.outdir / href.removeprefix('/site/en/').split('?')[0]).is_file(), href


# -- Make flags and the site root ----------------------------------------------------------


def make_dry_run(*arguments: str) -> str:
    result = subprocess.run(
        ['make', '--no-print-directory', '-n', *arguments, f'VENV={sys.prefix}'],
        cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True,
        check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_flags_reach_the_build() -> None:
    plain = make_dry_run('html-en')
    assert 'newsroom_show_drafts' not in plain and 'html_baseurl' not in plain
    assert '-D newsroom_show_drafts=1' in make_dry_run('html-en', 'DRAFTS=1')
    assert '-D html_baseurl=https://news.example.com/' in make_dry_run(
        'html-en', 'BASEURL=https://news.example.com/')
    # WARM=0: a Python of its own; by default, the warm process's client runs it
    python = f'{Path(sys.prefix) / "bin" / "python"}'
    for warm, command in (('0', f'{python} -m newsroom'), ('1', f'--newsroom {python}')):
        assert f"{command} --baseurl 'https://news.example.com/' publish" in make_dry_run(
            'html', 'BASEURL=https://news.example.com/', f'WARM={warm}')


def test_site_root_files_follow_the_base_url(tmp_path: Path) -> None:
    from newsroom.cli import main

    repo = Path(__file__).resolve().parent.parent
    assert main(['--confdir', str(repo), '--baseurl', 'https://example.net/site',
                 'root', str(tmp_path)]) == 0
    index = etree.parse(str(tmp_path / 'sitemap.xml'))
    schema = etree.XMLSchema(etree.parse(str(DATA / 'siteindex.xsd')))
    assert schema.validate(index), schema.error_log
    assert [loc.text for loc in index.iter(f'{SM}loc')] == [
        f'https://example.net/site/{code}/sitemap.xml' for code in PUBLISHED]
    page = read_page(tmp_path / '404.html')
    assert [a['href'] for a in page.links] == [f'/site/{code}/index.html' for code in PUBLISHED]
    assert 'Sitemap: https://example.net/site/sitemap.xml' in (
        tmp_path / 'robots.txt').read_text(encoding='utf-8')
    empty = tmp_path / 'no-base'
    assert main(['--confdir', str(repo), '--baseurl', '', 'root', str(empty)]) == 0
    assert (empty / '404.html').is_file() and not (empty / 'sitemap.xml').exists()


# -- A language publishes what it has translated -------------------------------------------


def test_a_catalog_left_incomplete_rewrites_the_source_page_that_links_to_it(
        make_app, rootdir: Path, tmp_path: Path) -> None:
    """Alpha's Russian page is unchanged, but its English catalog loses a translation: the
    next Russian build writes the page again, without the link to the held-back page, as a
    clean build would."""
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    make_app('html', srcdir=srcdir).build()
    page = read_page(srcdir / '_build' / 'html' / f'{ALPHA}.html')
    assert [a['hreflang'] for a in page.links if a.get('hreflang')] == ['en']
    catalog = srcdir / 'locale' / 'en' / 'LC_MESSAGES' / f'{ALPHA}.po'
    text = catalog.read_text(encoding='utf-8')
    catalog.write_text(text.replace('msgstr "Test note alpha"', 'msgstr ""'), encoding='utf-8')
    again = make_app('html', srcdir=srcdir)
    again.build()
    page = read_page(again.outdir / f'{ALPHA}.html')
    assert not [a for a in page.links if a.get('hreflang') == 'en']
    assert 'English (ещё не переведено)' in page.text()


def test_a_language_holds_back_what_it_has_not_translated(make_app, rootdir: Path,
                                                          tmp_path: Path) -> None:
    """Beta has no English catalog: the English site does not publish it, and the Russian
    page says so instead of linking to a page in Russian."""
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    russian = make_app('html', srcdir=srcdir)  # first: builds share gettext's caches
    russian.build()
    page = read_page(russian.outdir / f'{BETA}.html')
    assert not [a for a in page.links if a.get('hreflang') == 'en']
    assert 'English (ещё не переведено)' in page.text()
    assert [link['hreflang'] for link in page.head_links if link.get('hreflang')] == ['ru']
    alpha = read_page(russian.outdir / f'{ALPHA}.html')  # translated: linked as before
    assert [a['hreflang'] for a in alpha.links if a.get('hreflang')] == ['en']
    sitemap = etree.parse(str(russian.outdir / 'sitemap.xml'))
    alternates = {url.findtext(f'{SM}loc'): [link.get('hreflang') for link in
                                             url.iter(f'{XHTML}link')]
                  for url in sitemap.iter(f'{SM}url')}
    assert alternates[f'{BASE}ru/{BETA}.html'] == ['ru']
    assert alternates[f'{BASE}ru/{ALPHA}.html'] == ['ru', 'en']
    srcdir_en = tmp_path / 'site-en'
    shutil.copytree(rootdir / 'test-publishing', srcdir_en)
    english = make_app('html', srcdir=srcdir_en, confoverrides={'language': 'en'})
    english.build()
    out = english.outdir
    for listing in ('index.html', 'news/index.html', 'news/2024/index.html',
                    'news/tags/china.html', 'atom.xml', 'sitemap.xml'):
        assert 'beta' not in (out / listing).read_text(encoding='utf-8').lower(), listing
    assert 'alpha' in (out / 'news/2024/index.html').read_text(encoding='utf-8')
    records = [row[0] for path in (out / '_static' / 'newsroom-search' / 'd').glob('*.json')
               for row in json.loads(path.read_text(encoding='utf-8'))]  # the search index
    assert f'{BETA}.html' not in records and f'{ALPHA}.html' in records
    alpha_en = (out / f'{ALPHA}.html').read_text(encoding='utf-8')
    assert 'beta' not in alpha_en.lower()  # no previous/next link to it either


def test_a_translated_tag_rewrites_only_the_articles_with_that_tag(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """A translator's new tag label: the articles that show it are written again (not read:
    labels are printed as pages are written), the others not, and the pages equal a clean
    build's."""
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)

    def build(builddir: Path) -> tuple[SphinxTestApp, list[str]]:
        app = make_app('html', srcdir=srcdir, builddir=builddir,
                       confoverrides={'language': 'en'})
        written: list[str] = []
        app.connect('html-page-context', lambda _app, name, *_rest: written.append(name))
        app.build()
        return app, written

    build(tmp_path / 'build')
    tags = srcdir / 'locale/en/LC_MESSAGES/tags.po'
    tags.write_text(tags.read_text(encoding='utf-8').replace(
        'msgid "Каспийское море"\nmsgstr ""', 'msgid "Каспийское море"\nmsgstr "Caspian Sea"'),
        encoding='utf-8')
    app, written = build(tmp_path / 'build')
    assert ALPHA in written and BETA not in written, written
    links = [a['href'] for a in read_page(app.outdir / f'{ALPHA}.html').links
             if 'newsroom-tag' in a.get('class', '')]
    assert links == ['../tags/caspian-sea.html', '../tags/china.html']
    clean, _written = build(tmp_path / 'clean')
    pages = sorted(path.relative_to(clean.outdir) for path in clean.outdir.rglob('*.html'))
    assert pages == sorted(path.relative_to(app.outdir) for path in app.outdir.rglob('*.html'))
    assert [page for page in pages if (app.outdir / page).read_bytes()
            != (clean.outdir / page).read_bytes()] == []


def test_tags_whose_page_addresses_may_meet_rewrite_every_tagged_article() -> None:
    from newsroom.news.tags import retagged

    articles = {'a': ['Китай'], 'b': ['Порты'], 'c': []}
    assert retagged({'Китай': 'China'}, {'Китай': 'China'}, articles) == []
    assert retagged({}, {'Китай': 'China'}, articles) == ['a']
    assert retagged({'Китай': 'China'}, {}, articles) == ['a']
    assert retagged(None, {}, articles) == ['a', 'b']  # nothing known of the last build
    # "Порты" would take the address "kitay" that "Китай" has untranslated
    assert retagged({}, {'Порты': 'Kitay'}, articles) == ['a', 'b']

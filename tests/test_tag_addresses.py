"""Tag pages at addresses in the reader's language; the old addresses (the source slug's, and
every one a tag's page had in a language, by its ledger) lead there."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import polib
import pytest
from lxml import etree

from helpers import read_page
from newsroom.core.article import tag_slug
from newsroom.core.tagaddresses import label_slug, local_slugs
from newsroom.core.tagledger import LedgerError, read_ledger, recorded
from newsroom.i18n.tagrecord import check, record

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

ALPHA = 'news/2024/2024-01-15-alpha'
BASE = 'https://news.example.net/'
SM = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
XHTML = '{http://www.w3.org/1999/xhtml}'


@pytest.mark.parametrize(('label', 'slug'), [
    ('Caspian Sea', 'caspian-sea'),
    ('Hazar deňzi', 'hazar-denzi'),
    ('Türkmenbaşy', 'turkmenbasy'),
    ('Ýewropa Bileleşigi', 'yewropa-bilelesigi'),
    ('Каспийское море', tag_slug('Каспийское море')),
    ('BMG', 'bmg'),
])
def test_a_label_in_any_alphabet_becomes_lowercase_latin(label: str, slug: str) -> None:
    assert label_slug(label) == slug


def test_a_slug_taken_or_reserved_keeps_the_source_slug() -> None:
    shown = [('kitay', 'China'), ('knr', 'China'), ('indeks', 'Index'), ('oon', 'UN')]
    assert local_slugs(shown, source=False) == {
        'kitay': 'china', 'knr': 'knr', 'indeks': 'indeks', 'oon': 'un'}
    assert local_slugs(shown, source=True) == {slug: slug for slug, _label in shown}


@pytest.mark.sphinx('html', testroot='publishing', srcdir='tag-addresses-en',
                    confoverrides={'language': 'en'})
def test_an_english_tag_page_is_named_in_english_and_its_old_address_leads_there(
        app: SphinxTestApp) -> None:
    app.build()
    out = app.outdir
    article = read_page(out / f'{ALPHA}.html')
    assert [a['href'] for a in article.links if 'newsroom-tag' in a.get('class', '')] == [
        '../tags/china.html']
    assert '<h1>News tagged “China”</h1>' in (out / 'news/tags/china.html').read_text(
        encoding='utf-8')
    old = (out / 'news/tags/kitay.html').read_text(encoding='utf-8')
    assert '<meta http-equiv="refresh" content="0; url=china.html">' in old
    assert f'<link rel="canonical" href="{BASE}en/news/tags/china.html">' in old
    assert '<meta name="robots" content="noindex">' in old
    locs = [loc.text for loc in etree.parse(str(out / 'sitemap.xml')).iter(f'{SM}loc')]
    assert f'{BASE}en/news/tags/china.html' in locs
    assert f'{BASE}en/news/tags/kitay.html' not in locs
    index = read_page(out / 'news/tags/index.html')
    assert [a['href'] for a in index.links if a['href'].endswith('china.html')] == ['china.html']


def test_the_switcher_and_sitemap_name_each_languages_own_tag_page(
        make_app, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    app = make_app('html', srcdir=srcdir)  # Russian, reading English's tags.po for the links
    app.build()
    page = read_page(app.outdir / 'news/tags/kitay.html')
    assert [(a['hreflang'], a['href']) for a in page.links if a.get('hreflang')] == [
        ('en', '../../../en/news/tags/china.html')]
    assert {link['hreflang']: link['href'] for link in page.head_links
            if link.get('hreflang')} == {'ru': f'{BASE}ru/news/tags/kitay.html',
                                          'en': f'{BASE}en/news/tags/china.html'}
    sitemap = etree.parse(str(app.outdir / 'sitemap.xml'))
    alternates = {url.findtext(f'{SM}loc'): {link.get('hreflang'): link.get('href')
                                              for link in url.iter(f'{XHTML}link')}
                  for url in sitemap.iter(f'{SM}url')}
    assert alternates[f'{BASE}ru/news/tags/kitay.html']['en'] == \
        f'{BASE}en/news/tags/china.html'
    assert not (app.outdir / 'news/tags/china.html').exists()  # Russian keeps its addresses
    # "Каспийское море" has no English label, so English holds its page back: no link to
    # a page that is not there, no hreflang, no English alternate in the sitemap
    sea = read_page(app.outdir / 'news/tags/kaspiyskoe-more.html')
    assert not [a for a in sea.links if a.get('hreflang')]
    assert 'English (ещё не переведено)' in sea.text()
    assert [link['hreflang'] for link in sea.head_links if link.get('hreflang')] == ['ru']
    assert list(alternates[f'{BASE}ru/news/tags/kaspiyskoe-more.html']) == ['ru']


def refused_tags_catalog(rootdir: Path, srcdir: Path) -> None:
    """The test site with an English ``tags.po`` that parses (polib reads "China" from it)
    but that ``check-po`` refuses whole: its header names another language."""
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    tags = srcdir / 'locale/en/LC_MESSAGES/tags.po'
    text = tags.read_text(encoding='utf-8')
    assert '"Language: en\\n"' in text
    tags.write_text(text.replace('"Language: en\\n"', '"Language: de\\n"'), encoding='utf-8')


def test_a_refused_tags_catalog_names_no_tag_page_in_any_build(
        make_app, rootdir: Path, tmp_path: Path) -> None:
    """English holds its tags back while its ``tags.po`` is refused: its build makes no
    page at an English slug, links to none, indexes none; the Russian build, reading the
    same catalog for its switcher, links to no English tag page either."""
    from newsroom.i18n.checked import read_catalog

    refused_tags_catalog(rootdir, tmp_path / 'en')
    assert read_catalog(tmp_path / 'en/locale/en/LC_MESSAGES/tags.po', 'en')[0].refused
    english = make_app('html', srcdir=tmp_path / 'en', confoverrides={'language': 'en'})
    english.build()
    out = english.outdir
    assert not (out / 'news/tags/china.html').exists()
    article = read_page(out / f'{ALPHA}.html')
    assert not [a for a in article.links if 'newsroom-tag' in a.get('class', '')]
    manifest = json.loads((out / '_static/newsroom-search/manifest.json').read_text())
    assert manifest['tags'] == []

    refused_tags_catalog(rootdir, tmp_path / 'ru')
    russian = make_app('html', srcdir=tmp_path / 'ru')
    russian.build()
    page = read_page(russian.outdir / 'news/tags/kitay.html')
    assert not [a for a in page.links if a.get('hreflang')]
    assert 'English (ещё не переведено)' in page.text()
    assert not [link for link in page.head_links if link.get('hreflang') == 'en']


# -- The ledger of the addresses a tag has had (core/tagledger.py, i18n/tagrecord.py) ------

def test_the_ledger_adds_each_new_slug_and_never_drops_one() -> None:
    ledger = {'kitay': ['china']}
    assert recorded(ledger, {'kitay': 'prc', 'oon': 'un', 'rossiya': 'rossiya'}) == {
        'kitay': ['china', 'prc'], 'oon': ['un']}
    assert recorded(ledger, {'kitay': 'china'}) == ledger
    assert ledger == {'kitay': ['china']}  # the old one is left as it was


@pytest.mark.parametrize(('text', 'line'), [
    ('{"kitay": ["china"],\n "oon": ["../../../index"]}\n', 2),  # a page outside the folder
    ('{"kitay": "china"}', 1),
    ('["china"]', 1),
    ('{"kitay": ["china"]\n', 2),
])
def test_a_broken_ledger_is_refused_at_its_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / 'tag-addresses.json'
    path.write_text(text, encoding='utf-8')
    with pytest.raises(LedgerError) as caught:
        read_ledger(path)
    assert caught.value.line == line
    assert str(caught.value).startswith(f'{path}:{line}: ')


def update_po(srcdir: Path, pot_dir: Path) -> int:
    from newsroom.cli import main

    return main(['--confdir', str(srcdir), 'update-po', '--pot-dir', str(pot_dir),
                 '--locale-dir', str(srcdir / 'locale')])


def check_po(srcdir: Path, *options: str) -> int:
    from newsroom.cli import main

    return main(['--confdir', str(srcdir), 'check-po', '--locale-dir', str(srcdir / 'locale'),
                 *options])


def test_a_renamed_tag_label_leaves_its_former_address_leading_to_the_new_one(
        make_app, rootdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``make update-po`` records the English address of "Китай" ("china"); a translator
    renames the label; check-po names the new address as unrecorded; the next build, in a
    fresh output folder (no earlier build to read), keeps "china" as a noindex redirect."""
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    pot_dir = tmp_path / 'gettext'  # as make gettext, in its own process
    subprocess.run([sys.executable, '-m', 'sphinx', '-b', 'gettext', '-q', '-d',
                    str(tmp_path / 'doctrees'), str(srcdir), str(pot_dir)], check=True)
    assert update_po(srcdir, pot_dir) == 0
    ledger = srcdir / 'locale/en/tag-addresses.json'
    assert 'tag addresses recorded: china' in capsys.readouterr().out
    assert json.loads(ledger.read_text(encoding='utf-8')) == {'kitay': ['china']}

    tags = srcdir / 'locale/en/LC_MESSAGES/tags.po'
    text = tags.read_text(encoding='utf-8')
    assert 'msgstr "China"' in text
    tags.write_text(text.replace('msgstr "China"', 'msgstr "People’s Republic of China"'),
                    encoding='utf-8')
    new = 'people-s-republic-of-china'
    check_po(srcdir)
    line = polib.pofile(str(tags)).find('Китай').linenum  # the entry's, as check-po's
    unrecorded = (f'{tags}:{line}: warning: the address “{new}” of this tag is not recorded '
                  f'in {srcdir / "locale"}/en/tag-addresses.json')
    assert unrecorded in capsys.readouterr().err
    assert check_po(srcdir, '--report') == 0  # as make html runs it: its log says so too
    reported = capsys.readouterr()
    assert unrecorded in reported.err and '0 error(s), 1 warning(s)' in reported.out

    app = make_app('html', srcdir=srcdir, confoverrides={'language': 'en'})
    assert not app.outdir.exists() or not any(app.outdir.iterdir())
    app.build()
    out = app.outdir
    assert '<h1>News tagged “People’s Republic of China”</h1>' in (
        out / f'news/tags/{new}.html').read_text(encoding='utf-8')
    for old in ('china', 'kitay'):
        page = (out / f'news/tags/{old}.html').read_text(encoding='utf-8')
        assert f'<meta http-equiv="refresh" content="0; url={new}.html">' in page
        assert f'<link rel="canonical" href="{BASE}en/news/tags/{new}.html">' in page
        assert '<meta name="robots" content="noindex">' in page
    locs = [loc.text for loc in etree.parse(str(out / 'sitemap.xml')).iter(f'{SM}loc')]
    assert f'{BASE}en/news/tags/{new}.html' in locs
    assert not [loc for loc in locs if loc.endswith(('/china.html', '/kitay.html'))]
    article = read_page(out / f'{ALPHA}.html')
    assert [a['href'] for a in article.links if 'newsroom-tag' in a.get('class', '')] == [
        f'../tags/{new}.html']

    assert update_po(srcdir, pot_dir) == 0
    assert json.loads(ledger.read_text(encoding='utf-8')) == {'kitay': ['china', new]}
    check_po(srcdir)
    assert 'is not recorded' not in capsys.readouterr().err


def test_a_refused_tags_catalog_records_no_address(rootdir: Path, tmp_path: Path) -> None:
    refused_tags_catalog(rootdir, tmp_path / 'site')
    locale = tmp_path / 'site/locale'
    assert record(locale, 'en') == ''
    assert not (locale / 'en/tag-addresses.json').exists()
    assert check(locale, ['en']) == []


def test_a_broken_ledger_is_a_warning_at_its_line_and_makes_no_page(
        make_app, rootdir: Path, tmp_path: Path) -> None:
    """A ledger naming a path, not a slug, is read as nothing: a warning names its file and
    line, and no redirect page is written anywhere for it."""
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    ledger = srcdir / 'locale/en/tag-addresses.json'
    ledger.write_text('{\n "kitay": ["../../../escaped"]\n}\n', encoding='utf-8')
    app = make_app('html', srcdir=srcdir, confoverrides={'language': 'en'})
    app.build()
    warnings = app.warning.getvalue()
    assert f'{ledger}:2: WARNING: ' in warnings and 'make update-po' in warnings
    assert '[newsroom.tag-ledger]' in warnings
    assert not list(tmp_path.rglob('escaped*'))
    assert (app.outdir / 'news/tags/kitay.html').is_file()  # the source slug's, as before

"""Markup a translator writes as text (entities, quotes) reaches no page as markup."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers import serve

#: What translators may legitimately write as text: an entity-encoded tag decodes to
#: "<img …>" *text*, which every page, feed and index must print escaped.
PAYLOADS = {
    'title': 'Test note &lt;img src=x onerror=alert(1)&gt; alpha',
    'paragraph': 'The first paragraph &lt;script&gt;alert(2)&lt;/script&gt; of alpha.',
    'tag': 'China &lt;img src=y onerror=alert(3)&gt; &amp; "Co" \'s',
}
#: Markup that must never appear unescaped in any file the build writes.
UNESCAPED = re.compile(r'<(?:img|script)\b[^>]*(?:onerror|alert)', re.I)


@pytest.fixture
def hostile_site(rootdir: Path, tmp_path: Path) -> Path:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-publishing', srcdir)
    catalogs = srcdir / 'locale' / 'en' / 'LC_MESSAGES'
    alpha = catalogs / 'news' / '2024' / '2024-01-15-alpha.po'
    text = alpha.read_text(encoding='utf-8')
    text = text.replace('"Test note alpha"', f'"{PAYLOADS["title"]}"')
    text = text.replace('"The first paragraph of note alpha."', f'"{PAYLOADS["paragraph"]}"')
    alpha.write_text(text, encoding='utf-8')
    tags = catalogs / 'tags.po'
    tag = PAYLOADS['tag'].replace('"', '\\"')
    tags.write_text(tags.read_text(encoding='utf-8').replace('"China"', f'"{tag}"'),
                    encoding='utf-8')
    return srcdir


def test_text_that_looks_like_markup_is_printed_as_text_everywhere(
        make_app, hostile_site: Path) -> None:
    app = make_app('html', srcdir=hostile_site, confoverrides={'language': 'en'})
    app.build()
    warnings = [line for line in app.warning.getvalue().splitlines() if 'WARNING' in line]
    assert warnings == []  # text is a legitimate translation: nothing to refuse
    # The search index holds titles as JSON data, which the search page inserts as text
    # (textContent), so only files read as markup are scanned.
    written = [p for p in app.outdir.rglob('*') if p.is_file()
               and p.suffix in {'.html', '.xml', '.txt'} and '_static' not in p.parts]
    assert len(written) > 10
    for path in written:
        text = path.read_text(encoding='utf-8')
        assert not UNESCAPED.search(text), (path, UNESCAPED.search(text).group(0))
    article = (app.outdir / 'news/2024/2024-01-15-alpha.html').read_text(encoding='utf-8')
    assert 'Test note &lt;img src=x onerror=alert(1)&gt; alpha' in article  # shown as text
    assert 'alert(3)' in (app.outdir / 'news/tags/index.html').read_text(encoding='utf-8')
    feed = (app.outdir / 'atom.xml').read_text(encoding='utf-8')
    assert 'alert(1)' in feed and 'alert(3)' in feed  # in the feed, as escaped text


def test_search_results_print_hostile_titles_and_tag_labels_as_text(
        make_app, hostile_site: Path, page) -> None:
    """The search page lists a title and a tag page's label from the index's JSON, as text
    in Chromium: no element made of them, no script run, the label read exactly as its
    page shows it. (Untranslated articles shown: the tag then gathers the three articles
    that make its page a result.)"""
    app = make_app('html', srcdir=hostile_site,
                   confoverrides={'language': 'en', 'newsroom_untranslated': 'show'})
    app.build()
    dialogs: list[str] = []
    page.on('dialog', lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    results = '#newsroom-search .newsroom-search-results'
    with serve(app.outdir) as url:
        page.goto(f'{url}/search.html?q=alpha')
        page.wait_for_selector('#newsroom-search[data-state="done"]')
        title = page.locator(f'{results} a.newsroom-search-title').first.text_content()
        assert '<img src=x onerror=alert(1)>' in (title or '')
        assert page.locator(f'{results} img, {results} script').count() == 0
        page.goto(f'{url}/search.html?q=China')
        page.wait_for_selector('#newsroom-search[data-state="done"]')
        tag = page.locator(f'{results} li.newsroom-search-tag a')
        label = tag.text_content() or ''
        assert PAYLOADS['tag'] in label
        assert page.locator(f'{results} img, {results} script').count() == 0
        tag.click()
        page.wait_for_load_state()
        assert page.locator('h1').first.text_content() == label
    assert dialogs == []

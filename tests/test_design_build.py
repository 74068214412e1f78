"""The newsroom design in the built pages: stylesheets a page uses, the table of contents kept
on long pages, the tagline translated with the home page, masthead config checks, leads."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import polib
import pytest
from sphinx.errors import ConfigError

from newsroom.news.lists import lead

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

LONG_PAGE = """# Справка

Вступление.

## Первый раздел

Текст первого раздела.

## Второй раздел

```python
print("код")
```
"""


def site_with_long_page(rootdir: Path, tmp_path: Path) -> Path:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    (srcdir / 'about.md').write_text(LONG_PAGE, encoding='utf-8')
    index = srcdir / 'index.md'
    index.write_text(index.read_text(encoding='utf-8').replace('status\n', 'status\nabout\n'),
                     encoding='utf-8')
    return srcdir


def test_long_pages_keep_their_contents_and_code_styles_news_pages_do_not(
        make_app, rootdir: Path, tmp_path: Path) -> None:
    app = make_app('html', srcdir=site_with_long_page(rootdir, tmp_path))
    app.build()
    about = (app.outdir / 'about.html').read_text(encoding='utf-8')
    assert 'class="toc-drawer"' in about and 'pygments.css' in about
    assert about.count('class="headerlink"') == 2  # the sections', not the title's
    for page in ('index.html', 'news/index.html', 'news/2024/2024-01-15-alpha.html',
                 'news/2024/index.html'):
        html = (app.outdir / page).read_text(encoding='utf-8')
        assert 'class="toc-drawer no-toc"' in html, page
        assert 'pygments.css' not in html and 'furo-extensions.css' not in html, page
    article = (app.outdir / 'news/2024/2024-01-15-alpha.html').read_text(encoding='utf-8')
    assert 'headerlink' not in article
    assert article.index('</h1>') < article.index('class="newsroom-byline"')


def test_tagline_is_translated_with_the_home_page(make_app, rootdir: Path,
                                                  tmp_path: Path) -> None:
    tagline = 'Новости и официальные сообщения'
    options = {'newsroom_tagline': tagline}
    extract = tmp_path / 'pot'
    shutil.copytree(rootdir / 'test-news', extract)
    app = make_app('gettext', srcdir=extract, confoverrides=options)
    app.build()
    assert polib.pofile(str(app.outdir / 'index.pot')).find(tagline) is not None

    translated, untranslated = tmp_path / 'translated', tmp_path / 'untranslated'
    shutil.copytree(rootdir / 'test-news', translated)
    shutil.copytree(rootdir / 'test-news', untranslated)
    catalog = polib.pofile(str(translated / 'locale/en/LC_MESSAGES/index.po'))
    catalog.append(polib.POEntry(msgid=tagline, msgstr='News & official statements'))
    catalog.save()
    shown = {}
    for srcdir in (translated, untranslated):
        app = make_app('html', srcdir=srcdir, confoverrides={**options, 'language': 'en'})
        app.build()
        shown[srcdir] = (app.outdir / 'news/index.html').read_text(encoding='utf-8')
    assert ('<span class="newsroom-tagline">News &amp; official statements</span>'
            in shown[translated])
    assert f'<span class="newsroom-tagline" lang="ru">{tagline}</span>' in shown[untranslated]


def test_an_emblem_that_is_not_there_is_a_config_error(make_app, rootdir: Path,
                                                       tmp_path: Path) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    with pytest.raises(ConfigError, match="newsroom_emblem = 'crest.svg'"):
        make_app('html', srcdir=srcdir, confoverrides={'newsroom_emblem': 'crest.svg'})


@pytest.mark.sphinx('html', testroot='news', srcdir='design-footer',
                    confoverrides={'language': 'en'})
def test_maintainers_pages_are_in_the_footer_not_the_menu(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / 'news/index.html').read_text(encoding='utf-8')
    menu = html.split('<nav class="newsroom-sections"', 1)[1].split('</nav>', 1)[0]
    assert 'status.html' not in menu and '>Home</a>' in menu and '>Search</a>' in menu
    footer = html.split('<footer>', 1)[1]
    assert 'href="../status.html"' in footer


def test_a_lead_is_whole_sentences_or_cut_at_a_word() -> None:
    sentence = 'Первое предложение о важной встрече на высоком уровне в столице. '
    assert lead(sentence * 2) == (sentence * 2).strip()
    text = lead(sentence * 5)
    assert text.endswith('.') and len(text) <= 200 and text.count('.') == 3
    words = lead('слово ' * 80)
    assert words.endswith('слово…') and len(words) <= 201
    assert lead('') == ''


GAMMA = 'news/2025/2025-02-10-gamma'


def gamma_item(index_html: str) -> str:
    return index_html.split(f'href="{GAMMA}.html"', 1)[1].split('</li>', 1)[0]


def test_a_lead_is_never_in_an_unmarked_language(make_app, rootdir: Path,
                                                 tmp_path: Path) -> None:
    options = {'language': 'en', 'newsroom_untranslated': 'show'}
    partly, untranslated = tmp_path / 'partly', tmp_path / 'untranslated'
    for srcdir in (partly, untranslated):
        shutil.copytree(rootdir / 'test-news', srcdir)
    catalog = partly / f'locale/en/LC_MESSAGES/{GAMMA}.po'
    catalog.write_text(catalog.read_text(encoding='utf-8').replace(
        '"Third paragraph of the test note."', '""'), encoding='utf-8')
    (untranslated / f'locale/en/LC_MESSAGES/{GAMMA}.po').unlink()
    items = {}
    for srcdir in (untranslated, partly):  # a removed catalog first: gettext caches them
        app = make_app('html', srcdir=srcdir, confoverrides=options)
        app.build()
        items[srcdir] = gamma_item((app.outdir / 'index.html').read_text(encoding='utf-8'))
    assert 'news-lead' not in items[partly]  # which language would it be in?
    assert '<p class="news-lead"><span lang="ru">' in items[untranslated]

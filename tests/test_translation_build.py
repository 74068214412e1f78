"""Translations in the build: fresh catalogs, refused bad ones, and visible progress."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from helpers import CYRILLIC, build_en, read_page
from helpers import en_catalog as catalog
from newsroom.core import cache as statcache

BETA = 'news/2024/2024-03-02-beta'
GAMMA = 'news/2025/2025-02-10-gamma'


def warnings_of(app) -> list[str]:
    return [line for line in app.warning.getvalue().splitlines()
            if 'WARNING' in line and 'already registered' not in line]


def test_po_edit_reaches_the_page_whatever_the_timestamps(make_app, news_copy: Path) -> None:
    build_en(make_app, news_copy)
    po = catalog(news_copy, BETA)
    po.write_text(po.read_text(encoding='utf-8').replace(
        'Second paragraph of the test note.', 'Second paragraph, revised.'), encoding='utf-8')
    os.utime(po, (946684800, 946684800))  # older than every compiled file (a git checkout)
    app = build_en(make_app, news_copy)
    assert 'Second paragraph, revised.' in read_page(app.outdir / f'{BETA}.html').text()


def test_same_size_po_edit_with_its_old_mtime_reaches_the_page(
    make_app, news_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unchanged catalogs are skipped by stat signature; the ctime still gives an edit away."""
    monkeypatch.setattr(statcache, 'RACY_NS', 0)  # trust signatures of fresh files
    build_en(make_app, news_copy)
    po = catalog(news_copy, BETA)
    stat = po.stat()
    time.sleep(0.02)
    po.write_text(po.read_text(encoding='utf-8').replace(
        'Second paragraph of the test note.', 'Second paragraph of the test NOTE.'),
        encoding='utf-8')
    os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert po.stat().st_size == stat.st_size
    app = build_en(make_app, news_copy)
    assert 'Second paragraph of the test NOTE.' in read_page(app.outdir / f'{BETA}.html').text()


def test_a_po_edit_reaches_the_page_after_a_build_killed_once_it_checked_it(
    make_app, news_copy: Path
) -> None:
    """A build killed after it checked and kept an edited catalog, before it saved what it
    read: the next build still rereads the page (pages note the catalog they were read
    with; the store alone does not decide)."""
    from newsroom.i18n import catalogs, checked

    app = build_en(make_app, news_copy)
    po = catalog(news_copy, BETA)
    po.write_text(po.read_text(encoding='utf-8').replace(
        'Second paragraph of the test note.', 'Second paragraph, killed build.'),
        encoding='utf-8')
    sources = catalogs.source_catalogs([news_copy / 'locale'], 'en')
    _entries, changed, _problems = checked.sync(
        sources, checked.store_path(app.doctreedir, 'en'), 'en')
    assert changed == [f'{BETA}.po']  # what the killed build got to do
    app = build_en(make_app, news_copy)
    assert 'Second paragraph, killed build.' in read_page(app.outdir / f'{BETA}.html').text()


def test_deleted_po_is_not_used_from_a_stale_mo(make_app, news_copy: Path) -> None:
    """A deleted catalog translates nothing: its article is held back in English (its
    page, written by the first build, is gone), and shown in Russian where the site asks
    for untranslated articles to be shown."""
    app = build_en(make_app, news_copy)
    assert (app.outdir / f'{GAMMA}.html').is_file()
    catalog(news_copy, GAMMA).unlink()
    app = build_en(make_app, news_copy)
    assert not (app.outdir / f'{GAMMA}.html').exists()
    app = build_en(make_app, news_copy, newsroom_untranslated='show')
    page = read_page(app.outdir / f'{GAMMA}.html')
    assert 'Test note gamma' not in page.text()
    assert 'not fully translated' in page.text()


def test_sphinx_reads_no_catalog_file_only_the_checked_messages(make_app,
                                                                news_copy: Path) -> None:
    """Sphinx is handed each page's checked messages and reads no catalog file: a ``.po``
    or ``.mo`` left in the build tree (an older build's, newer than anything) is removed
    and never used; the build tree keeps one file of checked messages per language."""
    import polib

    app = build_en(make_app, news_copy)
    compiled = Path(app.doctreedir) / '_locale' / 'en' / 'LC_MESSAGES'
    poisoned = polib.pofile(str(catalog(news_copy, BETA)))
    poisoned.find('Второй абзац тестовой заметки.').msgstr = 'Never checked.'
    (compiled / BETA).parent.mkdir(parents=True, exist_ok=True)
    poisoned.save(str(compiled / f'{BETA}.po'))
    poisoned.save_as_mofile(str(compiled / f'{BETA}.mo'))
    for planted in (compiled / f'{BETA}.po', compiled / f'{BETA}.mo'):
        os.utime(planted, (4102444800, 4102444800))  # 2100: newer than everything
    app = build_en(make_app, news_copy)
    page = read_page(app.outdir / f'{BETA}.html').text()
    assert 'Second paragraph of the test note.' in page
    assert 'Never checked' not in page
    kept = sorted(path.relative_to(app.doctreedir).as_posix()
                  for path in (Path(app.doctreedir) / '_locale').rglob('*') if path.is_file())
    assert kept == ['_locale/en/catalogs.pickle', '_locale/states-en.json'] or kept == [
        '_locale/en/catalogs.pickle'], kept


def test_a_broken_catalog_holds_back_only_its_own_page(make_app, news_copy: Path) -> None:
    """A catalog that fails its checks is refused whole and stops nothing: the build
    succeeds, names the catalog's line, and holds back that article alone in English (the
    page an earlier build wrote goes too); the other articles stay published."""
    app = build_en(make_app, news_copy)
    assert (app.outdir / f'{BETA}.html').is_file()
    po = catalog(news_copy, BETA)
    po.write_text(po.read_text(encoding='utf-8').replace(
        '"Second paragraph of the test note."', '"Second paragraph, cut off'), encoding='utf-8')
    app = build_en(make_app, news_copy)
    assert not warnings_of(app)
    assert f'{po}:13: catalog refused: unterminated or malformed string' in app.status.getvalue()
    assert not (app.outdir / f'{BETA}.html').exists()
    assert 'Test note gamma' in read_page(app.outdir / f'{GAMMA}.html').text()
    assert 'Test note beta' not in read_page(app.outdir / 'news/index.html').text()


@pytest.mark.parametrize(('msgstr', 'unwanted'), [
    ('Test note beta<script>alert(1)</script>', '<script>alert(1)'),
    ('Test <img src=x onerror=alert(1)> beta', '<img src=x'),
])
def test_unsafe_title_translation_is_refused(make_app, news_copy: Path, msgstr: str,
                                              unwanted: str) -> None:
    po = catalog(news_copy, BETA)
    po.write_text(po.read_text(encoding='utf-8').replace(
        '"Test note beta"', f'"{msgstr}"'), encoding='utf-8')
    app = build_en(make_app, news_copy)
    assert any(f'{po}:' in line and 'catalog refused' in line and 'adds raw HTML' in line
               for line in app.status.getvalue().splitlines())
    assert not (app.outdir / f'{BETA}.html').exists()
    for path in app.outdir.rglob('*.html'):
        assert unwanted not in path.read_text(encoding='utf-8'), path
    for path in (app.outdir / '_static' / 'newsroom-search').rglob('*.json'):
        assert unwanted not in path.read_text(encoding='utf-8'), path


def test_raw_html_from_a_translation_is_escaped_even_without_the_checks(
    make_app, news_copy: Path
) -> None:
    po = catalog(news_copy, BETA)
    po.write_text(po.read_text(encoding='utf-8').replace(
        '"Test note beta"', '"Test note beta<script>alert(1)</script>"'), encoding='utf-8')
    app = build_en(make_app, news_copy, newsroom_check_catalogs=False)
    assert any('raw HTML in a translation was escaped' in line for line in warnings_of(app))
    for path in app.outdir.rglob('*.html'):
        assert '<script>alert(1)' not in path.read_text(encoding='utf-8'), path
    page = read_page(app.outdir / f'{BETA}.html')
    assert 'Test note beta<script>alert(1)</script>' in page.text()  # shown as text


def test_partly_translated_article_says_so_everywhere(make_app, news_copy: Path) -> None:
    po = catalog(news_copy, GAMMA)
    po.write_text(po.read_text(encoding='utf-8').replace(
        '"Third paragraph of the test note."', '""'), encoding='utf-8')
    app = build_en(make_app, news_copy, newsroom_untranslated='show')
    out = app.outdir
    gamma = (out / f'{GAMMA}.html').read_text(encoding='utf-8')
    assert 'This page is not fully translated yet: 50% is translated' in gamma
    assert 'href="../../../ru/news/2025/2025-02-10-gamma.html" hreflang="ru">Read the ' \
        'original (Russian)</a>' in gamma
    index = (out / 'index.html').read_text(encoding='utf-8')
    assert 'Test note gamma</a> <span class="news-untranslated">(50% translated)</span>' in index
    status = read_page(out / 'status.html').text()
    assert 'Test note gamma 50% 1 of 2' in status
    assert 'Test note beta 100% 2 of 2' in status
    # every English page with Russian text outside lang="ru" carries the notice
    for path in out.rglob('*.html'):
        page = read_page(path)
        outside = ' '.join(page.text(lang) for lang in page.text_by_lang if lang != 'ru')
        if CYRILLIC.search(outside):
            assert 'not fully translated' in outside, path


def test_untranslated_titles_are_marked_in_lists_and_links(make_app, news_copy: Path) -> None:
    catalog(news_copy, GAMMA).unlink()
    app = build_en(make_app, news_copy, newsroom_untranslated='show')
    index = (app.outdir / 'index.html').read_text(encoding='utf-8')
    assert '<span lang="ru">Тестовая заметка гамма</span></a> ' \
        '<span class="news-untranslated">(not translated yet)</span>' in index
    beta = (app.outdir / f'{BETA}.html').read_text(encoding='utf-8')
    assert '<span lang="ru">Тестовая заметка гамма</span> (not translated yet)' in beta
    year = (app.outdir / 'news/2025/index.html').read_text(encoding='utf-8')
    assert '<span lang="ru">Тестовая заметка гамма</span>' in year
    status = read_page(app.outdir / 'status.html').text()
    assert 'Тестовая заметка гамма 0% 0 of 2' in status


def test_russian_status_page_counts_the_english_catalogs(make_app, news_copy: Path) -> None:
    po = catalog(news_copy, BETA)
    po.write_text(po.read_text(encoding='utf-8').replace(
        'msgid "Второй абзац', '#, fuzzy\nmsgid "Второй абзац'), encoding='utf-8')
    app = make_app('html', srcdir=news_copy)
    app.build()
    page = read_page(app.outdir / 'status.html')
    assert page.html_lang == 'ru'
    assert 'Тестовая заметка бета 50% 1 из 2, 1 на проверку' in page.text()
    assert '<progress value="1" max="2"' in (app.outdir / 'status.html').read_text()


@pytest.mark.parametrize('msgstr', ['   ', '- Second paragraph, - they said.'])
def test_a_translation_the_build_ignores_counts_as_untranslated_everywhere(
        make_app, news_copy: Path, msgstr: str) -> None:
    po = catalog(news_copy, BETA)
    po.write_text(po.read_text(encoding='utf-8').replace(
        '"Second paragraph of the test note."', f'"{msgstr}"'), encoding='utf-8')
    russian = make_app('html', srcdir=news_copy)  # first: builds share gettext's caches
    russian.build()
    status = read_page(russian.outdir / 'status.html').text()
    english = build_en(make_app, news_copy)
    assert not (english.outdir / f'{BETA}.html').exists()  # held back, as untranslated
    english = build_en(make_app, news_copy, newsroom_untranslated='show')
    page = read_page(english.outdir / f'{BETA}.html')
    assert 'Второй абзац тестовой заметки.' in page.text()  # the build shows the original
    assert '50%' in page.text()  # and the page says it is half translated
    assert 'Тестовая заметка бета 50% 1 из 2' in status


def test_msgstr_edit_rewrites_only_the_pages_that_show_it(make_app, news_copy: Path) -> None:
    """The edited paragraph is the article's first: its page, and the lists showing it as
    the article's lead."""
    app = build_en(make_app, news_copy)
    before = {p: p.stat().st_mtime_ns for p in app.outdir.rglob('*.html')}
    po = catalog(news_copy, BETA)
    po.write_text(po.read_text(encoding='utf-8').replace(
        'Second paragraph of the test note.', 'Second paragraph, revised.'), encoding='utf-8')
    app = build_en(make_app, news_copy)
    after = {p: p.stat().st_mtime_ns for p in app.outdir.rglob('*.html')}
    assert after.keys() == before.keys()
    rewritten = {str(p.relative_to(app.outdir)) for p in after if after[p] != before[p]}
    assert rewritten == {f'{BETA}.html', 'index.html', 'news/index.html', 'news/2024/index.html'}


# -- Second line of defence: a translation cannot reach files outside the sources ----------

SECRET = 'top-secret-host-file'
PARAGRAPH = '"Второй абзац тестовой заметки."'


@pytest.fixture
def host_file(tmp_path: Path) -> Path:
    """A file outside the source tree, standing for /etc/passwd."""
    path = tmp_path / 'host' / 'secret.txt'
    path.parent.mkdir()
    path.write_text(SECRET, encoding='utf-8')
    return path


@pytest.mark.parametrize('attack', [
    '[a]: /x\\r~~~{{include}} {path}\\r~~~',
    '[a]: /x\\r\\n```{{include}} {path}\\r\\n```',
    '[a]: /x\\n```{{literalinclude}} {path}\\n```',
    '![The port]({path} \'x\')',
    'Get {{download}}`{path}`.',
    '{{download}}`get <{path}>`',
])
def test_no_file_outside_the_sources_reaches_the_site_even_without_the_checks(
        make_app, news_copy: Path, host_file: Path, attack: str) -> None:
    po = catalog(news_copy, BETA)
    page_dir = news_copy / 'news' / '2024'
    relative = os.path.relpath(host_file, page_dir)
    msgstr = attack.format(path=relative)
    po.write_text(po.read_text(encoding='utf-8').split('msgid ' + PARAGRAPH)[0]
                  + f'msgid {PARAGRAPH}\nmsgstr "{msgstr}"\n', encoding='utf-8')
    app = build_en(make_app, news_copy, newsroom_check_catalogs=False)
    for path in app.outdir.rglob('*'):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert not list(app.outdir.rglob('secret*')), list(app.outdir.rglob('secret*'))
    assert warnings_of(app), 'the refusal is reported'


def test_a_warning_about_a_translation_names_the_catalog_line_and_msgid(
        make_app, news_copy: Path, host_file: Path) -> None:
    po = catalog(news_copy, BETA)
    relative = os.path.relpath(host_file, news_copy / 'news' / '2024')
    head = po.read_text(encoding='utf-8').split('msgid ' + PARAGRAPH)[0]
    po.write_text(f'{head}#: ../../news/2024/2024-03-02-beta.md:7\nmsgid {PARAGRAPH}\n'
                  f'msgstr "[a]: /x\\r~~~{{include}} {relative}\\r~~~"\n', encoding='utf-8')
    line = po.read_text(encoding='utf-8').splitlines().index(
        '#: ../../news/2024/2024-03-02-beta.md:7') + 1  # where the entry starts
    app = build_en(make_app, news_copy, newsroom_check_catalogs=False)
    ours = [w for w in warnings_of(app) if 'Directive "include" disabled' in w]
    assert ours and all(f'{po}:{line}: WARNING: ' in w for w in ours), warnings_of(app)
    assert all("(msgid 'Второй абзац тестовой заметки.') [docutils]" in w for w in ours)
    assert not any('<translated>' in w for w in warnings_of(app))


ATTACK_FILES = sorted(path.name for path in (Path(__file__).parent / 'data' / 'po').glob(
    'attack-*.po'))


@pytest.mark.parametrize('name', ATTACK_FILES)
def test_every_refused_markup_class_holds_back_only_its_page(
        make_app, news_copy: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A translator's attack takes the path of a broken catalog: refused, reported (the build
    names it and succeeds; check-po fails), never published; the other pages are."""
    from newsroom.cli import main as newsroom_main

    attack = (Path(__file__).parent / 'data' / 'po' / name).read_text(encoding='utf-8')
    entry = attack[attack.index('\nmsgid "', attack.index('msgstr ""')):]
    po = catalog(news_copy, BETA)
    po.write_text(po.read_text(encoding='utf-8') + entry, encoding='utf-8')
    app = build_en(make_app, news_copy)
    assert not warnings_of(app)
    assert f'{po}:' in app.status.getvalue() and 'catalog refused' in app.status.getvalue()
    assert not (app.outdir / f'{BETA}.html').exists()
    assert 'Test note gamma' in read_page(app.outdir / f'{GAMMA}.html').text()
    assert newsroom_main(['check-po', '--locale-dir', str(news_copy / 'locale'), 'en']) == 1
    assert f'{po}:' in capsys.readouterr().err


def correct(srcdir: Path, docname: str, old: str, new: str) -> None:
    """An editor's correction of the Russian original, without ``make update-po``."""
    source = srcdir / f'{docname}.md'
    text = source.read_text(encoding='utf-8')
    assert old in text
    source.write_text(text.replace(old, new), encoding='utf-8')


def test_a_correction_without_update_po_keeps_the_translation_published(
        make_app, news_copy: Path) -> None:
    """The Russian text changed and `make update-po` was not run: the English article stays
    published with the former translation of the corrected sentence, under revision (as
    after update-po), never with the Russian one; the Russian build links to it."""
    from newsroom.core.domain import news

    correct(news_copy, BETA, 'Второй абзац тестовой заметки.',
            'Второй абзац тестовой заметки, исправленный.')
    app = build_en(make_app, news_copy)
    assert not warnings_of(app)
    assert news(app.env).kept_for_build('hold-reasons') == {}
    page = read_page(app.outdir / f'{BETA}.html')
    assert 'Second paragraph of the test note.' in page.text()
    assert 'The original of this article was updated; this translation is being revised.' \
        in page.text()
    assert not CYRILLIC.search(' '.join(page.text(lang) for lang in page.text_by_lang
                                        if lang != 'ru'))
    assert 'Test note beta' in (app.outdir / 'index.html').read_text(encoding='utf-8')
    russian = make_app('html', srcdir=news_copy, confoverrides={'language': 'ru'})
    russian.build()
    assert 'href="../../../en/news/2024/2024-03-02-beta.html" hreflang="en"' in (
        russian.outdir / f'{BETA}.html').read_text(encoding='utf-8')


def test_a_paragraph_added_without_update_po_is_left_out(make_app, news_copy: Path) -> None:
    """A new paragraph and a corrected one: the corrected shows its former translation; the
    new one, which nothing translates yet, is left out, never shown in Russian."""
    correct(news_copy, BETA, 'Второй абзац тестовой заметки.',
            'Второй абзац тестовой заметки, уточнённый.\n\nСовсем новый абзац о портах.')
    app = build_en(make_app, news_copy)
    page = read_page(app.outdir / f'{BETA}.html')
    assert 'Second paragraph of the test note.' in page.text()
    assert 'портах' not in page.text() and 'being revised' in page.text()


def test_a_rewritten_title_without_update_po_says_what_to_run(make_app, news_copy: Path) -> None:
    """A new headline has no translation to show: the article is held back, and the
    reason says what to run."""
    from newsroom.core.domain import news

    correct(news_copy, BETA, '# Тестовая заметка бета', '# Заметка бета, новый заголовок')
    correct(news_copy, BETA, 'Второй абзац тестовой заметки.', 'Совсем другой текст.')
    app = build_en(make_app, news_copy)
    assert not (app.outdir / f'{BETA}.html').exists()
    reasons = news(app.env).kept_for_build('hold-reasons')
    assert reasons == {BETA: 'the original changed since its catalog was updated → '
                             'make update-po'}


def test_a_catalog_made_for_part_of_a_page_is_not_a_correction(
        make_app, news_copy: Path) -> None:
    """A catalog that translates only the headline (every entry it has is on the page)
    shows no sign of a changed original: the article stays held back as untranslated."""
    from newsroom.core.domain import news

    po = catalog(news_copy, BETA)
    text = po.read_text(encoding='utf-8')
    po.write_text(text[:text.index('msgid "Второй')], encoding='utf-8')
    app = build_en(make_app, news_copy)
    assert not (app.outdir / f'{BETA}.html').exists()
    assert news(app.env).kept_for_build('hold-reasons')[BETA].startswith('untranslated')


def test_an_article_with_images_counts_what_gettext_extracts(
        make_app, news_copy: Path, tmp_path: Path) -> None:
    """A block image and an inline one: the status page counts the same messages as the
    template (their alt texts are messages of their own)."""
    import polib
    from PIL import Image

    Image.new('RGB', (10, 10)).save(news_copy / 'news' / '2024' / 'port.png')
    source = news_copy / f'{BETA}.md'
    source.write_text(source.read_text(encoding='utf-8') + '\n![Порт Туркменбаши](port.png)\n'
                      '\nТекст с картинкой ![Вид порта](port.png) внутри.\n', encoding='utf-8')
    html = tmp_path / 'html-copy'
    shutil.copytree(news_copy, html)
    gettext = make_app('gettext', srcdir=news_copy)
    gettext.build()
    extracted = [e.msgid for e in polib.pofile(str(gettext.outdir / f'{BETA}.pot'))]
    assert 'Вид порта' in extracted and 'Порт Туркменбаши' in extracted
    app = make_app('html', srcdir=html, confoverrides={'language': 'ru'})
    app.build()
    status = read_page(app.outdir / 'status.html').text()
    assert f'Тестовая заметка бета 33% 2 из {len(extracted)}' in status


@pytest.mark.parametrize('changed', [
    '[порта](https://example.org/new)',  # another address
    '[порта](HTTPS://EXAMPLE.ORG/port)',  # the same, in other letter case
    '[порта](https://example.org/port?from=ru)',  # a query added
    'порта <https://example.org/new>',  # an autolink instead
    '<a href="https://example.org/port">порта</a>',  # raw HTML for the link
])
def test_a_correction_that_changes_a_link_never_shows_the_former_one(
        make_app, news_copy: Path, changed: str) -> None:
    """The former translation of a corrected paragraph is shown only with the new
    original's markup: a changed link leaves the paragraph out, never the old link."""
    original = 'Второй абзац [порта](https://example.org/port) тестовой заметки.'
    source = news_copy / f'{BETA}.md'
    source.write_text(source.read_text(encoding='utf-8').replace(
        'Второй абзац тестовой заметки.', original), encoding='utf-8')
    po = catalog(news_copy, BETA)
    po.write_text(po.read_text(encoding='utf-8').replace(
        'msgid "Второй абзац тестовой заметки."\nmsgstr "Second paragraph of the test note."',
        f'msgid "{original}"\nmsgstr "Second paragraph of the [port](https://example.org/port)'
        f' test note."'), encoding='utf-8')
    correct(news_copy, BETA, original, original.replace(
        '[порта](https://example.org/port)', changed))
    app = build_en(make_app, news_copy)
    html = (app.outdir / f'{BETA}.html').read_text(encoding='utf-8')
    assert 'being revised' in html and 'Test note beta' in html
    assert 'Second paragraph' not in html and 'example.org/port"' not in html
    assert not CYRILLIC.search(' '.join(read_page(app.outdir / f'{BETA}.html').text(lang)
                                        for lang in ('en',)))

"""The newsroom extensions on tiny Sphinx projects (tests/roots/test-*)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from helpers import CYRILLIC, read_page

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

ARTICLES = {
    'alpha': 'news/2024/2024-01-15-alpha',
    'beta': 'news/2024/2024-03-02-beta',
    'gamma': 'news/2025/2025-02-10-gamma',
}


def titles_in(path: Path) -> list[str]:
    """Titles of the article links on a page, in page order."""
    return [link['href'].rsplit('/', 1)[-1].removesuffix('.html').split('-')[-1]
            for link in read_page(path).links if 'news-title' in link.get('class', '')]


@pytest.mark.sphinx('html', testroot='news')
def test_lists_are_newest_first_and_grouped_by_year(app: SphinxTestApp) -> None:
    app.build()
    out = app.outdir
    assert titles_in(out / 'index.html') == ['gamma', 'beta']  # :limit: 2
    assert titles_in(out / 'news/index.html') == ['gamma', 'beta', 'alpha']
    assert titles_in(out / 'news/2024/index.html') == ['beta', 'alpha']
    assert titles_in(out / 'news/2025/index.html') == ['gamma']
    news = read_page(out / 'news/index.html')
    year_links = [a['href'] for a in news.links if a['in-article']
                  and a['href'].endswith('/index.html') and a['href'][:4].isdigit()]
    assert year_links == ['2025/index.html', '2024/index.html']
    assert '10 февраля 2025' in news.text()
    assert 'Новости 2024 года' in read_page(out / 'news/2024/index.html').text()


@pytest.mark.sphinx('html', testroot='news')
def test_prev_next_follow_dates(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / f'{ARTICLES["beta"]}.html').read_text(encoding='utf-8')
    assert 'class="prev-page" href="2024-01-15-alpha.html"' in html
    assert 'class="next-page" href="../2025/2025-02-10-gamma.html"' in html
    assert '<time datetime="2024-03-02">2 марта 2024</time>' in html
    oldest = (app.outdir / f'{ARTICLES["alpha"]}.html').read_text(encoding='utf-8')
    assert 'class="prev-page"' not in oldest


@pytest.mark.sphinx('html', testroot='news', srcdir='news-en',
                    confoverrides={'language': 'en'})
def test_english_build_is_translated(app: SphinxTestApp) -> None:
    app.build()
    page = read_page(app.outdir / f'{ARTICLES["beta"]}.html')
    assert page.html_lang == 'en'
    assert 'Test note beta' in page.text()
    assert '2 March 2024' in page.text()
    body = page.text('')  # text not marked with another language: the page's own (English)
    assert 'Second paragraph of the test note.' in body
    assert not CYRILLIC.search(body), body
    index = read_page(app.outdir / 'index.html')
    assert 'Test note gamma' in index.text()
    assert not any('\u0400' <= ch <= '\u04ff' for ch in index.text(''))


@pytest.mark.sphinx('html', testroot='news',
                    confoverrides={'html_baseurl': 'https://news.example.org/'})
def test_switcher_and_hreflang_point_to_the_same_page(app: SphinxTestApp) -> None:
    app.build()
    page = read_page(app.outdir / f'{ARTICLES["gamma"]}.html')
    alternates = {link['hreflang']: link['href'] for link in page.head_links
                  if link.get('rel') == 'alternate' and link.get('hreflang')}
    path = '{}/news/2025/2025-02-10-gamma.html'
    assert alternates == {code: 'https://news.example.org/' + path.format(code)
                          for code in ('ru', 'en')}
    switch = [a for a in page.links if a.get('hreflang')]
    assert [(a['hreflang'], a['href']) for a in switch] == [
        ('en', '../../../' + path.format('en'))]
    assert page.html_lang == 'ru'


@pytest.mark.sphinx('html', testroot='news')
def test_no_hreflang_without_a_base_url(app: SphinxTestApp) -> None:
    """Relative alternates are rejected by search engines: none until the site has an
    address, as for canonical links; the switcher still links every language."""
    app.build()
    page = read_page(app.outdir / f'{ARTICLES["gamma"]}.html')
    assert not [link for link in page.head_links if link.get('hreflang')]
    assert [a['hreflang'] for a in page.links if a.get('hreflang')] == ['en']


@pytest.mark.sphinx('html', testroot='news',
                    confoverrides={'newsroom_languages': ['ru', 'en', 'tk'],
                                   'html_baseurl': 'https://news.example.org/'})
def test_a_third_language_is_one_setting(app: SphinxTestApp) -> None:
    app.build()
    page = read_page(app.outdir / 'index.html')
    assert [a['hreflang'] for a in page.links if a.get('hreflang')] == ['en', 'tk']
    assert {link['hreflang'] for link in page.head_links if link.get('hreflang')} == {
        'ru', 'en', 'tk'}


@pytest.mark.sphinx('html', testroot='news', confoverrides={'newsroom_languages': ['en']})
def test_language_missing_from_the_list_is_a_config_error(make_app, app_params) -> None:
    from sphinx.errors import ConfigError

    args, kwargs = app_params
    with pytest.raises(ConfigError, match="'ru' is not in newsroom_languages"):
        make_app(*args, **kwargs)


@pytest.mark.sphinx('html', testroot='bad-dates')
def test_bad_dates_are_reported_with_file_and_line(app: SphinxTestApp) -> None:
    app.build()
    warnings = app.warning.getvalue()
    assert 'news/2025/2025-01-01-missing.md:1: WARNING: news article has no "date"' in warnings
    assert "news/2025/2025-01-02-invalid.md:3: WARNING: front-matter date '2025-13-45' is not " \
        'a valid date' in warnings
    assert 'news/2025/2025-01-03-mismatch.md:2: WARNING: front-matter date 2025-01-04 ' \
        "contradicts the file name '2025-01-03-mismatch'" in warnings
    assert warnings.count('[newsroom.date]') == 3
    assert titles_in(app.outdir / 'index.html') == ['valid']


def test_news_of_one_day_follow_their_order(make_app, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    for name, order in (('late', '2'), ('early', '1'), ('oops', 'soon')):
        (srcdir / 'news/2025' / f'2025-02-10-{name}.md').write_text(
            f'---\ndate: 2025-02-10\norder: {order}\n---\n\n# {name}\n\nТекст.\n',
            encoding='utf-8')
    app = make_app('html', srcdir=srcdir)
    app.build()
    assert titles_in(app.outdir / 'news/index.html')[:4] == ['late', 'early', 'oops', 'gamma']
    warnings = app.warning.getvalue()
    assert 'news/2025/2025-02-10-oops.md:3: WARNING: "order" must be a whole number' in warnings
    assert warnings.count('[newsroom.order]') == 1


def add_articles(srcdir: Path, count: int) -> None:
    """Write *count* extra articles dated after every fixture article, in 2025."""
    for n in range(count):
        day = f'2025-{3 + n // 28:02d}-{1 + n % 28:02d}'
        (srcdir / 'news/2025' / f'{day}-extra{n:04d}.md').write_text(
            f'---\ndate: {day}\n---\n\n# Дополнительная заметка {n:04d}\n\nТекст.\n',
            encoding='utf-8')


def test_sidebar_stays_the_same_size_as_the_archive_grows(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    sizes = {}
    for count in (5, 250):
        srcdir = tmp_path / f'n{count}'
        shutil.copytree(rootdir / 'test-news', srcdir)
        add_articles(srcdir, count)
        app = make_app('html', srcdir=srcdir)
        app.build()
        page = app.outdir / f'{ARTICLES["alpha"]}.html'
        sizes[count] = (page.stat().st_size, page.read_text(encoding='utf-8').count('toctree-l'))
    assert sizes[250] == sizes[5]


def html_pages(outdir: Path) -> dict[str, str]:
    return {str(p.relative_to(outdir)): p.read_text(encoding='utf-8')
            for p in sorted(outdir.rglob('*.html'))}


def test_incremental_build_matches_a_clean_build(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    make_app('html', srcdir=srcdir).build()
    # a new newest article, and a retitled old one
    add_articles(srcdir, 1)
    beta = srcdir / f'{ARTICLES["beta"]}.md'
    beta.write_text(beta.read_text(encoding='utf-8').replace('бета', 'бета (уточнено)'),
                    encoding='utf-8')
    incremental = make_app('html', srcdir=srcdir)
    incremental.build()
    clean_src = tmp_path / 'clean'
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns('_build'))
    clean = make_app('html', srcdir=clean_src)
    clean.build()
    assert titles_in(incremental.outdir / 'index.html') == ['extra0000', 'gamma']
    assert html_pages(incremental.outdir) == html_pages(clean.outdir)


def test_parallel_build_matches_serial_build(make_app, rootdir: Path, tmp_path: Path) -> None:
    outputs = []
    for jobs in (0, 2):
        srcdir = tmp_path / f'j{jobs}'
        shutil.copytree(rootdir / 'test-news', srcdir)
        add_articles(srcdir, 12)
        app = make_app('html', srcdir=srcdir, parallel=jobs)
        app.build()
        ours = [line for line in app.warning.getvalue().splitlines()
                if 'WARNING' in line and 'already registered' not in line]
        assert ours == []
        outputs.append(html_pages(app.outdir))
    assert outputs[0] == outputs[1]


@pytest.mark.sphinx('html', testroot='news', srcdir='news-limited')
def test_a_limited_archive_links_every_year(app: SphinxTestApp) -> None:
    news = app.srcdir / 'news' / 'index.md'
    news.write_text(news.read_text(encoding='utf-8').replace(
        ':group-by-year:', ':group-by-year:\n:limit: 1'), encoding='utf-8')
    app.build()
    page = read_page(app.outdir / 'news/index.html')
    assert titles_in(app.outdir / 'news/index.html') == ['gamma']
    assert 'Все новости по годам:' in page.text()
    assert [a['href'] for a in page.links if a['in-article']][-2:] == [
        '2025/index.html', '2024/index.html']


def test_a_long_year_shows_its_latest_news_then_months(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    for day in ('2025-03-01', '2025-03-20', '2025-04-02', '2025-05-30'):
        (srcdir / 'news/2025' / f'{day}-m{day[5:7]}{day[8:]}.md').write_text(
            f'---\ndate: {day}\n---\n\n# Заметка {day}\n\nТекст.\n', encoding='utf-8')
    app = make_app('html', srcdir=srcdir, confoverrides={'newsroom_archive_limit': 3})
    app.build()
    out = app.outdir / 'news/2025'
    everything = ['m0530', 'm0402', 'm0320', 'm0301', 'gamma']
    assert titles_in(out / 'index.html') == everything[:3]
    year = read_page(out / 'index.html')
    headings = re.findall(r'<h2 class="news-group"><a [^>]*>([^<]*)</a></h2>',
                          (out / 'index.html').read_text(encoding='utf-8'))
    assert headings == ['Май', 'Апрель', 'Март']
    month_links = [a['href'] for a in year.links if re.fullmatch(r'\d\d\.html', a['href'])]
    assert sorted(set(month_links)) == ['02.html', '03.html', '04.html', '05.html']
    months = [titles_in(out / f'{month:02d}.html') for month in (5, 4, 3, 2)]
    assert [title for month in months for title in month] == everything
    march = read_page(out / '03.html')
    assert 'Новости за март 2025' in march.text()
    assert 'Все новости 2025 года по месяцам:' in march.text()
    assert {'index.html', '04.html'} <= {a['href'] for a in march.links}
    assert not (app.outdir / 'news/2024/01.html').exists()  # a short year stays one page
    assert titles_in(app.outdir / 'news/2024/index.html') == ['beta', 'alpha']


def test_an_unchanged_configuration_is_not_reported_as_changed(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    overrides = {'html_css_files': ['extra.css'], 'html_js_files': ['extra.js']}
    make_app('html', srcdir=srcdir, confoverrides=overrides).build()
    app = make_app('html', srcdir=srcdir, confoverrides=overrides)
    app.build()
    assert 'configuration has changed' not in app.status.getvalue()
    assert 'extra.css' in (app.outdir / 'index.html').read_text(encoding='utf-8')


@pytest.mark.parametrize('quick', [True, False])
def test_the_command_line_build_ends_without_freeing_it_object_by_object(
    rootdir: Path, tmp_path: Path, quick: bool
) -> None:
    """quickexit.py freezes the build's objects for the process's end (sphinx-build alone)."""
    import os
    import subprocess
    import sys

    shutil.copytree(rootdir / 'test-news', tmp_path / 'src')
    code = ('import gc, sys; from sphinx.cmd.build import main; rc = main(sys.argv[1:]); '
            'print("enabled", gc.isenabled(), "frozen", gc.get_freeze_count()); sys.exit(rc)')
    environ = dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent))
    for build in ('clean', 'incremental'):  # the second loads the first's environment
        (tmp_path / 'src' / 'index.md').touch()
        result = subprocess.run(
            [sys.executable, '-c', code, '-b', 'html', '-q',
             *([] if quick else ['-D', 'newsroom_quick_exit=0']),
             str(tmp_path / 'src'), str(tmp_path / 'out')],
            capture_output=True, text=True, env=environ, timeout=300, check=False)
        assert result.returncode == 0, result.stderr
        frozen = int(result.stdout.split('frozen ')[-1])
        assert (frozen > 10_000) is quick, (build, frozen)
        # paused only while the environment is loaded: the build itself is collected
        assert 'enabled True' in result.stdout, (build, result.stdout)


@pytest.mark.sphinx('html', testroot='news')
def test_a_test_harness_build_is_left_to_the_collector(app: SphinxTestApp) -> None:
    import gc

    app.build()
    assert gc.get_freeze_count() == 0

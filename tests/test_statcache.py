"""Results kept between builds by stat signature: reused only while a file is unwritten."""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import TYPE_CHECKING

import pytest

from newsroom.core import cache as statcache
from newsroom.core.cache import StatCache
from newsroom.core.site import Site
from newsroom.news.drafts import held_sources

if TYPE_CHECKING:
    from pathlib import Path

TODAY = dt.date(2026, 1, 1)


@pytest.fixture
def trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust signatures of files written a moment ago (normally they are reread)."""
    monkeypatch.setattr(statcache, 'RACY_NS', 0)


def rewrite_keeping_mtime(path: Path, text: str) -> None:
    """Write *text* (same length) and put the old mtime back, as ``cp -p`` or git can."""
    stat = path.stat()
    time.sleep(0.02)  # past the filesystem's timestamp tick
    path.write_text(text, encoding='utf-8')
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns


def test_a_value_survives_until_the_file_is_written(tmp_path: Path, trusted: None) -> None:
    source = tmp_path / 'a.po'
    source.write_text('first', encoding='utf-8')
    cache = StatCache(tmp_path / 'cache.json')
    cache.put('a', source.stat(), 'value')
    cache.save()
    assert StatCache(tmp_path / 'cache.json').get('a', source.stat()) == 'value'
    rewrite_keeping_mtime(source, 'other')
    assert StatCache(tmp_path / 'cache.json').get('a', source.stat()) is None


def test_a_file_written_just_now_is_not_trusted(tmp_path: Path) -> None:
    source = tmp_path / 'a.po'
    source.write_text('first', encoding='utf-8')
    cache = StatCache(tmp_path / 'cache.json')
    cache.put('a', source.stat(), 'value')
    assert cache.get('a', source.stat()) is None


def test_replace_gives_the_value_kept_while_the_file_holds_and_keeps_the_new_one(
    tmp_path: Path, trusted: None
) -> None:
    """Publication's look-up per file: what was kept for it (the tree it was published in),
    and the new value kept in its place, with one signature."""
    source = tmp_path / 'page.html'
    source.write_text('first', encoding='utf-8')
    cache = StatCache(tmp_path / 'cache.json')
    assert cache.replace('page', source.stat(), 'tree-1') is None
    assert cache.replace('page', source.stat(), 'tree-2') == 'tree-1'
    cache.save()
    kept = StatCache(tmp_path / 'cache.json')
    assert kept.get('page', source.stat()) == 'tree-2'
    rewrite_keeping_mtime(source, 'other')
    assert kept.replace('page', source.stat(), 'tree-3') is None
    assert kept.get('page', source.stat()) == 'tree-3'


def test_replace_keeps_nothing_for_a_file_written_just_now(tmp_path: Path) -> None:
    source = tmp_path / 'page.html'
    source.write_text('first', encoding='utf-8')
    cache = StatCache(tmp_path / 'cache.json')
    cache.entries['page'] = [statcache.signature(source.stat(), trust_recent=True), 'tree-1']
    assert cache.replace('page', source.stat(), 'tree-2') is None
    assert 'page' not in cache.entries


def article(path: Path, draft: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'---\ndate: 2025-01-01\ndraft: {draft}\n---\n\n# Заметка\n',
                    encoding='utf-8')


def scan(srcdir: Path, cache_path: Path) -> list[str]:
    return held_sources(srcdir, Site(('ru',)), ['.md'], TODAY, StatCache(cache_path, 'drafts'))


def test_drafts_are_found_again_after_a_same_size_edit(tmp_path: Path, trusted: None) -> None:
    srcdir = tmp_path / 'src'
    one, two = srcdir / 'news/2025/2025-01-01-one.md', srcdir / 'news/2025/2025-01-01-two.md'
    article(one, 'true ')
    article(two, 'false')
    cache_path = tmp_path / 'cache.json'
    assert scan(srcdir, cache_path) == [
        'news/2025/2025-01-01-one.md']
    assert len(StatCache(cache_path, 'drafts').entries) == 2
    rewrite_keeping_mtime(two, two.read_text(encoding='utf-8').replace('false', 'yes  '))
    assert scan(srcdir, cache_path) == [
        'news/2025/2025-01-01-one.md', 'news/2025/2025-01-01-two.md']
    one.unlink()
    assert scan(srcdir, cache_path) == [
        'news/2025/2025-01-01-two.md']
    assert list(StatCache(cache_path, 'drafts').entries) == ['news/2025/2025-01-01-two.md']


def test_a_cache_of_another_kind_or_format_is_ignored(tmp_path: Path, trusted: None) -> None:
    source = tmp_path / 'a.po'
    source.write_text('text', encoding='utf-8')
    cache = StatCache(tmp_path / 'cache.json', 'drafts')
    cache.put('a', source.stat(), ['true', '2025-01-01'])
    cache.save()
    assert StatCache(tmp_path / 'cache.json', 'drafts').get('a', source.stat())
    assert StatCache(tmp_path / 'cache.json', 'states').get('a', source.stat()) is None
    (tmp_path / 'old.json').write_text('{"a": [[1, 2, 3, 4], {"draft": false}]}')
    assert StatCache(tmp_path / 'old.json', 'drafts').entries == {}


def build_language(srcdir: Path, builddir: Path, language: str) -> None:
    """A build of *language* as ``make html`` lays it out: its doctrees in
    ``<builddir>/doctrees/<language>``, beside the other languages'."""
    from sphinx import locale  # noqa: PLC0415
    from sphinx.application import Sphinx  # noqa: PLC0415
    from sphinx.util.docutils import docutils_namespace  # noqa: PLC0415

    # docutils_namespace, as sphinx-build does: the nodes, directives and roles a build
    # registers are process-wide, and a later test's build in this worker would warn
    # that they are registered already
    with docutils_namespace():
        app = Sphinx(srcdir, srcdir, builddir / 'work' / language, builddir / 'doctrees' / language,
                     'html', confoverrides={'language': language, 'newsroom_workshop': True},
                     status=None, warning=None)
        try:
            app.build()
        finally:
            locale.translators.clear()  # loaded process-wide: the next language's build loads its own


def test_the_languages_builds_read_each_front_matter_once_and_see_every_change(
    news_copy: Path, tmp_path: Path, trusted: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """make html's builds share what the front matter says of publication: the second
    language reads none of it again, and an article drafted since is held back by both."""
    from newsroom.news import drafts  # noqa: PLC0415

    real, reads = drafts.hold_fields, []
    monkeypatch.setattr(drafts, 'hold_fields',
                        lambda matter: reads.append(matter.raw('draft')) or real(matter))
    builddir = tmp_path / 'build'
    articles = sorted(news_copy.glob('news/*/*.md'))
    build_language(news_copy, builddir, 'ru')
    assert len(reads) >= len(articles) >= 3
    reads.clear()
    build_language(news_copy, builddir, 'en')
    assert reads == [], 'the English build read the front matter again'
    article = articles[-1]
    article.write_text(article.read_text(encoding='utf-8').replace(
        '---\n', '---\ndraft: true\n', 1), encoding='utf-8')
    for language in ('en', 'ru'):
        build_language(news_copy, builddir, language)
        page = builddir / 'work' / language / 'news' / article.parent.name / f'{article.stem}.html'
        assert not page.exists(), f'{language}: a drafted article is published'
    assert reads == ['true'], 'not the drafted article alone, and once'



def test_a_build_without_its_own_doctree_folder_keeps_the_front_matter_out_of_its_pages(
    tmp_path: Path
) -> None:
    from newsroom.news.drafts import shared_folder  # noqa: PLC0415

    out = tmp_path / 'html'
    assert shared_folder(out / '.doctrees', out) == out / '.doctrees' / '_newsroom'
    assert shared_folder(tmp_path / 'doctrees' / 'en', out) == tmp_path / 'doctrees'

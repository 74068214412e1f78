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

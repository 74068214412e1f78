"""Compressed copies: faithful, the same on any number of cores, each source compressed once."""

from __future__ import annotations

import gzip
import hashlib
import os
import random
import shutil
from pathlib import Path

import brotli

from newsroom.publishing.precompress import (
    LEVELS,
    PARALLEL_FROM,
    PENDING,
    Work,
    entry_name,
    level,
    precompress,
    window_bits,
)

WORDS = ('Туркменистан', 'Каспийское', 'море', 'газ', 'порт', 'переговоры', 'Ashgabat',
         'delegation', 'cooperation', 'transport', '2025', 'соглашение', 'нефть', 'Geneva')
DECODE = {'.gz': gzip.decompress, '.br': brotli.decompress}


def text(seed: int, words: int) -> str:
    rng = random.Random(seed)
    return ' '.join(rng.choice(WORDS) for _ in range(words))


def site(root: Path, *, pages: int = 6, words: int = 400) -> Path:
    """A small tree with a file of every kind publication compresses, and some it does not."""
    for number in range(pages):
        page = root / 'ru' / 'news' / f'{number:03}.html'
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<html><body><p>{text(number, words)}</p></body></html>\n',
                        encoding='utf-8')
    static = root / 'ru' / '_static'
    static.mkdir(parents=True)
    (static / 'style.css').write_text('body { margin: 0; padding: 0 }\n' * 80)
    (static / 'search.js').write_text('function find(word) { return word; }\n' * 80)
    (static / 'shard-01.json').write_text('{"words": ["' + '", "'.join(WORDS * 30) + '"]}')
    (static / 'tiny.txt').write_text('x')  # no copy is smaller
    (static / 'logo.png').write_bytes(b'\x89PNG' + bytes(5000))  # not text
    (root / 'sitemap.xml').write_text('<urlset>' + '<url><loc>/ru/</loc></url>' * 100 +
                                      '</urlset>')
    return root


def copy(tree: Path, target: Path) -> Path:
    """*tree* as a clean build would write it again: new files, the same bytes, no copies."""
    shutil.copytree(tree, target, ignore=shutil.ignore_patterns('*.gz', '*.br'))
    return target


def linked(tree: Path, target: Path) -> Path:
    """*tree* as publication makes the next one: unchanged files hard-linked, no copies."""
    shutil.copytree(tree, target, ignore=shutil.ignore_patterns('*.gz', '*.br'),
                    copy_function=os.link)
    return target


def compressed(tree: Path) -> dict[str, bytes]:
    return {path.relative_to(tree).as_posix(): path.read_bytes()
            for path in sorted(tree.rglob('*')) if path.suffix in DECODE}


def test_every_copy_decompresses_to_its_source(tmp_path: Path) -> None:
    tree = site(tmp_path / 'tree')
    work = precompress(tree, cache=tmp_path / 'cache')
    copies = compressed(tree)
    sources = [path for path in tree.rglob('*') if path.is_file()
               and path.suffix not in DECODE and path.name not in ('tiny.txt', 'logo.png')]
    assert len(sources) == 10
    assert len(copies) == 2 * len(sources)
    for name, packed in copies.items():
        source = tree / name[:-3]
        assert DECODE[name[-3:]](packed) == source.read_bytes(), name
        assert len(packed) < source.stat().st_size, name
    assert not list(tree.rglob('tiny.txt.*')) and not list(tree.rglob('logo.png.*'))
    assert work == Work(compressed=2 * len(sources) + 2, skipped=2)  # tiny.txt tried


def test_each_kind_of_file_gets_its_levels(tmp_path: Path) -> None:
    tree = site(tmp_path / 'tree', pages=1)
    precompress(tree, cache=tmp_path / 'cache')
    for name in ('ru/news/000.html', 'ru/_static/style.css', 'ru/_static/search.js',
                 'ru/_static/shard-01.json', 'sitemap.xml'):
        data = (tree / name).read_bytes()
        assert (tree / f'{name}.gz').read_bytes() == gzip.compress(
            data, compresslevel=level(name, '.gz'), mtime=0)
        assert (tree / f'{name}.br').read_bytes() == brotli.compress(
            data, quality=level(name, '.br'), lgwin=window_bits(len(data)))
    assert level('a.html', '.br') == LEVELS['html'][1] < 11  # not the slowest quality


def test_parallel_output_is_the_serial_output_byte_for_byte(tmp_path: Path) -> None:
    serial = site(tmp_path / 'serial', pages=60, words=2000)
    assert sum(path.stat().st_size for path in serial.rglob('*')) > 2 * PARALLEL_FROM
    parallel = copy(serial, tmp_path / 'parallel')
    one = precompress(serial, cache=tmp_path / 'cache-serial', workers=1)
    two = precompress(parallel, cache=tmp_path / 'cache-parallel', workers=2)
    assert one == two and one.compressed > 120
    assert compressed(parallel) == compressed(serial)
    assert sorted(os.listdir(tmp_path / 'cache-parallel')) == sorted(
        os.listdir(tmp_path / 'cache-serial'))


def test_a_clean_rebuild_of_the_same_content_compresses_nothing(tmp_path: Path) -> None:
    cache = tmp_path / 'cache'
    first = site(tmp_path / 'first')
    done = precompress(first, cache=cache)
    before = compressed(first)
    second = copy(first, tmp_path / 'second')
    shutil.rmtree(first)  # rm -rf _build/html*: only the cache is left
    again = precompress(second, cache=cache)
    assert again == Work(cached=done.compressed, skipped=2)  # "not smaller" is cached too
    assert compressed(second) == before
    page = second / 'ru' / 'news' / '000.html.br'
    assert page.stat().st_nlink == 2  # the tree's copy is the cache's entry, linked


def test_unchanged_files_are_linked_and_a_changed_one_gets_fresh_copies(
    tmp_path: Path,
) -> None:
    cache = tmp_path / 'cache'
    old = site(tmp_path / 'old')
    precompress(old, cache=cache)
    new = linked(old, tmp_path / 'new')
    changed = new / 'ru' / 'news' / '002.html'
    changed.unlink()  # publication copies a changed file: a new inode
    changed.write_text('<html><body><p>Новое.</p>' + text(99, 400) + '</body></html>\n',
                       encoding='utf-8')
    work = precompress(new, old, cache=cache)
    assert work.compressed == 2 and work.linked == 18
    for suffix, decode in DECODE.items():
        fresh = changed.with_name(f'{changed.name}{suffix}')
        assert decode(fresh.read_bytes()) == changed.read_bytes()
        same = Path('ru', 'news', f'001.html{suffix}')
        assert (new / same).samefile(old / same)


def test_a_clean_build_and_an_incremental_one_publish_the_same_copies(
    tmp_path: Path,
) -> None:
    old = site(tmp_path / 'old')
    precompress(old, cache=tmp_path / 'cache')
    new = linked(old, tmp_path / 'new')
    (new / 'ru' / 'news' / '003.html').unlink()
    (new / 'ru' / 'news' / '003.html').write_text('<p>Другая страница.</p>' * 50)
    precompress(new, old, cache=tmp_path / 'cache')
    clean = copy(new, tmp_path / 'clean')
    assert precompress(clean, cache=tmp_path / 'empty').cached == 0
    assert compressed(new) == compressed(clean)


def test_entries_the_tree_no_longer_uses_are_pruned(tmp_path: Path) -> None:
    cache = tmp_path / 'cache'
    old = site(tmp_path / 'old')
    precompress(old, cache=cache)
    page = old / 'ru' / 'news' / '004.html'
    digest = hashlib.sha256(page.read_bytes()).hexdigest()
    stale = {entry_name(digest, method, level(page.name, method)) for method in DECODE}
    assert stale <= set(os.listdir(cache))
    (cache / '.tmp-1234-abcd').write_bytes(b'left by a killed publication')
    new = linked(old, tmp_path / 'new')
    (new / 'ru' / 'news' / '004.html').unlink()
    (new / 'ru' / 'news' / '004.html').write_text('<p>Исправлено.</p>' * 50)
    work = precompress(new, old, cache=cache)
    assert work.pruned == 3
    assert not stale & set(os.listdir(cache))
    assert not (cache / '.tmp-1234-abcd').exists()
    in_use = {(path.stat().st_dev, path.stat().st_ino) for path in new.rglob('*')
              if path.suffix in DECODE}
    entries = {(path.stat().st_dev, path.stat().st_ino) for path in cache.iterdir()
               if path.stat().st_size}
    assert entries == in_use  # every entry with bytes is a copy the new tree serves


def test_a_copy_made_at_another_level_is_made_again(tmp_path: Path) -> None:
    """A previous tree compressed otherwise (an older level, no cache) is not linked: a clean
    build and an incremental one publish the same copies."""
    old = site(tmp_path / 'old', pages=1)
    for path in list(old.rglob('*.html')):
        path.with_name(f'{path.name}.gz').write_bytes(gzip.compress(path.read_bytes(), 9))
        path.with_name(f'{path.name}.br').write_bytes(brotli.compress(path.read_bytes()))
    new = linked(old, tmp_path / 'new')
    work = precompress(new, old, cache=tmp_path / 'cache')
    assert work.linked == 0
    assert compressed(new) == compressed(precompress_clean(new, tmp_path))


def precompress_clean(tree: Path, tmp_path: Path) -> Path:
    clean = copy(tree, tmp_path / 'clean')
    precompress(clean, cache=tmp_path / 'clean-cache')
    return clean


def test_entries_a_killed_publication_was_writing_are_made_again(tmp_path: Path) -> None:
    cache = tmp_path / 'cache'
    first = site(tmp_path / 'first', pages=2)
    precompress(first, cache=cache)
    page = first / 'ru' / 'news' / '001.html'
    digest = hashlib.sha256(page.read_bytes()).hexdigest()
    half = entry_name(digest, '.br', level(page.name, '.br'))
    (cache / half).unlink()
    (cache / half).write_bytes(b'\x1b')  # cut short when its writer was killed
    (cache / PENDING).write_text(f'{half}\n', encoding='utf-8')
    second = copy(first, tmp_path / 'second')
    work = precompress(second, cache=cache)
    assert work.compressed == 1 and not (cache / PENDING).exists()
    copy_ = second / 'ru' / 'news' / '001.html.br'
    assert brotli.decompress(copy_.read_bytes()) == page.read_bytes()


def test_windows_fit_the_file() -> None:
    assert [window_bits(size) for size in (0, 1008, 1009, 20_000, 10**9)] == [10, 10, 11, 15, 24]


def test_the_previous_trees_copies_are_linked_as_its_manifest_names_them(
    tmp_path: Path,
) -> None:
    """A file publication linked from the previous tree takes that tree's copies as the
    cache's manifest names them: with the cache emptied since, nothing is compressed again,
    and every copy is the previous tree's own file."""
    cache = tmp_path / 'cache'
    old = site(tmp_path / 'old')
    before = precompress(old, cache=cache)
    for entry in cache.iterdir():
        entry.unlink()
    new = linked(old, tmp_path / 'new')
    reused = {path.relative_to(new).as_posix() for path in new.rglob('*') if path.is_file()}
    work = precompress(new, old, cache=cache, reused=reused)
    assert work.compressed == 0 and work.linked == before.compressed - before.skipped
    assert compressed(new) == compressed(old)
    for name in compressed(new):
        assert (new / name).samefile(old / name)


def test_without_the_previous_trees_manifest_its_copies_are_found_by_inode(
    tmp_path: Path,
) -> None:
    """The manifest names another tree (a publication killed before its switch): the
    previous tree's copies are recognised among the cache's entries instead, and those the
    cache lost are made again."""
    import json

    from newsroom.publishing.precompress import manifest_path

    cache = tmp_path / 'cache'
    old = site(tmp_path / 'old')
    precompress(old, cache=cache)
    manifest = json.loads(manifest_path(cache).read_text(encoding='utf-8'))
    manifest_path(cache).write_text(json.dumps({**manifest, 'tree': 'html.killed'}))
    page = old / 'ru' / 'news' / '001.html'
    digest = hashlib.sha256(page.read_bytes()).hexdigest()
    (cache / entry_name(digest, '.br', level(page.name, '.br'))).unlink()
    new = linked(old, tmp_path / 'new')
    work = precompress(new, old, cache=cache, reused={'ru/news/001.html'})
    assert work.compressed == 1  # the lost entry; every other copy linked by inode
    assert compressed(new) == compressed(old)


def test_a_manifest_of_other_levels_is_not_linked(tmp_path: Path, monkeypatch) -> None:
    """Levels changed since the previous tree: its copies are made again at the new ones,
    as a clean build would make them."""
    import newsroom.publishing.precompress as module

    old = site(tmp_path / 'old', pages=1)
    precompress(old, cache=tmp_path / 'cache')
    monkeypatch.setitem(module.LEVELS, 'html', (9, 9))
    new = linked(old, tmp_path / 'new')
    reused = {path.relative_to(new).as_posix() for path in new.rglob('*') if path.is_file()}
    work = precompress(new, old, cache=tmp_path / 'cache', reused=reused)
    assert work.compressed == 2  # the page's two copies, at 9
    page = new / 'ru' / 'news' / '000.html'
    assert (page.with_name(f'{page.name}.gz').read_bytes()
            == gzip.compress(page.read_bytes(), compresslevel=9, mtime=0))

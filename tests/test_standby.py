"""The standby tree brought up to date: what a tree made from nothing would hold, with the
live tree's files never written into, and only what differs made again."""

from __future__ import annotations

import os
from pathlib import Path

from newsroom.publishing.standby import Tree, scan


def files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob('*')) if path.is_file()}


def folders(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob('*') if path.is_dir()}


def write(root: Path, tree: dict[str, bytes]) -> None:
    for name, data in tree.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def test_the_standby_becomes_the_new_tree_without_touching_the_live_one(tmp_path: Path) -> None:
    live, standby, trash = tmp_path / 'live', tmp_path / 'standby', tmp_path / 'trash'
    write(live, {'ru/index.html': b'live index', 'ru/same.html': b'same',
                 'ru/a/page.html': b'a page', 'ru/b': b'b is a file', 'root.txt': b'root'})
    standby.mkdir()
    for name in ('ru/index.html', 'ru/same.html', 'root.txt'):  # shared with the live tree
        (standby / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(live / name, standby / name)
    write(standby, {'ru/a': b'a was a file', 'ru/b/inner.html': b'b was a folder',
                    'ru/gone.html': b'deleted since', 'old/deep/x.html': b'a gone folder'})
    (standby / 'ru' / 'empty').mkdir()
    before = files(live)
    live_inodes, _ = scan(live)
    source = tmp_path / 'workshop'
    write(source, {'index.html': b'new index', 'a/page.html': b'a page', 'b': b'b is a file'})

    tree = Tree(standby, reuse=True, trash=trash)
    tree.folder('ru')
    tree.link(str(live / 'ru/same.html'), 'ru/same.html', live_inodes['ru/same.html'])
    tree.link(str(live / 'root.txt'), 'root.txt', live_inodes['root.txt'])
    tree.copy(str(source / 'index.html'), 'ru/index.html')  # shared, and changed: made anew
    tree.folder('ru/a')
    tree.copy(str(source / 'a/page.html'), 'ru/a/page.html')
    tree.copy(str(source / 'b'), 'ru/b')
    removed = tree.finish()

    assert files(live) == before, 'the live tree was written into'
    assert files(standby) == {'ru/index.html': b'new index', 'ru/same.html': b'same',
                              'ru/a/page.html': b'a page', 'ru/b': b'b is a file',
                              'root.txt': b'root'}
    assert folders(standby) == {'ru', 'ru/a'}
    assert tree.kept == 2, 'the files the standby shares and still wants are relinked'
    assert (standby / 'ru/same.html').stat().st_ino == (live / 'ru/same.html').stat().st_ino
    assert removed == 3  # ru/gone.html, ru/empty and old (with what it holds)
    thrown = {path.read_bytes() for path in trash.rglob('*') if path.is_file()}
    assert thrown == {b'live index', b'a was a file', b'b was a folder', b'deleted since',
                      b'a gone folder'}


def test_without_a_standby_the_tree_is_made_from_nothing(tmp_path: Path) -> None:
    source = tmp_path / 'source.html'
    source.write_bytes(b'page')
    root = tmp_path / 'tree'
    root.mkdir()
    tree = Tree(root)
    tree.folder('en/news')
    tree.link(str(source), 'en/news/page.html')
    tree.copy(str(source), 'en/copy.html')
    assert tree.finish() == 0
    assert files(root) == {'en/news/page.html': b'page', 'en/copy.html': b'page'}
    assert tree.placed == {'en/news/page.html', 'en/copy.html'}


def test_a_standby_gone_meanwhile_leaves_a_new_empty_tree(tmp_path: Path) -> None:
    """Another publication (run by hand beside make html's) may take the standby first."""
    from newsroom.publishing.publish import new_tree  # noqa: PLC0415

    sitedir, standby = tmp_path / 'html', tmp_path / '.html.standby'
    standby.mkdir()
    (standby / 'index.html').write_bytes(b'old')
    tree, reused = new_tree(sitedir, standby)
    assert reused and files(tree) == {'index.html': b'old'} and not standby.exists()
    tree, reused = new_tree(sitedir, standby)  # gone: taken by the first
    assert not reused and tree.is_dir() and files(tree) == {}

"""Publication in one step (``python -m newsroom publish``): the languages' workshops and the
root files become a new tree, then the published name (``_build/html``, a symbolic link)
is switched to it atomically and the old tree is kept aside (``standby``): the next
publication starts from it, remaking only the files that differ.

A failed or killed build never reaches this step, so the published tree stays the last good
one, and a server of ``_build/html`` (which opens files by that name) moves to the new tree
from one request to the next. No file of a published tree is ever written into: a file
is copied from the workshop (where Sphinx writes in place), or hard-linked from the previous
tree when the workshop file is unchanged since it was published there, or holds the same
bytes, so an unchanged page keeps its time stamp from one publication to the next. Text
files get their compressed copies (``.gz``, ``.br``) before the tree is switched in, from
``<build folder>/.compressed`` where the same bytes were compressed before.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import os
import secrets
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.core.cache import StatCache
from newsroom.core.readiness import interface_gaps
from newsroom.publishing.precompress import precompress
from newsroom.publishing.preview import NOINDEX
from newsroom.publishing.siteroot import write_site_root
from newsroom.publishing.standby import Tree, scan, standby_path
from newsroom.publishing.marker import FAILED, MARKER, state

if TYPE_CHECKING:
    from newsroom.core.site import Site

PREVIEW_ROBOTS = 'User-agent: *\nDisallow: /\n'


class PublishError(Exception):
    """A workshop that is missing or holds an unfinished or failed build."""


def workshop(workdir: Path, language: str) -> Path:
    """Where a language is built: ``<workdir>/<language>/html``."""
    return workdir / language / 'html'


def check_workshops(site: Site, workdir: Path) -> None:
    """Raise PublishError unless every published language has a finished, successful build."""
    for language in site.published:
        tree = workshop(workdir, language)
        if not (tree / f'{site.root_doc}.html').is_file():
            raise PublishError(f'{tree}: no build of {language!r} (make html-{language})')
        if (mark := state(tree)) is not None:
            what = 'failed' if mark == FAILED else 'did not finish'
            raise PublishError(f'{tree}: its last build {what} (see {MARKER}); '
                               f'build it again')


def current_tree(sitedir: Path) -> Path | None:
    """The tree *sitedir* publishes now (a folder of an older layout counts), or None."""
    if sitedir.is_symlink():
        target = sitedir.resolve()
        return target if target.is_dir() else None
    return sitedir if sitedir.is_dir() else None


def new_tree(sitedir: Path, standby: Path | None = None) -> tuple[Path, bool]:
    """A new tree beside *sitedir*, ``<name>.<time>-<random>``: the *standby* renamed, or
    empty (also when the standby went meanwhile: another publication took it); whether it
    is the standby."""
    stamp = time.strftime('%Y%m%dT%H%M%S')
    tree = sitedir.with_name(f'{sitedir.name}.{stamp}-{secrets.token_hex(4)}')
    if standby is not None:
        try:
            standby.rename(tree)
        except FileNotFoundError:
            pass
        else:
            return tree, True
    tree.mkdir(parents=True)
    return tree, False


def link_or_copy(source: Path, target: Path, previous: Path | None) -> None:
    """*target* as a hard link to *previous* (same bytes as *source*), else a copy."""
    if previous is not None:
        try:
            os.link(previous, target)
        except OSError:
            pass
        else:
            return
    shutil.copy2(source, target)


def same_file(source: str, published: str) -> bool:
    """Whether the published file holds *source*'s bytes (compared only when sizes agree)."""
    try:
        if os.path.islink(published) or not os.path.isfile(published):
            return False
        return (os.stat(published).st_size == os.stat(source).st_size
                and filecmp.cmp(source, published, shallow=False))
    except OSError:
        return False


def place_file(source: str, tree: Tree, relative: str, old: str | None, old_inode: int | None,
               known: bool) -> bool:
    """*relative* in *tree* as a hard link to the previous tree's *old* (of inode
    *old_inode*, if known) when that is the file published from *source* (*known*: the stat
    cache says so) or holds its bytes; else a copy. Whether it is the very file the previous
    tree published."""
    if old is not None and (known or same_file(source, old)):
        try:
            tree.link(old, relative, old_inode)
        except OSError:
            pass
        else:
            return True
    tree.copy(source, relative)
    return False


def copy_workshop(tree: Tree, language: str, workdir: Path, previous: Path | None,
                  previous_inodes: dict[str, int], cache: StatCache, seen: set[str],
                  reused: set[str]) -> None:
    """Fill ``<tree>/<language>`` with the files of the language's workshop; the keys
    of those linked from the *previous* tree (whose files' inodes are *previous_inodes*, if
    read) go into *reused*.

    Strings and ``os.scandir`` throughout: at 5,000 articles a tree has some 19,000 files per
    language and each costs one ``stat`` (and one ``link`` unless the tree holds it)."""
    source_root = str(workshop(workdir, language))
    previous_root = os.path.join(previous, language) if previous is not None else None
    stamp = previous.name if previous is not None else None
    tree.folder(language)
    pending = ['']
    while pending:
        relative = pending.pop()
        with os.scandir(os.path.join(source_root, relative)) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            name = f'{relative}{entry.name}'
            key = f'{language}/{name}'
            if entry.is_dir(follow_symlinks=False) or (entry.is_symlink() and entry.is_dir()):
                tree.folder(key)
                if not entry.is_symlink():
                    pending.append(f'{name}/')
                continue
            if not relative and entry.name == MARKER:
                continue
            seen.add(key)
            old = f'{previous_root}/{name}' if previous_root is not None else None
            published = cache.replace(key, entry.stat(), tree.root.name)
            if place_file(entry.path, tree, key, old, previous_inodes.get(key),
                          known=stamp is not None and published == stamp):
                reused.add(key)


def write_root(site: Site, tree: Tree, previous: Path | None, *, preview: bool) -> list[str]:
    """The root files (``python -m newsroom root``); a preview tells robots to stay away.
    They are written anew: whatever the tree held at its top is removed first."""
    for name in [name for name in tree.held if '/' not in name]:
        tree.clear(name)
    root = tree.root
    notes = write_site_root(site, root)
    if preview:
        index = root / 'index.html'
        text = index.read_text(encoding='utf-8')
        marked = text.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{NOINDEX}', 1)
        if marked == text:
            raise PublishError(f'{index}: no <meta charset> to put the noindex tag after')
        index.write_text(marked, encoding='utf-8')
        (root / 'robots.txt').write_text(PREVIEW_ROBOTS, encoding='utf-8')
    for path in root.iterdir():
        if path.is_file():
            tree.claim(path.name)
            old = previous / path.name if previous is not None else None
            if old is not None and same_file(str(path), str(old)):
                path.unlink()  # unchanged root files keep their time stamps
                link_or_copy(old, path, old)
    return notes


def switch(sitedir: Path, tree: Path) -> None:
    """Make *sitedir* a symbolic link to *tree* in one step (``rename`` over the old link)."""
    link = sitedir.with_name(f'.{sitedir.name}.link-{os.getpid()}')
    link.unlink(missing_ok=True)
    link.symlink_to(tree.name)
    if sitedir.is_dir() and not sitedir.is_symlink():  # the layout before publication
        sitedir.rename(sitedir.with_name(f'{sitedir.name}.old-{secrets.token_hex(4)}'))
    os.replace(link, sitedir)


def compressed_cache(sitedir: Path) -> Path:
    """Where the compressed copies are kept by content: ``<build folder>/.compressed``."""
    return sitedir.with_name('.compressed')


def trash_path(sitedir: Path) -> Path:
    """A new name for something to delete after the switch, in the background
    (``.<name>.trash-<random>`` beside *sitedir*; :func:`remove_old_trees` deletes them)."""
    return sitedir.with_name(f'.{sitedir.name}.trash-{secrets.token_hex(4)}')


def remove_old_trees(sitedir: Path, keep: Path, *, background: bool = True) -> list[Path]:
    """Remove the trees *sitedir* no longer names (and leftovers of killed publications);
    never *keep*, nor the tree the link names when this runs (another publication's).

    Each old tree is first renamed out of the way (``.<name>.trash-…``, one ``rename``), then
    deleted by a detached process, so the build does not wait for some 55,000 unlinks at
    5,000 articles; a trash folder a killed deletion left is deleted with the next."""
    removed, trash = [], []
    kept = {tree.resolve() for tree in (keep, current_tree(sitedir)) if tree is not None}
    for path in sorted(sitedir.parent.glob(f'{sitedir.name}.*')) + sorted(
            sitedir.parent.glob(f'.{sitedir.name}.link-*')):
        if not path.is_symlink() and path.resolve() in kept:
            continue
        if path.is_dir() and not path.is_symlink():
            moved = trash_path(sitedir)
            path.rename(moved)
            trash.append(moved)
        else:
            path.unlink()
        removed.append(path)
    trash += sorted(set(sitedir.parent.glob(f'.{sitedir.name}.trash-*')) - set(trash))
    if trash:
        delete_trees(trash, background=background)
    return removed


def delete_trees(trees: list[Path], *, background: bool) -> None:
    """``rm -rf`` *trees*, in a detached, low-priority process when *background* (its
    standard streams closed, so whoever reads the build's output is not kept waiting)."""
    if background:
        if child := os.fork():
            os.waitpid(child, 0)
            return
        try:  # the grandchild does the work; the child ends at once and is reaped below
            os.setsid()
            if os.fork() != 0:
                os._exit(0)
            os.nice(10)
            null = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):
                os.dup2(null, stream)
            # nothing else inherited stays open: not make's build lock (flock's descriptor),
            # which the next build would otherwise wait for, nor a pipe a caller reads
            inherited = [int(fd) for fd in os.listdir('/proc/self/fd') if int(fd) > 2]
            for fd in inherited:
                with contextlib.suppress(OSError):
                    os.close(fd)
            for tree in trees:
                shutil.rmtree(tree, ignore_errors=True)
        finally:
            os._exit(0)
    for tree in trees:
        shutil.rmtree(tree, ignore_errors=True)


def remove_dropped_languages(site: Site, workdir: Path) -> list[str]:
    """Remove the workshops of languages no longer in ``newsroom_languages``."""
    dropped = sorted(path.name for path in workdir.iterdir()
                     if path.is_dir() and path.name not in site.languages)
    for name in dropped:
        shutil.rmtree(workdir / name)
    return dropped


def publish(site: Site, workdir: Path, sitedir: Path, *, preview: bool = False) -> list[str]:
    """Publish every language's workshop and the root files as *sitedir*; what was done."""
    check_workshops(site, workdir)
    previous = current_tree(sitedir)
    standby = standby_path(sitedir)
    reuse = previous is not None and standby.is_dir() and not standby.is_symlink()
    trash = trash_path(sitedir)
    root, reuse = new_tree(sitedir, standby if reuse else None)
    tree = Tree(root, reuse=reuse, trash=trash)
    previous_inodes = scan(previous)[0] if reuse and previous is not None else {}
    cache = StatCache(workdir / '.newsroom-published.json', 'published')
    seen: set[str] = set()
    reused: set[str] = set()
    try:
        for language in site.published:
            copy_workshop(tree, language, workdir, previous, previous_inodes, cache, seen,
                          reused)
        notes = write_root(site, tree, previous, preview=preview)
        # .gz and .br beside each text file, for nginx; each source's bytes compressed once
        precompress(tree.root, previous, cache=compressed_cache(sitedir), reused=reused,
                    tree=tree, previous_inodes=previous_inodes)
        tree.finish()
        switch(sitedir, tree.root)
    except BaseException:
        shutil.rmtree(tree.root, ignore_errors=True)
        raise
    cache.keep_only(seen)
    cache.save()
    notes.append(f'published {sitedir} → {tree.root.name} ({", ".join(site.published)})')
    notes += [not_ready(site, language) for language in site.unready]
    if dropped := remove_dropped_languages(site, workdir):
        notes.append(f'removed the workshops of dropped languages: {", ".join(dropped)}')
    keep_standby(sitedir, previous, tree.root)
    remove_old_trees(sitedir, tree.root)
    return notes


def keep_standby(sitedir: Path, previous: Path | None, tree: Path) -> None:
    """Keep the tree just replaced as the next publication's starting point (``standby``);
    one left by an earlier publication that did not start from it is deleted."""
    standby = standby_path(sitedir)
    if standby.exists() or standby.is_symlink():
        if standby.is_dir() and not standby.is_symlink():
            trash = trash_path(sitedir)
            standby.rename(trash)  # deleted with the old trees
        else:
            standby.unlink()
    if (previous is not None and previous.name != tree.name and previous.is_dir()
            and previous.name.startswith(f'{sitedir.name}.')
            and os.path.samefile(previous.parent, standby.parent)):
        previous.rename(standby)


def not_ready(site: Site, language: str) -> str:
    """Why a built language is left out of the publication, and how to see it."""
    gaps = len(interface_gaps(language))
    return (f'{language} is built but not published: {gaps} interface message(s) are not '
            f'translated yet (make todo); make html DRAFTS=1 previews it')


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--workdir', type=Path, required=True,
                        help='the workshops: <workdir>/<language>/html')
    parser.add_argument('--preview', action='store_true',
                        help='a preview: the root page and robots.txt say noindex')
    parser.add_argument('sitedir', type=Path,
                        help='the published site, a symbolic link to its current tree')


def run(args: argparse.Namespace) -> int:
    """Publish the site; 1 if a language is missing or its last build did not succeed."""
    try:
        # A preview shows every language, ready or not.
        site = replace(args.site, published=None) if args.preview else args.site
        notes = publish(site, args.workdir, args.sitedir, preview=args.preview)
    except PublishError as exc:
        print(f'newsroom publish: error: {exc}', file=sys.stderr)
        print(nothing_published(args.sitedir), file=sys.stderr)
        return 1
    for note in notes:
        print(note)
    return 0


def nothing_published(sitedir: Path) -> str:
    """The line a build that publishes nothing ends with: what *sitedir* still shows."""
    current = current_tree(sitedir)
    what = current.name if current is not None else 'nothing published yet'
    return f'nothing published; {sitedir} is unchanged ({what})'

"""The tree published before the live one, kept aside and brought up to date as the next tree.

A new tree made from nothing costs a hard link per file: at 5,000 articles some 56,000
links (pages and their ``.gz`` and ``.br``), a second or two however little changed. So the
tree the last publication replaced is kept (``<build folder>/.html.standby``, never served)
and the next publication starts from it: each file it must hold is compared, by inode, with
the one it holds, and only those that differ are made again. The inodes are read from the
folders' listings (``os.scandir``), without a ``stat`` per file.

A file that must change is moved aside and made again, never written into: any file of
the standby may be the live tree's too (a hard link), and the live tree is never touched.
What the standby holds that the new tree does not is moved aside before the new tree is
switched in, so it ends file for file (and inode for inode) what a tree made from nothing
would be; what was moved aside is deleted after the switch, in the background.
"""

from __future__ import annotations

import itertools
import os
import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def standby_path(sitedir: Path) -> Path:
    """Where the tree the last publication replaced waits: ``.<name>.standby`` beside it."""
    return sitedir.with_name(f'.{sitedir.name}.standby')


def scan(root: Path | str) -> tuple[dict[str, int], set[str]]:
    """The files (relative path → inode; -1 for a symbolic link, which no tree of ours
    holds) and folders of *root*, read from the folders' listings alone."""
    files: dict[str, int] = {}
    folders: set[str] = set()
    pending = ['']
    while pending:
        relative = pending.pop()
        try:
            listing = os.scandir(os.path.join(root, relative) if relative else root)
        except FileNotFoundError:
            continue
        with listing:
            for entry in listing:
                name = f'{relative}{entry.name}'
                if entry.is_symlink():
                    files[name] = -1
                elif entry.is_dir(follow_symlinks=False):
                    folders.add(name)
                    pending.append(f'{name}/')
                else:
                    files[name] = entry.inode()
    return files, folders


class Tree:
    """A tree being made at *root*: empty, or holding a standby's files (*reuse*). Every file
    the new tree holds goes through :meth:`link` or :meth:`copy` (or is :meth:`claim` ed once
    written); :meth:`finish` removes the rest.

    What is removed is moved into *trash* (a folder beside the tree, made when first
    needed) rather than deleted: one ``rename`` each, where freeing a file costs the disk
    far more; the trash is deleted after the switch, in the background."""

    def __init__(self, root: Path, *, reuse: bool = False, trash: Path | None = None) -> None:
        self.root = root
        self.prefix = f'{root}/'
        self.held, self.folders = scan(root) if reuse else ({}, set())
        self.placed: set[str] = set()
        self.needed: set[str] = set()
        self.kept = 0
        self.trash = trash
        self.thrown = itertools.count()

    def remove(self, relative: str) -> None:
        """Take the file or folder at *relative* out of the tree (into the trash, if any)."""
        path = self.path(relative)
        if self.trash is not None:
            number = next(self.thrown)
            if number == 0:
                os.makedirs(self.trash, exist_ok=True)
            os.rename(path, f'{self.trash}/{number}')
        elif os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.unlink(path)

    def remove_folder(self, relative: str) -> None:
        """Take a folder out with everything it holds (none of which is kept)."""
        self.remove(relative)
        below = f'{relative}/'
        for name in [name for name in self.held if name.startswith(below)]:
            del self.held[name]
        self.folders = {name for name in self.folders
                        if name != relative and not name.startswith(below)}

    def path(self, relative: str) -> str:
        return f'{self.prefix}{relative}'

    def folder(self, relative: str) -> None:
        """Make sure the folder *relative* exists (a file in its way is removed)."""
        parts = relative.split('/')
        for depth in range(1, len(parts) + 1):
            self.needed.add('/'.join(parts[:depth]))
        if relative in self.folders:
            return
        if self.held.pop(relative, None) is not None:
            self.remove(relative)
        os.makedirs(self.path(relative), exist_ok=True)
        self.folders.add(relative)

    def clear(self, relative: str) -> None:
        """Remove what the standby holds at *relative*, before a new file is made there."""
        if self.held.pop(relative, None) is not None:
            self.remove(relative)
        elif relative in self.folders:
            self.remove_folder(relative)

    def holds(self, relative: str, inode: int | None) -> bool:
        """Whether the file at *relative* is already the file of inode *inode* (then kept)."""
        if inode is not None and inode >= 0 and self.held.get(relative) == inode:
            del self.held[relative]
            self.placed.add(relative)
            self.kept += 1
            return True
        return False

    def link(self, source: str, relative: str, inode: int | None = None) -> None:
        """*relative* as a hard link to *source* (whose inode is *inode*, if known)."""
        if self.holds(relative, inode):
            return
        self.clear(relative)
        os.link(source, self.path(relative))
        self.placed.add(relative)

    def copy(self, source: str, relative: str) -> None:
        """*relative* as a new copy of *source* (contents, times and mode)."""
        self.clear(relative)
        shutil.copy2(source, self.path(relative))
        self.placed.add(relative)

    def claim(self, relative: str) -> None:
        """*relative* was written anew (after :meth:`clear`): it belongs to the new tree."""
        self.placed.add(relative)

    def finish(self) -> int:
        """Remove the standby's files and folders the new tree does not hold; how many."""
        removed = 0
        for relative in sorted(self.folders - self.needed, key=len):  # outermost first
            if relative in self.folders:  # not inside one removed already
                self.remove_folder(relative)
                removed += 1
        for relative in self.held:
            self.remove(relative)
            removed += 1
        self.held.clear()
        return removed

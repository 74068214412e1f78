"""Start a news article: ``python -m newsroom article SLUG [--date YYYY-MM-DD]`` (``make article``).

Writes ``docs/news/<year>/<date>-<slug>.md`` with its front matter, marked as a draft: whole
or not at all, and never over an existing file. Exit codes: 0 written, 1 the article already
exists, 2 bad input.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import os
import re
import secrets
import sys
from pathlib import Path

#: Lowercase Latin letters and digits, in words joined by single hyphens.
SLUG = re.compile(r'^[a-z0-9]+(?:-[a-z0-9]+)*$')
MAX_SLUG = 80

TEMPLATE = """---
date: {date}
tags: []
draft: true  # remove this line to publish the article
---

# Заголовок новости

Первый абзац: о чём новость. Он же служит кратким описанием в лентах и при репостах.
"""


class ScaffoldError(ValueError):
    """Input that cannot make an article; the message says what to do."""


def check_slug(slug: str) -> str:
    if not SLUG.match(slug):
        raise ScaffoldError(
            f'slug {slug!r} is not valid: use lowercase Latin letters, digits and single '
            'hyphens, e.g. "caspian-ports"')
    if len(slug) > MAX_SLUG:
        raise ScaffoldError(f'slug is {len(slug)} characters long; keep it within {MAX_SLUG}')
    return slug


def check_date(text: str) -> dt.date:
    try:
        if not re.fullmatch(r'\d{4}-\d{2}-\d{2}', text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ScaffoldError(f'date {text!r} is not valid: write it as YYYY-MM-DD') from None


def article_path(docs: Path, news_dir: str, date: dt.date, slug: str) -> Path:
    return docs / news_dir / f'{date:%Y}' / f'{date.isoformat()}-{slug}.md'


def write_scratch(path: Path, data: bytes) -> Path:
    """*data* on disk in a new hidden file beside *path*; removed again if that fails."""
    scratch = path.with_name(f'.{path.name}.{secrets.token_hex(4)}.tmp')  # not a source
    descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        try:
            view = memoryview(data)
            while view:  # os.write may write only part
                view = view[os.write(descriptor, view):]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    return scratch


def write_exclusive(path: Path, data: bytes) -> None:
    """Create *path* with 'x' (never over a file); removed again if the write fails."""
    with path.open('xb') as file:
        try:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        except BaseException:
            path.unlink(missing_ok=True)
            raise


def sync_folder(folder: Path) -> None:
    """Make a new name in *folder* durable (where the system can open a folder)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def create_atomically(path: Path, data: bytes) -> None:
    """Create *path* whole or not at all, and never over an existing file.

    The text reaches the disk in a scratch file first; a hard link then gives it its name,
    which fails if the name is taken. Without hard links (some network or FAT file systems)
    it falls back to an exclusive create.
    """
    scratch = write_scratch(path, data)
    try:
        os.link(scratch, path)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
    except OSError:
        write_exclusive(path, data)
    finally:
        scratch.unlink(missing_ok=True)
    sync_folder(path.parent)


def write_article(docs: Path, news_dir: str, date: dt.date, slug: str) -> Path:
    """Create the article file; :class:`FileExistsError` if it is already there."""
    path = article_path(docs, news_dir, date, check_slug(slug))
    path.parent.mkdir(parents=True, exist_ok=True)
    create_atomically(path, TEMPLATE.format(date=date.isoformat()).encode('utf-8'))
    return path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('slug', help='the end of the file name, e.g. caspian-ports')
    parser.add_argument('--date', help='publication date, YYYY-MM-DD (default: today)')
    parser.add_argument('--docs', type=Path, default=Path('docs'), help='the source folder')
    parser.add_argument('--news-dir', help="the news folder inside it (default: conf.py's)")


def run(args: argparse.Namespace) -> int:
    """Write the article; 0 written, 1 it already exists, 2 bad input."""
    try:
        date = check_date(args.date) if args.date else dt.date.today()
        path = write_article(args.docs, args.news_dir, date, args.slug)
    except ScaffoldError as exc:
        print(f'error: {exc}', file=sys.stderr)
        return 2
    except FileExistsError as exc:
        print(f'error: {exc.filename} already exists; choose another slug or edit that file',
              file=sys.stderr)
        return 1
    print(f'{path}: written (a draft: remove "draft: true" to publish it)')
    return 0


"""Start a news article: ``python -m newsroom article SLUG [--date YYYY-MM-DD]`` (``make article``).

Writes ``docs/news/<year>/<date>-<slug>.md`` with its front matter, marked as a draft: whole
or not at all, and never over an existing file. Exit codes: 0 written, 1 the article already
exists, 2 bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from newsroom.core.files import create_atomically

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


"""Authoring mistakes in a page's source, found before they publish: pure functions."""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from markdown_it import MarkdownIt

    from newsroom.core.frontmatter import FrontMatter

#: Front-matter keys an article may have: ours, then those Sphinx and MyST read.
ARTICLE_KEYS = ('date', 'tags', 'draft', 'order', 'image', 'image_alt', 'image_caption',
                'image_credit')
OTHER_KEYS = ('orphan', 'nocomments', 'nosearch', 'tocdepth', 'html_meta', 'myst',
              'substitutions', 'html_theme.sidebar_secondary.remove')
BOOLEANS = {'true': True, 'yes': True, 'on': True, 'false': False, 'no': False,
            'off': False}


class Problem(NamedTuple):
    """A mistake at a line of the source, with what to do in the message."""

    line: int
    subtype: str
    message: str


def boolean(raw: object) -> bool | None:
    """A YAML boolean as written (``true``, ``no``…), ``None`` if it is none."""
    if isinstance(raw, bool):
        return raw
    return BOOLEANS.get(str(raw).strip().strip('"\'').lower()) if raw is not None else False


def front_matter_problems(matter: FrontMatter, *, article: bool) -> list[Problem]:
    """What is wrong with a page's front matter (an article's fields have types)."""
    if matter.problem is not None:
        return [Problem(matter.problem[0], 'front-matter', matter.problem[1])]
    problems = []
    known = (*ARTICLE_KEYS, *OTHER_KEYS) if article else (*OTHER_KEYS, *ARTICLE_KEYS)
    for key in matter.values:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f'did you mean "{close[0]}"?' if close else f'known: {", ".join(ARTICLE_KEYS)}'
            problems.append(Problem(matter.line(key), 'front-matter',
                                    f'unknown front-matter key "{key}": {hint}'))
    if not article:
        return problems
    if 'draft' in matter.values and boolean(matter.raw('draft')) is None:
        problems.append(Problem(matter.line('draft'), 'draft',
                                f'"draft" must be true or false, not {matter.raw("draft")!r}; '
                                'the article is kept out of the site until it is'))
    tags = matter.raw('tags')
    if tags is not None and not isinstance(tags, list):
        problems.append(Problem(matter.line('tags'), 'tags',
                                f'"tags" must be a list, e.g. tags: [{tags}]'))
    return problems


#: The shortest opening of a code fence (backticks, tildes) or a ``:::`` directive.
FENCE_MARKERS = ('```', '~~~', ':::')


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """markdown-it as MyST configures it for this project's sources (fences and ``:::``)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions={'colon_fence', 'deflist'}),
                            RendererHTML)


def open_fences(text: str) -> list[Problem]:
    """Code fences and directives (```` ``` ````, ``~~~``, ``:::``) never closed: they swallow
    the rest of the page."""
    if not any(marker in text for marker in FENCE_MARKERS):
        return []  # no fence can open without three of one of these in a row
    lines = text.splitlines()
    problems = []
    for token in parser().parse(text):
        if token.type not in ('fence', 'colon_fence') or token.map is None:
            continue
        start, end = token.map
        last = lines[end - 1].strip() if end - 1 > start and end <= len(lines) else ''
        closed = (last.startswith(token.markup) and not last.strip(token.markup[0]))
        if not closed:
            what = f'directive {token.info.split()[0]}' if token.info.startswith('{') else 'fence'
            problems.append(Problem(start + 1, 'content',
                                    f'this {what} ({token.markup}) is never closed and swallows '
                                    f'the rest of the page; close it with a line "{token.markup}"'))
    return problems


def folder_problems(docname: str, date: dt.date) -> list[str]:
    """An article in a year folder that is not its date's year."""
    folder = docname.rsplit('/', 2)[-2] if docname.count('/') >= 2 else ''
    if folder.isdigit() and len(folder) == 4 and int(folder) != date.year:
        return [f'the article is dated {date.isoformat()} but lies in the folder {folder}/; '
                f'move it to {date.year}/']
    return []


def duplicate_slugs(docnames: Iterable[str]) -> dict[str, list[str]]:
    """File names used by more than one article (the same story twice), by file name."""
    by_name: dict[str, list[str]] = {}
    for docname in sorted(docnames):
        by_name.setdefault(docname.rsplit('/', 1)[-1], []).append(docname)
    return {name: found for name, found in by_name.items() if len(found) > 1}

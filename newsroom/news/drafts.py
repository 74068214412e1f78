"""Drafts and scheduled articles: kept out of the public build unless drafts are asked for."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.core import frontmatter
from newsroom.core.article import DRAFT, SCHEDULED
from newsroom.core.cache import StatCache
from newsroom.core.checks import boolean
from newsroom.core.dates import DateError, display_date, parse_date
from newsroom.core.files import locked
from newsroom.core.domain import news
from newsroom.core.leftout import leave_out
from newsroom.core.reading import hold
from newsroom.core.site import Site

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

_ = get_translation('newsroom')
logger = logging.getLogger(__name__)

#: The cache of what each article's front matter says of its publication, shared by the
#: languages' builds: ``<doctree folder>/../front-matter.json`` (and its ``.lock``).
SHARED = 'front-matter'


def hold_fields(matter: frontmatter.FrontMatter) -> list:
    """The front matter that decides whether an article is public: draft flag and date, and
    the line of a problem that keeps it out unread (0 if none; see ``FrontMatter.keep_out``)."""
    return [matter.raw('draft'), matter.raw('date'),
            matter.problem[0] if matter.keep_out and matter.problem else 0]


def held(fields: list, today: dt.date) -> str:
    """DRAFT, SCHEDULED or ``''`` for the cached (draft, date, keep-out line) of an article;
    one that must not be read (a YAML alias MyST would expand, bytes that are not UTF-8) is
    held as a draft."""
    draft, raw_date, keep_out = fields
    if keep_out:
        return DRAFT
    try:
        date = parse_date(raw_date) if raw_date is not None else None
    except DateError:
        date = None  # the article check reports it with its line
    return hold(draft, date, today)


def held_sources(srcdir: Path, site: Site, suffixes: list[str], today: dt.date,
                 cache: StatCache | None = None) -> list[str]:
    """Source paths (relative, ``/``-separated) of the articles that are not public yet.

    With a *cache*, only the articles changed since the last build are read again."""
    found, seen = [], set()
    for directory, subdirectories, files in os.walk(srcdir / site.news_dir):
        subdirectories.sort()
        folder = os.path.relpath(directory, srcdir).replace(os.sep, '/')
        for name in sorted(files):
            relative = f'{folder}/{name}'
            docname, suffix = relative.rsplit('.', 1) if '.' in name else (relative, '')
            if f'.{suffix}' not in suffixes or not site.is_article(docname):
                continue
            stat = os.stat(os.path.join(directory, name))
            fields = cache.get(relative, stat) if cache is not None else None
            if fields is None:
                fields = hold_fields(frontmatter.read(Path(directory, name)))
                if cache is not None:
                    cache.put(relative, stat, fields)
            seen.add(relative)
            if held(fields, today):
                found.append(relative)
    if cache is not None:
        cache.keep_only(seen)
        cache.save()
    return sorted(found)


def shared_folder(doctreedir: Path, outdir: Path) -> Path:
    """Where the languages' builds share what they read of the front matter: beside their
    doctree folders (``make html``'s builds start side by side, and the first to hold the
    lock reads what changed for all), unless that is within the output (``sphinx-build``
    without ``-d``), then in the build's own doctree folder."""
    parent = doctreedir.resolve().parent
    output = outdir.resolve()
    return doctreedir / '_newsroom' if output == parent or output in parent.parents else parent


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Exclude drafts and scheduled articles from the build: nothing reads or lists them."""
    if config.newsroom_show_drafts:
        return
    folder = shared_folder(Path(app.doctreedir), Path(app.outdir))
    with locked(folder, SHARED):
        cache = StatCache(folder / f'{SHARED}.json', f'drafts/3:{app.srcdir}')
        excluded = held_sources(app.srcdir, Site.from_config(config),
                                list(config.source_suffix), dt.date.today(), cache)
    for relative in excluded:
        matter = frontmatter.read(app.srcdir / relative)
        if matter.keep_out and matter.problem:
            logger.warning('%s; the article is kept out of the site until it does not',
                           matter.problem[1], location=f'{app.srcdir / relative}:'
                           f'{matter.problem[0]}', type='newsroom', subtype='front-matter')
        elif 'draft' in matter.values and boolean(matter.raw('draft')) is None:
            logger.warning('"draft" must be true or false, not %r; the article is kept out '
                           'of the site until it is', matter.raw('draft'),
                           location=f'{app.srcdir / relative}:{matter.line("draft")}',
                           type='newsroom', subtype='draft')
    if excluded:
        logger.info('newsroom: %d draft or scheduled article(s) left out (make html DRAFTS=1 '
                    'shows them): %s', len(excluded), ', '.join(excluded))
        leave_out(config, excluded)


def hold_notice(app: Sphinx, pagename: str) -> str:
    """When drafts are shown, what the page says about not being public yet ('' if it is)."""
    article = news(app.env).article(pagename)
    if article is None or not article.hold:
        return ''
    if article.hold == DRAFT:
        return _('Draft: this article is not published.')
    assert article.hold == SCHEDULED
    return _('Scheduled: this article will be published on %(date)s.') % {
        'date': display_date(article.date, app.config.language)}

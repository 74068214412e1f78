"""Drafts and scheduled articles: kept out of the public build unless drafts are asked for."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.articles import is_article
from newsroom.dates import DateError, display_date, parse_date
from newsroom.statcache import StatCache

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation('newsroom')
logger = logging.getLogger(__name__)

TRUE = {'true', 'yes', 'on', '1'}


def front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of a MyST page (``{}`` if it has none or it is invalid)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != '---':
        return {}
    try:
        end = next(n for n, line in enumerate(lines[1:], start=1) if line.strip() == '---')
        data = yaml.safe_load('\n'.join(lines[1:end]))
    except (StopIteration, yaml.YAMLError, ValueError):
        return {}  # the article check reports broken front matter with its line
    return data if isinstance(data, dict) else {}


def is_draft(value: Any) -> bool:
    """``draft: true`` (YAML) or ``"true"`` (as MyST hands metadata over)."""
    if isinstance(value, bool):
        return value
    return str(value).strip().strip('"\'').lower() in TRUE


def hold(matter: dict[str, Any], today: dt.date) -> str | None:
    """Why an article is not public yet: ``'draft'``, ``'scheduled'``, or ``None``."""
    if is_draft(matter.get('draft', False)):
        return 'draft'
    try:
        date = parse_date(None if matter.get('date') is None else str(matter['date']))
    except DateError:
        return None
    return 'scheduled' if date > today else None


def hold_fields(matter: dict[str, Any]) -> dict[str, Any]:
    """The front matter that decides whether an article is public: draft flag and date."""
    date = matter.get('date')
    return {'draft': is_draft(matter.get('draft', False)),
            'date': None if date is None else str(date)}


def held_sources(srcdir: Path, news_dir: str, suffixes: list[str], today: dt.date,
                 cache: StatCache | None = None) -> list[str]:
    """Source paths (relative, ``/``-separated) of the articles that are not public yet.

    With a *cache*, only the articles changed since the last build are read again."""
    held, seen = [], set()
    for directory, subdirectories, files in os.walk(srcdir / news_dir):
        subdirectories.sort()
        for name in sorted(files):
            path = Path(directory, name)
            relative = path.relative_to(srcdir).as_posix()
            docname, suffix = relative.rsplit('.', 1) if '.' in name else (relative, '')
            if f'.{suffix}' not in suffixes or not is_article(docname, news_dir):
                continue
            stat = path.stat()
            fields = cache.get(relative, stat) if cache is not None else None
            if fields is None:
                fields = hold_fields(front_matter(path.read_text(encoding='utf-8')))
                if cache is not None:
                    cache.put(relative, stat, fields)
            seen.add(relative)
            if hold(fields, today):
                held.append(relative)
    if cache is not None:
        cache.keep_only(seen)
        cache.save()
    return sorted(held)


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Exclude drafts and scheduled articles from the build: nothing reads or lists them."""
    if config.newsroom_show_drafts:
        return
    cache = StatCache(Path(app.doctreedir) / '_newsroom' / 'front-matter.json')
    held = held_sources(app.srcdir, config.newsroom_news_dir, list(config.source_suffix),
                        dt.date.today(), cache)
    if held:
        logger.info('newsroom: %d draft or scheduled article(s) left out (make html DRAFTS=1 '
                    'shows them): %s', len(held), ', '.join(held))
        config.exclude_patterns = [*config.exclude_patterns, *held]


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Note in the news domain whether a (shown) article is a draft or scheduled."""
    data = app.env.domains['news'].articles.get(app.env.docname)
    if data is not None:
        metadata = app.env.metadata[app.env.docname]
        data['status'] = hold({'draft': metadata.get('draft', False), 'date': data['date']},
                              dt.date.today()) or ''


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """When drafts are shown, say on the page that it is not public yet."""
    data = app.env.domains['news'].articles.get(pagename)
    status = data.get('status') if data else None
    if status == 'draft':
        context['newsroom_hold'] = _('Draft: this article is not published.')
    elif status == 'scheduled':
        label = display_date(parse_date(data['date']), app.config.language)
        context['newsroom_hold'] = _('Scheduled: this article will be published on '
                                     '%(date)s.') % {'date': label}


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value('newsroom_show_drafts', False, 'env', types=frozenset({bool}))
    # After conf.py and our other config handlers, before Sphinx looks for sources.
    app.connect('config-inited', on_config_inited, priority=800)
    app.connect('doctree-read', on_doctree_read, priority=600)  # after the article check
    app.connect('html-page-context', on_html_page_context)
    return {
        'version': '1.0',
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

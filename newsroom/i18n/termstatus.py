"""The status page's termbase row: per language, the warnings of the termbase check."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.core.domain import news
from newsroom.core.site import Site
from newsroom.i18n import termbase
from newsroom.i18n.termbase import COUNTS, glossary_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Each catalog's count of termbase warnings, below the language's doctree folder (a build
#: that ``make html`` did not start: no ``newsroom_checked_by``).
CACHE = Path('_newsroom', 'termbase-warnings.json')


def warning_counts(app: Sphinx, targets: list[str]) -> dict[str, int | None]:
    """Per language, the messages that do not follow its termbase (None: it has none);
    each catalog's count is kept (``cache_path``) until it or the glossary changes."""
    return totals(app.config.newsroom_locale_dirs, targets, Site.from_config(app.config).source,
                  cache_path(app))


def totals(locale_dirs: list[str], targets: list[str], source: str,
           cache: Path) -> dict[str, int | None]:
    """:func:`warning_counts` of a build with these locale folders, counts kept in *cache*
    (also asked before a build, to know whether the build would count otherwise)."""
    folders = {}
    for language in targets:
        with_glossary = [Path(d) for d in locale_dirs if glossary_path(Path(d), language).is_file()]
        if with_glossary:
            folders[language] = with_glossary[0]
    counts = termbase.warning_counts(folders, source, cache)
    return {language: counts.get(language) for language in targets}


def cache_path(app: Sphinx) -> Path:
    """Where the counts are kept: beside check-po's record when ``make html`` ran it
    (``check-po --report`` counted what changed, once for every language's build), else
    in this language's doctree folder."""
    return cache_path_of(app.config.newsroom_checked_by, app.doctreedir)


def cache_path_of(record: str, doctreedir: str | os.PathLike[str]) -> Path:
    """:func:`cache_path` of a build with this check-po *record* and doctree folder."""
    if record:
        return Path(record).with_name(COUNTS)
    return Path(doctreedir, CACHE)


def counts(app: Sphinx, targets: list[str]) -> dict[str, int | None]:
    """Each language's count of termbase warnings (computed once per build)."""
    return news(app.env).per_build('termbase-warnings', lambda: warning_counts(app, targets))

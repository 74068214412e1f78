"""Translation catalogs checked afresh for each build; broken or unsafe ones are refused."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from newsroom.core import aside
from newsroom.core.cache import StatCache
from newsroom.core.domain import news
from newsroom.core.files import files_below
from newsroom.core.site import Site
from newsroom.core.translations import CATALOG_READER, CHECKED
from newsroom.i18n import checked
from newsroom.i18n.checkpo import rules_version
from newsroom.upstream import translators

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def source_catalogs(locale_dirs: list[Path], language: str) -> dict[str, str]:
    """Every ``.po`` of *language*, by its path below ``LC_MESSAGES`` (with ``/``; the first
    locale dir wins): plain strings, as a site has one catalog per page."""
    found: dict[str, str] = {}
    for locale_dir in locale_dirs:
        base = locale_dir / language / 'LC_MESSAGES'
        for relative in sorted(files_below(base)):
            if relative.endswith('.po'):
                found.setdefault(relative, os.path.join(base, relative))
    return found


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Sphinx reads no catalog file: the sources' are checked first (``recompile``), and
    each page is handed its checked messages (``checked.UseCheckedCatalog``)."""
    config.newsroom_locale_dirs = [str(Path(app.srcdir, d)) for d in config.locale_dirs]
    config.locale_dirs = []


def read_messages(path: str, language: str, folder: str, *, check: bool = True
                  ) -> dict[str, str]:
    """The translated messages of another language's catalog at *path* (in locale *folder*)
    as that language's build reads them (``checked.read_catalog``): none if refused."""
    return checked.read_catalog(Path(path), language, check=check, root=Path(folder))[0].messages


def on_builder_inited(app: Sphinx) -> None:
    """Before Sphinx looks for changed pages: check and compile the catalogs that changed;
    in a translated build, first make sure Sphinx takes the checked messages we hand it.
    Other languages' catalogs are read with the same checks (``CATALOG_READER``)."""
    news(app.env).keep_for_build(CATALOG_READER, functools.partial(
        read_messages, check=app.config.newsroom_check_catalogs))
    if not Site.from_config(app.config).is_source(app.config.language):
        translators.check_hand_over(app.config.language)
    news(app.env).per_build('recompiled', lambda: recompile(app))


def recompile(app: Sphinx) -> list[str]:
    """Check this language's catalogs that changed, keep them for the build; the catalogs
    whose messages changed (``name.po``)."""
    config = app.config
    if Site.from_config(config).is_source(config.language):
        return []  # the original needs no catalog
    sources = source_catalogs([Path(d) for d in config.newsroom_locale_dirs], config.language)
    compiled = Path(app.doctreedir) / '_locale' / config.language / 'LC_MESSAGES'
    if compiled.is_dir():  # an older build's compiled files: Sphinx must not find them
        shutil.rmtree(compiled)
    roots = {relative: next(d for d in config.newsroom_locale_dirs
                            if source.startswith(os.path.join(d, '')))
             for relative, source in sources.items()}
    entries, changed, problems = checked.sync(
        sources, checked.store_path(app.doctreedir, config.language), config.language,
        check=config.newsroom_check_catalogs, roots=roots,
        certify=functools.partial(certified, config.newsroom_checked_by),
        keep=lambda path, entries: aside.when_writing(app, 'the checked catalogs',
                                                      lambda: checked.save(path, entries)))
    news(app.env).keep_for_build(CHECKED, entries)
    # A refused catalog holds back only its own page in this language, so it is no warning
    # (warnings stop the build): the build's report names it, `make check-po` gates on it.
    for problem in problems:
        what = 'catalog refused' if problem.scope == 'catalog' else 'translation not used'
        logger.info('%s:%s: %s: %s', problem.path, problem.line, what, problem.message)
    if changed:
        logger.info('checked %d changed translation catalogs', len(changed))
    return changed


def certified(record: str, sources: Iterable[str]) -> set[str]:
    """The catalogs of *sources* that ``check-po`` found clean, with the same checks, and
    that have not changed since (their stat signature): its *record* (``--cache``), read
    as it wrote it. A catalog it did not record, or that changed, is checked again."""
    sources = list(sources)
    if not record or not sources:
        return set()
    try:
        stat = os.stat(record)
    except OSError:
        return set()
    cache, recorded = read_record(record, (stat.st_ino, stat.st_size, stat.st_mtime_ns),
                                  os.getcwd())
    found = set()
    for source in sources:
        key = recorded.get(os.path.normpath(os.path.abspath(source)))
        with contextlib.suppress(OSError):
            if key is not None and cache.get(key, os.stat(source)) is True:
                found.add(source)
    return found


@functools.lru_cache(maxsize=2)
def read_record(record: str, identity: tuple[int, int, int], cwd: str
                ) -> tuple[StatCache, dict[str, str]]:
    """check-po's *record*, and its keys by normalised path (relative ones from *cwd*),
    read once per process while the file is the same (*identity*: inode, size, time;
    check-po replaces it whole): the source language's build asks about each
    translation's catalogs, and the record is some 1.5 MB at 5,000 articles."""
    del identity, cwd  # part of the memo's key only: abspath reads the working folder
    cache = StatCache(Path(record), f'check-po-{rules_version()}')
    return cache, {os.path.normpath(os.path.abspath(key)): key for key in cache.entries}


def on_env_get_outdated(app: Sphinx, env: BuildEnvironment, added: Set[str],
                        changed: Set[str], removed: Set[str]) -> list[str]:
    """Reread the pages whose checked catalog is not the one they were read with (by
    content, not timestamps: a catalog that came, changed or went; an earlier build killed
    before it saved what it read)."""
    news(env).per_build('recompiled', lambda: recompile(app))
    domain = news(env)
    return [name for name in sorted(env.found_docs)
            if (noted := domain.read_with(name)) is not None
            and noted != checked.read_with(env, name)]

"""Translation catalogs compiled fresh into the build tree; broken or unsafe ones are refused."""

from __future__ import annotations

import gettext
import os
from pathlib import Path
from typing import TYPE_CHECKING

import polib
from sphinx import locale
from sphinx.util import logging

from newsroom.core.cache import StatCache
from newsroom.core.domain import news
from newsroom.core.files import files_below, write_if_changed
from newsroom.core.site import Site
from newsroom.i18n.pocheck import errors, read_checked

if TYPE_CHECKING:
    from collections.abc import Set

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


def sync_catalogs(
    sources: dict[str, str], target: Path, language: str, *, check: bool = True
) -> tuple[list[Path], list]:
    """Compile *sources* into *target* as ``.mo`` files, the only catalogs Sphinx finds there.

    A catalog is read again unless its inode, size, mtime and ctime are those it had when
    last synced (any write changes the ctime); one that was is checked and compiled, and its
    ``.mo`` written if its bytes changed. One that fails the checks keeps its last good
    compiled version (the build reports the errors); catalogs whose source is gone are
    removed. No ``.po`` is left in *target*: Sphinx would compile it unchecked, should it
    ever look newer than its ``.mo``.
    Returns the catalogs (by the path of their ``.po``) whose translations changed.
    """
    compiled, problems = [], []
    synced = StatCache(target / '.synced.json', 'compiled')  # skips what was not written
    for relative, source in sources.items():
        stat, mo_file = os.stat(source), target / f'{relative[:-3]}.mo'
        if synced.get(relative, stat) and mo_file.is_file():
            continue
        data = Path(source).read_bytes()
        found, catalog = (read_checked(Path(source), language, msgfmt=False, data=data)
                          if check else ([], None))
        if errors(found):
            problems += errors(found)
            continue
        if catalog is None:
            catalog = polib.pofile(data.decode('utf-8'), encoding='utf-8')
        if write_if_changed(mo_file, catalog.to_binary()):
            compiled.append(Path(relative))
        synced.put(relative, stat, True)
    synced.keep_only(set(sources))
    synced.save()
    for stale in files_below(target):
        if stale.endswith('.po') or (stale.endswith('.mo') and f'{stale[:-3]}.po' not in sources):
            (target / stale).unlink()
            compiled.append(Path(f'{stale[:-3]}.po'))
    return compiled, problems


def forget_loaded(target: Path, changed: list[Path]) -> None:
    """Drop translations an earlier build in this process loaded from changed catalogs
    (Sphinx and the gettext module both cache them), so they cannot outlive their ``.po``."""
    mo_files = {str((target / relative).with_suffix('.mo')) for relative in changed}
    for relative in changed:
        locale.translators.pop(('general', relative.with_suffix('').as_posix()), None)
    cache = getattr(gettext, '_translations', {})
    for key in [key for key in cache if key[-1] in mo_files]:
        del cache[key]


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Point Sphinx at catalogs compiled into the build tree instead of the source tree."""
    config.newsroom_locale_dirs = [str(Path(app.srcdir, d)) for d in config.locale_dirs]
    if Site.from_config(config).is_source(config.language):
        config.locale_dirs = []  # the original needs no catalog
    else:
        config.locale_dirs = [str(Path(app.doctreedir) / '_locale')]


def on_builder_inited(app: Sphinx) -> None:
    """Before Sphinx looks for changed pages: check and compile the catalogs that changed."""
    news(app.env).per_build('recompiled', lambda: recompile(app))


def recompile(app: Sphinx) -> list[str]:
    """Sync this language's catalogs into the build tree; the pages whose catalog changed."""
    config = app.config
    if not config.locale_dirs:
        return []
    target = Path(config.locale_dirs[0]) / config.language / 'LC_MESSAGES'
    compiled, problems = sync_catalogs(
        source_catalogs([Path(d) for d in config.newsroom_locale_dirs], config.language),
        target, config.language, check=config.newsroom_check_catalogs)
    for problem in problems:
        message = f'{problem.message}; hint: {problem.hint}' if problem.hint else problem.message
        logger.warning('%s', message, location=f'{problem.path}:{problem.line}',
                       type='newsroom', subtype='catalog')
    forget_loaded(target, compiled)
    if compiled:
        logger.info('compiled %d translation catalogs', len(set(compiled)))
    return [p.with_suffix('').as_posix() for p in compiled]


def on_env_get_outdated(app: Sphinx, env: BuildEnvironment, added: Set[str],
                        changed: Set[str], removed: Set[str]) -> list[str]:
    """Reread the pages whose catalog changed or went away (by content, not timestamps)."""
    recompiled = news(env).per_build('recompiled', lambda: recompile(app))
    return [name for name in recompiled if name in env.found_docs]

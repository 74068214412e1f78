"""Translation catalogs compiled fresh into the build tree; broken or unsafe ones are refused."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polib
from sphinx.util import logging

from newsroom.pocheck import check_catalog

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)


def source_catalogs(locale_dirs: list[Path], language: str) -> dict[Path, Path]:
    """Every ``.po`` of *language*, by its path below ``LC_MESSAGES`` (first locale dir wins)."""
    found: dict[Path, Path] = {}
    for locale_dir in locale_dirs:
        base = locale_dir / language / 'LC_MESSAGES'
        for path in sorted(base.rglob('*.po')):
            found.setdefault(path.relative_to(base), path)
    return found


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write *data* unless the file already holds it, so that mtimes follow content."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def sync_catalogs(
    sources: dict[Path, Path], target: Path, language: str
) -> tuple[int, list]:
    """Mirror *sources* into *target* as ``.po`` + freshly compiled ``.mo``.

    Judged by content, never by timestamps: a catalog whose text changed is checked and
    recompiled; one that fails the checks keeps its last good compiled version (the build
    reports the errors); catalogs whose source is gone are removed.
    Returns the number of catalogs compiled and the problems found.
    """
    compiled, problems = 0, []
    for relative, source in sources.items():
        data = source.read_bytes()
        po_copy = target / relative
        if po_copy.is_file() and po_copy.read_bytes() == data:
            continue
        found = check_catalog(source, language, msgfmt=False)
        if found:
            problems += found
            continue
        binary = polib.pofile(data.decode('utf-8'), encoding='utf-8').to_binary()
        write_if_changed(po_copy, data)  # the .po first: Sphinx recompiles a .mo older than it
        write_if_changed(po_copy.with_suffix('.mo'), binary)
        compiled += 1
    wanted = {target / relative for relative in sources}
    for stale in [*target.rglob('*.po'), *target.rglob('*.mo')]:
        if stale.with_suffix('.po') not in wanted:
            stale.unlink()
    return compiled, problems


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Point Sphinx at catalogs compiled into the build tree instead of the source tree."""
    source_language = config.newsroom_languages[0]
    locale_dirs = [Path(app.srcdir, d) for d in config.locale_dirs]
    config.newsroom_locale_dirs = [str(d) for d in locale_dirs]  # the translators' catalogs
    build_locale = Path(app.doctreedir) / '_locale'
    if config.language == source_language:
        config.locale_dirs = []
        return
    compiled, problems = sync_catalogs(
        source_catalogs(locale_dirs, config.language),
        build_locale / config.language / 'LC_MESSAGES', config.language)
    for problem in problems:
        message = f'{problem.message}; hint: {problem.hint}' if problem.hint else problem.message
        logger.warning('%s', message, location=f'{problem.path}:{problem.line}',
                       type='newsroom', subtype='catalog')
    if compiled:
        logger.info('compiled %d translation catalogs', compiled)
    config.locale_dirs = [str(build_locale)]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value('newsroom_locale_dirs', [], 'env', types=frozenset({list}))
    app.connect('config-inited', on_config_inited, priority=900)  # after languages are checked
    return {
        'version': '1.0',
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

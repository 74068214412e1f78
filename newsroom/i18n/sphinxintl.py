"""sphinx-intl on this site: ``stat`` reads the catalogs; ``update`` and ``build`` are refused."""

from __future__ import annotations

import runpy
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

#: Why each refused command is unsafe here, and what to run instead.
REFUSED = {
    'update': (
        'sphinx-intl update rewrites every catalog through Babel, which keeps only the '
        'standard header lines: it drops X-Newsroom-Revised (a published translation under '
        'revision would be held back, and the date its original changed is lost), '
        'X-Poedit-Basepath and the "#|" source a fuzzy translation was made for. '
        'Run `make update-po` instead: it extracts the messages and merges them keeping all '
        'of this (`make update-po` is also what the Weblate set-up expects).'),
    'build': (
        'sphinx-intl build writes .mo files next to the catalogs, unchecked; the site never '
        'reads them: `make html` checks and compiles the catalogs itself, and `make check-po` '
        'is the translators\' gate.'),
}


def refused(command: str | None) -> str | None:
    """Why sphinx-intl's *command* may not run on this site (``None``: it may)."""
    return REFUSED.get(command or '')


def refuse_unsafe_commands() -> None:
    """Called by ``conf.py``, which sphinx-intl executes for its ``locale_dirs`` before running
    a command: stop ``update`` and ``build`` with the reason and the command to use
    (sphinx-intl prints ``Error: …`` and exits 1). Anything else runs (``stat``)."""
    if 'sphinx_intl' not in sys.modules:
        return
    import click

    context = click.get_current_context(silent=True)
    reason = refused(context.invoked_subcommand if context is not None else None)
    if reason:
        raise click.ClickException(f'not on this site: {reason}')


def site_configuration(conf: Path) -> dict[str, Any]:
    """For ``docs/conf.py``, the file sphinx-intl finds when run from the source folder: the
    site's configuration *conf* (``conf.py`` at the repository root), executed as from there,
    so its refusals apply and ``stat`` reads the site's catalogs. Read by anything else
    (``sphinx-build docs …`` without ``-c .``), it is a ConfigError naming the right one."""
    if 'sphinx_intl' not in sys.modules:
        from sphinx.errors import ConfigError

        raise ConfigError(
            f'{conf.parent / "docs" / "conf.py"} is not the configuration of the site: it is '
            f'{conf} (the pages are in docs/). Build with `make html`, or from {conf.parent} '
            'with `sphinx-build -c . docs <output>`.')
    return {name: value for name, value in runpy.run_path(str(conf)).items()
            if not name.startswith('__')}

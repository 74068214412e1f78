"""A wing's own templates and static files, made available to the theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.config import Config


def add_wing_paths(app: Sphinx, folder: Path) -> None:
    """Make a wing's ``templates/`` and ``static/`` folders (where it has them) available to
    the theme, its templates before the project's own."""

    def on_config_inited(app: Sphinx, config: Config) -> None:
        # New lists: the defaults are shared by every Config object in the process.
        if (folder / 'templates').is_dir():
            config.templates_path = [str(folder / 'templates'), *config.templates_path]
        if (folder / 'static').is_dir():
            config.html_static_path = [*config.html_static_path, str(folder / 'static')]

    app.connect('config-inited', on_config_inited)

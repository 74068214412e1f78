"""Sphinx extensions for a multilingual, chronological news site built from MyST articles."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__version__ = '1.0'

PACKAGE = Path(__file__).parent

EXTENSIONS = (
    'newsroom.articles',
    'newsroom.drafts',
    'newsroom.lists',
    'newsroom.archives',
    'newsroom.tags',
    'newsroom.tagpages',
    'newsroom.notfound',  # before navigation: its sidebar links must be absolute on 404.html
    'newsroom.navigation',
    'newsroom.languages',
    'newsroom.doctrees',
    'newsroom.urls',
    'newsroom.feeds',
    'newsroom.sitemaps',
    'newsroom.social',
    'newsroom.validmarkup',
    'newsroom.theme_i18n',
    'newsroom.quietwrite',
    'newsroom.searchpages',
    'newsroom.catalogs',
    'newsroom.progress',
    'newsroom.untrusted',
    'newsroom.status',
    'newsroom.furo_compat',
)


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Make our templates and stylesheet available to the theme."""
    # New lists: the defaults are shared by every Config object in the process.
    config.templates_path = [str(PACKAGE / 'templates'), *config.templates_path]
    config.html_static_path = [*config.html_static_path, str(PACKAGE / 'static')]


def setup(app: Sphinx) -> ExtensionMetadata:
    for extension in EXTENSIONS:
        app.setup_extension(extension)
    app.connect('config-inited', on_config_inited)
    app.add_css_file('newsroom.css')
    return {
        'version': __version__,
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

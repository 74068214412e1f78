"""Keep configurations comparable between builds (furo loaded early, its forks checked)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsroom.upstream import furo_hooks, furo_navigation, furo_templates

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Give every ``html_css_files``/``html_js_files`` entry Sphinx's default priority now.

    Sphinx sets it later inside the config's own dicts, so the saved configuration never
    equals ``conf.py``'s and every build logs "The configuration has changed"."""
    for name in ('html_css_files', 'html_js_files'):
        setattr(config, name, [(filename, {'priority': 800, **attrs})
                               for filename, attrs in getattr(config, name)])


def on_builder_inited(app: Sphinx) -> None:
    """An HTML build prints our forks of furo's templates and hands furo its navigation
    tree: only with a tested furo."""
    if app.builder.format == 'html':
        furo_templates.check()
        furo_navigation.check()


def load_furo(app: Sphinx) -> None:
    """Load furo now, its builder hooks limited to HTML builds, and keep asset lists stable."""
    if app.config.html_theme == 'furo':
        furo_hooks.load_furo(app)  # its config values in time, its hooks for HTML only
        app.connect('builder-inited', on_builder_inited)
    app.connect('config-inited', on_config_inited, priority=900)  # after Sphinx's (800)

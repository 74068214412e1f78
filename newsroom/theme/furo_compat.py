"""Keep configurations comparable between builds (furo loaded early, Sphinx's asset lists)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config

#: furo's handlers that assume an HTML builder (the first raises for any other builder).
HTML_ONLY_EVENTS = ('builder-inited', 'build-finished')


def html_only(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap *handler* so that it runs for HTML builders only."""

    def wrapper(app: Sphinx, *args: Any) -> Any:
        if app.builder.format == 'html':
            return handler(app, *args)
        return None

    return wrapper


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Give every ``html_css_files``/``html_js_files`` entry Sphinx's default priority now.

    Sphinx sets it later inside the config's own dicts, so the saved configuration never
    equals ``conf.py``'s and every build logs "The configuration has changed"."""
    for name in ('html_css_files', 'html_js_files'):
        setattr(config, name, [(filename, {'priority': 800, **attrs})
                               for filename, attrs in getattr(config, name)])


def load_furo(app: Sphinx) -> None:
    """Load furo now, its builder hooks limited to HTML builds, and keep asset lists stable."""
    # Furo registers its config values (pygments_dark_style) only when the theme is loaded,
    # after Sphinx has compared the configuration with the saved environment's: the value
    # then looks new on every run and every build rereads every page. Loading it here
    # registers them in time; its builder hooks are kept to HTML builds (gettext, …).
    if app.config.html_theme == 'furo':
        app.setup_extension('furo')
        for event in HTML_ONLY_EVENTS:
            listeners = app.events.listeners[event]
            for index, listener in enumerate(listeners):
                if getattr(listener.handler, '__module__', '') == 'furo':
                    listeners[index] = listener._replace(handler=html_only(listener.handler))
    app.connect('config-inited', on_config_inited, priority=900)  # after Sphinx's (800)

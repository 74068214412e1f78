"""Load furo before Sphinx compares configurations, so incremental builds stay incremental."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: furo's handlers that assume an HTML builder (the first raises for any other builder).
HTML_ONLY_EVENTS = ('builder-inited', 'build-finished')


def html_only(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap *handler* so that it runs for HTML builders only."""

    def wrapper(app: Sphinx, *args: Any) -> Any:
        if app.builder.format == 'html':
            return handler(app, *args)
        return None

    return wrapper


def setup(app: Sphinx) -> ExtensionMetadata:
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
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}

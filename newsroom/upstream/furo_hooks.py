"""furo loaded early, its builder hooks limited to HTML builders.

Touches: nothing private: furo's ``setup`` is run with an ``app.connect`` that wraps the
handlers furo connects to ``builder-inited`` and ``build-finished`` (it relies on furo
connecting them in ``setup``, and on their assuming an HTML builder).
Why: furo registers its config values (``pygments_dark_style``) only when the theme is
loaded, after Sphinx has compared the configuration with the saved environment's: the value
then looks new on every run and every build rereads every page. Loading furo as an
extension registers them in time; its ``builder-inited`` handler raises for any other
builder (``make gettext``), so its hooks are kept to HTML builds.
Delete when: furo's builder hooks return early for non-HTML builders and it registers its
config values in ``setup`` (docs-dev/upstream/furo-untranslatable-labels.md lists both).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

#: furo's handlers that assume an HTML builder (the first raises for any other builder).
HTML_ONLY_EVENTS = ('builder-inited', 'build-finished')


def html_only(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap *handler* so that it runs for HTML builders only."""

    def wrapper(app: Sphinx, *args: Any) -> Any:
        if app.builder.format == 'html':
            return handler(app, *args)
        return None

    return wrapper


def load_furo(app: Sphinx) -> int:
    """Load furo now, its HTML-only hooks wrapped; how many hooks were wrapped."""
    connect, wrapped = app.connect, []

    def connect_html_only(event: str, callback: Callable[..., Any], priority: int = 500,
                          ) -> int:
        if event in HTML_ONLY_EVENTS and getattr(callback, '__module__', '').startswith('furo'):
            wrapped.append(event)
            callback = html_only(callback)
        return connect(event, callback, priority)

    app.connect = connect_html_only  # type: ignore[method-assign]
    try:
        app.setup_extension('furo')
    finally:
        del app.connect  # the class's method again
    return len(wrapped)

"""How many warnings a build has logged, and whether they will fail it.

Touches: ``Sphinx._warncount`` and ``Sphinx._fail_on_warnings`` (private attributes of the
application).
Why: a workshop build (publishing/workshop.py) marks its output tree failed when ``-W``
turns its warnings into a failure, and ``locale_once`` keeps a parse only if it warned
about nothing. Both read as 0 / False if Sphinx renames them: a failed ``-W`` build's tree
would not be marked failed (Sphinx's exit status still says so), and ``locale_once`` would
keep a parse that warned, a warning then logged once instead of twice.
Delete when: Sphinx exposes the warning count and ``-W`` (e.g. ``app.warningiserror``
and a public ``app.warning_count``, as ``app.statuscode`` after the build).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def warning_count(app: Sphinx) -> int:
    """The warnings *app* has logged so far."""
    return int(getattr(app, '_warncount', 0))


def fails_on_warnings(app: Sphinx) -> bool:
    """Whether *app* fails the build on a warning (``-W``)."""
    return bool(getattr(app, '_fail_on_warnings', False))

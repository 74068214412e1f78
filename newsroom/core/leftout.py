"""Drafts and scheduled articles kept out of a build without a configuration change: no page is read again.

Sphinx reads every page again when an ``'env'`` setting such as ``exclude_patterns``
differs from the last build's. Which articles are held changes from one build to the
next, so they are kept in ``newsroom_left_out`` (a plain attribute, which Sphinx neither
checks nor compares) and joined to ``exclude_patterns`` only while Sphinx looks for
sources: after the environment compared its configuration with the last build's, and
before it is saved. An article left out is then what a deleted one is: its page, and the
lists that named it, are updated, and nothing else is read.

A new environment (the first build, ``-E``) lists the sources once before that, with the
held articles among them; its reading lists them again without. So links Sphinx must
never walk (``core/unreadable.py``) stay in ``exclude_patterns`` itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

#: The patterns kept out of this build (a plain attribute of the configuration).
LEFT_OUT = 'newsroom_left_out'
#: ``exclude_patterns`` as ``conf.py`` and the command line made it, while ours are added.
CONFIGURED = 'newsroom_configured_exclude_patterns'


def leave_out(config: Config, patterns: Iterable[str]) -> None:
    """Keep *patterns* (``exclude_patterns`` syntax) out of this build's sources."""
    setattr(config, LEFT_OUT, [*left_out(config), *patterns])


def left_out(config: Config) -> list[str]:
    """The patterns kept out of this build so far."""
    return list(getattr(config, LEFT_OUT, []))


def on_builder_inited(app: Sphinx) -> None:
    """The environment has compared its configuration: let Sphinx's search for sources
    skip what is left out."""
    if (patterns := left_out(app.config)) and not hasattr(app.config, CONFIGURED):
        setattr(app.config, CONFIGURED, list(app.config.exclude_patterns))
        app.config.exclude_patterns = [*app.config.exclude_patterns, *patterns]


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Sphinx has found the sources: the environment is saved with the configured value."""
    if hasattr(app.config, CONFIGURED):
        app.config.exclude_patterns = getattr(app.config, CONFIGURED)
        delattr(app.config, CONFIGURED)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Another build by the same application (tests, a resident builder) leaves them out too."""
    on_builder_inited(app)


def setup(app: Sphinx) -> ExtensionMetadata:
    # Early, so that every handler after Sphinx's search sees the configured value.
    app.connect('builder-inited', on_builder_inited, priority=100)
    app.connect('env-before-read-docs', on_env_before_read_docs, priority=100)
    app.connect('build-finished', on_build_finished, priority=900)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}

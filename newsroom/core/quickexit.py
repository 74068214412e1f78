"""A ``sphinx-build`` process spends no collector time on the environment it loads or frees.

Loading the saved environment makes millions of objects (titles, tables of contents, the
news domain's articles, dependencies) that live until the process ends; CPython's cyclic
collector scans them again and again while they are made and while the build runs (an
English build with nothing to rebuild at 5,000 articles: 2.6-2.8 CPU s with the pause
below, 3.0-3.3 without; 2.4 with no collection at all, which a clean build cannot afford).
The collector is therefore paused from the start until the builder is set up, the
environment loaded, and then ``gc.freeze()`` moves everything loaded so far out of its
reach; pages read and written afterwards are collected as usual.

Once a build is over, CPython's shutdown collects and frees every object the build still
holds (the environment, its titles and tables of contents, doctrees and caches): 2.5 s of
a 10 s English rebuild at 20,000 articles, after the last page is written. ``gc.freeze()``
takes them out of the collector's reach, so the process ends with them and the operating
system reclaims the memory at once. Only for Sphinx's own application class, which the
command line makes for one build (a test harness's subclass may build again in the same
process); ``newsroom_quick_exit = False`` turns both off.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from sphinx.application import Sphinx

if TYPE_CHECKING:
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata


def command_line_build(app: Sphinx) -> bool:
    return type(app) is Sphinx


def on_config_inited(app: Sphinx, config: Config) -> None:
    if not config.newsroom_quick_exit:
        gc.enable()


def on_builder_inited(app: Sphinx) -> None:
    """The environment is loaded: out of the collector's reach, which starts again."""
    if app.config.newsroom_quick_exit and command_line_build(app):
        gc.freeze()
    gc.enable()


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if app.config.newsroom_quick_exit and command_line_build(app):
        gc.freeze()


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value('newsroom_quick_exit', True, '', types=frozenset({bool}))
    if command_line_build(app):
        gc.disable()  # until the builder is set up (on_builder_inited)
    app.connect('config-inited', on_config_inited)
    app.connect('builder-inited', on_builder_inited, priority=1)  # before everyone's
    app.connect('build-finished', on_build_finished, priority=1000)  # after everyone's
    return {'parallel_read_safe': True, 'parallel_write_safe': True}

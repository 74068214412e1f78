"""Compiled page templates kept between builds: a build that writes a page compiles no template again.

Sphinx gives each build a new Jinja environment, which compiles every template it renders
(some 20 for a page of ours: furo's and ours), about 0.2 s of a build that writes one page.
Jinja's own bytecode cache keeps the compiled code in the language's doctree folder. Jinja
uses a cached template only when its source is the same (a checksum of the text) and the
Python the same; it writes the file under a temporary name and renames it into place.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import FileSystemBytecodeCache

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Below the language's doctree folder.
FOLDER = Path('_newsroom', 'templates')


def on_builder_inited(app: Sphinx) -> None:
    """Give the HTML builder's Jinja environment a bytecode cache."""
    environment = getattr(getattr(app.builder, 'templates', None), 'environment', None)
    if environment is None or environment.bytecode_cache is not None:
        return
    folder = Path(app.doctreedir, FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect('builder-inited', on_builder_inited)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}

"""Pages keep their files when they render identically, and are written again when the
templates change, within one application as well as across builds."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


def documents(app: SphinxTestApp) -> dict[Path, int]:
    """The pages of the site's own documents (not the generated lists) and their times."""
    return {app.outdir / f'{name}.html': (app.outdir / f'{name}.html').stat().st_mtime_ns
            for name in app.env.found_docs if (app.outdir / f'{name}.html').is_file()}


def test_a_template_changed_between_two_builds_of_one_app_rewrites_every_page(
        make_app, news_copy: Path) -> None:
    """The templates' newest time is read once per build (not once per page), and read
    again by the next build of the same application: Sphinx's rule, a page older than a
    template is written again, still holds."""
    (news_copy / '_templates').mkdir()
    template = news_copy / '_templates' / 'note.html'
    template.write_text('<p>{{ title }}</p>\n', encoding='utf-8')
    os.utime(template, (time.time() - 3600, time.time() - 3600))
    app = make_app('html', srcdir=news_copy, confoverrides={'templates_path': ['_templates']})
    app.build()
    before = documents(app)
    assert len(before) >= 5
    app.build()  # nothing changed: every page keeps its file
    assert documents(app) == before
    later = time.time() + 5  # a clock that moved on, whatever the file system's resolution
    os.utime(template, (later, later))
    app.build()
    after = documents(app)
    assert all(after[page] != before[page] for page in before), 'every page written again'

"""The publishing wing: feeds, sitemaps, sharing tags, canonical links, 404 pages, the site root."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.core import VERSION, add_wing_paths
from newsroom.core.site import page_url

# The modules are imported where they are used, not here: `python -m newsroom publish`
# imports this package for publish.py alone, without Sphinx's HTML builder.

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def on_html_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    """``title`` and ``newsroom_notfound`` (404 page), ``pageurl`` (the canonical link, with
    its language), ``newsroom_feed`` and ``newsroom_social`` (every page's ``<head>``), and
    the noindex tag in ``metatags`` (previews)."""
    from newsroom.publishing import feeds, notfound, preview, sitemaps, social  # noqa: PLC0415

    notfound.on_html_page_context(app, pagename, templatename, context, doctree)
    if context.get('pageurl'):  # Sphinx's canonical link ignores the language folder
        context['pageurl'] = page_url(app, pagename)
    if link := feeds.feed_link(app, context['pathto'], pagename):
        context['newsroom_feed'] = link
    context['newsroom_social'] = social.social_context(app, pagename, context)
    sitemaps.note_generated(app, pagename, doctree)
    preview.noindex(app.config, templatename, context)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    from newsroom.publishing import feeds, report, sitemaps  # noqa: PLC0415

    feeds.on_build_finished(app, exception)
    sitemaps.on_build_finished(app, exception)
    report.on_build_finished(app, exception)


def setup(app: Sphinx) -> ExtensionMetadata:
    from newsroom.publishing import (  # noqa: PLC0415
        inputs, notfound, quietwrite, rendermemo, searchindex, workshop)
    from newsroom.upstream import asset_checksums, outdated_checks  # noqa: PLC0415

    app.setup_extension('newsroom.core')
    app.setup_extension('notfound.extension')
    asset_checksums.install()
    outdated_checks.install()
    app.add_config_value('newsroom_feed_length', 20, 'html', types=frozenset({int}))
    app.add_config_value('newsroom_feed_filename', 'atom.xml', 'html', types=frozenset({str}))
    app.add_config_value('newsroom_sitemap_exclude', ['search', 'genindex', '404'], 'html',
                         types=frozenset({list, tuple}))
    add_wing_paths(app, Path(__file__).parent)
    # The language switcher's choice, remembered for the server (nginx.py's COOKIE).
    app.add_js_file('newsroom-language.js', priority=500)
    # make html: the output folder is a workshop kept to exactly what the build writes.
    app.add_config_value('newsroom_workshop', False, '', types=frozenset({bool}))
    # Folders of _static whose writers leave them exactly as a clean build would, writing
    # only the files whose bytes changed: kept between builds (set by the search wing).
    app.add_config_value('newsroom_workshop_kept_static', [], '', types=frozenset({list}))
    # Sphinx's objects.inv, for other Sphinx projects' intersphinx: off, a news site has none.
    app.add_config_value('newsroom_inventory', False, 'html', types=frozenset({bool}))
    app.add_builder(quietwrite.HTMLBuilder, override=True)
    app.connect('config-inited', notfound.on_config_inited)
    # With sphinx-notfound-page's absolute links (400), so the 404 page's links work anywhere.
    app.connect('html-page-context', on_html_page_context, priority=400)
    # After every other handler: the context is complete when it is fingerprinted.
    app.connect('html-page-context', rendermemo.on_html_page_context, priority=999)
    app.connect('build-finished', rendermemo.on_build_finished)
    app.connect('build-finished', on_build_finished)
    app.connect('builder-inited', workshop.on_builder_inited)
    app.connect('html-collect-pages', searchindex.on_html_collect_pages)
    app.connect('build-finished', workshop.on_build_finished, priority=900)  # after the rest
    # A warm build's inputs, kept once it ended cleanly: the next may be skipped.
    app.connect('builder-inited', inputs.on_builder_inited)
    app.connect('build-finished', inputs.on_build_finished, priority=950)  # what it left
    return {'version': VERSION, 'parallel_read_safe': True, 'parallel_write_safe': True}

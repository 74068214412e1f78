"""The photos wing: each article's lead image, published light (widths, formats), stripped of
its metadata, and shown wherever the article is (see ``newsroom.core.pictures``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.core import VERSION, add_wing_paths
from newsroom.photos import encode, insert, nodes, output, prune, renditions, settings

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension('newsroom.core')
    # A list in conf.py, or comma-separated text (-D newsroom_image_widths=480,960).
    app.add_config_value('newsroom_image_widths', list(encode.WIDTHS), 'env',
                         types=frozenset({list, tuple, str}))
    app.add_config_value('newsroom_image_max_pixels', encode.MAX_PIXELS, 'env',
                         types=frozenset({int}))
    # Where encoded photos are kept between builds ('' : beside the doctrees).
    app.add_config_value('newsroom_image_cache', '', '', types=frozenset({str}))
    add_wing_paths(app, Path(__file__).parent)
    app.add_css_file('newsroom-photos.css')
    app.add_node(nodes.lead_photo, html=(nodes.visit_lead_photo, None), **nodes.ELSEWHERE)
    app.add_node(nodes.photo_alt)
    app.add_node(nodes.photo_caption)
    app.connect('config-inited', settings.on_config_inited)
    app.connect('builder-inited', prune.on_builder_inited)
    app.add_transform(insert.InsertLeadPhoto)
    # After the core's reader (500) made the article and counted its messages.
    app.connect('doctree-read', renditions.on_doctree_read, priority=600)
    app.connect('html-collect-pages', output.on_html_collect_pages, priority=400)
    app.connect('build-finished', prune.on_build_finished)
    return {'version': VERSION, 'env_version': 1, 'parallel_read_safe': True,
            'parallel_write_safe': True}

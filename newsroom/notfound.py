"""A "page not found" page per language whose links work at any address (sphinx-notfound-page)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

from newsroom.urls import root_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation('newsroom')

PAGENAME = '404'


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Links from ``404.html`` are absolute paths into this language: ``/en/…``."""
    config.notfound_urls_prefix = f'{root_path(config)}{config.language}/'
    config.notfound_pagename = PAGENAME
    config.notfound_template = 'newsroom/notfound.html'
    config.notfound_context = {'title': 'Page not found'}  # translated per page below


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename != PAGENAME:
        return
    pathto = context['pathto']
    context['title'] = _('Page not found')
    context['newsroom_notfound'] = {
        'message': _('There is no page at this address. It may have moved, or the address '
                     'may be mistyped.'),
        'links': [
            {'href': pathto(app.config.root_doc), 'label': _('Home page')},
            {'href': pathto(f'{app.config.newsroom_news_dir}/index'), 'label': _('All news')},
            {'href': pathto('search'), 'label': _('Search')},
        ],
    }


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension('notfound.extension')
    app.connect('config-inited', on_config_inited)
    # With sphinx-notfound-page's absolute links (400), before our navigation uses them.
    app.connect('html-page-context', on_html_page_context, priority=400)
    return {
        'version': '1.0',
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

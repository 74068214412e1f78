"""A "page not found" page per language whose links work at any address (sphinx-notfound-page)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

from newsroom.core.labels import original_label
from newsroom.core.site import Site

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

_ = get_translation('newsroom')

PAGENAME = '404'


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Links from ``404.html`` are absolute paths into this language: ``/en/…``."""
    config.notfound_urls_prefix = f'{Site.from_config(config).root_path}{config.language}/'
    config.notfound_pagename = PAGENAME
    config.notfound_template = 'newsroom/notfound.html'
    config.notfound_context = {'title': 'Page not found'}  # translated per page below


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``title`` and ``newsroom_notfound`` on the 404 page."""
    if pagename != PAGENAME:
        return
    pathto, site = context['pathto'], Site.from_config(app.config)
    context['title'] = _('Page not found')
    context['newsroom_notfound'] = {
        'message': _('There is no page at this address. It may have moved, or the address '
                     'may be mistyped.'),
        'links': [
            {'href': pathto(site.root_doc), 'label': _('Home page')},
            {'href': pathto(site.news_index), 'label': _('All news')},
            {'href': pathto('search'), 'label': _('Search')},
        ],
    }
    if not site.is_source(app.config.language):
        context['newsroom_notfound']['original'] = original_link(app, site)


def original_link(app: Sphinx, site: Site) -> dict[str, str]:
    """In a target language: a link to the original of the missing page (a page held back
    until its translation is ready, say). ``newsroom-notfound.js`` points it at the same
    address in the source language; without scripts it leads to the original's home."""
    source, root = site.source, site.root_path
    return {
        'href': f'{root}{source}/index.html', 'from': f'{root}{app.config.language}/',
        'to': f'{root}{source}/', 'lang': source,
        'label': original_label(app.config.language, source),
        'script': f'{root}{app.config.language}/_static/newsroom-notfound.js',
    }

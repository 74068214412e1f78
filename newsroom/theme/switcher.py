"""The language switcher and ``hreflang`` alternates: this page in every language of the site."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsroom.core.labels import untranslated_label
from newsroom.core.site import Site, language_name
from newsroom.core.tagaddresses import tag_page_in

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx


def language_links(site: Site, current: str, pagename: str,
                   target_uri: str | Callable[[str], str],
                   link_root: str = '') -> list[dict[str, Any]]:
    """One entry per language: code, own name, whether current, and this page's address
    there (*target_uri*, or *target_uri(code)* where a page's name differs by language):
    ``href`` for readers (relative, so a local copy works; below *link_root* for pages
    served at any address, like 404), ``alternate`` for ``hreflang`` (absolute, so ``''``
    without a base URL: search engines reject relative alternates)."""
    links = []
    for code in site.published:
        uri = target_uri(code) if callable(target_uri) else target_uri
        links.append({
            'code': code,
            'name': language_name(code),
            'href': (f'{link_root}{code}/{uri}' if link_root
                     else site.href(code, pagename, uri)),
            'alternate': site.url(code, uri),
            'current': code == current,
        })
    return links


def switcher_context(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """Links to this page in every language, for the switcher and ``hreflang``; a tag's
    page names the languages that hold the tag back in ``newsroom_unavailable``."""
    site = Site.from_config(app.config)
    anywhere = pagename == getattr(app.config, 'notfound_pagename', None)
    names = {code: tag_page_in(app, pagename, code) for code in site.published}
    context['newsroom_languages'] = language_links(
        site, app.config.language, pagename,
        lambda code: app.builder.get_target_uri(names[code] or pagename),
        link_root=site.root_path if anywhere else '')
    if missing := [code for code, name in names.items() if name is None]:
        # a tag another language holds back: named there without a link, no hreflang
        context['newsroom_unavailable'] = {**context.get('newsroom_unavailable', {}),
                                           **dict.fromkeys(missing, untranslated_label(0))}

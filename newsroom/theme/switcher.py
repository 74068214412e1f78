"""The language switcher and ``hreflang`` alternates: this page in every language of the site."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsroom.core.site import Site, language_name

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def language_links(site: Site, current: str, pagename: str, target_uri: str,
                   link_root: str = '') -> list[dict[str, Any]]:
    """One entry per language: code, own name, whether current, and this page's address
    there: ``href`` for readers (relative, so a local copy works; below *link_root* for
    pages served at any address, like 404), ``alternate`` for ``hreflang`` (absolute with a
    base URL)."""
    return [
        {
            'code': code,
            'name': language_name(code),
            'href': (f'{link_root}{code}/{target_uri}' if link_root
                     else site.href(code, pagename, target_uri)),
            'alternate': site.href(code, pagename, target_uri, absolute=True),
            'current': code == current,
        }
        for code in site.published
    ]


def switcher_context(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """Links to this page in every language, for the switcher and ``hreflang``."""
    site = Site.from_config(app.config)
    anywhere = pagename == getattr(app.config, 'notfound_pagename', None)
    context['newsroom_languages'] = language_links(
        site, app.config.language, pagename, app.builder.get_target_uri(pagename),
        link_root=site.root_path if anywhere else '')

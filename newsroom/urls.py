"""Absolute addresses of built pages, all derived from the one base-URL setting ``html_baseurl``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata


def site_root(config: Config) -> str:
    """The site's public address with one trailing slash, or ``''`` if none is set.

    ``html_baseurl`` is the root of the whole site (``https://example.org/``); each
    language lives below it (``https://example.org/en/``), as ``make html`` builds it.
    """
    base = str(config.html_baseurl or '').strip()
    return base.rstrip('/') + '/' if base else ''


def language_root(config: Config, language: str | None = None) -> str:
    """The public address of one language's site (``''`` without a base URL)."""
    root = site_root(config)
    return f'{root}{language or config.language}/' if root else ''


def root_path(config: Config) -> str:
    """The site root as an absolute path on its host: ``/`` or e.g. ``/site/``."""
    path = urlsplit(site_root(config)).path or '/'
    return path if path.endswith('/') else path + '/'


def page_url(app: Sphinx, pagename: str, language: str | None = None) -> str:
    """The absolute address of *pagename* (in *language*), or ``''`` without a base URL."""
    root = language_root(app.config, language)
    return root + app.builder.get_target_uri(pagename) if root else ''


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Sphinx's canonical link ignores the language folder: give it the real address."""
    if context.get('pageurl'):
        context['pageurl'] = page_url(app, pagename)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect('html-page-context', on_html_page_context)
    return {
        'version': '1.0',
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

"""A preview (``make html DRAFTS=1``) is not a publication: every page asks not to be indexed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.config import Config

NOINDEX = '<meta name="robots" content="noindex">'
#: Templates that say noindex themselves (furo's, and Sphinx's, search page).
SAYS_NOINDEX = frozenset({'search.html'})


def is_preview(config: Config) -> bool:
    """Whether drafts and scheduled articles are shown (the news wing's setting)."""
    return bool(getattr(config, 'newsroom_show_drafts', False))


def noindex(config: Config, templatename: str, context: dict[str, Any]) -> None:
    """Add the noindex tag to the page's ``metatags`` (furo prints them in ``<head>``)."""
    if templatename in SAYS_NOINDEX:
        return
    if is_preview(config) and NOINDEX not in context.get('metatags', ''):
        context['metatags'] = context.get('metatags', '') + NOINDEX

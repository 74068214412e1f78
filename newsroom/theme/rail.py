"""The home page's right rail: the tags with the most news, linked to their pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

from newsroom.core.site import Site
from newsroom.core.tagaddresses import tag_slugs
from newsroom.core.taglabels import shown_tags

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx

_ = get_translation('newsroom')

#: How many tags the rail lists.
RAIL_LENGTH = 12


def top_tags(tags: Iterable[tuple[str, str, int]], length: int) -> list[tuple[str, str, int]]:
    """(page, label, count) of the *length* tags with the most articles, most first, then
    in alphabetical order."""
    return sorted(tags, key=lambda tag: (-tag[2], tag[1].casefold(), tag[1]))[:length]


def rail_context(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """``newsroom_rail`` on the home page (when the site has tags): its heading, the tags
    with the most news and a link to all of them."""
    site = Site.from_config(app.config)
    if pagename != site.root_doc:
        return
    slugs = tag_slugs(app)
    tags = [(site.tag_page(slugs[slug]), label, len(tag.articles))
            for slug, tag, label in shown_tags(app)]
    if not tags:
        return
    pathto = context['pathto']
    context['newsroom_rail'] = {
        'heading': str(_('Tags')),
        'items': [{'url': pathto(page), 'label': label, 'count': count}
                  for page, label, count in top_tags(tags, RAIL_LENGTH)],
        'all_url': pathto(site.tag_index),
        'all_label': str(_('All tags')),
    }

"""Article tags on their articles: links to the tag pages, labels into ``tags.pot``, spellings."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from sphinx.builders.gettext import MsgOrigin
from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.core import frontmatter
from newsroom.core.article import tag_slug
from newsroom.core.domain import news
from newsroom.core.site import Site
from newsroom.core.tagaddresses import tag_slugs
from newsroom.core.taglabels import CATALOG, shown_labels
from newsroom.core.translations import translations

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from newsroom.core.article import Tag

_ = get_translation('newsroom')
logger = logging.getLogger(__name__)

def warn_variants(app: Sphinx, tags: dict[str, Tag]) -> None:
    """Two spellings of one tag ("Китай", "китай") share a page: name the odd ones out."""
    for tag in tags.values():
        if len(tag.spellings) == 1:
            continue
        for article in tag.articles:
            for other in article.tags:
                if other != tag.label and tag_slug(other) == tag.slug:
                    line = frontmatter.read(app.env.doc2path(article.docname)).line('tags')
                    logger.warning('tag %r is spelled %r elsewhere; use one spelling',
                                   other, tag.label, location=(article.docname, line),
                                   type='newsroom', subtype='tag')


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """When this language's tag catalog changes, rewrite the articles that show tags."""
    digest = hashlib.sha1(json.dumps(sorted(translations(app, CATALOG).items())).encode())
    domain = news(env)
    if domain.data.get('tags_catalog') == digest.hexdigest():
        return []
    domain.data['tags_catalog'] = digest.hexdigest()
    return sorted(name for name, article in domain.articles.items() if article.tags)


def on_write_started(app: Sphinx, builder: Builder) -> None:
    """For ``make gettext``: every tag label into ``tags.pot``, located at its articles."""
    if builder.name != 'gettext':
        return
    articles = news(app.env).articles
    catalog = builder.catalogs[CATALOG]  # type: ignore[attr-defined]
    for docname in sorted(articles):
        path = app.env.doc2path(docname)
        line = frontmatter.read(path).line('tags')
        for label in articles[docname].tags:
            catalog.add(label, MsgOrigin(str(path), line))


def tags_context(app: Sphinx, pagename: str, pathto: Any) -> dict[str, Any] | None:
    """An article's tags, as links to their pages."""
    article = news(app.env).article(pagename)
    if article is None or not article.tags:
        return None
    site, slugs = Site.from_config(app.config), tag_slugs(app)
    items = [{'label': shown,
              'url': pathto(site.tag_page(slugs.get(tag_slug(label), tag_slug(label))))}
             for label, shown in shown_labels(app, article.tags)]
    return {'label': _('Tags'), 'index': pathto(site.tag_index), 'items': items} if items else None

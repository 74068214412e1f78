"""Article tags on their articles: links to the tag pages, labels into ``tags.pot``, spellings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.builders.gettext import MsgOrigin
from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.core import frontmatter
from newsroom.core.article import tag_slug
from newsroom.core.domain import news
from newsroom.core.site import Site
from newsroom.core.tagaddresses import RESERVED, label_slug, tag_slugs
from newsroom.core.taglabels import CATALOG, label_in, shown_labels
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


def retagged(old: dict[str, str] | None, new: dict[str, str],
             articles: dict[str, list[str]]) -> list[str]:
    """The articles to write again when a language's tag translations go from *old* to *new*
    (label → translation; None: not known yet): those with a label whose translation came,
    changed or went. Every tagged article when two labels' page addresses may meet (one
    tag's page then takes another's address), as with no *old*."""
    tagged = sorted(name for name, labels in articles.items() if labels)
    if old is None:
        return tagged
    changed = {label for label in old.keys() | new.keys() if old.get(label) != new.get(label)}
    if not changed:
        return []
    every = {label for labels in articles.values() for label in labels}
    for translated in (old, new):
        tags_at: dict[str, set[str]] = {}  # a page address -> the tags that may take it
        for label in every:
            for address in (label_slug(label_in(translated, label)), tag_slug(label)):
                tags_at.setdefault(address, set()).add(tag_slug(label))
        if any(len(tags) > 1 for tags in tags_at.values()) or RESERVED & tags_at.keys():
            return tagged
    return [name for name in tagged if changed.intersection(articles[name])]


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """When this language's tag catalog changes, write again the articles that show a tag
    whose label changed (their tag links and sharing tags print it) and the home page (its
    rail lists the tags). Labels are printed when pages are written, not read: nothing
    is read again."""
    domain = news(env)
    labels = translations(app, CATALOG)
    old = domain.data.get('tags_catalog')
    if old == labels:
        return []
    domain.data['tags_catalog'] = labels
    home = Site.from_config(app.config).root_doc
    return [*retagged(old if isinstance(old, dict) else None, labels,
                      {name: list(article.tags) for name, article in domain.articles.items()}),
            home]


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

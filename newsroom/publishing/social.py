"""Sharing metadata: a description, Open Graph and Twitter card tags in the page's language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from babel.core import Locale, get_global
from markupsafe import Markup
from sphinx.locale import get_translation

from newsroom.core.domain import news
from newsroom.core.pictures import image_url
from newsroom.core.site import Site, page_url
from newsroom.core.taglabels import shown_labels
from newsroom.publishing.jsonld import news_article, script_json

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from newsroom.core.article import Article

_ = get_translation('newsroom')

DESCRIPTION_LENGTH = 200  # characters; longer descriptions are cut by sharing previews


def og_locale(language: str) -> str:
    """Open Graph's ``language_TERRITORY``: "ru" → "ru_RU", "en" → "en_US"."""
    code = language.replace('-', '_')
    likely = get_global('likely_subtags').get(code.split('_')[0], code)
    locale = Locale.parse(likely)
    return f'{locale.language}_{locale.territory}' if locale.territory else locale.language


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """*text* cut at a word boundary to at most *limit* characters, with "…" if cut."""
    text = ' '.join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(' ', 1)[0].rstrip(' ,;:—–-')
    return cut + '…'


def image_meta(article: Article | None, language_root: str) -> dict[str, Any]:
    """The sharing card's image: the article's lead image, its widest JPEG (absolute
    addresses only: none without a base URL)."""
    if article is None or article.image is None or not language_root:
        return {'image': None}
    largest = article.image.largest
    return {'image': {'url': image_url(language_root, largest), 'type': largest.mime,
                      'width': largest.width, 'height': largest.height,
                      'alt': article.image.alt}}


def social_meta(app: Sphinx, pagename: str, title: str) -> dict[str, Any]:
    """The values of a page's sharing tags."""
    language = app.config.language
    domain = news(app.env)
    site = domain.site_title
    article = domain.article(pagename)
    if article:
        description = article.summary or title
    elif title and title != site:
        description = _('%(title)s — %(site)s') % {'title': title, 'site': site}
    else:
        description = _('The latest news of the site “%(site)s”') % {'site': site}
    url = page_url(app, pagename)
    root = Site.from_config(app.config).language_root(language)
    return {
        **image_meta(article, root),
        'jsonld': script_json(news_article(article, url, language, root, site,
                                           shorten(description)))
        if article and url else None,
        'site': site,
        'title': title or site,
        'description': shorten(description),
        'type': 'article' if article else 'website',
        'url': url,
        'locale': og_locale(language),
        'alternate_locales': [og_locale(code) for code in Site.from_config(app.config).published
                              if code != language],
        'published': article.date.isoformat() if article else None,
        'tags': [shown for _label, shown in shown_labels(app, article.tags)] if article else [],
    }


def social_context(app: Sphinx, pagename: str, context: dict[str, Any]) -> dict[str, Any]:
    """Titles in the context are HTML (``<em>`` etc.): the tags get their text."""
    return social_meta(app, pagename, Markup(context.get('title') or '').striptags())

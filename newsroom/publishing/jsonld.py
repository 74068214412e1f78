"""An article's structured data: a schema.org ``NewsArticle`` block, as search engines read it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from newsroom.core.pictures import image_url

if TYPE_CHECKING:
    from newsroom.core.article import Article

#: The longest headline search engines take.
HEADLINE_LENGTH = 110


def news_article(article: Article, url: str, language: str, language_root: str, site: str,
                 description: str) -> dict[str, Any]:
    """The ``NewsArticle`` of *article* at *url* (absolute), in this build's language."""
    data: dict[str, Any] = {
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        'headline': article.title[:HEADLINE_LENGTH],
        'datePublished': article.date.isoformat(),
        'inLanguage': language,
        'url': url,
        'mainEntityOfPage': url,
        'description': description,
        'publisher': {'@type': 'Organization', 'name': site, 'url': language_root},
    }
    if article.image is not None:
        data['image'] = [image_url(language_root, article.image.largest)]
    return data


def script_json(data: dict[str, Any]) -> Markup:
    """*data* as JSON that cannot end its ``<script>`` element (``<``, ``>``, ``&`` escaped)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace('<', '\\u003c').replace('>', '\\u003e')
                  .replace('&', '\\u0026'))

"""Tag pages: a tag's latest articles by year, and a page per year once there are more."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.core.domain import news
from newsroom.core.site import Site, page_url
from newsroom.core.tagaddresses import redirects, tag_slugs
from newsroom.core.taglabels import CATALOG, shown_labels, shown_tags, tag_title, translations
from newsroom.news.archives import listing_context, plan
from newsroom.news.tags import warn_variants

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

    from newsroom.core.article import Article

_ = get_translation('newsroom')
logger = logging.getLogger(__name__)


def year_of(article: Article) -> str:
    return article.year


def redirect_page(app: Sphinx, old: str, new: str,
                  title: str) -> tuple[str, dict[str, Any], str]:
    """A page at a tag page's old address (its source-language slug, or a slug it had in
    this language) that sends readers and search engines to its address now."""
    return old, {'title': title,
                 'newsroom_redirect': {'url': app.builder.get_relative_uri(old, new),
                                       'canonical': page_url(app, new)}}, 'newsroom/redirect.html'


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The pages of every tag (``news/tags/<tag>``, ``news/tags/<tag>/<year>``) and an
    index of all tags."""
    index = news(app.env).index.tags
    if not index:
        return
    labels = translations(app)
    site = Site.from_config(app.config)
    untranslated = sorted({tag.label for tag in index.values()
                           if labels is not None and tag.label not in labels})
    if untranslated:
        fate = ('left out' if app.config.newsroom_untranslated == 'hold'
                else 'shown transliterated')
        logger.info('newsroom: %d tag label(s) have no %s translation in %s.po, %s: %s',
                    len(untranslated), app.config.language, CATALOG, fate,
                    ', '.join(untranslated))
    warn_variants(app, index)
    tags = []
    slugs, moved = tag_slugs(app), defaultdict(list)
    for old, new in redirects(app).items():
        moved[new].append(old)
    for slug, tag, shown in shown_tags(app):
        tag_page = site.tag_page(slugs[slug])
        tags.append({'label': shown, 'count': len(tag.articles), 'pagename': tag_page})
        latest = _('Latest news tagged “%(tag)s”') % {'tag': shown}
        for page in plan(tag_page, tag.articles, app.config.newsroom_tag_limit, year_of,
                         lambda year, _page=tag_page: f'{_page}/{year}'):
            if page.period is None:
                title = tag_title(shown)
            else:
                title = _('News tagged “%(tag)s” of %(year)s') % {'tag': shown,
                                                                  'year': page.period}
            yield page.pagename, {
                'title': title,
                **listing_context(app, page, year_of, str,
                                  _('All news with this tag, by year:'), (latest, tag_page)),
            }, 'newsroom/listing.html'
            for old in moved.get(tag_page, ()):
                yield redirect_page(app, old + page.pagename[len(tag_page):],
                                    page.pagename, title)
    for tag in tags:
        tag['url'] = app.builder.get_relative_uri(site.tag_index, tag.pop('pagename'))
    yield site.tag_index, {
        'title': _('Tags'),
        'newsroom_tag_list': sorted(tags, key=lambda t: (t['label'].casefold(), t['label'])),
    }, 'newsroom/tags-index.html'

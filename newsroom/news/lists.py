"""The ``news-list`` directive: the latest news (headline, date, lead), optionally by year."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import Markup
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from newsroom.core.codestamp import code_stamp
from newsroom.core.dates import display_date
from newsroom.core.domain import news
from newsroom.core.labels import untranslated_label
from newsroom.core.nodes import foreign
from newsroom.core.pictures import LEAD_STORY_SIZES, THUMBNAIL_SIZES, picture_html
from newsroom.core.site import Site

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import OptionSpec

    from newsroom.core.article import Article

_ = get_translation('newsroom')


class news_list(nodes.General, nodes.Element):
    """Placeholder, replaced by the list of articles when the page is written."""


#: About how long a lead is, in characters.
LEAD_LENGTH = 200
SENTENCE_END = re.compile(r'(?<=[.!?…])\s+')


def lead(text: str, limit: int = LEAD_LENGTH) -> str:
    """*text* in about *limit* characters: whole when it fits, else up to the last sentence
    end past 60 % of *limit*, else cut at the last word boundary and ended with "…"."""
    text = ' '.join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.start() for m in SENTENCE_END.finditer(text[:limit + 1])]
    if ends and ends[-1] >= limit * 0.6:
        return text[:ends[-1]]
    head = text[:limit + 1]
    cut = head.rsplit(' ', 1)[0] if ' ' in head else text[:limit]
    return cut.rstrip(' ,;:–—-') + '…'


def lead_of(article: Article, percent: int | None, source: str) -> dict[str, str]:
    """An article's lead and its language: the build's (``''``), the source language's when
    nothing is translated; none for a partly translated article, whose first paragraph may
    be in either language."""
    if percent is not None and 0 < percent < 100:
        return {'lead': '', 'lead_lang': ''}
    return {'lead': lead(article.summary), 'lead_lang': source if percent == 0 else ''}


def select(articles: Sequence[Article], *, year: str | None, limit: int | None
           ) -> Sequence[Article]:
    """The articles a list shows: optionally one year's, optionally only the first *limit*."""
    if year is not None:
        articles = [a for a in articles if a.year == year]
    return articles[:limit] if limit else articles


def thumbnail(article: Article, images: str, *, first: bool = False) -> Markup:
    """An article's lead image in a list (*images*: the address of ``_images/``, ``''``
    for none): beside the headline that says what it shows (no alt text of its own); the
    *first* item (the lead story) is above the fold and fetched first."""
    if article.image is None or not images:
        return Markup('')
    return Markup('<div class="news-thumbnail">{}</div>').format(picture_html(
        article.image, images, alt='', lead=first,
        sizes=LEAD_STORY_SIZES if first else THUMBNAIL_SIZES))


#: Per build: each article's entry without what depends on the listing page (its address
#: and thumbnail), computed once though the article appears on several lists.
ENTRY_PARTS = 'list-entry-parts'


def entry_parts(article: Article, env: BuildEnvironment, source: str) -> dict[str, Any]:
    """Date label, ISO date, title, lead and translation state of *article*, the same on
    every list of this build."""
    domain = news(env)
    parts = domain.per_build(ENTRY_PARTS, dict)
    found = parts.get(article.docname)
    if found is None:
        percent = domain.percent(article.docname)
        found = parts[article.docname] = {
            'date': article.date.isoformat(),
            'date_label': display_date(article.date, env.config.language),
            'title': article.title,
            'title_lang': source if domain.title_untranslated(article.docname) else '',
            **lead_of(article, percent, source),
            'untranslated': untranslated_label(percent),
        }
    return found


#: Per build: each article's part of a listing's key (``article_key``).
PARTS_DIGESTS = 'list-entry-digests'
#: In the news domain's data, kept between builds: each article's part of a listing's key
#: with what it was made of (``kept_keys``), under the settings and code that made them.
KEYS_KEPT = 'list_keys'


def key_inputs(article: Article, env: BuildEnvironment) -> tuple[Any, ...]:
    """What :func:`entry_parts` and the key take of *article* in this build, but the
    settings and code (``kept_keys``' stamp): the article itself (the very object read
    from its page, which the saved environment keeps once however often it is named;
    a page read again makes a new one) and how much of it this build shows translated."""
    domain = news(env)
    percent = domain.percent(article.docname)
    return (article, percent, domain.title_untranslated(article.docname),
            untranslated_label(percent))


def same_inputs(before: tuple[Any, ...], now: tuple[Any, ...]) -> bool:
    return before[0] is now[0] and before[1:] == now[1:]


def made_key(article: Article, env: BuildEnvironment, source: str) -> str:
    parts = entry_parts(article, env, source)
    text = repr(sorted((name, str(value)) for name, value in parts.items()))
    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return f'{article.docname}\0{digest}\0{article.image!r}'


def kept_keys(env: BuildEnvironment, source: str) -> dict[str, tuple[tuple[Any, ...], str]]:
    """The keys the last builds made (docname → (:func:`key_inputs`, key)), if made under
    this build's language, source language and code (ours, Babel's dates); else none."""
    domain = news(env)

    def compute() -> dict[str, tuple[tuple[Any, ...], str]]:
        stamp = (env.config.language, source, code_stamp(('babel',)))
        kept = domain.data.get(KEYS_KEPT)
        if not isinstance(kept, dict) or kept.get('stamp') != stamp:
            kept = domain.data[KEYS_KEPT] = {'stamp': stamp, 'keys': {}}
        return kept['keys']

    return domain.per_build('list-keys-kept', compute)


def article_key(article: Article, env: BuildEnvironment, source: str) -> str:
    """What a listing's key takes of *article*, once per build: its name, a digest of its
    :func:`entry_parts` and its image (``repr`` of the frozen picture); the key a build
    made before when it was made of the same (:func:`key_inputs`), as formatting every
    article's date for its key costs a build some 0.1 CPU s at 5,000 articles."""
    keys = news(env).per_build(PARTS_DIGESTS, dict)
    found = keys.get(article.docname)
    if found is None:
        kept = kept_keys(env, source)
        inputs = key_inputs(article, env)
        before = kept.get(article.docname)
        if before is not None and same_inputs(before[0], inputs):
            found = before[1]
        else:
            found = made_key(article, env, source)
            kept[article.docname] = (inputs, found)
        keys[article.docname] = found
    return found


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    """Make every article's key now, before Sphinx saves the environment, so the next
    build finds them; forget those of articles gone."""
    source = Site.from_config(env.config).source
    articles = news(env).articles
    kept = kept_keys(env, source)
    for docname in [docname for docname in kept if docname not in articles]:
        del kept[docname]
    for article in articles.values():
        article_key(article, env, source)


class ListingEntries(Sequence):  # type: ignore[type-arg]
    """A listing page's :func:`article_entries`, made only when the page is rendered.

    As text, a digest of everything the entries are made of (each article's
    :func:`entry_parts`, page, image and the images' folder, in order), which is all the
    render memo's fingerprint of the page takes of them (``publishing.rendermemo``): a
    page found unchanged never makes its entries (some 19,000 of them on 170 listing
    pages at 5,000 articles, each with its address from the page)."""

    def __init__(self, articles: Sequence[Article], env: BuildEnvironment,
                 uri: Callable[[str], str], images: str, pagename: str) -> None:
        self.articles, self.env, self.uri, self.images = list(articles), env, uri, images
        source = Site.from_config(env.config).source
        key = hashlib.blake2b(f'{pagename}\0{images}\n'.encode(), digest_size=16)
        key.update('\n'.join(article_key(a, env, source) for a in self.articles).encode())
        self.key = key.hexdigest()
        self._made: list[dict[str, Any]] | None = None

    def made(self) -> list[dict[str, Any]]:
        if self._made is None:
            self._made = article_entries(self.articles, self.env, self.uri, self.images)
        return self._made

    def __getitem__(self, index: Any) -> Any:
        return self.made()[index]

    def __len__(self) -> int:
        return len(self.articles)

    def __str__(self) -> str:
        return self.key


def article_entries(articles: Sequence[Article], env: BuildEnvironment,
                    uri: Callable[[str], str], images: str = '', *,
                    lead_story: bool = False) -> list[dict[str, Any]]:
    """Date label, ISO date, title, link, lead (the first sentences, in this build's
    language), translation state and thumbnail of articles."""
    source = Site.from_config(env.config).source
    return [{
        'thumbnail': thumbnail(a, images, first=lead_story and not position),
        **entry_parts(a, env, source),
        'url': uri(a.docname),
    } for position, a in enumerate(articles)]


class NewsListDirective(SphinxDirective):
    """``news-list``: the latest articles (``:limit:``), optionally grouped by year."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        'limit': directives.positive_int,
        'year': directives.unchanged,
        'group-by-year': directives.flag,
        'lead-story': directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        news(self.env).note_listing(self.env.docname)
        node = news_list(
            limit=self.options.get('limit'),
            year=self.options.get('year'),
            group_by_year='group-by-year' in self.options,
            lead_story='lead-story' in self.options,
        )
        self.set_source_info(node)
        return [node]


def render_item(entry: dict[str, str], classes: list[str]) -> nodes.list_item:
    """One news item: its linked headline, its date, its lead."""
    headline = nodes.paragraph(classes=['news-headline'])
    title: nodes.Node = nodes.Text(entry['title'])
    if entry['title_lang']:
        title = foreign('', '', title, lang=entry['title_lang'])
    headline += nodes.reference('', '', title, internal=True, refuri=entry['url'],
                                classes=['news-title'])
    if entry['untranslated']:
        headline += nodes.Text(' ')
        headline += nodes.inline('', f'({entry["untranslated"]})',
                                 classes=['news-untranslated'])
    date = nodes.paragraph(classes=['news-date'])
    date += nodes.Text(entry['date_label'])
    item = nodes.list_item('', headline, date, classes=classes)
    if entry.get('thumbnail'):
        item.insert(0, nodes.raw('', entry['thumbnail'], format='html'))
    if entry['lead']:
        text: nodes.Node = nodes.Text(entry['lead'])
        if entry['lead_lang']:
            text = foreign('', '', text, lang=entry['lead_lang'])
        item += nodes.paragraph('', '', text, classes=['news-lead'])
    return item


def render_list(entries: list[dict[str, str]], *, lead_story: bool = False
                ) -> nodes.bullet_list:
    """A list of news items; with *lead_story*, the first one is the lead story."""
    bullets = nodes.bullet_list(classes=['news-list'])
    for position, entry in enumerate(entries):
        bullets += render_item(entry, ['news-lead-story'] if lead_story and not position
                               else [])
    return bullets


def image_folder(app: Sphinx, pagename: str) -> str:
    """The address of the images' folder from *pagename* (``''`` when not writing HTML)."""
    imagedir = getattr(app.builder, 'imagedir', '')
    return relative_uri(app.builder.get_target_uri(pagename), imagedir) if imagedir else ''


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each ``news-list`` placeholder with the current articles."""
    placeholders = list(doctree.findall(news_list))
    if not placeholders:
        return
    index = news(app.env).index
    site = Site.from_config(app.config)

    def uri(target: str) -> str:
        return app.builder.get_relative_uri(docname, target)

    images = image_folder(app, docname)
    for node in placeholders:
        chosen = select(index.articles, year=node['year'], limit=node['limit'])
        if not node['group_by_year']:
            lead_story = node.get('lead_story', False)
            node.replace_self(render_list(article_entries(chosen, app.env, uri, images,
                                                          lead_story=lead_story),
                                          lead_story=lead_story))
            continue
        container = nodes.container(classes=['news-archive'])
        for year, group in groupby(chosen, key=lambda a: a.year):
            heading = nodes.rubric(classes=['news-year'])
            heading += nodes.reference(year, year, internal=True,
                                       refuri=uri(site.year_page(year)))
            container += heading
            container += render_list(article_entries(list(group), app.env, uri, images))
        if len(chosen) < len(select(index.articles, year=node['year'], limit=None)):
            container += archive_links(index.years, site, uri)
        node.replace_self(container)


def archive_links(archive_years: Sequence[str], site: Site,
                  uri: Callable[[str], str]) -> nodes.paragraph:
    """"Earlier news, by year: 2025, 2024, …" under a list cut by ``:limit:``."""
    para = nodes.paragraph(classes=['news-archive-years'])
    para += nodes.Text(str(_('All news by year:')) + ' ')
    for index, year in enumerate(archive_years):
        if index:
            para += nodes.Text(', ')
        para += nodes.reference(year, year, internal=True, refuri=uri(site.year_page(year)))
    return para

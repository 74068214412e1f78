"""The article model: one frozen value per news page, and the pure functions that order them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence, Set

    from newsroom.core.pictures import Picture

#: Why an article is not public: a ``draft: true`` flag, or a date after today.
DRAFT, SCHEDULED = 'draft', 'scheduled'


@dataclass(frozen=True)
class Translation:
    """How much of one page a build in a target language shows translated."""

    messages: tuple[str, ...]  # keys of the page's source messages (see ``message_key``)
    translated: int
    title_translated: bool = True
    title: str = ''  # the key of the title's message ('' if the page has none)
    revised: str = ''  # a published translation under revision: when its original changed

    @property
    def percent(self) -> int | None:
        """0–100, or ``None`` when everything is translated (or there is nothing to)."""
        total = len(self.messages)
        if not total or self.translated >= total:
            return None
        return self.translated * 100 // total


@dataclass(frozen=True)
class Article:
    """One news item: what lists, archives, feeds, sitemaps and navigation know of it."""

    docname: str
    date: dt.date
    title: str  # in this build's language
    tags: tuple[str, ...] = ()
    order: int = 0  # among the news of one day, higher is newer (front matter ``order:``)
    hold: str = ''  # '' when public, else DRAFT or SCHEDULED (shown only in previews)
    summary: str = ''  # the first paragraph, in this build's language
    image: Picture | None = None  # the lead image, its texts in this build's language
    translation: Translation | None = field(default=None, compare=False)

    @property
    def year(self) -> str:
        return f'{self.date.year:04d}'

    @property
    def month(self) -> str:
        """``YYYY-MM``."""
        return f'{self.date.year:04d}-{self.date.month:02d}'

    def sort_key(self) -> tuple[dt.date, int, str]:
        return self.date, self.order, self.docname


def message_key(message: str) -> str:
    """A short stable key for a source message (pages keep keys, not texts)."""
    return hashlib.blake2b(message.encode('utf-8'), digest_size=8).hexdigest()


def parse_tags(value: Any) -> tuple[str, ...]:
    """Front-matter tags (MyST hands non-strings over JSON-encoded): a list or one string."""
    if value is None:
        return ()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = [part.strip() for part in value.split(',')]
    if isinstance(value, str):
        value = [value]
    return tuple(str(tag).strip() for tag in value if str(tag).strip())


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Newest first; those of one day by ``order`` (highest first), then by file name
    (last first)."""
    return sorted(articles, key=Article.sort_key, reverse=True)


def neighbours(articles: Sequence[Article]) -> dict[str, tuple[Article | None, Article | None]]:
    """Each article's (older, newer) neighbour in the order of *articles* (newest first)."""
    return {article.docname: (articles[index + 1] if index + 1 < len(articles) else None,
                              articles[index - 1] if index > 0 else None)
            for index, article in enumerate(articles)}


def stale_pages(old: Sequence[Article], new: Sequence[Article], listings: Set[str],
                every_page: Iterable[str]) -> list[str]:
    """The pages to rewrite after a change of the ordered articles from *old* to *new*:
    when the order changed, the *listings* and the articles whose previous/next links
    differ; when the years changed, every page (the sidebar has them)."""
    if tuple(old) == tuple(new):
        return []
    if {a.year for a in old} != {a.year for a in new}:
        return sorted(every_page)
    before, after = neighbours(old), neighbours(new)
    moved = {name for name, pair in after.items() if before.get(name) != pair}
    return sorted(moved | set(listings))


LATIN = dict(zip(
    'абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
    ['a', 'b', 'v', 'g', 'd', 'e', 'e', 'zh', 'z', 'i', 'y', 'k', 'l', 'm', 'n', 'o', 'p',
     'r', 's', 't', 'u', 'f', 'kh', 'ts', 'ch', 'sh', 'shch', '', 'y', '', 'e', 'yu', 'ya'],
    strict=True,
))


def transliterate(text: str) -> str:
    """Russian letters in Latin ones ("Каспийское море" → "Kaspiyskoe more")."""
    out = []
    for char in text:
        latin = LATIN.get(char.lower())
        out.append(char if latin is None else latin.capitalize() if char.isupper() else latin)
    return ''.join(out)


@lru_cache(maxsize=4096)
def tag_slug(label: str) -> str:
    """The file name of a tag's page: lowercase Latin letters, digits and hyphens."""
    slug = re.sub(r'[^a-z0-9]+', '-', transliterate(label).lower()).strip('-')
    return slug or 'tag-' + hashlib.sha1(label.encode()).hexdigest()[:8]


@dataclass(frozen=True)
class Tag:
    """A tag as its pages show it: one slug, its most used spelling, its articles."""

    slug: str
    label: str
    articles: tuple[Article, ...]
    spellings: tuple[str, ...]  # every spelling used, the label first


@dataclass(frozen=True)
class Index:
    """Everything derived from the set of articles, computed once per build."""

    articles: tuple[Article, ...]  # newest first
    years: tuple[str, ...]  # newest first
    neighbours: dict[str, tuple[Article | None, Article | None]]
    tags: dict[str, Tag]  # by slug, in order of first use (newest article first)

    @classmethod
    def of(cls, articles: Iterable[Article]) -> Index:
        ordered = tuple(newest_first(articles))
        return cls(ordered, tuple(year for year, _group in groupby(a.year for a in ordered)),
                   neighbours(ordered), tag_index(ordered))

    def by_year(self) -> list[tuple[str, list[Article]]]:
        return [(year, list(group)) for year, group in groupby(self.articles,
                                                               key=lambda a: a.year)]

    def of_year(self, year: str) -> list[Article]:
        return [a for a in self.articles if a.year == year]


def tag_index(articles: Sequence[Article]) -> dict[str, Tag]:
    """The tags of *articles* (newest first) by slug; two spellings of one slug share a page
    under the most used one."""
    members: dict[str, list[Article]] = {}
    spellings: dict[str, Counter[str]] = {}
    for article in articles:
        for label in article.tags:
            slug = tag_slug(label)
            spellings.setdefault(slug, Counter())[label] += 1
            members.setdefault(slug, []).append(article)
    tags = {}
    for slug, items in members.items():
        ranked = [label for label, _count in spellings[slug].most_common()]
        tags[slug] = Tag(slug, ranked[0], tuple(items), tuple(ranked))
    return tags

"""Tag pages at addresses in the reader's language, and the old addresses that lead there."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from newsroom.core.article import tag_slug, transliterate
from newsroom.core.domain import news
from newsroom.core.site import Site
from newsroom.core.tagledger import LedgerError, ledger_path, read_ledger
from newsroom.core.taglabels import CATALOG, label_in, shown_tags
from newsroom.core.translations import other_translations

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: The tag index's own name in the tags folder: no tag's page may take it.
RESERVED = frozenset({'index'})


def label_slug(label: str) -> str:
    """A tag's file name from its label in any alphabet: Cyrillic transliterated, accents
    and Turkmen letters folded to Latin ones ("Hazar deňzi" → "hazar-denzi")."""
    decomposed = unicodedata.normalize('NFKD', transliterate(label))
    return tag_slug(''.join(char for char in decomposed if not unicodedata.combining(char)))


def local_slugs(shown: Iterable[tuple[str, str]], *, source: bool) -> dict[str, str]:
    """(source slug, label as shown), in the index's order → the page's slug in that
    language: the shown label's, unless an earlier tag took it or it is reserved, then the
    source slug (the source language keeps its slugs as they are)."""
    slugs: dict[str, str] = {}
    taken: set[str] = set(RESERVED)
    for slug, label in shown:
        local = slug if source else label_slug(label)
        if local in taken:
            local = slug
        taken.add(local)
        slugs[slug] = local
    return slugs


def catalog_labels(app: Sphinx, language: str) -> dict[str, str] | None:
    """The translated tag labels of *language* as its own build reads its ``tags.po``
    (checked: none from a catalog ``check-po`` refuses, so every build names the same tag
    pages), ``None`` for the source language."""
    if Site.from_config(app.config).is_source(language):
        return None
    return other_translations(app, language, CATALOG)


def tag_slugs(app: Sphinx, language: str | None = None) -> dict[str, str]:
    """Source slug → slug of the tag's page in *language* (this build's by default), for
    the tags with a page there."""
    code = language or app.config.language
    site = Site.from_config(app.config)

    def compute() -> dict[str, str]:
        if code == app.config.language:
            shown = [(slug, label) for slug, _tag, label in shown_tags(app)]
        else:
            labels = catalog_labels(app, code)
            hold = app.config.newsroom_untranslated == 'hold'
            shown = [(slug, label_in(labels, tag.label))
                     for slug, tag in news(app.env).index.tags.items()
                     if labels is None or not hold or tag.label in labels]
        return local_slugs(shown, source=site.is_source(code))

    return news(app.env).per_build(f'tag-slugs-{code}', compute)


def split_tag_page(site: Site, pagename: str) -> tuple[str, str] | None:
    """(slug, rest) of a tag's page (``news/tags/<slug>[/<year>]``), None for other pages
    and the tag index."""
    folder = site.tag_index.removesuffix('index')
    if not pagename.startswith(folder):
        return None
    slug, _slash, rest = pagename[len(folder):].partition('/')
    return None if slug in RESERVED else (slug, rest)


def tag_page_in(app: Sphinx, pagename: str, language: str) -> str | None:
    """*pagename* of this build's language as named in *language*: a tag's page there has
    its own slug, and there is none where that language holds the tag back (None); any
    other page keeps its name."""
    site = Site.from_config(app.config)
    found = split_tag_page(site, pagename)
    if found is None or language == app.config.language:
        return pagename
    here = {local: slug for slug, local in tag_slugs(app).items()}
    source = here.get(found[0])
    if source is None:  # not a tag's page of this build (an old address)
        return pagename
    there = tag_slugs(app, language).get(source)
    if there is None:
        return None
    return site.tag_page(there) + (f'/{found[1]}' if found[1] else '')


def former_slugs(app: Sphinx) -> dict[str, list[str]]:
    """Source slug → the slugs a tag's page has had in this build's language, by the
    ledgers of its locale folders (``tagledger``); a broken ledger is a warning, unread."""
    def compute() -> dict[str, list[str]]:
        folders = getattr(app.config, 'newsroom_locale_dirs', None) or app.config.locale_dirs
        found: dict[str, list[str]] = {}
        for folder in folders:
            path = ledger_path(Path(app.srcdir, folder), app.config.language)
            try:
                ledger = read_ledger(path)
            except LedgerError as exc:
                logger.warning('%s; its redirects are not made (make update-po writes it '
                               'again)', exc.message, location=f'{exc.path}:{exc.line}',
                               type='newsroom', subtype='tag-ledger')
                continue
            for slug, slugs in ledger.items():
                known = found.setdefault(slug, [])
                known += [s for s in dict.fromkeys(slugs) if s not in known]
        return found

    return news(app.env).per_build('tag-ledger', compute)


def redirects(app: Sphinx) -> dict[str, str]:
    """Old tag page names → the page this language has instead, where the old name is not
    a page of its own: the source slug's, and each slug the tag's page has had in this
    language (``former_slugs``; the first tag that had one keeps it)."""
    def compute() -> dict[str, str]:
        site = Site.from_config(app.config)
        slugs, former = tag_slugs(app), former_slugs(app)
        pages = set(slugs.values()) | RESERVED
        moved: dict[str, str] = {}
        for slug, local in slugs.items():
            for old in (slug, *former.get(slug, ())):
                if old not in pages and site.tag_page(old) not in moved:
                    moved[site.tag_page(old)] = site.tag_page(local)
        return moved

    return news(app.env).per_build('tag-redirects', compute)


def is_redirect(app: Sphinx, pagename: str) -> bool:
    """Whether *pagename* is an old address of a tag's page (or of one of its years)."""
    site = Site.from_config(app.config)
    found = split_tag_page(site, pagename)
    return found is not None and site.tag_page(found[0]) in redirects(app)

"""A sitemap per language with ``hreflang`` alternates, and the sitemap index of the whole site."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from newsroom.core.domain import news
from newsroom.core.site import Site, page_url
from newsroom.core.tagaddresses import is_redirect, tag_page_in

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
XHTML_NS = 'http://www.w3.org/1999/xhtml'
FILENAME = 'sitemap.xml'

def write_xml(root: ET.Element, path: Path) -> None:
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding='utf-8', xml_declaration=True)


def urlset(entries: Iterable[tuple[str, str | None, dict[str, str]]]) -> ET.Element:
    """``<urlset>`` of (address, last change or None, {language: address}) entries."""
    ET.register_namespace('', SITEMAP_NS)
    ET.register_namespace('xhtml', XHTML_NS)
    root = ET.Element(f'{{{SITEMAP_NS}}}urlset')
    for loc, lastmod, alternates in entries:
        url = ET.SubElement(root, f'{{{SITEMAP_NS}}}url')
        ET.SubElement(url, f'{{{SITEMAP_NS}}}loc').text = loc
        if lastmod:
            ET.SubElement(url, f'{{{SITEMAP_NS}}}lastmod').text = lastmod
        for code, href in alternates.items():
            ET.SubElement(url, f'{{{XHTML_NS}}}link',
                          {'rel': 'alternate', 'hreflang': code, 'href': href})
    return root


def sitemap_index(locations: Iterable[str]) -> ET.Element:
    """``<sitemapindex>`` naming each language's sitemap."""
    ET.register_namespace('', SITEMAP_NS)
    root = ET.Element(f'{{{SITEMAP_NS}}}sitemapindex')
    for loc in locations:
        ET.SubElement(ET.SubElement(root, f'{{{SITEMAP_NS}}}sitemap'),
                      f'{{{SITEMAP_NS}}}loc').text = loc
    return root


def pages(app: Sphinx) -> list[str]:
    """Every public page of this build: the documents (less the articles this language
    does not publish yet) and the generated pages, less the tag pages' old addresses."""
    excluded = set(app.config.newsroom_sitemap_exclude)
    names = (set(app.env.found_docs) - news(app.env).held_back) | generated(app)
    return sorted(name for name in names
                  if name not in excluded and not is_redirect(app, name))


def entries(app: Sphinx) -> list[tuple[str, str | None, dict[str, str]]]:
    """Each page's address, last change (articles: their date) and its address per language.

    Every language is built from the same sources, so every page exists in each of them,
    except the articles a language does not publish yet; a tag's page is named in each
    language's own words, and is not in a language that holds the tag back.
    """
    domain = news(app.env)
    dates = {a.docname: a.date.isoformat() for a in domain.index.articles}
    languages = Site.from_config(app.config).published
    return [(page_url(app, name), dates.get(name),
             {code: page_url(app, there, code) for code in languages
              if code not in domain.unavailable(name)
              and (there := tag_page_in(app, name, code)) is not None})
            for name in pages(app)]


def generated(app: Sphinx) -> set[str]:
    """Pages that are generated rather than read (year archives, tags, search…), this build."""
    return news(app.env).per_build('generated-pages', set)


def note_generated(app: Sphinx, pagename: str, doctree: Any) -> None:
    if doctree is None:  # generated pages are written by the main process
        generated(app).add(pagename)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Write ``<outdir>/sitemap.xml`` after an HTML build (it needs ``html_baseurl``)."""
    if exception is not None or app.builder.format != 'html':
        return
    if not Site.from_config(app.config).base_url:
        (app.outdir / FILENAME).unlink(missing_ok=True)  # never leave a stale one behind
        logger.debug('newsroom: no html_baseurl, so no sitemap (it needs absolute links)')
        return
    write_xml(urlset(entries(app)), app.outdir / FILENAME)

"""Files at the root of the built site: the language-choosing ``index.html``, ``404.html``,
their stylesheet and script, the sitemap index and ``robots.txt`` (``python -m newsroom
root``, after every language)."""

from __future__ import annotations

import json
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from newsroom.core.site import language_name
from newsroom.publishing.sitemaps import FILENAME, sitemap_index, write_xml

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newsroom.core.site import Site

#: The root pages' own files, beside them (no inline script or style: a strict CSP holds).
STYLESHEET = 'site-root.css'
SCRIPT = 'site-root.js'

ROOT_PAGE = """<!DOCTYPE html>
<html lang="{source}" data-languages="{languages_json}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
<meta name="description" content="{description}">
{head_links}
<link rel="stylesheet" href="{stylesheet}">
<script src="{script}" defer></script>
</head>
<body>
<main class="site-root">
{emblem}
<ul class="site-root-languages">
{links}
</ul>
</main>
</body>
</html>
"""

#: Sends readers to the language they chose in a switcher before (the cookie the generated
#: nginx configuration reads too), else to their browser's language, else to the source
#: language; without JavaScript the page is a plain choice of languages.
ROOT_SCRIPT = """(function () {
  var languages = JSON.parse(document.documentElement.dataset.languages || "[]");
  if (!languages.length) { return; }
  var chosen = /(?:^|;\\s*)newsroom_lang=([^;]*)/.exec(document.cookie);
  if (chosen && languages.indexOf(decodeURIComponent(chosen[1])) !== -1) {
    location.replace(decodeURIComponent(chosen[1]) + "/index.html"); return;
  }
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (languages.indexOf(code) !== -1) { location.replace(code + "/index.html"); return; }
  }
  location.replace(languages[0] + "/index.html");
})();
"""

ROOT_STYLES = """:root { color-scheme: light dark; --bg: #fff; --fg: #111; --muted: #4a4d55;
  --brand: #0b5d3b; --accent: #b8860b; --link: #0a5a8a; --focus: #1a5fb4; }
@media (prefers-color-scheme: dark) { :root { --bg: #131416; --fg: #e8eaec; --muted: #b3b7bd;
  --brand: #6fd3a3; --link: #7cc4ff; --focus: #8cc8ff; } }
body { margin: 0; background: var(--bg); color: var(--fg);
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif;
  line-height: 1.5; border-top: 6px solid #0b5d3b; }
.site-root { max-width: 40rem; margin: 0 auto; padding: 3rem 1.25rem; text-align: center; }
.site-root-emblem { width: 6rem; height: 6rem; }
.site-root-languages { list-style: none; padding: 0; margin: 2rem 0 0; display: grid; gap: 1rem; }
.site-root-languages a { display: block; padding: 1.25rem 1rem; border: 1px solid var(--muted);
  border-top: 4px solid var(--accent); border-radius: 0.25rem; color: var(--fg);
  text-decoration: none; }
.site-root-languages a:hover { border-color: var(--brand); }
.site-root-name { display: block; font-family: Georgia, "Times New Roman", serif;
  font-size: 1.6rem; font-weight: 700; line-height: 1.2; color: var(--brand); }
.site-root-tagline { display: block; color: var(--muted); }
.site-root-language { display: block; margin-top: 0.5rem; font-weight: 600;
  color: var(--link); text-decoration: underline; }
.site-root section { margin: 2rem 0; }
.site-root h1 { font-family: Georgia, "Times New Roman", serif; font-size: 1.6rem; }
.site-root p a { color: var(--link); }
a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
"""

#: The root 404 page speaks every language: each says what happened in its own words.
NOT_FOUND = {
    'ru': ('Страница не найдена', 'По этому адресу страницы нет. Перейдите на главную:'),
    'en': ('Page not found', 'There is no page at this address. Go to the home page:'),
}

ROOT_404 = """<!DOCTYPE html>
<html lang="{source}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="stylesheet" href="{stylesheet}">
</head>
<body>
<main class="site-root">
{emblem}
{sections}
</main>
</body>
</html>
"""


class Masthead(NamedTuple):
    """What a language's home page shows in its masthead (empty when not built)."""

    name: str = ''
    tagline: str = ''
    emblem: str = ''  # relative to the language's folder
    favicon: str = ''  # the same, an .ico file


class MastheadReader(HTMLParser):
    """The site's name, tagline and emblem from a language's built home page."""

    FIELDS = {'newsroom-site-name': 'name', 'newsroom-tagline': 'tagline'}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}
        self.reading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or '' for k, v in attrs}
        classes = attributes.get('class', '').split()
        if tag == 'img' and 'newsroom-emblem' in classes:
            self.found.setdefault('emblem', attributes.get('src', ''))
        if (tag == 'link' and 'icon' in attributes.get('rel', '').split()
                and attributes.get('href', '').split('?')[0].endswith('.ico')):
            self.found.setdefault('favicon', attributes['href'].split('?')[0])
        for css, field in self.FIELDS.items():
            if css in classes and field not in self.found:
                self.reading, self.found[field] = field, ''

    def handle_endtag(self, tag: str) -> None:
        if tag == 'span':
            self.reading = None

    def handle_data(self, data: str) -> None:
        if self.reading:
            self.found[self.reading] += data


def read_masthead(home: Path) -> Masthead:
    """The masthead of the built home page *home* (``<lang>/index.html``)."""
    if not home.is_file():
        return Masthead()
    reader = MastheadReader()
    reader.feed(home.read_text(encoding='utf-8'))
    found = {key: ' '.join(value.split()) for key, value in reader.found.items()}
    emblem, favicon = (own_file(found.get(key, '')) for key in ('emblem', 'favicon'))
    return Masthead(found.get('name', ''), found.get('tagline', ''), emblem, favicon)


def own_file(href: str) -> str:
    """*href* if it names a file of the language's own tree, else ``''``."""
    if href.startswith(('http:', 'https:', '/', 'data:')) or '..' in href.split('/'):
        return ''
    return href


def emblem_tag(src: str) -> str:
    return (f'<img class="site-root-emblem" src="{escape(src)}" alt="" width="96" height="96">'
            if src else '')


def not_found_page(languages: Sequence[str], root_path: str,
                   mastheads: dict[str, Masthead] | None = None) -> str:
    """A multilingual "not found" page linking, by absolute path, to each language's home."""
    mastheads = mastheads or {}
    sections = []
    for code in languages:
        heading, text = NOT_FOUND.get(code, NOT_FOUND['en'])
        lang = code if code in NOT_FOUND else 'en'
        sections.append(
            f'<section lang="{lang}">\n<h1>{escape(heading)}</h1>\n<p>{escape(text)} '
            f'<a href="{root_path}{code}/index.html" hreflang="{code}">'
            f'{escape(language_name(code))}</a></p>\n</section>')
    title = ' / '.join(dict.fromkeys(NOT_FOUND.get(c, NOT_FOUND['en'])[0] for c in languages))
    source = mastheads.get(languages[0], Masthead())
    emblem = f'{root_path}{languages[0]}/{source.emblem}' if source.emblem else ''
    return ROOT_404.format(source=languages[0], title=escape(title),
                           stylesheet=f'{root_path}{STYLESHEET}', emblem=emblem_tag(emblem),
                           sections='\n'.join(sections))


def root_page(languages: Sequence[str], title: str, base_url: str = '',
              mastheads: dict[str, Masthead] | None = None) -> str:
    """A choice of languages, each with the site's name and tagline in it; its script sends
    readers to their browser's language (else the source language)."""
    mastheads = mastheads or {}
    links, names = [], []
    for code in languages:
        masthead = mastheads.get(code, Masthead())
        name = masthead.name or title
        names.append(name)
        tagline = (f'<span class="site-root-tagline">{escape(masthead.tagline)}</span>'
                   if masthead.tagline else '')
        links.append(
            f'<li lang="{code}"><a href="{code}/index.html" hreflang="{code}">'
            f'<span class="site-root-name">{escape(name)}</span>{tagline}'
            f'<span class="site-root-language">{escape(language_name(code))}</span></a></li>')
    head_links = []
    if base_url:  # hreflang alternates must be absolute; x-default is this page
        head_links.append(f'<link rel="canonical" href="{escape(base_url)}">')
        head_links += [f'<link rel="alternate" hreflang="{code}" '
                       f'href="{escape(base_url)}{code}/index.html">' for code in languages]
        head_links.append(f'<link rel="alternate" hreflang="x-default" '
                          f'href="{escape(base_url)}">')
    source = mastheads.get(languages[0], Masthead())
    if source.emblem:
        head_links.append(f'<link rel="icon" href="{escape(languages[0])}/'
                          f'{escape(source.emblem)}" type="image/svg+xml">')
    description = ' / '.join(dict.fromkeys(
        f'{names[i]} — {language_name(code)}' for i, code in enumerate(languages)))
    return ROOT_PAGE.format(
        source=languages[0], title=escape(' / '.join(dict.fromkeys(names))),
        description=escape(description), head_links='\n'.join(head_links),
        stylesheet=STYLESHEET, script=SCRIPT, links='\n'.join(links),
        emblem=emblem_tag(f'{languages[0]}/{source.emblem}' if source.emblem else ''),
        languages_json=escape(json.dumps(list(languages))))


def write_site_root(site: Site, outdir: Path) -> list[str]:
    """Write the root files of the built site in *outdir*; what was left out and why."""
    outdir.mkdir(parents=True, exist_ok=True)
    languages = site.published
    mastheads = {code: read_masthead(outdir / code / 'index.html') for code in languages}
    (outdir / 'index.html').write_text(
        root_page(languages, site.project, site.base_url, mastheads), encoding='utf-8')
    (outdir / '404.html').write_text(
        not_found_page(languages, site.root_path, mastheads), encoding='utf-8')
    (outdir / STYLESHEET).write_text(ROOT_STYLES, encoding='utf-8')
    (outdir / SCRIPT).write_text(ROOT_SCRIPT, encoding='utf-8')
    source = mastheads[languages[0]]
    favicon = outdir / languages[0] / source.favicon
    if source.favicon and favicon.is_file():  # browsers and feed readers ask the root
        (outdir / 'favicon.ico').write_bytes(favicon.read_bytes())
    if not site.base_url:
        return []  # `python -m newsroom warnings` has said so, once
    write_xml(sitemap_index(f'{site.language_root(code)}{FILENAME}' for code in languages),
              outdir / FILENAME)
    (outdir / 'robots.txt').write_text(
        f'User-agent: *\nAllow: /\n\nSitemap: {site.base_url}{FILENAME}\n', encoding='utf-8')
    return []

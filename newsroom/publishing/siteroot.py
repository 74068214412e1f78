"""Files at the root of the built site: the language-choosing ``index.html``, ``404.html``,
the sitemap index and ``robots.txt`` (``python -m newsroom root``, after every language)."""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING

from newsroom.core.site import language_name
from newsroom.publishing.sitemaps import FILENAME, sitemap_index, write_xml

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from newsroom.core.site import Site

ROOT_PAGE = """<!DOCTYPE html>
<html lang="{source}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{alternates}
<script>
(function () {{
  var languages = {languages_json};
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {{
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (languages.indexOf(code) !== -1) {{ location.replace(code + "/index.html"); return; }}
  }}
  location.replace("{source}/index.html");
}})();
</script>
</head>
<body>
<main>
<ul>
{links}
</ul>
</main>
</body>
</html>
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
<meta name="robots" content="noindex">
<title>{title}</title>
</head>
<body>
<main>
{sections}
</main>
</body>
</html>
"""


def not_found_page(languages: Sequence[str], root_path: str) -> str:
    """A bilingual "not found" page linking, by absolute path, to each language's home."""
    sections = []
    for code in languages:
        heading, text = NOT_FOUND.get(code, NOT_FOUND['en'])
        lang = code if code in NOT_FOUND else 'en'
        sections.append(
            f'<section lang="{lang}">\n<h1>{escape(heading)}</h1>\n<p>{escape(text)} '
            f'<a href="{root_path}{code}/index.html" hreflang="{code}">'
            f'{escape(language_name(code))}</a></p>\n</section>')
    title = ' / '.join(dict.fromkeys(NOT_FOUND.get(c, NOT_FOUND['en'])[0] for c in languages))
    return ROOT_404.format(source=languages[0], title=escape(title),
                           sections='\n'.join(sections))


def root_page(languages: Sequence[str], title: str) -> str:
    """A page that sends readers to their browser's language (else the source language)."""
    links = '\n'.join(
        f'<li><a href="{code}/index.html" hreflang="{code}" lang="{code}">'
        f'{escape(language_name(code))}</a></li>' for code in languages)
    alternates = '\n'.join(
        f'<link rel="alternate" hreflang="{code}" href="{code}/index.html">'
        for code in languages)
    return ROOT_PAGE.format(
        source=languages[0], title=escape(title), links=links, alternates=alternates,
        languages_json=json.dumps(list(languages)))


def write_site_root(site: Site, outdir: Path) -> list[str]:
    """Write the root files of the built site in *outdir*; what was left out and why."""
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / 'index.html').write_text(root_page(site.published, site.project),
                                       encoding='utf-8')
    (outdir / '404.html').write_text(not_found_page(site.published, site.root_path),
                                     encoding='utf-8')
    if not site.base_url:
        return []  # `python -m newsroom warnings` has said so, once
    write_xml(sitemap_index(f'{site.language_root(code)}{FILENAME}' for code in site.published),
              outdir / FILENAME)
    (outdir / 'robots.txt').write_text(
        f'User-agent: *\nAllow: /\n\nSitemap: {site.base_url}{FILENAME}\n', encoding='utf-8')
    return []

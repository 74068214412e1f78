"""Files at the root of the built site: the sitemap index, ``robots.txt`` and ``404.html``.

Run after every language is built: ``python -m newsroom.siteroot _build/html``.
"""

from __future__ import annotations

import argparse
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from newsroom.languages import language_name
from newsroom.sitemaps import FILENAME, sitemap_index, write_xml

if TYPE_CHECKING:
    from collections.abc import Sequence

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


def read_conf(confdir: Path) -> tuple[list[str], str]:
    """The site's languages and ``html_baseurl`` from ``conf.py``."""
    namespace = eval_config_file(confdir / 'conf.py', Tags())
    return list(namespace.get('newsroom_languages', ())), str(namespace.get('html_baseurl', ''))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m newsroom.siteroot', description=__doc__)
    parser.add_argument('outdir', type=Path, help='the built site, e.g. _build/html')
    parser.add_argument('--confdir', type=Path, default=Path())
    parser.add_argument('--baseurl', help="override conf.py's html_baseurl")
    args = parser.parse_args(argv)
    languages, base = read_conf(args.confdir)
    if args.baseurl is not None:
        base = args.baseurl
    if not languages:
        parser.error(f'{args.confdir / "conf.py"}: set newsroom_languages')
    base = base.rstrip('/') + '/' if base else ''
    path = urlsplit(base).path or '/'
    args.outdir.mkdir(parents=True, exist_ok=True)
    (args.outdir / '404.html').write_text(
        not_found_page(languages, path if path.endswith('/') else path + '/'), encoding='utf-8')
    if not base:
        print('newsroom.siteroot: no html_baseurl, so no sitemap index (it needs absolute links)')
        return 0
    write_xml(sitemap_index(f'{base}{code}/{FILENAME}' for code in languages),
              args.outdir / FILENAME)
    (args.outdir / 'robots.txt').write_text(
        f'User-agent: *\nAllow: /\n\nSitemap: {base}{FILENAME}\n', encoding='utf-8')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())

"""Small commands the Makefile uses: list the site's languages, write the root page."""

from __future__ import annotations

import argparse
import json
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from newsroom.languages import language_name

if TYPE_CHECKING:
    from collections.abc import Sequence

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


def read_conf(confdir: Path) -> tuple[list[str], str]:
    """The site's languages (source language first) and project name from ``conf.py``."""
    namespace = eval_config_file(confdir / 'conf.py', Tags())
    languages = list(namespace.get('newsroom_languages', ()))
    if not languages:
        raise SystemExit(f'{confdir / "conf.py"}: set newsroom_languages, e.g. ["ru", "en"]')
    return languages, str(namespace.get('project', ''))


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m newsroom', description=__doc__)
    parser.add_argument('--confdir', type=Path, default=Path())
    commands = parser.add_subparsers(dest='command', required=True)
    listing = commands.add_parser('languages', help='print the site languages, source first')
    listing.add_argument('--targets', action='store_true', help='only translation languages')
    root = commands.add_parser('root', help='write the language-choosing root index.html')
    root.add_argument('outdir', type=Path)
    args = parser.parse_args(argv)

    languages, title = read_conf(args.confdir)
    if args.command == 'languages':
        print(' '.join(languages[1:] if args.targets else languages))
        return 0
    args.outdir.mkdir(parents=True, exist_ok=True)
    (args.outdir / 'index.html').write_text(root_page(languages, title), encoding='utf-8')
    return 0

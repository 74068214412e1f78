"""``python -m newsroom warnings``: the warnings of every language once, and one summary line."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

#: The first line of a warning or error as Sphinx prints it (``path:line: WARNING: …``).
START = re.compile(r'^(?:\S.*?: )?(?:WARNING|ERROR|CRITICAL)\b')
#: Terminal colour codes, which Sphinx writes even into a file when ``FORCE_COLOR`` is set.
COLOUR = re.compile(r'\x1b\[[0-9;]*m')


def records(text: str) -> list[str]:
    """The warnings of one build's stderr, each with its continuation lines."""
    found: list[str] = []
    for line in COLOUR.sub('', text).splitlines():
        if START.match(line) or not found:
            found.append(line)
        else:
            found[-1] += '\n' + line
    return [record for record in found if record.strip()]


def merged(logs: dict[str, str]) -> dict[str, list[str]]:
    """Each warning once, with the languages whose build reported it, in first-seen order."""
    languages: dict[str, list[str]] = {}
    for language, text in logs.items():
        for record in records(text):
            languages.setdefault(record, [])
            if language not in languages[record]:
                languages[record].append(language)
    return languages


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.add_argument('--workdir', type=Path, required=True,
                        help="the languages' workshops: <workdir>/<lang>/warnings.txt, html/")
    parser.add_argument('built', nargs='*', metavar='language',
                        help='default: every language of conf.py')


def run(args: argparse.Namespace) -> int:
    """Print the merged warnings and a summary; the build's own status decides success."""
    languages = args.built or list(args.site.languages)
    logs = {}
    for language in languages:
        path: Path = args.workdir / language / 'warnings.txt'
        logs[language] = path.read_text(encoding='utf-8') if path.is_file() else ''
    warnings = merged(logs)
    for record, where in warnings.items():
        print(f'{record} ({", ".join(where)})', file=sys.stderr)
    pages = {language: sum(1 for _ in (args.workdir / language / 'html').rglob('*.html'))
             for language in languages}
    counts = ', '.join(f'{language} {count}' for language, count in pages.items())
    print(f'newsroom: {len(warnings)} warning(s); pages written: {counts}.')
    if not args.site.base_url:
        print('newsroom: no html_baseurl, so no feeds, sitemaps or absolute links; set it in '
              'conf.py or build with make html BASEURL=https://…/')
    return 0

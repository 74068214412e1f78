"""The build log of ``make html``: short, read by people.

``python -m newsroom progress``: one line when a language's build ends (``ru: 11 articles …
done``). ``python -m newsroom summary``: after every language is built, what each publishes
and what it holds back (and why), every warning once with the languages it applies to, and,
when a build failed, that nothing was published. ``python -m newsroom warnings``: only the
warnings and their count (the log of ``make html`` before the summary).

Each language's build leaves, beside its workshop ``<workdir>/<lang>/html``:
``warnings.txt`` (Sphinx's stderr), ``status`` (its exit status, written by the Makefile)
and ``report.json`` (``newsroom.publishing.report``: published and held-back articles).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping, Sequence

#: The first line of a warning or error as Sphinx prints it (``path:line: WARNING: …``).
START = re.compile(r'^(?:\S.*?: )?(?:WARNING|ERROR|CRITICAL)\b')
#: Terminal colour codes, which Sphinx writes even into a file when ``FORCE_COLOR`` is set.
COLOUR = re.compile(r'\x1b\[[0-9;]*m')
#: Beside each workshop: the exit status of the language's last build (the Makefile's).
STATUS = 'status'
#: At most this many held-back articles are named per language; the rest are counted.
HELD_SHOWN = 10

Report = dict[str, object]


# -- Pure functions: the lines of the log ---------------------------------------------------


def records(text: str) -> list[str]:
    """The warnings of one build's stderr, each with its continuation lines."""
    found: list[str] = []
    for line in COLOUR.sub('', text).splitlines():
        if START.match(line) or not found:
            found.append(line)
        else:
            found[-1] += '\n' + line
    return [record for record in found if record.strip()]


def merged(logs: Mapping[str, str]) -> dict[str, list[str]]:
    """Each warning once, with the languages whose build reported it, in first-seen order."""
    languages: dict[str, list[str]] = {}
    for language, text in logs.items():
        for record in records(text):
            languages.setdefault(record, [])
            if language not in languages[record]:
                languages[record].append(language)
    return languages


def warning_lines(warnings: Mapping[str, Sequence[str]]) -> list[str]:
    """Each warning once, followed by the languages it applies to: ``… (ru, en)``."""
    return [f'{record} ({", ".join(where)})' for record, where in warnings.items()]


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``."""
    return f'{count} {one if count == 1 else (many or one + "s")}'


def shorter(text: str, base: Path) -> str:
    """*text* with the paths below *base* (the current folder) made relative to it."""
    prefix = f'{base.as_posix().rstrip("/")}/'
    return text.replace(prefix, '') if prefix != '/' else text


def held_of(report: Report) -> dict[str, str]:
    """The articles a build held back (docname → reason), from its report."""
    held = report.get('held')
    return {str(name): str(why) for name, why in held.items()} if isinstance(held, dict) else {}


def published_of(report: Report) -> int:
    """The number of articles a build published, from its report."""
    published = report.get('published')
    return published if isinstance(published, int) else 0


def progress_line(language: str, status: int, report: Report | None, warnings: int) -> str:
    """The line printed when a language's build ends: ``ru: 11 articles … done``."""
    if status != 0:
        why = f' ({plural(warnings, "warning")})' if warnings else ''
        return f'{language}: … failed{why}'
    if report is None:
        return f'{language}: … done'
    articles = published_of(report) + len(held_of(report))
    if report.get('unchanged'):  # cli/skipbuild.py
        return f'{language}: {plural(articles, "article")} … unchanged, not built again'
    return f'{language}: {plural(articles, "article")} … done'


def published_lines(language: str, report: Report | None, base: Path) -> list[str]:
    """What a language publishes, and each article it holds back with the reason."""
    if report is None:
        return [f'{language}: no report of its build']
    held = held_of(report)
    published = plural(published_of(report), 'article')
    if not held:
        return [f'{language}: {published} published']
    lines = [f'{language}: {published} published, {len(held)} held back:']
    for name, reason in sorted(held.items())[:HELD_SHOWN]:
        lines.append(f'  {name}: {shorter(reason, base)}')
    if len(held) > HELD_SHOWN:
        lines.append(f'  … and {len(held) - HELD_SHOWN} more (make stats)')
    return lines


def count_line(warnings: int, pages: Mapping[str, int]) -> str:
    """The number of warnings and of the pages each language's build wrote."""
    counts = ', '.join(f'{language} {count}' for language, count in pages.items())
    return f'newsroom: {warnings} warning(s); pages written: {counts}.'


def unfinished_lines(statuses: Mapping[str, int | None]) -> list[str]:
    """A line for each language whose build never said how it ended (no progress line)."""
    return [f'{language}: the build did not finish' for language, status in statuses.items()
            if status is None]


# -- What the builds left ------------------------------------------------------------------


def read_text(path: Path) -> str:
    return path.read_text(encoding='utf-8') if path.is_file() else ''


def read_status(workdir: Path, language: str) -> int | None:
    """The exit status of *language*'s last build, or None if it is not known."""
    try:
        return int(read_text(workdir / language / STATUS).strip())
    except ValueError:
        return None


def read_report(workdir: Path, language: str) -> Report | None:
    from newsroom.publishing import report

    found = report.read(workdir, language)
    return found if isinstance(found, dict) else None


def read_logs(workdir: Path, languages: Sequence[str]) -> dict[str, str]:
    return {language: read_text(workdir / language / 'warnings.txt') for language in languages}


def html_files(folder: Path) -> int:
    """How many ``.html`` files are below *folder* (one ``os.walk``: some 15,000 files at
    5,000 articles, where ``rglob`` made a ``Path`` of each)."""
    return sum(name.endswith('.html') for _root, _dirs, names in os.walk(folder)
               for name in names)


def pages_written(workdir: Path, languages: Sequence[str]) -> dict[str, int]:
    return {language: html_files(workdir / language / 'html') for language in languages}


def say(line: str, *, error: bool = False) -> None:
    """One line of the log, in order with the other stream's lines, written in one piece:
    the languages' builds end side by side, and ``print`` writes the newline separately, so
    two lines could interleave into ``en: … donetk: … done``."""
    stream = sys.stderr if error else sys.stdout
    stream.write(f'{line}\n')
    stream.flush()


# -- Commands --------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``warnings`` and ``summary``: the languages' workshops, and which languages."""
    parser.add_argument('--workdir', type=Path, required=True,
                        help="the languages' workshops: <workdir>/<lang>/warnings.txt, html/")
    parser.add_argument('built', nargs='*', metavar='language',
                        help='default: every language of conf.py')


def add_summary_arguments(parser: argparse.ArgumentParser) -> None:
    add_arguments(parser)
    parser.add_argument('--sitedir', type=Path, required=True,
                        help='the published site (a symbolic link to its current tree)')


def add_progress_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--workdir', type=Path, required=True,
                        help="the languages' workshops: <workdir>/<lang>/")
    parser.add_argument('--status', type=int, required=True,
                        help="the exit status of the language's build")
    parser.add_argument('language')


def print_warnings(args: argparse.Namespace, languages: Sequence[str]) -> None:
    """Every warning once (stderr), then their number and the pages written, and a note when
    the site has no public address."""
    warnings = merged(read_logs(args.workdir, languages))
    for line in warning_lines(warnings):
        say(line, error=True)
    say(count_line(len(warnings), pages_written(args.workdir, languages)))
    if not args.site.base_url:
        say('newsroom: no html_baseurl, so no feeds, sitemaps or absolute links; set it in '
            'conf.py or build with make html BASEURL=https://…/')


def run(args: argparse.Namespace) -> int:
    """``warnings``: print the merged warnings and a summary; the build's status decides."""
    print_warnings(args, args.built or list(args.site.languages))
    return 0


def run_progress(args: argparse.Namespace) -> int:
    """``progress``: the line of a language whose build just ended (the Makefile keeps the
    build's own exit status)."""
    language = args.language
    warnings = len(records(read_text(args.workdir / language / 'warnings.txt')))
    say(progress_line(language, args.status, read_report(args.workdir, language), warnings))
    return 0


def run_summary(args: argparse.Namespace) -> int:
    """``summary``: what each language publishes and holds back, the warnings, and on failure
    that nothing was published; exit status 1 when a language's build failed or left no
    status."""
    languages = args.built or list(args.site.languages)
    statuses = {language: read_status(args.workdir, language) for language in languages}
    failed = any(status != 0 for status in statuses.values())
    for line in unfinished_lines(statuses):
        say(line, error=True)
    if not failed:
        base = Path.cwd()
        for language in languages:
            for line in published_lines(language, read_report(args.workdir, language), base):
                say(line)
    print_warnings(args, languages)
    if failed:
        from newsroom.publishing.publish import nothing_published

        say(nothing_published(args.sitedir), error=True)
        return 1
    return 0

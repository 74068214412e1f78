"""``python -m newsroom check-po``: check every catalog of some languages, remembering clean ones."""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.core.cache import StatCache
from newsroom.core.files import leaves
from newsroom.i18n import tagrecord, termbase, views
from newsroom.i18n.gnucheck import msgcat_refusals, needs_msgfmt
from newsroom.i18n.pocheck import Problem, errors, outside, read_checked, with_msgfmt

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator


def po_names(folder: str) -> list[tuple[str, bool]]:
    """The ``.po`` files below *folder*, in no order, each with whether it is a symbolic
    link; links to folders are not followed (as ``Path.rglob``)."""
    found, folders = [], [folder]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif entry.name.endswith('.po'):
                found.append((entry.path, entry.is_symlink()))
    return found


def catalog_names(locale_dir: Path, languages: Iterable[str]
                  ) -> Iterator[tuple[str, str, bool]]:
    """Every (language, catalog file name, whether it may lead out of *locale_dir*) below
    ``locale_dir/<lang>/LC_MESSAGES``, in no order. Only a link, or a file in a folder that
    is itself reached through a link out of *locale_dir*, can lead out: the walk follows no
    link to a folder, so every other file's real path is its folder's (one check per
    language, not a ``realpath`` of each of thousands of catalogs)."""
    for language in languages:
        folder = locale_dir / language / 'LC_MESSAGES'
        folder_leaves = leaves(folder, locale_dir)
        for name, linked in po_names(os.fspath(folder)):
            yield language, name, linked or folder_leaves


def sorted_names(locale_dir: Path, languages: Iterable[str]
                 ) -> Iterator[tuple[str, str, bool]]:
    """:func:`catalog_names`, each language's sorted as paths are (by their parts: the
    walk's names are normal, so splitting them at ``/`` gives a path's parts)."""
    for language in languages:
        yield from sorted(catalog_names(locale_dir, [language]),
                          key=lambda found: found[1].split(os.sep))


def rules_version() -> str:
    """A digest of the checks themselves: a catalog remembered as clean is checked again
    once the rules change."""
    from newsroom.i18n import gnucheck, markup, pocheck, usable

    digest = hashlib.blake2b(digest_size=8)
    for module in (gnucheck, markup, pocheck, usable, sys.modules[__name__]):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--locale-dir', type=Path, default=Path('locale'))
    parser.add_argument('--cache', type=Path,
                        help='remember catalogs that passed in this file and skip them while '
                             'the file is unchanged')
    parser.add_argument('--interface', action='store_true',
                        help="the interface's catalogs: their strings are printed as HTML")
    parser.add_argument('--report', action='store_true',
                        help='report without failing (make html): exit status 0, and the '
                             'count line only when there are problems')
    parser.add_argument('languages', nargs='*',
                        help='languages to check (default: the target languages of conf.py)')
    termbase.add_arguments(parser)


#: Fewer catalogs than this are checked in this process (starting workers costs more).
PARALLEL_FROM = 64
#: Catalogs checked together: one ``msgcat`` reads them all (it starts in some 5 ms, as
#: long as ``msgfmt --check`` takes over one catalog; it reads one in well under 1 ms).
BATCH = 64


#: (problems, view for the builds' reports, (stat before reading, termbase warnings)).
Checked = tuple[list[Problem], dict[str, Any] | None, tuple[os.stat_result, int] | None]
Job = tuple[str, Path, bool, 'termbase.Counting | None']


def check_one(job: Job) -> tuple[Checked, bool]:
    """A catalog's problems by our own checks, its view for the builds' reports if it has
    none, and, with *counting*, its count of termbase warnings (from the same parse); and
    whether ``msgfmt --check`` judges more of it than ``msgcat`` reading it."""
    language, path, interface, counting = job
    stat = os.stat(path) if counting is not None else None
    data = path.read_bytes()
    problems, catalog = read_checked(path, language, msgfmt=False, interface=interface,
                                     data=data)
    clean = not problems and not interface and catalog is not None
    count = (None if stat is None or catalog is None
             else (stat, termbase.parsed_count(path, catalog, counting)))
    more = needs_msgfmt(data.decode('utf-8', 'replace'), catalog)
    return (problems, views.clean_view(catalog) if clean else None, count), more


def check_batch(jobs: list[Job]) -> list[Checked]:
    """:func:`check_one` of each catalog of *jobs*, with GNU gettext's verdict: ``msgcat``
    reads them all in one process, and ``msgfmt --check`` runs on each that ``msgcat``
    refused, that our checks found fault with (its lines join ours) or that it judges more
    of (:func:`~newsroom.i18n.gnucheck.needs_msgfmt`)."""
    ours = [check_one(job) for job in jobs]
    refused = msgcat_refusals([str(job[1]) for job in jobs])
    checked = []
    for (_language, path, _interface, _counting), ((problems, view, count), more) in zip(
            jobs, ours, strict=True):
        if problems or more or str(path) in refused:  # else msgcat read it and that is all
            problems = with_msgfmt(path, problems)
        checked.append((problems, None if problems else view, count))
    return checked


def checked_all(todo: list[tuple[str, Path]], interface: bool,
                counting: dict[str, termbase.Counting] | None = None) -> Iterator[Checked]:
    """:func:`check_batch` of the catalogs of *todo*, in order: on every core when there
    are many (a clean build, a new clone), in this process otherwise. *counting*: by
    language, what counting the termbase's warnings takes, to count them in the same
    parse."""
    counting = counting or {}
    # a page's catalogs in every language side by side: their originals are parsed once
    order = sorted(range(len(todo)), key=lambda number: page_key(*todo[number]))
    jobs: list[Job] = [(todo[number][0], todo[number][1], interface,
                        counting.get(todo[number][0])) for number in order]
    batches = [jobs[start:start + BATCH] for start in range(0, len(jobs), BATCH)]
    workers = min(os.cpu_count() or 1, len(jobs) // (PARALLEL_FROM // 2) or 1)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        found = [checked for batch in batches for checked in check_batch(batch)]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            found = [checked for done in pool.map(check_batch, batches) for checked in done]
    in_order: list[Checked] = [([], None, None)] * len(todo)
    for number, checked in zip(order, found, strict=True):
        in_order[number] = checked
    return iter(in_order)


def page_key(language: str, path: Path) -> tuple[tuple[str, ...], str]:
    """What puts a page's catalogs side by side: the path below ``LC_MESSAGES``, then the
    language."""
    parts = path.parts
    below = parts.index('LC_MESSAGES') + 1 if 'LC_MESSAGES' in parts else 0
    return parts[below:], language


def run(args: argparse.Namespace) -> int:
    """Check every catalog of the languages; exit status 1 if any has an error (0 with
    ``--report``: the build goes on, each refused catalog holding back its own page)."""
    kind = f'check-po{"-interface" if args.interface else ""}-{rules_version()}'
    cache = StatCache(args.cache, kind) if args.cache else None
    problems, todo, names = list[Problem](), [], dict[str, list[str]]()
    # names, not paths, until a catalog is read: some 10,000 of them at 5,000 articles
    for language, name, may_leave in sorted_names(args.locale_dir, args.languages):
        names.setdefault(language, []).append(name)
        if may_leave and (found := outside(Path(name), args.locale_dir)):
            problems += found
            continue
        if cache is not None and cache.get(name, os.stat(name)):
            continue
        todo.append((language, Path(name)))
    made: dict[str, dict[str, tuple[os.stat_result, dict[str, Any]]]] = {}
    counting = counted_with_checks(args, todo)
    counted = []
    for (language, path), (found, view, count) in zip(
            todo, checked_all(todo, args.interface, counting), strict=True):
        if count is not None and (key := counting_key(args.locale_dir, path)) is not None:
            counted.append((key, count[0], counting[language][2], count[1]))
        problems += found
        if cache is not None and not found:
            stat = path.stat()
            cache.put(str(path), stat, True)
            if view is not None:
                made.setdefault(language, {})[str(path)] = stat, view
    count = sum(len(found) for found in names.values())
    if cache is not None:
        cache.keep_only({name for found in names.values() for name in found})
        cache.save()
        # many checked (a clean build): the builds' reports count them from these views
        views.hand_over(args.cache, args.locale_dir, {
            language: found for language, found in made.items()
            if len(found) >= views.HANDED_FROM}, names)
    if not args.interface and not args.report:  # the termbase gates translators, not builds
        problems += termbase.check(args.locale_dir, args.languages, args.site.source,
                                   strict=args.strict)
    if not args.interface and args.report and args.cache:  # the builds' status pages count
        if counted:  # those counted with the checks (many: a clean build) are kept first
            termbase.keep_counts(args.cache.with_name(termbase.COUNTS), counted)
        termbase.warning_counts(dict.fromkeys(args.languages, args.locale_dir),
                                args.site.source, args.cache.with_name(termbase.COUNTS),
                                ahead=True)
    if not args.interface:  # an unrecorded tag address: the build's log says so too, as a
        # later rename of the label would break it (a few files: tags.po and the ledger)
        problems += tagrecord.check(args.locale_dir, args.languages,
                                    strict=args.strict and not args.report)
    for problem in problems:
        print(problem, file=sys.stderr)
    failed = errors(problems)
    if args.report:
        if problems:
            print(report_line(count, len(failed), len(problems) - len(failed),
                              interface=args.interface), flush=True)
        return 0
    print(f'{count} catalogs checked, {len(failed)} errors, '
          f'{len(problems) - len(failed)} warnings')
    return 1 if failed else 0


#: From this many catalogs to check, ``make html``'s check-po counts their termbase
#: warnings (the status pages') as it checks them, rather than reading each again after.
COUNT_WITH_CHECKS_FROM = PARALLEL_FROM


def counted_with_checks(args: argparse.Namespace, todo: list[tuple[str, Path]]
                        ) -> dict[str, termbase.Counting]:
    """By language, what counting the termbase's warnings takes, when ``make html``'s
    check-po (``--report`` with a record) has many page catalogs to check; else nothing."""
    if args.interface or not args.report or not args.cache or len(todo) < COUNT_WITH_CHECKS_FROM:
        return {}
    found = {language: termbase.counting_for(args.locale_dir, language, args.site.source)
             for language in {language for language, _path in todo}}
    return {language: counting for language, counting in found.items() if counting}


def counting_key(locale_dir: Path, path: Path) -> str | None:
    """The key the termbase's counts keep a catalog under (its name below the locale
    folder's real path, as :func:`termbase.page_catalog_names` gives it); None for a
    catalog not reached by a plain walk of the folder."""
    root, name = os.fspath(locale_dir), os.fspath(path)
    if not name.startswith(f'{root}{os.sep}') or os.path.islink(name):
        return None
    return f'{os.path.realpath(root)}{name[len(root):]}'


def report_line(count: int, failed: int, warned: int, *, interface: bool = False) -> str:
    """The one line ``check-po --report`` adds to the problems it printed."""
    kind = 'interface catalogs' if interface else 'catalogs'
    what = f'check-po: {failed} error(s), {warned} warning(s) in {count} {kind}'
    if not failed:
        return what
    if interface:
        return f'{what}; make check-po fails until they are fixed'
    return (f'{what}; each catalog with an error holds back its own page in its language '
            f'until it is fixed (make check-po)')

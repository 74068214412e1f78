"""The termbase: each language's required translation of the site's terms, checked in its catalogs.

``locale/<lang>/glossary.po`` is a catalog translators edit as any other (Poedit, Weblate's
glossary): ``msgid`` a term in the source language (its dictionary form; any form in a
message is found), ``msgstr`` the translation every message must use, and a translator
comment ``forbidden: variant; variant`` for translations never to use. It lies beside
``LC_MESSAGES``, so no page, build, ``make update-po`` or ``make stats`` takes it for a
page's catalog. ``make check-po`` warns of each translated message whose original has a
term and whose translation lacks its required translation or has a forbidden one
(``STRICT=1``: errors).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import os
import re
from stat import S_ISREG
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from newsroom.core.cache import StatCache, signature
from newsroom.core.codestamp import code_stamp
from newsroom.i18n.pocheck import Problem, check_catalog, errors, outside
from newsroom.i18n.pofiles import read_catalog
from newsroom.i18n.terms import Lemmatizer, has_sequence, has_words, words

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    import polib

    #: Counts the termbase's warnings in each of the catalogs (names) against a glossary.
    Counter = Callable[[Path, list[str]], list[int]]

GLOSSARY = 'glossary.po'
#: The packages whose releases can change what the check finds (the dictionary's).
PACKAGES = ('pymorphy3', 'pymorphy3-dicts-ru')
#: A translator comment's line naming the translations not to use, separated by ``;``.
FORBIDDEN = re.compile(r'^\s*forbidden\s*:(.*)$', re.IGNORECASE | re.MULTILINE)


#: (source language, glossary, stamp): what :func:`parsed_count` needs, made by
#: :func:`counting_for`.
Counting = tuple[str, str, str]


class Term(NamedTuple):
    """One entry of a termbase: the term, its required translation, those forbidden."""

    source: str
    target: str
    forbidden: tuple[str, ...]
    line: int
    lemmas: tuple[frozenset[str], ...]


def glossary_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / GLOSSARY


def read_terms(catalog: polib.POFile, lemmatizer: Lemmatizer) -> list[Term]:
    """The translated (not fuzzy) entries of a glossary as terms."""
    terms = []
    for entry in catalog.translated_entries():
        forbidden = tuple(variant.strip() for found in FORBIDDEN.findall(entry.tcomment or '')
                          for variant in found.split(';') if variant.strip())
        terms.append(Term(entry.msgid, entry.msgstr, forbidden, entry.linenum,
                          lemmatizer.sequence(entry.msgid)))
    return terms


def first_words(terms: Sequence[Term]) -> dict[str, list[int]]:
    """Each lemma of the terms' first words -> the numbers of the terms that begin with it,
    in order: a message is compared only with the terms whose first word it has (a
    termbase of hundreds of terms costs what its few present terms do)."""
    index: dict[str, list[int]] = {}
    for number, term in enumerate(terms):
        for lemma in term.lemmas[0] if term.lemmas else ():
            index.setdefault(lemma, []).append(number)
    return index


def message_problems(path: Path, entry: polib.POEntry, terms: Sequence[Term],
                     lemmatizer: Lemmatizer, glossary: Path, severity: str,
                     index: dict[str, list[int]] | None = None) -> list[Problem]:
    """What *entry*'s translation does against the termbase: a required translation left
    out, a forbidden one used. *index*: :func:`first_words` of *terms*."""
    source = lemmatizer.sequence(entry.msgid)
    present = frozenset().union(*source)  # a term with a word the message lacks is not in it
    index = first_words(terms) if index is None else index
    text = entry.msgstr or ' '.join(entry.msgstr_plural.values())
    translation = words(text)
    problems = []
    for number in sorted({number for lemma in present for number in index.get(lemma, ())}):
        term = terms[number]
        if not all(word & present for word in term.lemmas) \
                or not has_sequence(source, term.lemmas):
            continue
        where = f'{glossary}:{term.line}'
        if not has_words(translation, words(term.target)):
            problems.append(Problem(
                path, entry.linenum, f'the original has the term «{term.source}», the '
                f'translation lacks «{term.target}» (msgid {entry.msgid[:60]!r})',
                f'write «{term.target}», as the termbase requires ({where})', severity,
                'message'))
        for variant in term.forbidden:
            if has_words(translation, words(variant), changed_ending=False):
                problems.append(Problem(
                    path, entry.linenum, f'the translation has «{variant}», which the '
                    f'termbase forbids for «{term.source}» (msgid {entry.msgid[:60]!r})',
                    f'write «{term.target}» ({where})', severity, 'message'))
    return problems


def check_language(locale_dir: Path, language: str, source_language: str, *,
                   strict: bool = False, lemmatizer: Lemmatizer | None = None,
                   ) -> list[Problem]:
    """The glossary's own problems, and every translated message of the language's
    catalogs that does not use its terms (warnings; errors if *strict*)."""
    glossary = glossary_path(locale_dir, language)
    if not glossary.is_file():
        return []
    problems = outside(glossary, locale_dir) or check_catalog(glossary, language)
    if errors(problems):
        return problems
    return problems + term_problems(locale_dir, language, lemmatizer or Lemmatizer(
        source_language), strict=strict)


def term_problems(locale_dir: Path, language: str, lemmatizer: Lemmatizer, *,
                  strict: bool = False) -> list[Problem]:
    """Every translated message of the language's catalogs that does not use the terms
    of its glossary (a glossary refused by check-po is not read)."""
    glossary = glossary_path(locale_dir, language)
    terms = read_terms(read_catalog(glossary), lemmatizer)
    severity = 'error' if strict else 'warning'
    return [problem for path in page_catalogs(locale_dir, language)
            for problem in catalog_problems(path, terms, lemmatizer, glossary, severity)]


def page_catalog_names(locale_dir: Path, language: str) -> list[str]:
    """The language's page catalogs the termbase applies to (check-po refuses the others),
    as names in no order (thousands of them); only those that may lead out of
    *locale_dir* (links) are resolved."""
    from newsroom.i18n.checkpo import catalog_names  # noqa: PLC0415 - it imports this module

    return [name for _language, name, may_leave in catalog_names(locale_dir, [language])
            if not (may_leave and outside(Path(name), locale_dir))]


def page_catalogs(locale_dir: Path, language: str) -> list[Path]:
    """:func:`page_catalog_names` as paths, in check-po's order."""
    return sorted(Path(name) for name in page_catalog_names(locale_dir, language))


def catalog_problems(path: Path, terms: list[Term], lemmatizer: Lemmatizer, glossary: Path,
                     severity: str) -> list[Problem]:
    """What the translated messages of one catalog do against the *terms*."""
    try:
        catalog = read_catalog(path)
    except (OSError, ValueError):
        return []  # check-po reports it
    return parsed_problems(path, catalog, terms, lemmatizer, glossary, severity)


def parsed_problems(path: Path, catalog: polib.POFile, terms: list[Term],
                    lemmatizer: Lemmatizer, glossary: Path, severity: str) -> list[Problem]:
    """:func:`catalog_problems` of a catalog read already."""
    index = first_words(terms)
    return [problem for entry in catalog.translated_entries()
            for problem in message_problems(path, entry, terms, lemmatizer, glossary,
                                            severity, index)]


@functools.cache
def process_lemmatizer(source: str) -> Lemmatizer:
    """A check-po worker's lemmatizer (a dictionary load, once per process)."""
    return Lemmatizer(source)


@functools.cache
def process_terms(source: str, glossary: str, stamp: str) -> list[Term]:
    """A check-po worker's terms of *glossary* (read once per process and *stamp*)."""
    return read_terms(read_catalog(Path(glossary)), process_lemmatizer(source))


def parsed_count(path: Path, catalog: polib.POFile, counting: Counting) -> int:
    """The catalog's count of termbase warnings (the status page's), from the parse that
    check-po made for its checks: a clean build then reads each catalog once."""
    source, glossary, stamp = counting
    return len(parsed_problems(path, catalog, process_terms(source, glossary, stamp),
                               process_lemmatizer(source), Path(glossary), 'warning'))


def glossary_stamp(locale_dir: Path, language: str, cache: StatCache | None = None,
                   seen: set[str] | None = None) -> tuple[Path, str] | None:
    """The language's glossary and the stamp its counts are kept under (the glossary's
    bytes and the code that checks), or None when it has no usable glossary (nothing to
    count). With a *cache* (``warning_count``'s), the verdict is kept while the glossary,
    its real path and the code are unchanged: the checks parse every message of it."""
    glossary = glossary_path(locale_dir, language)
    try:
        stat = os.stat(glossary)
    except OSError:
        return None
    if not S_ISREG(stat.st_mode):
        return None
    code = code_stamp(PACKAGES)
    key = f'{os.path.realpath(glossary)}#glossary:{language}:{os.path.realpath(locale_dir)}'
    if cache is not None:
        if seen is not None:
            seen.add(key)
        kept = cache.get(key, stat)
        if kept is not None and kept[0] == code:
            return (glossary, kept[1]) if kept[1] else None
    stamp = None
    if not errors(outside(glossary, locale_dir) or check_catalog(glossary, language,
                                                                  msgfmt=False)):
        stamp = hashlib.blake2b(code.encode() + glossary.read_bytes(),
                                digest_size=16).hexdigest()
    if cache is not None:
        cache.put(key, stat, [code, stamp or ''])
    return (glossary, stamp) if stamp else None


def counting_for(locale_dir: Path, language: str, source: str) -> Counting | None:
    """What counting the language's warnings in another process takes: (source language,
    glossary, stamp), or None (:func:`glossary_stamp`)."""
    if (found := glossary_stamp(locale_dir, language)) is None:
        return None
    return source, str(found[0]), found[1]


def keep_counts(path: Path, counted: list[tuple[str, os.stat_result, str, int]]) -> None:
    """Keep counts made elsewhere (check-po's, by name, stat, stamp) in the cache at
    *path*, as :func:`warning_counts` would have."""
    cache = StatCache(path, COUNTS_KIND)
    for name, stat, stamp, count in counted:
        cache.put(name, stat, [stamp, count])
    cache.save()


def check(locale_dir: Path, languages: Iterable[str], source_language: str, *,
          strict: bool = False) -> list[Problem]:
    """:func:`check_language` for each language, with one lemmatizer."""
    lemmatizer = Lemmatizer(source_language)
    return [problem for language in languages for problem in check_language(
        locale_dir, language, source_language, strict=strict, lemmatizer=lemmatizer)]


def counts_with(lemmatizer: Callable[[], Lemmatizer]) -> Counter:
    """A :data:`Counter` in this process, making *lemmatizer* (a dictionary load) only
    when it has catalogs to read."""
    def count(glossary: Path, names: list[str]) -> list[int]:
        if not names:
            return []
        lemmas = lemmatizer()
        terms = read_terms(read_catalog(glossary), lemmas)
        return [len(catalog_problems(Path(name), terms, lemmas, glossary, 'warning'))
                for name in names]

    return count


def warning_count(locale_dir: Path, language: str, lemmatizer: Callable[[], Lemmatizer],
                  cache: StatCache, seen: set[str], *, counter: Counter | None = None,
                  only_kept: bool = False) -> int:
    """How many warnings the termbase check gives in the language (the status page).

    Each catalog's count is kept in *cache* while the catalog and the glossary (its bytes,
    and the code that checks) are unchanged: a build reads only the catalogs that changed,
    and *lemmatizer* (a dictionary load) is made only then (*counter*: another way to
    count them, e.g. on every core). The catalogs' keys go into *seen*. *only_kept*: count
    only the catalogs whose count the cache can keep (not one written a moment ago: the
    cache's racy rule), leaving those to whoever counts next."""
    if (found := glossary_stamp(locale_dir, language, cache, seen)) is None:
        return 0
    glossary, stamp = found
    # the same keys whoever counts (check-po from the project's folder, a build by conf.py's
    # absolute locale_dirs): the walk follows no link to a folder, so one realpath will do
    total, todo = 0, []
    for name in page_catalog_names(Path(os.path.realpath(locale_dir)), language):
        stat = os.stat(name)
        seen.add(name)
        kept = cache.get(name, stat)
        if kept is None or kept[0] != stamp:
            if not only_kept or signature(stat) is not None:
                todo.append((name, stat))
        else:
            total += kept[1]
    names = [name for name, _stat in todo]
    for (name, stat), found in zip(todo, (counter or counts_with(lemmatizer))(glossary, names),
                                   strict=True):
        cache.put(name, stat, [stamp, found])
        total += found
    return total


#: Beside check-po's record (``--cache``, the builds' ``newsroom_checked_by``): each page
#: catalog's count of termbase warnings, counted by ``check-po --report`` before the
#: builds, for the status page of every language's build.
COUNTS = 'termbase-warnings.json'
#: The kind of that cache (``core.cache.StatCache``).
COUNTS_KIND = 'termbase-warnings'
#: Fewer catalogs than this per worker are counted in one process.
PARALLEL_FROM = 64


def count_catalogs(job: tuple[str, str, list[str]]) -> list[int]:
    """A worker's share of :func:`parallel_counter`: (source language, glossary, catalogs)."""
    source, glossary, names = job
    return counts_with(functools.partial(Lemmatizer, source))(Path(glossary), names)


def parallel_counter(source: str) -> Counter:
    """A :data:`Counter` on every core when there are many catalogs (a clean build)."""
    def count(glossary: Path, names: list[str]) -> list[int]:
        workers = min(os.cpu_count() or 1, len(names) // PARALLEL_FROM or 1)
        if workers < 2:
            return count_catalogs((source, str(glossary), names))
        size = -(-len(names) // workers)
        jobs = [(source, str(glossary), names[start:start + size])
                for start in range(0, len(names), size)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return [found for part in pool.map(count_catalogs, jobs) for found in part]

    return count


def warning_counts(folders: dict[str, Path], source: str, path: Path, *,
                   ahead: bool = False) -> dict[str, int]:
    """Each language's :func:`warning_count` (its locale folder in *folders*), every
    catalog's count kept in the cache at *path* (one dictionary, loaded only if needed).
    *ahead*: ``check-po --report``, before ``make html``'s builds, counts what changed on
    every core, so that the builds, side by side, only read it; a catalog saved a moment
    ago is left to them (its count cannot be kept yet: loading a dictionary here for it
    would only delay them)."""
    lemmatizer = functools.cache(functools.partial(Lemmatizer, source))
    cache, seen = StatCache(path, COUNTS_KIND), set[str]()
    counts = {language: warning_count(folder, language, lemmatizer, cache, seen,
                                      counter=parallel_counter(source) if ahead else None,
                                      only_kept=ahead)
              for language, folder in folders.items()}
    cache.keep_only(seen)
    cache.save()
    return counts


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--strict', action='store_true',
                        help="the termbase's warnings are errors (CI)")

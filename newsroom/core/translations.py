"""A catalog as this build reads it: checked by the i18n wing, else a ``.po`` of locale_dirs."""

from __future__ import annotations

import os
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

import polib

from newsroom.core.domain import news

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The i18n wing's checked catalogs of this build (``i18n/checked.py``), by ``path.po``.
CHECKED = 'checked-catalogs'
#: A page catalog's header field: its translation has been published, and its original has
#: changed since (an ISO date). Until the translator reviews the change, readers see the
#: last reviewed translation with a notice; ``make update-po`` sets it, in the sources.
REVISION_HEADER = 'X-Newsroom-Revised'
#: The states of a page's message, as every report counts them (see ``i18n/usable.py``).
TRANSLATED, FUZZY, UNTRANSLATED = 'translated', 'fuzzy', 'untranslated'


def refusal(path: str | os.PathLike[str], line: int, message: str) -> str:
    """Why a catalog was refused, as ``path:line: message`` (the path from the current
    folder, the project's, when it is below it)."""
    relative = os.path.relpath(path)
    shown = path if relative.startswith('..') else relative
    return f'{shown}:{line}: {message}'


#: Not a header field: set by the build on a catalog whose every message is translated and
#: reviewed (a page that is held back with such a catalog changed since ``make update-po``).
COMPLETE = ':complete'


def complete(catalog: Any) -> bool:
    """Whether every active message of a polib catalog is translated and reviewed."""
    active = [entry for entry in catalog if not entry.obsolete and entry.msgid]
    return bool(active) and all(entry.translated() for entry in active)


#: The revision "date" of a published translation whose original changed since ``make
#: update-po`` last ran: the build shows it under revision at once (see ``changed_original``).
PENDING = 'pending'
#: How alike a changed message must be to its former text for the build to show the former
#: translation under revision (difflib's ratio; msgmerge's fuzzy matching is of this order).
LIKENESS = 0.6


def changed_original(page: Sequence[str], translated: Iterable[str]) -> bool:
    """Whether a complete catalog shows that its page's original changed after ``make
    update-po``: some of its translated messages (keys) are no longer on the *page* (keys),
    as an edit leaves them. A catalog written by hand for part of a page has no such
    message: its page is only partly translated."""
    return bool(set(translated) - set(page))


def carried_over(missing: Sequence[str], former: Mapping[str, str]) -> dict[str, str]:
    """The translations ``make update-po`` would offer as fuzzy for the *missing* messages
    of a changed page: for each, that of the most alike *former* message no longer on it
    (at least ``LIKENESS``; each former message offered once, the best pairs first)."""
    pairs = sorted(((SequenceMatcher(None, new, old, autojunk=False).ratio(), new, old)
                    for new in missing for old in former), reverse=True)
    carried: dict[str, str] = {}
    used: set[str] = set()
    for ratio, new, old in pairs:
        if ratio >= LIKENESS and new not in carried and old not in used:
            carried[new] = former[old]
            used.add(old)
    return carried


def hold_reason(states: list[str], title: str, revised: str, refused: str,
                stale: bool = False) -> str:
    """Why a target language does not publish an article ('' if it does), from the states
    of the page's distinct messages, its title's, its catalog's revision date and why the
    catalog was refused. A complete translation is published; so is a published one under
    revision (its fuzzy messages show the previous translation, new paragraphs are left
    out) as long as its title has a translation. A *stale* catalog (complete, with messages
    no longer on its page: the original changed after ``make update-po``) is published the
    same way, under revision (``PENDING``); without its title's translation it says what
    to run."""
    if refused:
        return f'catalog refused: {refused} → make check-po'
    fuzzy, untranslated = states.count(FUZZY), states.count(UNTRANSLATED)
    if not fuzzy and not untranslated:
        return ''
    if revised and title != UNTRANSLATED:
        return ''
    if stale:  # a complete catalog that does not cover the page: its original changed
        return 'the original changed since its catalog was updated → make update-po'
    if untranslated:
        return f'untranslated {untranslated * 100 // len(states) or 1}% → make todo'
    return f'fuzzy {fuzzy} → make fuzzy'


def checked_catalogs(env: BuildEnvironment) -> dict[str, Any] | None:
    """The checked catalogs of this build, or None (the source language, or no i18n wing)."""
    return news(env).kept_for_build(CHECKED)


def checked_entry(env: BuildEnvironment, domain: str) -> tuple[Any, ...] | None:
    """The checked catalog of *domain*: (signature, messages, header, digest), or None."""
    return (checked_catalogs(env) or {}).get(f'{domain}.po')


def source_files(app: Sphinx, domain: str) -> list[polib.POFile]:
    """*domain*'s ``.po`` in each of ``locale_dirs`` (a site without the i18n wing)."""
    paths = [os.path.join(app.srcdir, folder, app.config.language, 'LC_MESSAGES',
                          f'{domain}.po') for folder in app.config.locale_dirs]
    return [polib.pofile(path) for path in paths if os.path.isfile(path)]


def translations(app: Sphinx, domain: str) -> dict[str, str]:
    """The translated messages of *domain* (``tags``, a docname) in this build's language:
    the checked ones, or those of its ``.po`` files (the first folder's win)."""
    if checked_catalogs(app.env) is not None:
        entry = checked_entry(app.env, domain)
        return dict(entry[1]) if entry else {}
    merged: dict[str, str] = {}
    for catalog in source_files(app, domain):
        merged = {**{entry.msgid: entry.msgstr for entry in catalog.translated_entries()
                     if entry.msgid and entry.msgstr}, **merged}
    return merged


#: The i18n wing's reader of another language's catalog, as that language's build reads
#: it (checked; a refused catalog translates nothing): ``reader(path, language, folder)``,
#: the catalog's translated messages; kept for the build (``keep_for_build``).
CATALOG_READER = 'catalog-reader'


def other_translations(app: Sphinx, language: str, domain: str) -> dict[str, str]:
    """The translated messages of *domain* in another *language*, as that language's own
    build reads them (:func:`translations`): with the i18n wing, its checked catalog, the
    first locale folder's, none if the checks refuse it; else its ``.po`` files'."""
    folders = getattr(app.config, 'newsroom_locale_dirs', None) or app.config.locale_dirs
    found = [(path, folder) for folder in folders
             if os.path.isfile(path := os.path.join(app.srcdir, folder, language,
                                                    'LC_MESSAGES', f'{domain}.po'))]
    reader = news(app.env).kept_for_build(CATALOG_READER)
    if reader is not None:
        if not found:
            return {}
        path, folder = found[0]
        return reader(path, language, os.path.join(app.srcdir, folder))
    merged: dict[str, str] = {}
    for path, _folder in found:
        merged = {**{entry.msgid: entry.msgstr
                     for entry in polib.pofile(path).translated_entries()
                     if entry.msgid and entry.msgstr}, **merged}
    return merged


def header(app: Sphinx, domain: str) -> dict[str, str]:
    """The header fields of *domain*'s catalog in this build's language ({} if none); of
    a checked catalog, those the build reads (``checked.HEADER_FIELDS``)."""
    if checked_catalogs(app.env) is not None:
        entry = checked_entry(app.env, domain)
        return dict(entry[2]) if entry else {}
    found = source_files(app, domain)
    return dict(found[0].metadata) if found else {}

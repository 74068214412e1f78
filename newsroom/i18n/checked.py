"""Checked translations kept in one file of the build tree, handed to Sphinx page by page."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import polib
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain

from newsroom.core.cache import signature
from newsroom.core.domain import news
from newsroom.core.files import write_atomically
from newsroom.core.article import message_key
from newsroom.core.translations import (COMPLETE, REVISION_HEADER, carried_over,
                                        changed_original, checked_entry, complete, refusal)
from newsroom.i18n import memory
from newsroom.i18n.markup import blocks, markup_differences
from newsroom.i18n.revision import front_matter
from newsroom.i18n.pocheck import errors, outside, read_checked, refusals, refused_lines
from newsroom.i18n.usable import unusable
from newsroom.upstream import translators

if TYPE_CHECKING:
    from collections.abc import Callable, Set

    from sphinx.environment import BuildEnvironment

    from newsroom.i18n.revision import front_matter
from newsroom.i18n.pocheck import Problem

#: What the store holds; a file of another kind is ignored (every catalog is checked again).
KIND = 'checked/5'
#: The header fields the build reads (feeds date an article's translation with it; a
#: published translation under revision, ``revision.HEADER``, keeps its fuzzy messages).
HEADER_FIELDS = ('PO-Revision-Date', REVISION_HEADER)
#: A catalog's entry: its stat signature when checked (None: check it again), the messages
#: a page's translation reads, its header fields the build reads, a digest of what a page
#: depends on, the fuzzy messages a published translation keeps showing until reviewed, and
#: why the catalog was refused ('' if it was not: ``path:line: message``).
Entry = tuple[list[int] | None, dict[str, str], dict[str, str], str, dict[str, str], str]


def store_path(doctreedir: str | os.PathLike[str], language: str) -> Path:
    return Path(doctreedir, '_locale', language, 'catalogs.pickle')


def load(path: Path) -> dict[str, Entry]:
    """The entries of the store at *path*; none if it is missing, unreadable or another kind
    (the build then checks every catalog again)."""
    try:
        data = pickle.loads(path.read_bytes())  # noqa: S301 (the build's own file)
    except Exception:  # noqa: BLE001 (missing, cut short, or written by other code)
        return {}
    return data['entries'] if isinstance(data, dict) and data.get('kind') == KIND else {}


def page_messages(catalog: polib.POFile, refused: Set[int] = frozenset()) -> dict[str, str]:
    """What a page's translation reads from a catalog, as gettext would from its ``.mo``:
    the translated entries (not fuzzy, not obsolete) without a context or plural forms,
    less those the checks refused one by one (at the *refused* lines)."""
    return {entry.msgid: entry.msgstr for entry in catalog.translated_entries()
            if entry.msgid and entry.msgctxt is None and not entry.msgid_plural
            and entry.linenum not in refused}


def reviewable_messages(catalog: polib.POFile) -> dict[str, str]:
    """The fuzzy entries a published translation shows until the translator reviews them:
    the translation of the previous text, when the build would use it (same blocks) and it
    keeps the markup of the new original (a changed link is left out, never shown); never
    one the translation memory offered, which is no earlier translation of this page."""
    return {entry.msgid: entry.msgstr for entry in catalog
            if entry.fuzzy and not entry.obsolete and entry.msgid and entry.msgstr
            and not memory.offered(entry)
            and entry.msgctxt is None and not entry.msgid_plural
            and unusable(entry, blocks) is None
            and not markup_differences(entry.msgid, entry.msgstr)}


def digest(*parts: object) -> str:
    """What a page read with a catalog depends on, in a few bytes."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def shown(entry: Entry) -> dict[str, str]:
    """The messages a page is translated with: the reviewed ones and, in a published
    translation under revision, the previous translation of each fuzzy one."""
    if entry[2].get(REVISION_HEADER):
        return {**entry[4], **entry[1]}
    return entry[1]


def read_with(env: BuildEnvironment, docname: str) -> str:
    """The digest of the checked catalog *docname* is translated with ('' for none)."""
    entry = checked_entry(env, docname_to_domain(docname, env.config.gettext_compact))
    return entry[3] if entry else ''


class Reading(NamedTuple):
    """One catalog as a build reads it: the messages a page is translated with, the fuzzy
    ones a published translation keeps showing, the header fields the build reads (and
    ``COMPLETE``), and why the catalog was refused ('' if it was not)."""

    messages: dict[str, str]
    fuzzy: dict[str, str]
    header: dict[str, str]
    refused: str = ''


def read_catalog(source: Path, language: str, *, check: bool = True,
                 root: Path | None = None) -> tuple[Reading, list[Problem]]:
    """*source* read as every build reads it (the source language's switcher, the target
    build, the status page), and the errors its checks found. A catalog that fails them,
    or that is a symbolic link out of its locale folder *root*, is refused whole (never
    read); an entry refused alone is left untranslated."""
    if root is not None and (found := outside(source, root)):
        catalog = None
    else:
        data = source.read_bytes()
        found, catalog = (read_checked(source, language, msgfmt=False, data=data) if check
                          else ([], None))
    if refused := refusals(found):
        return Reading({}, {}, {}, refusal(refused[0].path, refused[0].line,
                                           refused[0].message)), errors(found)
    try:
        catalog = catalog or polib.pofile(data.decode('utf-8'), encoding='utf-8')
    except ValueError as exc:  # only without the checks, which would have refused it
        return Reading({}, {}, {}, refusal(source, 1, str(exc))), errors(found)
    return reading(catalog, refused_lines(found)), errors(found)


def reading(catalog: polib.POFile, alone: Set[int] = frozenset()) -> Reading:
    """A catalog the checks did not refuse, as every build reads it: without the entries
    they refused one by one (at the lines *alone*)."""
    header = {k: v for k, v in catalog.metadata.items() if k in HEADER_FIELDS}
    if complete(catalog) and not alone:
        header[COMPLETE] = '1'
    return Reading(page_messages(catalog, alone), reviewable_messages(catalog), header)


def certified_none(sources: list[str]) -> set[str]:
    return set()


def save(path: Path, entries: dict[str, Entry]) -> None:
    """Replace the store at *path* with *entries*, atomically."""
    write_atomically(path, pickle.dumps({'kind': KIND, 'entries': entries}, protocol=5))


def sync(sources: dict[str, str], path: Path, language: str, *, check: bool = True,
         roots: dict[str, str] | None = None,
         certify: Callable[[list[str]], Set[str]] = certified_none,
         keep: Callable[[Path, dict[str, Entry]], None] = save,
         ) -> tuple[dict[str, Entry], list[str], list[Problem]]:
    """Check the catalogs of *sources* (``relative.po`` → file) that changed since the store
    at *path* was written, and keep their messages there.

    A catalog is read again unless its inode, size, mtime and ctime are those it had when
    last checked (any write changes the ctime). One that fails the checks is refused whole
    (:func:`read_catalog`): it translates nothing, so its page is held back in this
    language, the same in every build of the same sources; it is checked again next time.
    Catalogs whose source is gone are dropped. The store is replaced atomically: a killed
    build leaves the old one or the new one (*keep* writes it: :func:`save`, or the same
    beside the build, ``core.aside``). Of the catalogs to read, those *certify*
    returns (``check-po`` found them clean, unchanged since: ``catalogs.certified``; asked
    only when there are some) are read without the checks.
    Returns the entries, the catalogs whose messages or header changed, and the problems.
    """
    old = load(path)
    entries: dict[str, Entry | None] = {}
    unread: dict[str, list[int] | None] = {}
    for relative, source in sources.items():
        try:
            mark = signature(os.stat(source))
        except OSError:  # a link to nothing, or a loop: refused below, checked every time
            mark = None
        before = old.get(relative)
        if before and mark is not None and before[0] == mark:
            entries[relative] = before
        else:
            entries[relative], unread[relative] = None, mark  # read below, in this order
    known = certify([sources[relative] for relative in unread]) if unread else set()
    changed, problems = [], []
    for relative, mark in unread.items():
        source = sources[relative]
        read, found = read_catalog(Path(source), language,
                                   check=check and source not in known,
                                   root=Path(roots[relative]) if roots else None)
        problems += found
        entry = entries[relative] = (None if read.refused else mark, read.messages,
                                     read.header, digest(*read), read.fuzzy, read.refused)
        if not (before := old.get(relative)) or before[3] != entry[3]:
            changed.append(relative)
    gone = [relative for relative in old if relative not in entries]
    if unread or gone:
        keep(path, entries)  # type: ignore[arg-type]  # every entry is made above
    return entries, changed + gone, problems


class UseCheckedCatalog(SphinxTransform):
    """Before ``Locale`` (priority 20): the page's checked messages become Sphinx's
    translator of its domain (``upstream.translators``), or it has none; never a catalog
    file Sphinx would load. The page notes which catalog it was read with (see
    ``catalogs.on_env_get_outdated``)."""

    default_priority = 19

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        domain = docname_to_domain(docname, self.config.gettext_compact)
        entry = checked_entry(self.env, domain)
        messages = shown(entry) if entry else None
        if entry and entry[2].get(COMPLETE) and not entry[2].get(REVISION_HEADER):
            if (carried := changed_messages(self.document, entry[1])) is not None:
                messages = {**carried, **messages}
                self.document['newsroom_carried'] = True
        translators.hand_over(domain, messages)
        news(self.env).note_catalog(docname, entry[3] if entry else '')


def changed_messages(document: nodes.document, reviewed: dict[str, str],
                     ) -> dict[str, str] | None:
    """On a page whose original changed after ``make update-po`` (``changed_original``),
    the former translations of its changed messages, as ``make update-po`` would offer them
    (fuzzy), where they keep the new original's markup; None on any other page."""
    found = [(node, message) for node, message in document.newsroom_messages
             if not front_matter(node, document)]
    page = [message for _node, message in found]
    keys = {message_key(message) for message in reviewed}
    if not changed_original([message_key(m) for m in page], keys):
        return None
    on_page = set(page)
    carried = carried_over([m for m in dict.fromkeys(page) if m not in reviewed],
                           {m: t for m, t in reviewed.items() if m not in on_page})
    return {new: text for new, text in carried.items() if not markup_differences(new, text)}

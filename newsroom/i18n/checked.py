"""Checked translations kept in one file of the build tree, handed to Sphinx page by page."""

from __future__ import annotations

import gettext
import hashlib
import json
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polib
from sphinx import locale
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain

from newsroom.core.cache import signature
from newsroom.core.domain import news
from newsroom.core.files import write_atomically
from newsroom.core.translations import checked_entry
from newsroom.i18n.pocheck import errors, read_checked

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from newsroom.i18n.pocheck import Problem

#: What the store holds; a file of another kind is ignored (every catalog is checked again).
KIND = 'checked/2'
#: The header fields the build reads (feeds date an article's translation with it).
HEADER_FIELDS = ('PO-Revision-Date',)
#: A catalog's entry: its stat signature when checked (None: check it again), the messages
#: a page's translation reads, its header fields the build reads, and a digest of both.
Entry = tuple[list[int] | None, dict[str, str], dict[str, str], str]


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


def page_messages(catalog: polib.POFile) -> dict[str, str]:
    """What a page's translation reads from a catalog, as gettext would from its ``.mo``:
    the translated entries (not fuzzy, not obsolete) without a context or plural forms."""
    return {entry.msgid: entry.msgstr for entry in catalog.translated_entries()
            if entry.msgid and entry.msgctxt is None and not entry.msgid_plural}


def digest(messages: dict[str, str], header: dict[str, str]) -> str:
    """What a page read with a catalog depends on, in a few bytes."""
    text = json.dumps([messages, header], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def read_with(env: BuildEnvironment, docname: str) -> str:
    """The digest of the checked catalog *docname* is translated with ('' for none)."""
    entry = checked_entry(env, docname_to_domain(docname, env.config.gettext_compact))
    return entry[3] if entry else ''


def sync(sources: dict[str, str], path: Path, language: str, *, check: bool = True
         ) -> tuple[dict[str, Entry], list[str], list[Problem]]:
    """Check the catalogs of *sources* (``relative.po`` → file) that changed since the store
    at *path* was written, and keep their messages there.

    A catalog is read again unless its inode, size, mtime and ctime are those it had when
    last checked (any write changes the ctime). One that fails the checks keeps its last
    good messages (the build reports the errors) and is checked again next time; catalogs
    whose source is gone are dropped. The store is replaced atomically: a killed build
    leaves the old one or the new one.
    Returns the entries, the catalogs whose messages or header changed, and the problems.
    """
    old = load(path)
    entries: dict[str, Entry] = {}
    changed, problems, dirty = [], [], False
    for relative, source in sources.items():
        mark, before = signature(os.stat(source)), old.get(relative)
        if before and mark is not None and before[0] == mark:
            entries[relative] = before
            continue
        dirty = True
        data = Path(source).read_bytes()
        found, catalog = (read_checked(Path(source), language, msgfmt=False, data=data)
                          if check else ([], None))
        if errors(found):
            problems += errors(found)
            if before:
                entries[relative] = (None, *before[1:])
            continue
        if catalog is None:
            catalog = polib.pofile(data.decode('utf-8'), encoding='utf-8')
        messages = page_messages(catalog)
        header = {k: v for k, v in catalog.metadata.items() if k in HEADER_FIELDS}
        entries[relative] = (mark, messages, header, digest(messages, header))
        if not before or before[3] != entries[relative][3]:
            changed.append(relative)
    gone = [relative for relative in old if relative not in entries]
    if dirty or gone:
        write_atomically(path, pickle.dumps({'kind': KIND, 'entries': entries}, protocol=5))
    return entries, changed + gone, problems


class CheckedTranslations(gettext.NullTranslations):
    """One page's checked messages, where Sphinx's ``Locale`` reads them (``_catalog``)."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._catalog = messages

    def gettext(self, message: str) -> str:
        return self._catalog.get(message, message)


class UseCheckedCatalog(SphinxTransform):
    """Before ``Locale`` (priority 20): the page's checked messages become Sphinx's
    translator of its domain, or it has none; never a catalog file Sphinx would load. The
    page notes which catalog it was read with (see ``catalogs.on_env_get_outdated``)."""

    default_priority = 19

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        domain = docname_to_domain(docname, self.config.gettext_compact)
        entry = checked_entry(self.env, domain)
        if entry and entry[1]:
            locale.translators['general', domain] = CheckedTranslations(entry[1])
        else:
            locale.translators.pop(('general', domain), None)
        news(self.env).note_catalog(docname, entry[3] if entry else '')

"""Catalogs as the reports count them, made once by ``check-po`` for every build that counts them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.core.article import message_key
from newsroom.core.cache import StatCache
from newsroom.core.codestamp import code_stamp
from newsroom.core.translations import COMPLETE, REVISION_HEADER
from newsroom.i18n.checked import Reading, reading
from newsroom.i18n.usable import FUZZY, TRANSLATED

if TYPE_CHECKING:
    from collections.abc import Callable

    import polib

#: ``check-po`` hands the builds its views when it checked at least this many catalogs of
#: a language (a clean build, a new clone, changed rules), and a build reads them when it
#: lacks at least this many: a few catalogs are parsed faster than a view file is loaded.
HANDED_FROM = 64


def catalog_view(read: Reading) -> dict[str, Any]:
    """A catalog as the reports count it, from what a build read of it (``Reading``):
    ``states``, message key -> 'translated' or 'fuzzy' (a fuzzy one only when a published
    translation under revision would show it), its ``revised`` header, why it was
    ``refused`` ('' if not) and whether it is ``complete``."""
    states = {message_key(msgid): FUZZY for msgid in read.fuzzy}
    states.update({message_key(msgid): TRANSLATED for msgid in read.messages})
    return {'states': states, 'revised': read.header.get(REVISION_HEADER, '').strip(),
            'refused': read.refused, 'complete': bool(read.header.get(COMPLETE))}


def clean_view(catalog: polib.POFile) -> dict[str, Any]:
    """:func:`catalog_view` of a catalog its checks found nothing in."""
    return catalog_view(reading(catalog))


def views_path(record: str | os.PathLike[str], language: str) -> Path:
    """Beside check-po's record (``--cache``, the builds' ``newsroom_checked_by``)."""
    return Path(record).with_name(f'catalog-views-{language}.json')


def views_cache(record: str | os.PathLike[str], language: str) -> StatCache:
    """The views of *language*'s catalogs, while each catalog and our code are unchanged."""
    return StatCache(views_path(record, language), f'catalog-views-{code_stamp()}')


def keys(locale_dir: str | os.PathLike[str]) -> Callable[[str], str]:
    """The key of a catalog below *locale_dir*, whoever reads it (check-po from the
    project's folder, a build by conf.py's absolute ``locale_dirs``): the folder's real
    path and the catalog's name below it (neither side follows a link inside the folder;
    one ``realpath`` for thousands of catalogs)."""
    folder = os.fspath(locale_dir)
    real = os.path.realpath(folder)

    def key(path: str) -> str:
        below = (path[len(folder) + 1:] if path.startswith(os.path.join(folder, ''))
                 else os.path.relpath(path, folder))
        return os.path.join(real, below)

    return key


def hand_over(record: str | os.PathLike[str], locale_dir: Path,
              made: dict[str, dict[str, tuple[os.stat_result, dict[str, Any]]]],
              names: dict[str, list[str]]) -> None:
    """Keep the views check-po *made* (language -> catalog name -> its stat when checked,
    and its view) for the builds; views of catalogs no longer among *names* (language ->
    names) are dropped."""
    key = keys(locale_dir)
    for language, found in made.items():
        cache = views_cache(record, language)
        for name, (stat, view) in found.items():
            cache.put(key(name), stat, view)
        cache.keep_only({key(name) for name in names.get(language, ())})
        cache.save()


def handed(record: str, language: str, wanted: int) -> StatCache | None:
    """The views check-po handed over for *language*, when a build lacks *wanted* views
    and there are enough of them to be worth loading; None otherwise."""
    if not record or wanted < HANDED_FROM or not views_path(record, language).is_file():
        return None
    return views_cache(record, language)

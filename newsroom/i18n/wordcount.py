"""Source words, as translators count them (translate-toolkit's ``pocount``), per message and page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.transforms import SphinxTransform
from translate.tools.pocount import wordcount

from newsroom.core.article import message_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

    import polib
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def words(text: str) -> int:
    """The words of *text* as ``pocount`` (and so Pootle and most agencies) counts them:
    markup tags and numbers left out."""
    return wordcount(text)


def source_words(entry: polib.POEntry) -> int:
    """The source words of one catalog entry (both forms of a plural message)."""
    return words(entry.msgid) + (words(entry.msgid_plural) if entry.msgid_plural else 0)


class CountSourceWords(SphinxTransform):
    """Before translation (``Locale`` is 20): the words of each source message of the page
    (as ``reading.NoteSourceMessages`` noted them), by message key, for the status page
    (``env.newsroom_words``)."""

    default_priority = 18

    def apply(self, **kwargs: Any) -> None:
        counted = {message_key(msg): words(msg) for _node, msg in self.document.newsroom_messages}
        page_words(self.env)[self.env.docname] = counted


def page_words(env: BuildEnvironment) -> dict[str, dict[str, int]]:
    """docname -> message key -> source words, kept in the environment."""
    if not hasattr(env, 'newsroom_words'):
        env.newsroom_words = {}  # type: ignore[attr-defined]
    return env.newsroom_words  # type: ignore[attr-defined]


def word_totals(env: BuildEnvironment, pages: Iterable[tuple[str, Iterable[str]]],
                states: dict[str, dict[str, str]]) -> dict[str, int]:
    """Source words of *pages* ((docname, message keys)) by state ('translated', 'fuzzy',
    'untranslated'), from each page's *states* (message key -> state)."""
    counted = page_words(env)
    totals = {'translated': 0, 'fuzzy': 0, 'untranslated': 0}
    for docname, keys in pages:
        page = counted.get(docname, {})
        for key in dict.fromkeys(keys):
            totals[states.get(docname, {}).get(key, 'untranslated')] += page.get(key, 0)
    return totals


def on_env_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    page_words(env).pop(docname, None)


def on_env_merge_info(app: Sphinx, env: BuildEnvironment, docnames: Set[str],
                      other: BuildEnvironment) -> None:
    theirs = page_words(other)
    page_words(env).update({docname: theirs[docname] for docname in docnames
                            if docname in theirs})


def register(app: Sphinx) -> None:
    """Register the transform and the environment's purge and merge."""
    app.add_transform(CountSourceWords)
    app.connect('env-purge-doc', on_env_purge_doc)
    app.connect('env-merge-info', on_env_merge_info)

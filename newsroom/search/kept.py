"""What the last index was made of, kept between builds in one file: its state
(``index.State``) and each word's index keys. With a dictionary, finding a Russian word's
keys (the stems of every form of each lexeme it may belong to) costs some 0.25 ms, so a
large archive's index, made again whenever an article is added, analyses only new words
and reads again only the articles that changed."""

from __future__ import annotations

import hashlib
import json
import pickle
from typing import TYPE_CHECKING

from newsroom.core.files import write_atomically
from newsroom.search.index import FORMAT, State

if TYPE_CHECKING:
    from pathlib import Path

    from newsroom.search.analysis import Analyzer

#: In the language's doctree folder.
FILENAME = 'newsroom-search-state.pickle'
#: What a kept file is: the index's format, and the file's own.
KIND = (FORMAT, 2)


def settings_stamp(analyzer: Analyzer, code: str) -> str:
    """What a word's keys and the index's records depend on besides the texts: the
    language, its stemmer, the dictionary (whether one is used), the aliases, and *code*
    (our code's and the analysis packages' stamp, ``code_stamp``)."""
    data = [analyzer.language, analyzer.algorithm, analyzer.morphology,
            sorted(analyzer.aliases.items()), sorted(analyzer.letters.items()), code]
    return hashlib.blake2b(json.dumps(data, ensure_ascii=False).encode(),
                           digest_size=16).hexdigest()


def load(analyzer: Analyzer, path: Path, stamp: str) -> State:
    """The state kept at *path* under *stamp*, its words' keys given to *analyzer*; an
    empty state (the index is then made whole) if the file is missing, torn, of another
    format or kept under other settings or code."""
    try:
        with path.open('rb') as file:
            kind, found_stamp, state = pickle.load(file)
    except Exception:  # noqa: BLE001 (missing, torn or of another version: start afresh)
        return State()
    if kind != KIND or found_stamp != stamp or not isinstance(state, State):
        return State()
    analyzer.remember(state.keys)
    return state


def save(analyzer: Analyzer, path: Path, stamp: str, state: State) -> None:
    """Keep *state* with the keys of the words this build's index used (no others: a word
    no article uses any more is dropped)."""
    state.keys = analyzer.to_remember()
    write_atomically(path, pickle.dumps((KIND, stamp, state), protocol=5))

"""Each word's index keys kept between builds: with a dictionary, finding a Russian word's
keys (the stems of every form of each lexeme it may belong to) costs some 0.25 ms, so a
large archive's index, made again whenever an article is added, analyses only new words."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from newsroom.core.files import write_atomically

if TYPE_CHECKING:
    from pathlib import Path

    from newsroom.search.analysis import Analyzer

#: In the language's doctree folder.
FILENAME = 'newsroom-search-keys.json'


def settings_stamp(analyzer: Analyzer, code: str) -> str:
    """What a word's keys depend on besides the word: the language, its stemmer, the
    dictionary (whether one is used), the aliases, and *code* (our code's and the analysis
    packages' stamp, ``code_stamp``)."""
    data = [analyzer.language, analyzer.algorithm, analyzer.morphology,
            sorted(analyzer.aliases.items()), sorted(analyzer.letters.items()), code]
    return hashlib.blake2b(json.dumps(data, ensure_ascii=False).encode(),
                           digest_size=16).hexdigest()


def load(analyzer: Analyzer, path: Path, stamp: str) -> int:
    """Give *analyzer* the keys kept at *path* under *stamp*; how many words."""
    try:
        data = json.loads(path.read_text(encoding='utf-8'))
    except (OSError, ValueError):
        return 0
    if not isinstance(data, dict) or data.get('stamp') != stamp:
        return 0
    known = data.get('keys')
    if not isinstance(known, dict):
        return 0
    analyzer.remember(known)
    return len(known)


def save(analyzer: Analyzer, path: Path, stamp: str) -> None:
    """Keep the keys of the words this build's index used (no others: a word no article
    uses any more is dropped)."""
    write_atomically(path, json.dumps({'stamp': stamp, 'keys': analyzer.to_remember()},
                                      ensure_ascii=False, separators=(',', ':')).encode())

"""Terms found in text: a source term in any inflected form, a required translation with endings.

A text is a sequence of words: runs of letters and digits, hyphenated runs kept whole, in
lower case with ``ё`` read as ``е``. In the source language a word stands for its lemmas
(pymorphy3, when it has a dictionary for the language: ``Балканского велаята`` is
``балканский велаят``), so a term is found in any of its forms and never inside a longer
word (``Туркменбашинский`` is not ``Туркменбаши``). A translation is matched without a
dictionary: each word of the required term must begin a word of the translation, the last
letter of a word of five letters or more aside, as endings are added or change there
(``welaýaty``, ``welaýatynyň``; ``Türkmenbaşy``, ``Türkmenbaşa``; ``hakims``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from newsroom.core import morphology

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Letters and digits, hyphenated runs kept whole (as the search index reads words).
TOKEN = re.compile(r'[^\W_]+(?:-[^\W_]+)*')
#: Shorter words of a required translation must appear whole (``UN`` is not ``under``).
SHORT = 4
#: From this length, a required word's last letter may differ (an ending).
ENDING_FROM = 5
#: How many texts' lemmas a lemmatizer keeps (a page's messages, some pages over).
SEQUENCES_KEPT = 512


def fold(word: str) -> str:
    """Lower case, ``ё`` read as ``е`` (Russian texts write it or not)."""
    return word.lower().replace('ё', 'е')


def words(text: str) -> list[str]:
    """The folded words of *text*, in order."""
    return [fold(token) for token in TOKEN.findall(text)]


def morph_analyzer(language: str) -> Any | None:
    """pymorphy3's analyser for *language*, or None without a dictionary for it."""
    return morphology.analyzer(morphology.base(language))


class Lemmatizer:
    """The lemmas of the source language's words (only the word itself without pymorphy3's
    dictionary for it), each word analysed once."""

    def __init__(self, language: str) -> None:
        self._morph = morph_analyzer(language)
        self._cache: dict[str, frozenset[str]] = {}
        self._sequences: dict[str, tuple[frozenset[str], ...]] = {}

    @property
    def morphology(self) -> bool:
        return self._morph is not None

    def lemmas(self, word: str) -> frozenset[str]:
        """The folded *word* and the normal forms of its first and its dictionary analyses
        (a guessed analysis after the first is left out, as the search index does)."""
        found = self._cache.get(word)
        if found is None:
            lemmas = {word}
            if self._morph is not None and not word.isdigit():
                lemmas |= {fold(parse.normal_form) for number, parse
                           in enumerate(self._morph.parse(word))
                           if number == 0 or parse.is_known}
            found = self._cache[word] = frozenset(lemmas)
        return found

    def sequence(self, text: str) -> tuple[frozenset[str], ...]:
        """The lemmas of each word of *text*, in order; the last texts' are kept (check-po
        reads a page's catalogs one language after another, each with the same originals)."""
        found = self._sequences.get(text)
        if found is None:
            if len(self._sequences) >= SEQUENCES_KEPT:
                self._sequences.clear()
            found = self._sequences[text] = tuple(self.lemmas(word) for word in words(text))
        return found


def has_sequence(text: Sequence[frozenset[str]], term: Sequence[frozenset[str]]) -> bool:
    """Whether the words of *term* follow each other in *text*, each sharing a lemma."""
    size = len(term)
    return bool(size) and any(all(text[start + i] & term[i] for i in range(size))
                              for start in range(len(text) - size + 1))


def begins(word: str, required: str, *, changed_ending: bool = True) -> bool:
    """Whether *word* of a translation is the *required* word, maybe with an ending (and
    with its last letter changed, unless *changed_ending* is false)."""
    if word == required or word.startswith(f'{required}-'):
        return True
    if len(required) < SHORT:
        return False
    if changed_ending and len(required) >= ENDING_FROM:
        required = required[:-1]
    return word.startswith(required)


def has_words(text: Sequence[str], term: Sequence[str], *, changed_ending: bool = True
              ) -> bool:
    """Whether the words of *term* follow each other in the translation *text* (a
    forbidden variant is looked for with *changed_ending* false: ``Turkmenbashy`` is not
    ``Turkmenbashi``)."""
    size = len(term)
    return bool(size) and any(
        all(begins(text[start + i], term[i], changed_ending=changed_ending)
            for i in range(size)) for start in range(len(text) - size + 1))

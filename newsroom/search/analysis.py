"""Words of a text as the search index and the browser both see them: tokens, folding, stems.

A token is a run of letters and digits, hyphenated runs kept whole (``туркмено-российской``)
and indexed with their parts too. Folding is lower case with ``ё`` as ``е``. A word's
*stem* is its Snowball stem (the algorithm Sphinx ships in JavaScript, so the browser stems a
query exactly as here), or for a language Snowball lacks, its stem by our own suffix stripper
(:data:`STRIPPERS`, the same rules in Python and JavaScript); numbers are their own stem. With
a dictionary (pymorphy3 for Russian) a word is indexed under the stems of every form of its
lexemes, so any form typed finds it. A site's name aliases (``Berdymukhamedov`` for
``Berdimuhamedov``) are read as the name on both sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.core import morphology as dictionaries
from newsroom.search.lexemes import lexeme_stems, source_noun

if TYPE_CHECKING:
    from collections.abc import Iterator

#: Letters and digits, hyphenated runs kept whole (the JavaScript side uses the same pattern).
TOKEN = re.compile(r'[^\W_]+(?:-[^\W_]+)*')
#: Languages with a pymorphy3 dictionary package (``pymorphy3-dicts-<code>``).
DICTIONARIES = frozenset({'ru', 'uk'})
JS_STEMMERS = Path(__import__('sphinx').__file__).parent / 'search' / 'non-minified-js'
#: For languages Snowball has no algorithm for: the letters readers type with or without
#: their marks, read as their base letters on both sides (Turkmen: "Turkmenbasy" finds
#: "Türkmenbaşy"; the text is shown and highlighted as written); a stripper reads them so.
LETTER_FOLDS = {'tk': {'ä': 'a', 'ç': 'c', 'ň': 'n', 'ö': 'o', 'ş': 's', 'ü': 'u', 'ý': 'y',
                       'ž': 'z'}}
#: Suffix strippers for languages Snowball lacks: a module with ``stems(word)`` (every stem,
#: the first the word is marked by), ``rules_json()`` and its script ``JS`` in ``static/``.
STRIPPERS = {'tk': 'newsroom.search.turkmen'}


def fold(word: str) -> str:
    """Lower case, ``ё`` read as ``е`` (Russian texts write it or not)."""
    return word.lower().replace('ё', 'е')


def tokens(text: str) -> list[str]:
    """Folded tokens of *text* in order, hyphenated ones whole."""
    return [fold(match) for match in TOKEN.findall(text)]


def words(text: str) -> Iterator[str]:
    """Every word to index in *text*: each token, and the parts of a hyphenated one."""
    for token in tokens(text):
        yield token
        if '-' in token:
            yield from token.split('-')


def snowball_algorithm(language: str) -> str:
    """The Snowball algorithm for *language* that exists both in Python and as one of the
    JavaScript stemmers Sphinx ships, or ``''`` (plain folding) when there is none."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(language.replace('-', '_')).english_name or ''
    except (ValueError, UnknownLocaleError):
        return ''
    algorithm = name.split(' (')[0].lower()
    if not (JS_STEMMERS / f'{algorithm}-stemmer.js').is_file():
        return ''
    import snowballstemmer

    try:
        snowballstemmer.stemmer(algorithm)
    except KeyError:
        return ''
    return algorithm


def stopwords(language: str) -> frozenset[str]:
    """Sphinx's stop words of *language* (folded), which neither side indexes or looks up."""
    from sphinx.search import languages
    from sphinx.util import import_object

    entry: Any = languages.get(language.split('-')[0])
    if entry is None:
        return frozenset()
    if isinstance(entry, str):  # Sphinx names its languages by import path
        entry = import_object(entry)
    return frozenset(fold(word) for word in getattr(entry, 'stopwords', ()))


@dataclass
class Analyzer:
    """Stems and index keys of one language's words, each word analysed once per build."""

    language: str
    algorithm: str = ''
    stop: frozenset[str] = frozenset()
    letters: dict[str, str] = field(default_factory=dict)
    #: The stem of each spelling a site reads as another name -> that name's stem.
    aliases: dict[str, str] = field(default_factory=dict)
    stripper: Any = field(default=None, repr=False)
    _stemmer: Any = field(default=None, repr=False)
    _morph: Any = field(default=None, repr=False)
    _keys: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _asked: set[str] = field(default_factory=set, repr=False)  # the words keyed this build
    _stems: dict[str, str] = field(default_factory=dict, repr=False)
    _lexemes: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def for_language(cls, language: str, *, morphology: bool = True,
                     aliases: dict[str, str] | None = None) -> Analyzer:
        analyzer = cls(language, snowball_algorithm(language), stopwords(language))
        code = language.split('-')[0]
        if analyzer.algorithm:
            import snowballstemmer

            analyzer._stemmer = snowballstemmer.stemmer(analyzer.algorithm)
        elif code in STRIPPERS:
            from importlib import import_module

            analyzer.stripper = import_module(STRIPPERS[code])
        else:
            analyzer.letters = dict(LETTER_FOLDS.get(code, {}))
        if morphology and code in DICTIONARIES:
            analyzer._morph = dictionaries.analyzer(code)
        for spelling, name in (aliases or {}).items():
            canonical = analyzer.stem(fold(name))
            # its keys, and the spelling itself: "бердимухамедова" stems to it
            written = analyzer.keys(fold(spelling)) | {analyzer.plain(fold(spelling))}
            for key in written - analyzer.keys(fold(name)):
                analyzer.aliases[key] = canonical
        analyzer._keys.clear()  # the keys of a word with an alias's stem gain the name's
        analyzer._asked.clear()
        return analyzer

    @property
    def morphology(self) -> bool:
        return self._morph is not None

    def indexed(self, word: str) -> bool:
        """Whether *word* (folded) is indexed: not a stop word, and not one lone letter."""
        return word not in self.stop and (len(word) > 1 or word.isdigit())

    def stem(self, word: str) -> str:
        """The Snowball stem of a folded word (itself for numbers; with no algorithm, itself
        with the language's marked letters read as their base letters)."""
        stem = self._stems.get(word)
        if stem is None:
            if word.isdigit():
                stem = word
            elif self.stripper is not None:
                stem = self.stripper.stems(word)[0]
            elif self._stemmer is None:
                stem = ''.join(self.letters.get(letter, letter) for letter in word)
            else:
                stem = fold(self._stemmer.stemWord(word))
            self._stems[word] = stem
        return stem

    def keys(self, word: str, *, asked: bool = True) -> frozenset[str]:
        """The index keys of a folded word: its stem, and with a dictionary the stems of
        every form of each lexeme it may belong to (*asked*: a word the index uses, whose
        keys the next build is given again)."""
        if asked:
            self._asked.add(word)
        keys = self._keys.get(word)
        if keys is None:
            found = set(self.stems(word))
            if self._morph is not None and not word.isdigit():
                for number, parse in enumerate(self._morph.parse(word)):
                    if number == 0 or parse.is_known:
                        found |= self._lexeme_stems(parse)
                        noun = source_noun(self._morph, parse) if number == 0 else None
                        if noun is not None:
                            found |= self._lexeme_stems(noun)
            found |= {self.aliases[key] for key in found if key in self.aliases}
            keys = self._keys[word] = frozenset(found)
        return keys

    def remember(self, known: dict[str, list[str]]) -> None:
        """Take the keys an earlier build found for words (with the same settings, the
        same dictionary and code: ``kept``), so that those are not analysed again."""
        for word, keys in known.items():
            self._keys.setdefault(word, frozenset(keys))

    def to_remember(self) -> dict[str, list[str]]:
        """The keys of the words keyed since this analyser was made, for the next build."""
        return {word: sorted(self._keys[word]) for word in sorted(self._asked)}

    def plain(self, word: str) -> str:
        """A folded word with its marked letters read as base letters, as a stripper reads it."""
        letters = self.stripper.LETTERS if self.stripper is not None else self.letters
        return ''.join(letters.get(c, c) for c in word)

    def stems(self, word: str) -> tuple[str, ...]:
        """Every stem of a folded word a stripper reads (its first is :meth:`stem`); the
        Snowball stem alone otherwise."""
        if self.stripper is not None and not word.isdigit():
            return tuple(self.stripper.stems(word))
        return (self.stem(word),)

    def lookups(self, word: str) -> tuple[str, ...]:
        """The keys a typed (folded) word is looked up by, as the browser does: its stems,
        each alias's stem read as its name's."""
        return tuple(dict.fromkeys(self.aliases.get(s, s) for s in self.stems(word)))

    def _lexeme_stems(self, parse: Any) -> frozenset[str]:
        """The stems of every form of *parse*'s lexeme, once per lexeme (the forms of one
        word share it; two words may share a lemma: судно, судна and судно, суда)."""
        method = parse.methods_stack[-1]
        lemma = (parse.normal_form, str(parse.tag.POS),
                 method[2] if len(method) > 3 and isinstance(method[2], int) else -1)
        stems = self._lexemes.get(lemma)
        if stems is None:
            stems = lexeme_stems([fold(form.word) for form in parse.lexeme], self.stem)
            self._lexemes[lemma] = stems
        return stems

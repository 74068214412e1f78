"""A Turkmen suffix stripper: one stem for the case, possessive, plural and -daky forms of a noun.

The endings follow two published descriptions of Turkmen nouns: the tables of the primer
"Türkmen Language" (sections 1.5 Vowel Harmony, 5.0 Cases and their suffixes, 5.1 Possessive
Suffixes; https://studfile.net/preview/11805552/) and the English Wikipedia article "Turkmen
grammar" (https://en.wikipedia.org/wiki/Turkmen_grammar: suffixes in two or four forms by
vowel harmony, six cases, the dative of a vowel-final noun as -a/-ä). A noun is stem +
plural (-lar/-ler) + possessive (-y, or -sy after a vowel; -myz/-ymyz, -ňyz/-yňyz; the
singular 1st and 2nd persons, rare in news, are left) + case (genitive -nyň after a vowel,
-yň after a consonant; dative -na/-ne after a 3rd-person possessive, else -a/-e; accusative
-ny/-y; locative -nda/-da; ablative -ndan/-dan), with each ending's front and back forms, +
the relative -daky/-däki ("Hazardaky", that in the Caspian). Two changes of the stem that
the primer's "balygym" (balyk) and our own texts show are undone: a final k/p/ç/t voiced
before a vowel (hyzmatdaşlyk, hyzmatdaşlygy) and a narrow vowel lost before one (deňiz,
deňzi; ugur, ugrunda).

Words are stripped after the letters readers type with or without their marks are read as
their base letters (``ä`` as ``a``, ``ň`` as ``n`` …), so "Turkmenistanyn" and
"Türkmenistanyň" have one stem; ``y`` after another vowel is the consonant ``ý``. Vowel
harmony is kept where folding leaves it visible: a back suffix (with ``a``/``y``) never
comes off a word whose last vowel is ``e`` or ``i``, nor a front one (with ``e``/``i``) off
a word whose last vowel is ``y``; ``a``, ``o`` and ``u`` may stand for ``ä``, ``ö``, ``ü``
and pass both ways. Where a word reads more than one way (Türkmenistan + -yň, or
Türkmenista + -nyň), each reading is a stem: a word is indexed under all, a query looked up
by all. The rules are data (:data:`RULES`): the browser runs the same loop over the same
table (``static/newsroom-turkmen.js``), so a query is stemmed exactly as the index was.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from newsroom.search.analysis import LETTER_FOLDS

#: The browser's copy of the loop below.
SCRIPT = Path(__file__).parent / 'static' / 'newsroom-turkmen.js'

#: Marked letters read as base letters on both sides ("Turkmenbasy" finds "Türkmenbaşy").
LETTERS = LETTER_FOLDS['tk']
VOWELS = 'aeiouy'
#: A stem keeps at least this many letters, one of them a vowel.
MIN_STEM = 2
#: Slots from the end of a word inwards; in each, a suffix whose condition holds may come
#: off: the first such (longest first) in every slot gives the word's stem, the others and
#: none give its other readings. A condition on what is left before it: ``V`` ends in a
#: vowel, ``C`` in a consonant, ``P`` in the vowel of a 3rd-person possessive (y, i, u),
#: ``3`` at least three letters ending in a vowel, ``''`` anything.
SLOTS: tuple[tuple[tuple[str, str], ...], ...] = (
    # the relative -daky/-däki ("Hazardaky"), -ndaky after a possessive ("ýanyndaky")
    (('ndaky', 'P'), ('ndaki', 'P'), ('daky', ''), ('daki', '')),
    # case
    (('ndan', 'P'), ('nden', 'P'), ('dan', ''), ('den', ''),
     ('nyn', 'V'), ('nin', 'V'), ('nun', 'V'),
     ('nda', 'P'), ('nde', 'P'), ('da', ''), ('de', ''),
     ('na', 'P'), ('ne', 'P'), ('ny', 'V'), ('ni', 'V'), ('nu', 'V'),
     ('yn', 'C'), ('in', 'C'), ('un', 'C')),
    # possessive (the 3rd person's -y/-i after a consonant goes with the final vowel below)
    (('ymyz', 'C'), ('imiz', 'C'), ('umyz', 'C'), ('ynyz', 'C'), ('iniz', 'C'),
     ('unyz', 'C'), ('myz', '3'), ('miz', '3'), ('nyz', '3'), ('niz', '3'),
     ('sy', '3'), ('si', '3'), ('su', '3')),
    # plural, alone or with the 3rd-person possessive ("portlary")
    (('lary', ''), ('leri', ''), ('lar', ''), ('ler', '')),
)
#: A final k/p/ç/t is voiced before a vowel (hyzmatdaşlyk → hyzmatdaşlygy): stems end in
#: the voiceless letter.
DEVOICED = {'g': 'k', 'b': 'p', 'j': 'c', 'd': 't'}
#: A narrow vowel between the last two consonants drops before a vowel (deňiz → deňzi,
#: ugur → ugry): stems leave it out.
NARROW = 'yiu'
RULES = {'letters': LETTERS, 'vowels': VOWELS, 'min': MIN_STEM,
         'slots': [[list(rule) for rule in slot] for slot in SLOTS],
         'devoiced': DEVOICED, 'narrow': NARROW}


def _vowel(word: str, i: int) -> bool:
    """Whether the letter at *i* is a vowel: ``y`` after another vowel is the consonant
    ``ý`` read without its mark (hytaý, maý: Turkmen writes no two vowels together)."""
    letter = word[i]
    return letter in VOWELS and not (letter == 'y' and i > 0 and word[i - 1] in VOWELS
                                     and word[i - 1] != 'y')


def _has_vowel(word: str, end: int | None = None) -> bool:
    return any(_vowel(word, i) for i in range(len(word) if end is None else end))


def _harmonic(stem: str, suffix: str) -> bool:
    """Whether *suffix* may follow *stem* by vowel harmony, as far as folding shows it."""
    last = next((stem[i] for i in reversed(range(len(stem))) if _vowel(stem, i)), '')
    back = any(c in 'ay' for c in suffix) and not any(c in 'ei' for c in suffix)
    front = any(c in 'ei' for c in suffix)
    return not (back and last and last in 'ei') and not (front and last == 'y')


def _fits(stem: str, condition: str) -> bool:
    if len(stem) < MIN_STEM or not _has_vowel(stem):
        return False
    vowel = _vowel(stem, len(stem) - 1)
    return {'V': vowel, 'C': not vowel, 'P': vowel and stem[-1] in NARROW,
            '3': len(stem) >= 3 and vowel, '': True}[condition]


def _slots(word: str, number: int = 0) -> list[str]:
    """What is left of *word* after the slots from *number* on: the first suffix that fits
    in each slot first (the stem a query is looked up by), then every other reading
    (another suffix that fits, or none), as a language without a dictionary allows."""
    if number == len(SLOTS):
        return [word]
    left = []
    for suffix, condition in SLOTS[number]:
        rest = word[:-len(suffix)]
        if word.endswith(suffix) and _fits(rest, condition) and _harmonic(rest, suffix):
            left += _slots(rest, number + 1)
    return left + _slots(word, number + 1)


def _finish(word: str) -> str:
    """A stem without its final vowel, voicing or dropped narrow vowel."""
    if _vowel(word, len(word) - 1) and _fits(word[:-1], ''):
        word = word[:-1]  # a case vowel, a 3rd-person possessive or the stem's own vowel
    if word[-1] in DEVOICED and len(word) > MIN_STEM:
        word = word[:-1] + DEVOICED[word[-1]]
    n = len(word)
    if (n >= 4 and word[-2] in NARROW and _vowel(word, n - 2) and not _vowel(word, n - 1)
            and not _vowel(word, n - 3) and _has_vowel(word, n - 3)):
        word = word[:-2] + word[-1]
    return word


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, ...]:
    """Every stem a lower-case Turkmen word may have (its marked letters read as base
    letters), the first by the first suffix that fits in each slot: a word is indexed under
    all of them, a query looked up by all of them."""
    word = ''.join(LETTERS.get(c, c) for c in word)
    if not word.isalpha():
        return (word,)
    return tuple(dict.fromkeys(_finish(rest) for rest in _slots(word)))


def bare(word: str) -> str:
    """A word without its suffixes by their first reading, before the final vowel, voicing
    and narrow vowel rules: what the indexed words a query word has no key of must begin
    with (a stem like "hal" would find "halkara" for "haly")."""
    word = ''.join(LETTERS.get(c, c) for c in word)
    return _slots(word)[0] if word.isalpha() else word


def stem(word: str) -> str:
    """The first stem of a lower-case Turkmen word: the one its forms are marked by."""
    return stems(word)[0]


def rules_json() -> str:
    """The rules as the browser's stemmer reads them."""
    return json.dumps(RULES, ensure_ascii=True, sort_keys=True)


def script() -> str:
    """The browser's stemmer (``NewsroomStemmer``): the rules, then the loop."""
    return f'var NewsroomTurkmenRules = {rules_json()};\n{SCRIPT.read_text(encoding="utf-8")}'

"""The stems a dictionary word is indexed under: its lexeme's, less a stray short stem, plus
the noun a relative adjective is made from ("визового" under "виза")."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

#: Relative adjectives made from a noun: визовый (виза), портовый (порт), грузовой (груз).
ADJECTIVE_ENDINGS = ('овый', 'евый', 'овой', 'евой')
NOUN_ENDINGS = ('', 'а', 'я', 'о')


def lexeme_stems(forms: list[str], stem: Callable[[str], str]) -> frozenset[str]:
    """The stems of a lexeme's *forms*, without a stem that begins another of its stems
    of more than twice as many forms: Snowball reads "визите" as "виз" (and "визита" as
    "визит"), which would make "визы" (виза) find "визит"."""
    counts = Counter(stem(form) for form in forms)
    return frozenset(s for s, count in counts.items()
                     if not any(o != s and o.startswith(s) and counts[o] > 2 * count
                                for o in counts))


def source_noun(morph: Any, parse: Any) -> Any:
    """The parse of the noun a relative adjective is made from, if the dictionary has it."""
    lemma = parse.normal_form
    if str(parse.tag.POS) != 'ADJF' or not lemma.endswith(ADJECTIVE_ENDINGS):
        return None
    root = lemma[:-4]
    if len(root) < 3:
        return None
    for ending in NOUN_ENDINGS:
        for noun in morph.parse(root + ending):
            if (noun.is_known and str(noun.tag.POS) == 'NOUN' and noun.normal_form == root + ending
                    and 'nomn' in noun.tag and 'sing' in noun.tag):
                return noun
    return None

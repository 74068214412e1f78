"""Plural rules: a language's ``Plural-Forms`` (CLDR, through Babel), and whether two agree."""

from __future__ import annotations

import gettext
import re

from babel import Locale
from babel.core import UnknownLocaleError
from babel.messages.plurals import get_plural

HEADER = re.compile(r'^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?\s*$')

#: The numbers two rules are compared on: every count up to 1000, and a few large ones
#: (French, Spanish and others single out the millions).
SAMPLES = (*range(1001), 10**6, 10**6 + 1, 2 * 10**6, 10**7, 123_456_789)


def plural_forms(language: str) -> str:
    """The ``Plural-Forms`` header of *language*, from CLDR through Babel."""
    plural = get_plural(Locale.parse(language.replace('-', '_')))
    return f'nplurals={plural.num_plurals}; plural={plural.plural_expr};'


def expected_plural_forms(language: str) -> str | None:
    """:func:`plural_forms`, or None for a language Babel does not know."""
    try:
        return plural_forms(language)
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def bare(expression: str) -> str:
    """*expression* without whitespace and without parentheses around the whole of it."""
    text = re.sub(r'\s+', '', expression)
    while text.startswith('(') and text.endswith(')') and encloses(text):
        text = text[1:-1]
    return text


def encloses(text: str) -> bool:
    """Whether the first parenthesis of *text* closes at its very end."""
    depth = 0
    for index, char in enumerate(text):
        depth += {'(': 1, ')': -1}.get(char, 0)
        if depth == 0:
            return index == len(text) - 1
    return False


def same_values(first: str, second: str) -> bool:
    """Whether two C plural expressions pick the same form for every sampled count."""
    try:
        one, other = gettext.c2py(first), gettext.c2py(second)
        return all(one(n) == other(n) for n in SAMPLES)
    except (ValueError, ArithmeticError, RecursionError, SyntaxError):
        return False


def same_rule(header: str, expected: str) -> bool:
    """Whether a ``Plural-Forms`` header states the *expected* rule (same count, same choices).

    The expressions match when equal but for spaces and outer parentheses, or when they pick
    the same form for every sampled count (``n%100<10 || n%100>=20`` is CLDR's ``n%100<12 ||
    n%100>14`` once ``n%10`` is 2 to 4, as in the classic gettext rule for Russian).
    """
    found, wanted = HEADER.match(header), HEADER.match(expected)
    if found is None or wanted is None or found.group(1) != wanted.group(1):
        return False
    return bare(found.group(2)) == bare(wanted.group(2)) \
        or same_values(found.group(2), wanted.group(2))

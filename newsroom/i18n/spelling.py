"""``python -m newsroom spell``: every translated message checked with hunspell (spylls).

The words are those a reader sees: the text MyST makes of a page's message (link text, not
link targets, inline code or roles), or an interface string without its placeholders and
tags. A language's hunspell dictionary is Debian's (``hunspell-en-us``, ``hunspell-ru`` in
``/usr/share/hunspell``); a language without one (Turkmen: Debian has none) is said and
skipped. Names and terms are known from the language's word list (``wordlist.txt`` beside
its ``LC_MESSAGES``, one word a line) and from its termbase's translations.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from babel import Locale
from newsroom.i18n.pofiles import read_catalog
from newsroom.i18n.termbase import glossary_path

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

DICTIONARY_DIRS = (Path('/usr/share/hunspell'),)
WORDLIST = 'wordlist.txt'
#: Letters, with apostrophes inside (region's); a word with a digit is no word to check.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
#: What an interface string holds besides text: placeholders (%(site)s, ${count}) and tags.
NOT_TEXT = re.compile(r'%\([^)]*\)\w|%%|\$\{[^}]*\}|\{[^}]*\}|<[^>]*>|&\w+;')
SUGGESTIONS = 3


class Misspelling(NamedTuple):
    path: Path
    line: int
    word: str
    suggestions: tuple[str, ...]

    def __str__(self) -> str:
        offer = ', '.join(self.suggestions) or 'no suggestion'
        return f'{self.path}:{self.line}: {self.word}: {offer}'


def english_name(language: str) -> str:
    try:
        return Locale.parse(language.replace('-', '_')).english_name or language
    except (ValueError, TypeError):
        return language


def dictionary_path(language: str, folders: Iterable[Path] = DICTIONARY_DIRS) -> Path | None:
    """The hunspell dictionary of *language* (``en_US`` for ``en``), without its suffix."""
    code = language.replace('-', '_')
    for folder in folders:
        preferred = folder / f'{code}_{code.upper()}.dic'
        found = [preferred] if preferred.is_file() else sorted(
            [*folder.glob(f'{code}.dic'), *folder.glob(f'{code}_*.dic')])
        for dic in found:
            if dic.with_suffix('.aff').is_file():
                return dic.with_suffix('')
    return None


def page_text(text: str) -> Iterator[str]:
    """The text a reader sees of a page's message, piece by piece, as MyST parses it."""
    from newsroom.i18n.markup import parsed

    for token in parsed(text)[0]:
        for child in token.children or []:
            if child.type == 'text':
                yield child.content


def message_words(text: str, *, interface: bool = False) -> list[str]:
    pieces = [NOT_TEXT.sub(' ', text)] if interface else page_text(text)
    return [word.replace('’', "'") for piece in pieces for word in WORD.findall(piece)
            if not any(char.isdigit() for char in word)]


def known_words(locale_dir: Path, language: str) -> set[str]:
    """The word list's words and the termbase translations' words, folded."""
    known: set[str] = set()
    wordlist = locale_dir / language / WORDLIST
    if wordlist.is_file():
        for line in wordlist.read_text(encoding='utf-8').splitlines():
            if (line := line.split('#', 1)[0].strip()):
                known.add(line.casefold())
    glossary = glossary_path(locale_dir, language)
    if glossary.is_file():
        for entry in read_catalog(glossary).translated_entries():
            known.update(word.casefold() for word in message_words(entry.msgstr))
    return known


class Checker:
    """One language's dictionary and known words, each word looked up once."""

    def __init__(self, dictionary: Any, known: set[str]) -> None:
        self.dictionary, self.known = dictionary, known
        self._seen: dict[str, tuple[str, ...] | None] = {}

    @property
    def unknown(self) -> int:
        """How many different words were not known."""
        return sum(1 for suggestions in self._seen.values() if suggestions is not None)

    def wrong(self, word: str) -> tuple[str, ...] | None:
        """None for a correct word, else hunspell's suggestions."""
        if word not in self._seen:
            correct = word.casefold() in self.known or self.dictionary.lookup(word)
            self._seen[word] = None if correct else tuple(
                itertools.islice(self.dictionary.suggest(word), SUGGESTIONS))
        return self._seen[word]


def check_catalog(path: Path, checker: Checker, *, interface: bool = False
                  ) -> tuple[int, list[Misspelling]]:
    """(words checked, misspellings) of the translated messages of one catalog."""
    count, found = 0, []
    for entry in read_catalog(path).translated_entries():
        strings = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for word in (w for string in strings for w in message_words(string,
                                                                     interface=interface)):
            count += 1
            if (suggestions := checker.wrong(word)) is not None:
                found.append(Misspelling(path, entry.linenum, word, suggestions))
    return count, found


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--locale-dir', type=Path, default=Path('locale'))
    parser.add_argument('--interface', action='store_true',
                        help="the interface's catalogs: placeholders and tags are no words")
    parser.add_argument('--dictionary-dir', type=Path, action='append',
                        help=f'where hunspell dictionaries are (default: {DICTIONARY_DIRS[0]})')
    parser.add_argument('languages', nargs='*',
                        help='languages to check (default: the target languages of conf.py)')


def run(args: argparse.Namespace) -> int:
    """Print each unknown word as catalog:line: word: suggestions; exit 1 if there is one."""
    from spylls.hunspell import Dictionary

    folders = args.dictionary_dir or DICTIONARY_DIRS
    total = 0
    for language in args.languages:
        catalogs = sorted((args.locale_dir / language / 'LC_MESSAGES').rglob('*.po'))
        if not catalogs:
            continue  # the interface's catalogs have none in their own language
        path = dictionary_path(language, folders)
        if path is None:
            print(f'{language}: not checked: no hunspell dictionary for '
                  f'{english_name(language)} in {", ".join(map(str, folders))} (Debian '
                  'packages them as hunspell-<code> where one exists)')
            continue
        checker = Checker(Dictionary.from_files(str(path)),
                          known_words(args.locale_dir, language))
        words = 0
        for catalog in catalogs:
            count, found = check_catalog(catalog, checker, interface=args.interface)
            words += count
            total += len(found)
            for misspelling in found:
                print(misspelling, file=sys.stderr)
        print(f'{language}: {len(catalogs)} catalogs, {words} words checked with {path.name}, '
              f'{checker.unknown} unknown')
    return 1 if total else 0

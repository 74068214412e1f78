"""The termbase's count on a site's catalogs (the status page's, check-po's on a clean build) as the termbase grows."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import polib

from benchmarks.bench import table
from newsroom.i18n import termbase
from newsroom.i18n.terms import Lemmatizer, words


def grown(terms: list[termbase.Term], catalogs: list[polib.POFile], size: int,
          lemmatizer: Lemmatizer) -> list[termbase.Term]:
    """*terms* and as many more as make *size*: each a pair of neighbouring words of the
    catalogs' originals, required as its first word's first letters (so present terms
    are looked for in the translation, as real ones are)."""
    pairs: dict[str, None] = {}
    for catalog in catalogs:
        for entry in catalog.translated_entries():
            found = words(entry.msgid)
            for start in range(0, len(found) - 1, 7):
                pairs.setdefault(' '.join(found[start:start + 2]))
            if len(terms) + len(pairs) >= size:
                break
    more = [termbase.Term(pair, pair.split()[0][:6], (), 1, lemmatizer.sequence(pair))
            for pair in list(pairs)[:max(0, size - len(terms))]]
    return terms + more


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('site', type=Path, help='a site (its locale/ folder is read)')
    parser.add_argument('--language', default='en')
    parser.add_argument('--sizes', type=int, nargs='+', default=[0, 100, 300, 1000],
                        help='termbase sizes (0: the glossary as it is)')
    parser.add_argument('--catalogs', type=int, default=1000)
    args = parser.parse_args(argv)
    locale = args.site / 'locale'
    names = sorted((locale / args.language / 'LC_MESSAGES').rglob('*.po'))[:args.catalogs]
    catalogs = [polib.pofile(str(name)) for name in names]
    glossary = locale / args.language / termbase.GLOSSARY
    lemmatizer = Lemmatizer('ru')
    terms = termbase.read_terms(polib.pofile(str(glossary)), lemmatizer)
    rows = []
    for size in args.sizes:
        these = grown(terms, catalogs, size, lemmatizer) if size else terms
        for name, catalog in zip(names, catalogs, strict=True):  # every word's lemmas once
            termbase.parsed_problems(name, catalog, these, lemmatizer, glossary, 'warning')
        start = time.process_time()
        found = sum(len(termbase.parsed_problems(name, catalog, these, lemmatizer, glossary,
                                                 'warning'))
                    for name, catalog in zip(names, catalogs, strict=True))
        cpu = time.process_time() - start
        rows.append([str(len(these)), str(len(catalogs)), str(found), f'{cpu:.2f}',
                     f'{1000 * cpu / len(catalogs):.2f}'])
    print(table(['terms', 'catalogs', 'warnings', 'CPU s', 'ms per catalog'], rows))
    return 0


if __name__ == '__main__':
    sys.exit(main())

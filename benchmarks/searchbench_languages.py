"""Search recall per language on word forms drawn from our own texts, in Chromium.

For each published language, pairs (a form a reader types, a word an article writes) of
one word: Russian pairs from pymorphy3's lexemes of the Russian articles' words, English
pairs from lemminflect's inflections of the English articles' words, Turkmen pairs from
``searchbench_turkmen.txt`` (the forms our Turkmen texts write, and other forms of the same
words made by the grammar). A pair is found when the search page's lookup
(``NewsroomSearch.find``) lists an article that writes the word. The negative list (words
in no form in the articles: dictionary words for Russian and English, the file's list for
Turkmen) must find nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.bench import REPO, table
from benchmarks.searchbench import russian_forms
from benchmarks.searchpages import serve_static

if TYPE_CHECKING:
    from collections.abc import Sequence

TURKMEN = Path(__file__).with_name('searchbench_turkmen.txt')
WORD = re.compile(r'[^\W\d_]+')
POS = {'NOUN', 'ADJF', 'VERB', 'INFN'}


@dataclass
class Forms:
    """One language's pairs and negative list, and which articles write each word."""

    language: str
    docs: dict[str, set[str]] = field(default_factory=dict)  # word -> article urls
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (typed form, written word)
    absent: list[str] = field(default_factory=list)


def article_words(site: Path, language: str) -> dict[str, set[str]]:
    """Each lower-case word of the language's articles (their main text, without the page's
    furniture) -> the addresses of the articles that write it."""
    from lxml import html

    root = site / language
    docs: dict[str, set[str]] = {}
    for path in sorted((root / 'news').glob('*/20*.html')):
        tree = html.parse(str(path))
        for node in tree.xpath('//*[contains(concat(" ", @class, " "), " newsroom-meta ")]'):
            node.drop_tree()
        main = tree.xpath('//article[@role="main"]') or tree.xpath('//main')
        text = main[0].text_content() if main else ''
        url = path.relative_to(root).as_posix()
        for word in WORD.findall(text.lower()):
            docs.setdefault(word, set()).add(url)
    return docs


def russian(found: Forms, count: int, rng: random.Random) -> None:
    import pymorphy3

    found.pairs, found.absent = russian_forms(
        found.docs, count, rng, pymorphy3.MorphAnalyzer(lang='ru'), kinds=POS,
        absent_kinds=POS, absent=count // 4, shortest=3)


def english(found: Forms, count: int, rng: random.Random) -> None:
    """Pairs from lemminflect's inflections; negatives from its lexicon: words none of
    whose forms shares a Snowball stem with the articles' words (a derived word such as
    "oneness", stemmed "one", is a relative of "one", not a stranger to the texts)."""
    from lemminflect import Inflections, getAllInflections, getAllLemmas

    from newsroom.search.analysis import Analyzer

    stem = Analyzer.for_language('en', morphology=False).stem
    candidates, lemmas = set(), set()
    for word in sorted(found.docs):
        for upos in ('NOUN', 'VERB'):
            for lemma in getAllLemmas(word, upos=upos).get(upos, ()):
                lemmas.add(lemma.lower())
                forms = {f.lower() for fs in getAllInflections(lemma, upos=upos).values()
                         for f in fs} - {word}
                if forms and len(word) > 2:
                    candidates.add((rng.choice(sorted(forms)), word))
    found.pairs = rng.sample(sorted(candidates), min(count, len(candidates)))
    stems = {stem(word) for word in found.docs}
    # lemminflect's own lexicon (its version pinned)
    lexicon = sorted(lemma for lemma in Inflections()._getInflDict()
                     if lemma.isalpha() and lemma.islower() and len(lemma) > 5)
    rng.shuffle(lexicon)
    for lemma in lexicon:
        forms = {f.lower() for fs in getAllInflections(lemma).values() for f in fs} | {lemma}
        if lemma not in lemmas and not {stem(form) for form in forms} & stems:
            found.absent.append(lemma)
        if len(found.absent) >= count // 4:
            break


def turkmen(found: Forms, path: Path = TURKMEN) -> None:
    """Pairs of the file's lines: any form of a word -> each form the texts write."""
    for number, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
        if not line.strip() or line.startswith('#'):
            continue
        head, _colon, rest = line.partition(':')
        written, _bar, typed = rest.partition('|')
        if head == '-':
            found.absent += written.split()
            continue
        for word in written.split():
            if word not in found.docs:
                raise SystemExit(f'{path}:{number}: no Turkmen article writes {word!r}')
            found.pairs += [(form, word) for form in written.split() + typed.split()
                            if form != word]
    listed = [word for word in found.absent if word in found.docs]
    if listed:
        raise SystemExit(f'{path}: the negative list has words the articles write: {listed}')


def forms(site: Path, language: str, count: int = 300, seed: int = 1) -> Forms:
    """The pairs and negative list of *language*, less stop words (never looked up)."""
    from newsroom.search.analysis import stopwords

    found = Forms(language, article_words(site, language))
    rng = random.Random(seed)
    {'ru': lambda: russian(found, count, rng), 'en': lambda: english(found, count, rng),
     'tk': lambda: turkmen(found)}[language]()
    stop = stopwords(language)
    found.pairs = [(q, w) for q, w in found.pairs if q not in stop and w not in stop]
    return found


def articles(site: Path, language: str) -> list[str]:
    """The addresses of the index's article numbers."""
    folder = site / language / '_static' / 'newsroom-search' / 'd'
    rows = {int(p.stem): json.loads(p.read_text(encoding='utf-8')) for p in folder.glob('*.json')}
    return [row[0] for n in sorted(rows) for row in rows[n]]


def found_by(page, base: str, site: Path, language: str, queries: Sequence[str]
             ) -> list[set[str]]:
    """The articles the search page lists for each query (its lookup, in Chromium)."""
    page.goto(f'{base}/{language}/search.html')
    page.wait_for_function('() => window.NewsroomSearch', timeout=15_000)
    ids = page.evaluate('async (queries) => { const out = []; for (const q of queries) '
                        'out.push(await NewsroomSearch.find(q)); return out; }', list(queries))
    urls = articles(site, language)
    return [{urls[i] for i in listed} for listed in ids]


@dataclass
class Recall:
    language: str
    hits: int
    pairs: int
    false: list[str]
    absent: int
    missed: list[tuple[str, str]]

    @property
    def share(self) -> float:
        return self.hits / max(self.pairs, 1)


def recall(page, base: str, site: Path, found: Forms) -> Recall:
    results = found_by(page, base, site, found.language, [q for q, _w in found.pairs])
    missed = [(q, w) for (q, w), urls in zip(found.pairs, results, strict=True)
              if not urls & found.docs[w]]
    false = [word for word, urls in zip(found.absent, found_by(
        page, base, site, found.language, found.absent), strict=True) if urls]
    return Recall(found.language, len(found.pairs) - len(missed), len(found.pairs), false,
                  len(found.absent), missed)


def build_site(workdir: Path) -> Path:
    """The real site, built by ``make html`` into *workdir*; its html folder."""
    subprocess.run(['make', '--no-print-directory', 'html', f'BUILDDIR={workdir}',
                    f'VENV={Path(sys.prefix)}'], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL)
    return workdir / 'html'


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m benchmarks.searchbench_languages',
                                     description=__doc__)
    parser.add_argument('--site', type=Path, help='a built html folder (else make html)')
    parser.add_argument('--pairs', type=int, default=300, help='pairs per language (ru, en)')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--missed', action='store_true', help='list the pairs not found')
    args = parser.parse_args(argv)
    if shutil.which('chromium') is None:
        print("Debian's chromium is needed: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from newsroom.core.site import Site

    with tempfile.TemporaryDirectory(prefix='searchforms-') as scratch:
        site = args.site or build_site(Path(scratch))
        rows = []
        with serve_static(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which('chromium'),
                                                 headless=True, args=['--no-sandbox'])
            page = browser.new_page()
            for language in Site.from_confdir(REPO).published or ():
                result = recall(page, base, site, forms(site, language, args.pairs, args.seed))
                rows.append([language, f'{100 * result.share:.1f}% of {result.pairs}',
                             f'{len(result.false)} of {result.absent}'])
                if args.missed or result.false:
                    print(f'{language}: missed {result.missed}; false hits {result.false}')
            browser.close()
    print(table(['language', 'recall on form pairs', 'false hits'], rows))
    return 0


if __name__ == '__main__':
    sys.exit(main())

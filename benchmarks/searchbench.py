"""Search side by side on a generated N-article archive, in headless Chromium over loopback:
Sphinx's own search, Pagefind on the same built site, and ours (newsroom/search/).

For each engine: gzipped bytes a first query downloads beyond what any page loads, time to
the first result, time of a second query on the same page, recall on pairs of forms of one
lexeme drawn by pymorphy3 from the articles' own nouns, adjectives and verbs (does a query
for one form find an article with the other?), and false hits (dictionary words absent from
the archive that find something). Also the build time of our index against the full build.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from benchmarks.bench import REPO, generate, progress, sphinx_build_command, table, write_corpus
from benchmarks.searchpages import PAGEFIND_HTML, PAGEFIND_JS, Engine, engines, serve_static

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence, Set

LANGUAGE = 'ru'
QUERIES = ['порта', 'Туркменистан', 'сотрудничества', 'переговорах', 'зюквярщ']
SECOND = 'министрами'
#: Set in every page before it loads: the time (performance.now(), from the navigation's
#: start) at which the engine's first result is in the document, seen by a MutationObserver.
FIRST_SHOWN = """(() => {
  const shown = CHECK;
  const note = () => {
    if (!window.newsroomFirstShown && shown()) window.newsroomFirstShown = performance.now();
  };
  new MutationObserver(note).observe(document, {childList: true, subtree: true,
                                                attributes: true});
})();"""
PARSED = ("() => performance.getEntriesByType('navigation')[0]"
          ".domContentLoadedEventStart")
def guarded(check: str) -> str:
    """*check*, false while what it reads is not defined yet (e.g. Sphinx's scripts)."""
    return f'() => {{ try {{ return ({check})(); }} catch (error) {{ return false; }} }}'


BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                '--disable-background-networking', '--disable-component-update']


def build(root: Path, name: str, *options: str) -> tuple[float, float]:
    """Build the Russian site into out/<name>; (CPU seconds of the build, CPU seconds our
    index took): CPU time, as wall time on a shared machine says more of the neighbours."""
    outdir = root / 'out' / name
    command = [*sphinx_build_command(), '-b', 'html', '-D', f'language={LANGUAGE}', *options,
               '-c', str(root), '-d', str(root / 'doctrees' / name), str(root / 'docs'),
               str(outdir / LANGUAGE)]
    log = root / f'build-{name}.log'
    with log.open('w') as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                                   env={**os.environ, 'PYTHONPATH': str(REPO)})
        _pid, status, usage = os.wait4(process.pid, 0)
    text = log.read_text(encoding='utf-8', errors='replace')
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f'build failed: {" ".join(command)}\n{text[-3000:]}')
    index = re.search(r'search index of \d+ articles .* \(([\d.]+) s CPU\)', text)
    return usage.ru_utime + usage.ru_stime, float(index.group(1)) if index else 0.0


def pagefind(site: Path) -> float:
    """Index the articles of *site* with Pagefind (as ours: article text, no page furniture)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, '-m', 'pagefind', '--site', str(site), '--quiet',
                    '--glob', 'news/*/20*-*.html', '--root-selector', 'article',
                    '--exclude-selectors', '.newsroom-meta'], check=True)
    (site / '_bench').mkdir(exist_ok=True)
    (site / '_bench' / 'pagefind.html').write_text(PAGEFIND_HTML, encoding='utf-8')
    (site / '_bench' / 'pagefind.js').write_text(PAGEFIND_JS, encoding='utf-8')
    return time.perf_counter() - start


def russian_words(text: str) -> list[str]:
    return re.findall(r'[а-яё]+', text.lower())


@dataclass
class Corpus:
    """The archive's words: which articles hold each, form pairs, absent words."""

    docs: dict[str, set[str]] = field(default_factory=dict)  # word -> article urls
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (query form, written word)
    absent: list[str] = field(default_factory=list)


def corpus(root: Path, count: int, seed: int) -> Corpus:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang='ru')
    found = Corpus()
    for path in (root / 'docs' / 'news').rglob('20*.md'):
        url = path.relative_to(root / 'docs').with_suffix('.html').as_posix()
        for word in set(russian_words(path.read_text(encoding='utf-8').split('---', 2)[2])):
            found.docs.setdefault(word, set()).add(url)
    found.pairs, found.absent = russian_forms(
        found.docs, count, random.Random(seed), morph, kinds={'NOUN', 'ADJF', 'VERB', 'INFN'},
        absent_kinds={'NOUN', 'ADJF', 'VERB'}, absent=count // 2)
    return found


def russian_forms(docs: Collection[str], count: int, rng: random.Random, morph: Any, *,
                  kinds: Set[str], absent_kinds: Set[str], absent: int, shortest: int = 0,
                  ) -> tuple[list[tuple[str, str]], list[str]]:
    """Up to *count* pairs (another form, the written word) of one lexeme, drawn by
    pymorphy3 (*morph*) from the words of *docs* of *kinds* of speech and at least
    *shortest* letters; and up to *absent* dictionary words of *absent_kinds* whose lemma
    is not in *docs* (one per two-letter prefix, for false hits)."""
    lemmas, candidates = set(), []
    for word in sorted(docs):
        parse = morph.parse(word)[0]
        lemmas.add(parse.normal_form)
        if parse.is_known and parse.tag.POS in kinds and len(word) >= shortest:
            forms = sorted({f.word for f in parse.lexeme} - {word})
            if forms:
                candidates.append((rng.choice(forms), word))
    pairs = rng.sample(candidates, min(count, len(candidates)))
    prefixes = [a + b for a in 'бвгдклмнопрст' for b in 'аеиоуя']
    rng.shuffle(prefixes)
    strangers: list[str] = []
    for prefix in prefixes:
        for parse in morph.iter_known_word_parses(prefix):
            if (parse.normal_form not in lemmas and parse.word not in docs
                    and len(parse.word) > 5 and parse.tag.POS in absent_kinds):
                strangers.append(parse.word)
                break
        if len(strangers) >= absent:
            break
    return pairs, strangers


def snowball_recall(pairs: Sequence[tuple[str, str]]) -> float:
    """The share of pairs whose two forms have one Snowball stem (what stems alone find)."""
    from newsroom.search.analysis import Analyzer, fold

    stem = Analyzer.for_language(LANGUAGE, morphology=False).stem
    return sum(stem(fold(a)) == stem(fold(b)) for a, b in pairs) / max(len(pairs), 1)


@dataclass
class Figures:
    bytes_gz: list[int] = field(default_factory=list)
    first: list[float] = field(default_factory=list)  # from page.goto, as the driver sees it
    in_page: list[float] = field(default_factory=list)  # from the navigation, the page's clock
    after_parse: list[float] = field(default_factory=list)  # from DOMContentLoaded (< 0: before)
    second: list[float] = field(default_factory=list)
    recall: tuple[int, int] = (0, 0)
    false_hits: tuple[int, int] = (0, 0)
    stalled: list[str] = field(default_factory=list)  # loads with no result in STALL s


#: A cold load whose first result has not come after this many seconds has stalled: it is
#: reported (what the page said, what it still waited for) and left out of the figures.
STALL = 60
#: What the search page's scripts had done when it stalled.
PAGE_STATE = """() => ({ready: document.readyState,
  sphinxIndex: typeof Search === 'undefined' ? 'no Search' : Search._index !== null,
  queued: typeof Search === 'undefined' ? null : Search._queued_query,
  ours: document.querySelector('#newsroom-search')?.dataset.state,
  results: (document.querySelector('#search-results, #newsroom-search, #results')
            ?.textContent || '').trim().slice(0, 200)})"""


class Watch:
    """A page's console messages, errors and unfinished requests, for a stalled load."""

    def __init__(self, page: Any) -> None:
        self.page, self.said, self.pending = page, list[str](), dict[str, float]()
        page.on('console', lambda message: self.said.append(f'{message.type}: {message.text}'))
        page.on('pageerror', lambda error: self.said.append(f'error: {error}'))
        page.on('requestfailed', lambda request: self.said.append(
            f'failed: {request.url} {request.failure}'))
        page.on('request', lambda request: self.pending.__setitem__(request.url, time.time()))
        page.on('requestfinished', lambda request: self.pending.pop(request.url, None))

    def report(self, what: str) -> str:
        try:
            state = self.page.evaluate(PAGE_STATE)
        except Exception as exc:  # noqa: BLE001 - a page that cannot answer says so
            state = f'no answer: {exc}'
        lines = [f'{what}: no first result in {STALL} s; page {state}',
                 *(f'  {line}' for line in self.said),
                 *(f'  still loading: {url}' for url in self.pending)]
        print('\n'.join(lines), file=sys.stderr, flush=True)
        return lines[0]


def gz_size(site: Path, url: str) -> int:
    path = site / unquote(urlsplit(url).path).lstrip('/')
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


def measure(browser, base: str, served: Path, engine: Engine, found: Corpus,
            repeat: int, article: str) -> Figures:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    figures = Figures()
    common: set[str] = set()
    page = browser.new_context().new_page()
    page.on('requestfinished', lambda request: common.add(request.url))
    page.goto(f'{base}/{engine.name}/{LANGUAGE}/{article}')
    page.wait_for_load_state('load')
    page.context.close()
    for query in QUERIES:
        for _run in range(repeat):
            loaded: list[str] = []
            context = browser.new_context()  # a cold cache every run
            context.add_init_script(FIRST_SHOWN.replace('CHECK', guarded(engine.first_shown)))
            page = context.new_page()
            page.on('requestfinished', lambda request, into=loaded: into.append(request.url))
            watch = Watch(page)
            start = time.perf_counter()
            # From the navigation's commit on, not its load event: a result may come first.
            page.goto(f'{base}/{engine.name}/{LANGUAGE}/{engine.page}?q={quote(query)}',
                      wait_until='commit')
            try:
                page.wait_for_function(guarded(engine.first_shown), timeout=STALL * 1000,
                                       polling=5)
            except PlaywrightTimeout:
                figures.stalled.append(watch.report(f'{engine.label}, {query!r}'))
                page.context.close()
                continue
            figures.first.append(time.perf_counter() - start)
            shown = page.wait_for_function('() => window.newsroomFirstShown',
                                           timeout=10_000).json_value()
            figures.in_page.append(shown / 1000)
            page.wait_for_load_state('domcontentloaded')
            figures.after_parse.append((shown - page.evaluate(PARSED)) / 1000)
            page.wait_for_function(engine.done, timeout=120_000, polling=5)
            page.wait_for_load_state('networkidle')
            document = page.url.split('#')[0]
            figures.bytes_gz.append(sum(gz_size(served, url) for url in set(loaded)
                                        if url not in common and url != document))
            figures.second.append(engine.second_query(page, base, SECOND) / 1000)
            page.context.close()
    page = browser.new_context().new_page()
    page.goto(f'{base}/{engine.name}/{LANGUAGE}/{engine.page}')
    page.wait_for_function(engine.ready, timeout=120_000)
    hits = 0
    for form, word in found.pairs:
        urls = set(engine.find(page, form, served / engine.name / LANGUAGE))
        hits += bool(urls & found.docs[word])
    figures.recall = (hits, len(found.pairs))
    false = sum(bool(engine.find(page, word, served / engine.name / LANGUAGE))
                for word in found.absent)
    figures.false_hits = (false, len(found.absent))
    page.context.close()
    return figures


def bench_size(workdir: Path, count: int, seed: int, pairs: int, repeat: int,
               reuse: bool = False) -> str:
    from playwright.sync_api import sync_playwright

    root = workdir / f'search-{count}'
    builds = root / 'builds.json'
    if reuse and builds.is_file():  # the sites of an earlier run with the same --workdir
        ours_cpu, index_time, sphinx_cpu, pagefind_time = json.loads(builds.read_text())
    else:
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        write_corpus(root, generate(count, seed), plain=False)
        progress(f'{count} articles: building with our index')
        ours_cpu, index_time = build(root, 'ours')
        progress(f'{count} articles: building with Sphinx\'s search')
        sphinx_cpu, _ = build(root, 'sphinx', '-D', 'newsroom_search_engine=sphinx')
        progress(f'{count} articles: Pagefind')
        pagefind_time = pagefind(root / 'out' / 'ours' / LANGUAGE)
        (root / 'out' / 'pagefind').symlink_to('ours')
        builds.write_text(json.dumps([ours_cpu, index_time, sphinx_cpu, pagefind_time]))
    found = corpus(root, pairs, seed)
    snowball = snowball_recall(found.pairs)
    rows, stalled = [], list[str]()
    with serve_static(root / 'out') as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which('chromium'),
                                             headless=True, args=BROWSER_ARGS)
        for engine in engines():
            progress(f'{count} articles: searching with {engine.label}')
            f = measure(browser, base, root / 'out', engine, found, repeat,
                        min(found.docs[found.pairs[0][1]]))
            stalled += f.stalled
            if not f.first:
                rows.append([engine.label, *['every load stalled'] * 5, '', ''])
                continue
            rows.append([engine.label, f'{statistics.median(f.bytes_gz) // 1024} / '
                         f'{max(f.bytes_gz) // 1024}',
                         f'{statistics.median(f.in_page) * 1000:.0f} / '
                         f'{max(f.in_page) * 1000:.0f}',
                         f'{statistics.median(f.first) * 1000:.0f} / {max(f.first) * 1000:.0f}',
                         f'{statistics.median(f.after_parse) * 1000:.0f} / '
                         f'{max(f.after_parse) * 1000:.0f}',
                         f'{statistics.median(f.second) * 1000:.0f}',
                         f'{100 * f.recall[0] / max(f.recall[1], 1):.1f}% of {f.recall[1]}',
                         f'{f.false_hits[0]} of {f.false_hits[1]}'])
        browser.close()
    header = ['engine', 'first query KiB gz (median / max)',
              'first result ms from navigation, in the page (median / max)',
              'the same from page.goto, as the driver sees it',
              'first result ms after the page is parsed (median / max; < 0: before)',
              'second query ms on the same page (median)', 'recall on form pairs', 'false hits']
    return (f'\n## {count} articles ({LANGUAGE}), queries {", ".join(QUERIES)}\n\n'
            + table(header, rows)
            + f'\n\nBuild (CPU time): full {ours_cpu:.1f} s with our index, of which the index '
              f'{index_time:.2f} s ({100 * index_time / ours_cpu:.1f}%); '
              f'{sphinx_cpu:.1f} s with Sphinx\'s search; '
              f'Pagefind indexing {pagefind_time:.1f} s (wall).'
              f'\nRecall of Snowball stems alone (the same pairs, no dictionary): '
              f'{100 * snowball:.1f}%.\n'
            + ''.join(f'Stalled, left out: {line}\n' for line in stalled))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m benchmarks.searchbench', description=__doc__)
    parser.add_argument('--sizes', type=int, nargs='+', default=[1000], metavar='N')
    parser.add_argument('--pairs', type=int, default=200, help='form pairs for recall')
    parser.add_argument('--repeat', type=int, default=3, help='cold runs per query')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--workdir', type=Path, default=None)
    parser.add_argument('--reuse', action='store_true',
                        help="search the sites an earlier run left in --workdir, unbuilt")
    args = parser.parse_args(argv)
    if shutil.which('chromium') is None:
        print("Debian's chromium is needed: apt-get install chromium", file=sys.stderr)
        return 2
    import tempfile

    with tempfile.TemporaryDirectory(prefix='searchbench-') as scratch:
        workdir = args.workdir or Path(scratch)
        for count in args.sizes:
            print(bench_size(workdir, count, args.seed, args.pairs, args.repeat, args.reuse),
                  flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())

"""Lighthouse scores of a built site (performance, accessibility, SEO, best practices), desktop
and mobile, in Debian's Chromium, served as in production by nginx with the generated
configuration (Python's file server where nginx is missing): ``make lighthouse``; exit
status 1 below the targets (``DELIBERATE`` audits aside)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / 'tests' / '.node' / 'node_modules' / '.bin' / 'lighthouse'
CATEGORIES = ('performance', 'accessibility', 'seo', 'best-practices')
#: The lowest score each category may have.
TARGETS = {'performance': 100, 'accessibility': 100, 'seo': 100, 'best-practices': 95}
#: The categories a busy machine cannot change (``make test`` gates on these; performance,
#: timed on a shared two-core machine, is printed and gated by ``make lighthouse`` only).
STEADY = ('accessibility', 'seo', 'best-practices')
#: Runs of Lighthouse per page before giving up: a run on a busy machine can lose its
#: browser (a trace that never ends, a protocol timeout) without saying anything of the page.
ATTEMPTS = 3
#: The pages measured (below <lang>/), by the kind of page they stand for.
PAGES = {
    'home': 'index.html',
    'news index': 'news/index.html',
    'article': 'news/2023/2023-08-24-balkan-velayat-astrakhan-region.html',
    'tag page': 'news/tags/{tag}',
    'search': 'search.html?q=2025',
}
FORM_FACTORS = ('desktop', 'mobile')
#: Audits a kind of page fails on purpose (none: the search page is a page like any other;
#: its results are drawn in the browser, so robots find no endless result pages to index).
DELIBERATE: dict[str, set[str]] = {}


class Run(NamedTuple):
    page: str
    language: str
    form_factor: str


class Result(NamedTuple):
    run: Run
    scores: dict[str, int]
    failures: list[str]  # the audits that cost points: 'category/audit-id: title'

    def below_target(self, categories: Sequence[str] = CATEGORIES) -> list[str]:
        """The categories under their target for a reason other than a deliberate one."""
        allowed = DELIBERATE.get(self.run.page, set())
        return [name for name, score in self.scores.items()
                if name in categories and score < TARGETS[name]
                and (not allowed or any(failure.startswith(f'{name}/')
                                        and failure.split(':')[0] not in allowed
                                        for failure in self.failures))]


def first_tag_page(site: Path, language: str) -> str:
    """A tag page of *language* (the first one listed on its tag index)."""
    pages = sorted(path.name for path in (site / language / 'news' / 'tags').glob('*.html')
                   if path.name != 'index.html')
    return pages[0] if pages else 'index.html'


def lighthouse(url: str, form_factor: str) -> tuple[dict[str, int], list[str]]:
    """One Lighthouse run of *url*: the scores (0–100) and the audits below full marks."""
    return scored(report(url, form_factor))


def report(url: str, form_factor: str) -> dict:
    """Lighthouse's whole report (its JSON) of one run of *url*."""
    if not LIGHTHOUSE.is_file():
        raise FileNotFoundError(f'{LIGHTHOUSE} is missing: run `make lighthouse` or '
                                '`make test`, which install it from npm')
    chromium = os.environ.get('CHROMIUM') or shutil.which('chromium') or 'chromium'
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / 'report.json'
        command = [str(LIGHTHOUSE), url, '--quiet', '--output=json',
                   f'--output-path={output}', f'--only-categories={",".join(CATEGORIES)}',
                   '--chrome-flags=--headless=new --no-sandbox --disable-gpu '
                   '--disable-dev-shm-usage']
        command += (['--preset=desktop'] if form_factor == 'desktop'
                    else ['--form-factor=mobile'])
        for attempt in range(ATTEMPTS):
            result = subprocess.run(command, check=False, capture_output=True, text=True,
                                    timeout=180,
                                    env={**os.environ, 'CHROME_PATH': chromium, 'HOME': scratch})
            if result.returncode == 0 and output.is_file():
                break
            if attempt == ATTEMPTS - 1:
                raise RuntimeError(f'lighthouse {url} ({form_factor}) failed {ATTEMPTS} times; '
                                   f'the last time:\n{result.stderr[-3000:]}')
        return json.loads(output.read_text(encoding='utf-8'))


def scored(data: dict) -> tuple[dict[str, int], list[str]]:
    """A report's scores (0–100) and the audits below full marks."""
    scores = {name: round(100 * (data['categories'][name]['score'] or 0))
              for name in CATEGORIES}
    failures = []
    for name in CATEGORIES:
        for ref in data['categories'][name]['auditRefs']:
            audit = data['audits'][ref['id']]
            if (ref.get('weight') and audit.get('score') is not None and audit['score'] < 1
                    and audit.get('scoreDisplayMode') in ('binary', 'numeric')):
                failures.append(f'{name}/{audit["id"]}: {audit["title"]}')
    return scores, failures


@contextmanager
def served(site: Path) -> Iterator[str]:
    """*site* on a free loopback port: by nginx with the generated configuration
    (compression, caching, security headers), or by Python's file server without nginx."""
    if shutil.which('nginx') or Path('/usr/sbin/nginx').is_file():
        from newsroom.core.site import Site
        from newsroom.publishing.nginxrun import running

        with tempfile.TemporaryDirectory() as workdir, running(
                Site.from_confdir(REPO, {'html_baseurl': 'https://news.example.net/'}),
                site.resolve(), Path(workdir)) as url:
            yield url
        return
    from benchmarks.searchpages import serve

    with serve(site) as url:
        yield url


def measure(site: Path, runs: Iterable[Run], *, at_once: int = 1) -> Iterable[Result]:
    """Serve *site* and run Lighthouse for each of *runs*, in order; *at_once* > 1 runs that
    many side by side (a run mostly waits for the page to settle, but its performance score
    then measures a shared machine: for the steady categories only)."""
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    with served(site) as base, ThreadPoolExecutor(max_workers=at_once) as pool:
        def one(run: Run) -> Result:
            path = PAGES[run.page].format(tag=first_tag_page(site, run.language))
            return Result(run, *lighthouse(f'{base}/{run.language}/{path}', run.form_factor))

        yield from pool.map(one, runs)


def matrix(languages: Sequence[str], pages: Sequence[str] = tuple(PAGES),
           form_factors: Sequence[str] = FORM_FACTORS) -> list[Run]:
    return [Run(page, language, form) for page in pages for language in languages
            for form in form_factors]


def line(result: Result) -> str:
    run = result.run
    scores = '  '.join(f'{name} {result.scores[name]:3}' for name in CATEGORIES)
    return f'{run.page:11} {run.language:3} {run.form_factor:8} {scores}'


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('site', type=Path, help='a built site, e.g. _build/html')
    parser.add_argument('--languages', nargs='+',
                        help="default: the site's published languages")
    parser.add_argument('--pages', nargs='+', choices=list(PAGES), default=list(PAGES))
    parser.add_argument('--form-factors', nargs='+', choices=FORM_FACTORS,
                        default=list(FORM_FACTORS))
    args = parser.parse_args(argv)
    if not args.languages:
        from newsroom.core.site import Site

        args.languages = list(Site.from_confdir(REPO).published)
    if not (args.site / args.languages[0] / 'index.html').is_file():
        print(f'{args.site} holds no built site: run make html first', file=sys.stderr)
        return 2
    status = 0
    for result in measure(args.site, matrix(args.languages, args.pages, args.form_factors)):
        print(line(result), flush=True)
        allowed = DELIBERATE.get(result.run.page, set())
        for failure in result.failures:
            print(f'    {failure}' + (' (deliberate)' if failure.split(':')[0] in allowed
                                      else ''))
        if result.below_target():
            status = 1
    return status


if __name__ == '__main__':
    sys.exit(main())

"""Lighthouse (npm lighthouse, Debian's Chromium) on the built site: accessibility 100, SEO
100, best practices at least 95. A representative run per kind of page, both languages and
both form factors among them; `make lighthouse` scores the full matrix."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.lighthouse import LIGHTHOUSE, TARGETS, Run, line, measure

#: Every kind of page, each language and form factor at least twice (5 runs, about a minute).
RUNS = [Run('home', 'ru', 'mobile'), Run('news index', 'en', 'desktop'),
        Run('article', 'ru', 'desktop'), Run('tag page', 'en', 'mobile'),
        Run('search', 'ru', 'mobile')]
#: The search page tells robots not to index result pages, deliberately (they are endless
#: and thin): Lighthouse's SEO category counts that one audit against it.
DELIBERATE = {'search': {'seo/is-crawlable'}}


@pytest.fixture(scope='module')
def results(site: Path):
    if not LIGHTHOUSE.is_file():
        pytest.fail(f'{LIGHTHOUSE} is missing: run `make test`, which installs it from npm')
    return list(measure(site, RUNS))


def test_lighthouse_scores(results, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print('\nLighthouse (make lighthouse for every page, language and form factor):')
        for result in results:
            print(f'  {line(result)}')
    problems = []
    for result in results:
        allowed = DELIBERATE.get(result.run.page, set())
        for name, score in result.scores.items():
            costly = [failure for failure in result.failures
                      if failure.startswith(f'{name}/') and failure.split(':')[0] not in allowed]
            if score < TARGETS[name] and (costly or not allowed):
                problems.append((result.run, name, score, costly))
    assert problems == []

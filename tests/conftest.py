"""Shared fixtures: Sphinx's test apps on tiny roots, and one build of the real site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from helpers import SITE_BASEURL, serve

pytest_plugins = ['sphinx.testing.fixtures']

REPO = Path(__file__).resolve().parent.parent
#: Every make html a test runs stops its warm process when it ends, as before WARMKEEP: a
#: kept one per test site would outlive the suite (tests/test_warmkeep.py tries keeping).
os.environ['WARMKEEP'] = '0'


#: Test files that run whole builds again and again (kills, nginx, preview, Lighthouse),
#: longest first: ``pytest -n`` hands files out in collection order, so these start first
#: and the short ones fill the gaps, instead of one long file running alone at the end.
LONG_FIRST = ('test_publication.py', 'test_publication_kills.py', 'test_everyday_loop.py',
              'test_preview.py', 'test_nginx.py', 'test_design_lighthouse.py',
              'test_validators.py', 'test_photos.py', 'test_buildlog.py', 'test_add_language.py')


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the long test files first (the order within each file is kept)."""
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONG_FIRST.index(name) if name in LONG_FIRST else len(LONG_FIRST)

    items.sort(key=rank)


@pytest.fixture(scope='session')
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=…)`` finds ``tests/roots/test-…``."""
    return REPO / 'tests' / 'roots'


@pytest.fixture
def news_copy(rootdir: Path, tmp_path: Path) -> Path:
    """A private copy of the tiny news site (``test-news``), free to edit."""
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    return srcdir


@pytest.fixture(scope='session')
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The real site, built once by ``make html`` exactly as the README says; its html dir.

    Under ``pytest -n`` (pytest-xdist) the workers share one build: the first to arrive
    builds it under a lock in the run's common temporary folder, the others wait and read it.
    """
    root = tmp_path_factory.getbasetemp()
    if worker_id != 'master':
        root = root.parent
    builddir = root / 'shared-site'
    with FileLock(str(root / 'shared-site.lock')):
        if not (builddir / '.built').exists():
            shutil.rmtree(builddir, ignore_errors=True)
            result = subprocess.run(
                ['make', '--no-print-directory', 'html', f'BUILDDIR={builddir}',
                 f'BASEURL={SITE_BASEURL}', f'VENV={Path(sys.prefix)}'],
                cwd=REPO, capture_output=True, text=True, check=False,
            )
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
            (builddir / '.built').touch()
    return builddir / 'html'


@pytest.fixture(scope='session')
def site_url(site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 (a free port), as readers get it."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope='session')
def browser():
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    executable = os.environ.get('CHROMIUM') or shutil.which('chromium')
    if executable is None:
        pytest.fail('Chromium is missing: run `make test` (it installs Debian\'s chromium) '
                    'or set CHROMIUM=/path/to/chromium')
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True,
            args=['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                  '--disable-background-networking', '--disable-component-update',
                  '--disable-sync', '--no-first-run'],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab (its own context: no cookies or storage shared between tests)."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()

"""The built site checked by the web's own tools: the Nu HTML Checker and LinkChecker (axe-core
runs in test_design_layout.py, over every kind of page, language, colour scheme and width)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from helpers import PUBLISHED, QuietHandler, serve
from photos import photo_site

if TYPE_CHECKING:
    from collections.abc import Iterator

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.prefix) / 'bin'
#: The Nu HTML Checker, from npm (``make test`` installs it; VNU_JAR_VERSION in the Makefile).
VNU = REPO / 'tests' / '.node' / 'node_modules' / 'vnu-jar' / 'build' / 'dist' / 'vnu.jar'
ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region.html'


# -- Nu HTML Checker (vnu.jar) ------------------------------------------------------------


def nu_checker(root: Path) -> subprocess.CompletedProcess[str]:
    """The Nu HTML Checker's errors in every ``.html`` file under *root*."""
    if shutil.which('java') is None:
        pytest.fail('Java is missing: run `make test` (tests/ensure-system-packages.sh '
                    'installs it)')
    if not VNU.is_file():
        pytest.fail(f'{VNU} is missing: run `make test`, which installs vnu-jar from npm')
    return subprocess.run(
        ['java', '-jar', str(VNU), '--errors-only', '--format', 'text',
         *sorted(str(path) for path in root.rglob('*.html'))],
        capture_output=True, text=True, check=False, timeout=600)


def test_the_html_checker_finds_errors_when_there_are_some(tmp_path: Path) -> None:
    (tmp_path / 'bad.html').write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><p><div>block in a paragraph</div></p><img src="a.png"></body></html>',
        encoding='utf-8')
    result = nu_checker(tmp_path)
    assert result.returncode != 0
    assert 'Error' in result.stdout + result.stderr


def test_every_page_is_valid_html(site: Path) -> None:
    pages = list(site.rglob('*.html'))
    assert len(pages) > 60  # both languages, 404 pages, tag pages and the root page
    result = nu_checker(site)
    report = result.stdout + result.stderr
    assert result.returncode == 0 and 'Error' not in report, report[:5000]


@pytest.mark.parametrize('language', ['ru', 'en'])
def test_pages_with_a_photo_are_valid_html(make_app, rootdir: Path, tmp_path: Path,
                                           language: str) -> None:
    """The seed has no photo: a site whose newest article has one (its ``<picture>``, the
    lead story's thumbnail, the list thumbnails, ``og:image`` and JSON-LD) is checked too."""
    srcdir = photo_site(rootdir, tmp_path / 'site')
    app = make_app('html', srcdir=srcdir, builddir=tmp_path / 'out',
                   confoverrides={'language': language})
    app.build()
    article = (app.outdir / 'news/2025/2025-03-01-photo.html').read_text(encoding='utf-8')
    home = (app.outdir / 'index.html').read_text(encoding='utf-8')
    for html in (article, home):  # what an older checker refused
        assert '<picture>' in html and 'fetchpriority="high"' in html
    assert 'application/ld+json' in article
    result = nu_checker(app.outdir)
    report = result.stdout + result.stderr
    assert result.returncode == 0 and 'Error' not in report, report[:5000]


# -- LinkChecker ---------------------------------------------------------------------------


class _LinkCheckerFriendlyHandler(QuietHandler):
    """Serves files; the ``LinkChecker`` header lets it check faster than 10 pages a second."""

    def end_headers(self) -> None:
        self.send_header('LinkChecker', 'allowed')
        super().end_headers()


@pytest.fixture(scope='module')
def checked_site(site: Path) -> Iterator[str]:
    with serve(site, _LinkCheckerFriendlyHandler) as url:
        yield url


def linkchecker(*urls: str) -> list[dict[str, str]]:
    """LinkChecker's rows for *urls* and everything they link to on the same host."""
    result = subprocess.run(
        [str(BIN / 'linkchecker'), '--config', str(REPO / 'tests/data/linkcheckerrc'),
         '--no-status', '--verbose', '--output=csv', *urls],
        capture_output=True, text=True, check=False, timeout=600)
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith('#')]
    assert lines, result.stdout + result.stderr
    return list(csv.DictReader(io.StringIO('\n'.join(lines)), delimiter=';'))


def problems(rows: list[dict[str, str]]) -> list[str]:
    return [f'{row["parentname"]} -> {row["urlname"]}: {row["result"]} {row["warningstring"]}'
            for row in rows if row['valid'] != 'True' or row['warningstring']]


def test_linkchecker_reports_broken_links_and_anchors(tmp_path: Path) -> None:
    (tmp_path / 'index.html').write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>'
        '<a href="other.html#here">fine</a> <a href="other.html#nowhere">bad anchor</a> '
        '<a href="missing.html">missing</a></body></html>', encoding='utf-8')
    (tmp_path / 'other.html').write_text(
        '<!DOCTYPE html><html lang="en"><head><title>y</title></head><body>'
        '<h1 id="here">y</h1></body></html>', encoding='utf-8')
    with serve(tmp_path, _LinkCheckerFriendlyHandler) as base:
        found = problems(linkchecker(f'{base}/index.html'))
    assert len(found) == 2, found
    assert any('missing.html' in p and '404' in p for p in found)
    assert any('nowhere' in p and 'Anchor' in p for p in found)


#: The tag "Китай"'s page in each language, named after its label there.
CHINA = {'ru': 'kitay', 'en': 'china', 'tk': 'hytay'}


def test_no_broken_link_anchor_or_asset_in_any_language(checked_site: str) -> None:
    rows = linkchecker(f'{checked_site}/index.html', f'{checked_site}/404.html',
                       *(f'{checked_site}/{code}/404.html' for code in PUBLISHED))
    checked = {row['url'] for row in rows}
    for language in PUBLISHED:
        for page in (ARTICLE, 'news/tags/index.html', f'news/tags/{CHINA[language]}.html',
                     '_static/styles/furo.css', 'atom.xml'):
            assert any(url.startswith(f'{checked_site}/{language}/{page}') for url in checked)
    assert len(checked) > 150
    assert problems(rows) == []



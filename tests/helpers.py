"""Helpers shared by the tests: built HTML read as a browser would, a site served locally."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.core.site import Site

if TYPE_CHECKING:
    import polib

CYRILLIC = re.compile(r'[\u0400-\u04FF]')
#: The public address the tests build the real site for (conf.py ships none).
SITE_BASEURL = 'https://news.example.net/'
SKIPPED = {'script', 'style'}
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta',
        'source', 'track', 'wbr'}


class Page(HTMLParser):
    """Visible text per language (from ``lang`` attributes), links and ``<link>`` tags."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.chunks: list[tuple[str, str]] = []  # (language, text) in document order
        self.links: list[dict[str, str]] = []
        self.head_links: list[dict[str, str]] = []
        self.html_lang = ''
        self.feed(html)

    def _lang(self) -> str:
        for _tag, lang, _skip in reversed(self.stack):
            if lang:
                return lang
        return ''

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or '' for k, v in attrs}
        if tag == 'html':
            self.html_lang = attributes.get('lang', '')
        if tag == 'a' and 'href' in attributes:
            inside = any(t == 'article' for t, _lang, _skip in self.stack)
            self.links.append({**attributes, 'in-article': 'yes' if inside else ''})
        if tag == 'link':
            self.head_links.append(attributes)
        if tag not in VOID:
            skip = tag in SKIPPED or (self.stack and self.stack[-1][2])
            self.stack.append((tag, attributes.get('lang'), bool(skip)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][2]:
            return
        self.chunks.append((self._lang(), data))

    @property
    def text_by_lang(self) -> set[str]:
        """The languages the page's text is marked with."""
        return {lang for lang, _text in self.chunks}

    def text(self, lang: str | None = None) -> str:
        """Visible text in *lang* (all text if ``None``), in page order, whitespace folded."""
        parts = (text for key, text in self.chunks if lang is None or key == lang)
        return ' '.join(' '.join(parts).split())


def read_page(path: Path) -> Page:
    return Page(path.read_text(encoding='utf-8'))


def folded(text: str) -> str:
    """Whitespace folded to single spaces, none before punctuation."""
    return re.sub(r'\s+([,.;:])', r'\1', ' '.join(text.split()))


# -- The search page in a browser ---------------------------------------------------------

RESULTS = '#search-results ul.search li a'


def wait_for_results(page) -> None:
    """Wait until Sphinx's search has listed its results (its status heading is set)."""
    page.wait_for_function(
        "() => { const h = document.querySelector('#search-results h2');"
        " return h && h.textContent === Documentation.gettext('Search Results'); }",
        timeout=15000)


# -- Serving a built site ------------------------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(directory: Path, handler: type[SimpleHTTPRequestHandler] | None = None
          ) -> Iterator[str]:
    """*directory* served over HTTP on 127.0.0.1 (a free port); yields its address."""
    server = ThreadingHTTPServer(
        ('127.0.0.1', 0), partial(handler or QuietHandler, directory=directory))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{server.server_port}'
    finally:
        server.shutdown()
        server.server_close()


# -- A copy of the project --------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent
#: The languages the site publishes (source first), as conf.py and the catalogs have them.
PUBLISHED: tuple[str, ...] = Site.from_confdir(REPO).published or ()
PROJECT_FILES = ('conf.py', 'Makefile', 'requirements.txt', 'requirements-test.txt')
PROJECT_FOLDERS = ('docs', 'locale', 'newsroom', '_static')


def copy_project(target: Path) -> Path:
    """A copy of this project at *target*, free to edit and build (no build output, no
    compiled files); it shares the test run's virtual environment through ``VENV=``."""
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(REPO / name, target / name)
    for name in PROJECT_FOLDERS:
        shutil.copytree(REPO / name, target / name,
                        ignore=shutil.ignore_patterns('__pycache__', '*.mo'))
    return target


def run_update(tmp_path: Path, pots: dict[str, polib.POFile]) -> tuple[int, list[str]]:
    """``update-po`` for English below *tmp_path* from the templates *pots* (name → POT)."""
    from newsroom.i18n.pomerge import update_language

    pot_dir = tmp_path / 'gettext'
    shutil.rmtree(pot_dir, ignore_errors=True)
    for name, pot in pots.items():
        (pot_dir / name).parent.mkdir(parents=True, exist_ok=True)
        pot.save(str(pot_dir / f'{name}.pot'))
    return update_language(pot_dir, tmp_path / 'locale', 'en')


def en_catalog(srcdir: Path, docname: str) -> Path:
    """The English catalog of *docname* in a copy of a tiny root."""
    return srcdir / 'locale' / 'en' / 'LC_MESSAGES' / f'{docname}.po'


def build_en(make_app, srcdir: Path, **overrides):  # noqa: ANN001, ANN201 (Sphinx's fixture)
    """An English HTML build of *srcdir*, built; ``confoverrides`` from *overrides*."""
    app = make_app('html', srcdir=srcdir, confoverrides={'language': 'en', **overrides})
    app.build()
    return app

"""The three search engines the search benchmark drives in Chromium, and Pagefind's page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

#: A bare page searching with Pagefind's JavaScript API: 20 results with their excerpts,
#: as our page shows 20 with their leads (loaded as a module file, no inline script).
PAGEFIND_HTML = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Pagefind</title>
<script type="module" src="pagefind.js"></script></head>
<body><ol id="results"></ol></body></html>
"""
PAGEFIND_JS = """const pagefind = await import("../pagefind/pagefind.js");
const list = document.getElementById("results");
const run = async (query) => {
  document.body.dataset.state = "searching";
  const search = await pagefind.search(query);
  const top = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  list.replaceChildren(...top.map((data) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title;
    const excerpt = document.createElement("p");
    excerpt.textContent = data.excerpt;
    item.append(link, excerpt);
    return item;
  }));
  document.body.dataset.state = "done";
};
window.pagefindRun = run;
// Recall: the first 50 results (their fragments hold the addresses).
window.pagefindFind = async (query) => {
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 50).map((r) => r.data()));
  const root = new URL("../", import.meta.url).pathname; // the language's root
  return data.map((d) => (d.url.startsWith(root) ? d.url.slice(root.length) : d.url));
};
const query = new URLSearchParams(location.search).get("q");
if (query) await run(query); else document.body.dataset.state = "ready";
"""

SPHINX_FIRST = ("() => document.querySelector('#search-results ul.search li') !== null"
                " || document.querySelector('#search-results h2')?.textContent"
                " === Documentation.gettext('Search Results')")
SPHINX_DONE = ("() => document.querySelector('#search-results h2')?.textContent"
               " === Documentation.gettext('Search Results')")
SPHINX_FIND = """(query) => {
    const [q, terms, excluded, highlight, objects] = Search._parseQuery(query);
    return Search._performSearch(q, terms, excluded, highlight, objects)
        .map((item) => item[0] + '.html');
}"""
OURS_DONE = "() => document.querySelector('#newsroom-search')?.dataset.state === 'done'"
OURS_FIRST = ("() => document.querySelector('#newsroom-search .newsroom-search-results li')"
              " !== null || document.querySelector('#newsroom-search')?.dataset.state === 'done'")


@dataclass(frozen=True)
class Engine:
    name: str  # its site's folder below the served root
    label: str
    page: str  # the search page, relative to the language's root
    first_shown: str
    done: str
    ready: str
    second_query: Callable[[Any, str, str], float]  # milliseconds, measured in the page
    find: Callable[[Any, str, Path], list[str]]  # article addresses relative to the language


@cache
def records(site: str) -> list[str]:
    """Our index's article addresses by number."""
    folder = Path(site) / '_static' / 'newsroom-search'
    count = json.loads((folder / 'manifest.json').read_text(encoding='utf-8'))['articles']
    urls: list[str] = []
    chunk_size = json.loads((folder / 'manifest.json').read_text(encoding='utf-8'))['chunk']
    for chunk in range(-(-count // chunk_size)):
        urls += [row[0] for row in json.loads(
            (folder / 'd' / f'{chunk}.json').read_text(encoding='utf-8'))]
    return urls


def ours_second(page: Any, base: str, query: str) -> float:
    """Milliseconds from submitting the form to the first new result (same page)."""
    page.evaluate("""() => { window.submittedAt = null;
        document.querySelector('form.newsroom-search-form').addEventListener(
            'submit', () => { window.submittedAt = performance.now(); },
            {capture: true, once: true}); }""")
    page.fill('#newsroom-search-q', query)
    page.press('#newsroom-search-q', 'Enter')
    shown = page.wait_for_function(
        "() => window.submittedAt !== null && (document.querySelector("
        "'#newsroom-search .newsroom-search-results li') !== null || document.querySelector("
        "'#newsroom-search').dataset.state === 'done') && performance.now()",
        timeout=120_000, polling=5).json_value()
    page.wait_for_function(OURS_DONE, timeout=120_000, polling=5)
    return shown - page.evaluate('window.submittedAt')


def ours_find(page: Any, query: str, site: Path) -> list[str]:
    urls = records(str(site))
    return [urls[n] for n in page.evaluate('(q) => NewsroomSearch.find(q)', query)]


def sphinx_second(page: Any, base: str, query: str) -> float:
    """Milliseconds from the new page's navigation to its first result (Sphinx's page
    loads again for each query, its index from the browser's cache)."""
    page.goto(page.url.split('?')[0] + f'?q={query}')
    return page.wait_for_function(f'() => ({SPHINX_FIRST})() && performance.now()',
                                  timeout=120_000, polling=5).json_value()


def pagefind_second(page: Any, base: str, query: str) -> float:
    """Milliseconds of a search with Pagefind's API on the same page, results listed."""
    return page.evaluate('async (q) => { const start = performance.now(); await pagefindRun(q);'
                         ' return performance.now() - start; }', query)


def engines() -> list[Engine]:
    return [
        Engine('sphinx', "Sphinx's own (searchindex.js)", 'search.html', SPHINX_FIRST,
               SPHINX_DONE, "() => typeof Search !== 'undefined' && Search._index !== null",
               sphinx_second, lambda page, q, _site: page.evaluate(SPHINX_FIND, q)),
        Engine('pagefind', 'Pagefind 1.5.2', '_bench/pagefind.html',
               "() => document.querySelector('#results li') !== null"
               " || document.body.dataset.state === 'done'",
               "() => document.body.dataset.state === 'done'",
               "() => typeof window.pagefindFind === 'function'",
               pagefind_second, lambda page, q, _site: page.evaluate('(q) => pagefindFind(q)', q)),
        Engine('ours', 'ours (newsroom/search)', 'search.html', OURS_FIRST, OURS_DONE,
               "() => window.NewsroomSearch !== undefined", ours_second, ours_find),
    ]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a tab closed mid-download is no error here


#: A plain static server, the same for every engine: files and gzip, nothing of the site's
#: own nginx configuration (its security policy would stop Pagefind's WebAssembly).
STATIC_NGINX = """{user}worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nodelay on;
  gzip on;
  gzip_types text/css application/javascript text/javascript application/json image/svg+xml;
  client_body_temp_path {work}/body;
  proxy_temp_path {work}/proxy;
  fastcgi_temp_path {work}/fastcgi;
  uwsgi_temp_path {work}/uwsgi;
  scgi_temp_path {work}/scgi;
  server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
"""


def worker_user() -> str:
    """nginx's ``user`` line: started as root, its workers would read the files as
    ``nobody``, who gets 403 for everything below a private folder (``tempfile``'s are
    0700, so every page of ``make bench-search`` stalled); they stay the starting user."""
    if os.geteuid() != 0:
        return ''
    import grp
    import pwd

    return (f'user {pwd.getpwuid(os.geteuid()).pw_name} '
            f'{grp.getgrgid(os.getegid()).gr_name};\n')


@contextmanager
def serve_static(directory: Path) -> Iterator[str]:
    """*directory* served on a free loopback port by nginx (as a site would be), or by
    Python's file server where Debian's nginx is missing; yields its address."""
    nginx = shutil.which('nginx') or '/usr/sbin/nginx'
    if not Path(nginx).is_file() or not Path('/etc/nginx/mime.types').is_file():
        with serve(directory) as address:
            yield address
        return
    from newsroom.publishing.nginxrun import free_port, wait_until_listening

    with tempfile.TemporaryDirectory(prefix='newsroom-static-') as work:
        port = free_port()
        Path(work, 'nginx.conf').write_text(STATIC_NGINX.format(
            user=worker_user(), work=work, port=port, root=directory.resolve()),
            encoding='utf-8')
        log = Path(work, 'error.log')
        process = subprocess.Popen([nginx, '-p', work, '-c', 'nginx.conf', '-e', str(log),
                                    '-g', 'daemon off;'], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_listening(process, port, log, timeout=10)
            yield f'http://127.0.0.1:{port}'
        finally:
            process.terminate()
            process.wait(timeout=10)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """*directory* served on a free loopback port; yields its address."""
    server = QuietServer(('127.0.0.1', 0), partial(QuietHandler, directory=directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f'http://127.0.0.1:{server.server_port}'
    finally:
        server.shutdown()
        server.server_close()

"""The published site behind the real nginx with the generated configuration: language
choice at "/", 404 pages, types, compression, caching and security headers (checked with
curl), and the Content-Security-Policy in Chromium (no page raises a violation; an
injected inline script is blocked)."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import brotli
import pytest
from helpers import PUBLISHED, REPO, SITE_BASEURL
from nginx import serve_nginx

ARTICLE = 'news/2025/2025-06-20-geneva-neutrality.html'
INJECTED = 'ru/injected.html'
YEAR = 31536000


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes


def curl(url: str, *arguments: str) -> Response:
    """One request with the real curl (no redirect followed, body as sent)."""
    result = subprocess.run(['curl', '--silent', '--show-error', '--include', '--max-time',
                             '10', *arguments, url], capture_output=True, check=True)
    head, _, body = result.stdout.partition(b'\r\n\r\n')
    status_line, *lines = head.decode('latin-1').split('\r\n')
    headers: dict[str, str] = {}
    for line in lines:
        name, _, value = line.partition(':')
        key = name.strip().lower()
        headers[key] = f'{headers[key]}, {value.strip()}' if key in headers else value.strip()
    return Response(int(status_line.split()[1]), headers, body)


@pytest.fixture(scope='module')
def tree(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the published site (hard links) with one page that carries an injected
    inline script, as a translation or article that slipped past every check would."""
    copy = tmp_path_factory.mktemp('nginx-site') / 'html'
    shutil.copytree(site.resolve(), copy, copy_function=os.link)
    page = (copy / 'ru' / 'index.html').read_text(encoding='utf-8')
    injected = page.replace('</body>', '<script>window.injected = true;</script>'
                            '<img alt="" src="data:," onerror="window.handler = true"></body>', 1)
    assert injected != page
    (copy / INJECTED).write_text(injected, encoding='utf-8')
    return copy


@pytest.fixture(scope='module')
def base(tree: Path, tmp_path_factory: pytest.TempPathFactory):
    with serve_nginx(tree, tmp_path_factory.mktemp('nginx')) as url:
        yield url


# -- Language choice at "/" ------------------------------------------------------------


@pytest.mark.parametrize(('accept', 'language'), [
    ('ru', 'ru'),
    ('en', 'en'),
    ('de,en;q=0.8', 'en'),                # no German: the best published one
    ('*', 'ru'),                          # any: the source language
    (None, 'ru'),                         # no header: the source language
    ('fr-CH, fr;q=0.9', 'ru'),            # nothing published matches
    ('en-US,en;q=0.9,ru;q=0.8', 'en'),    # a region matches its language
    ('ru;q=0.5, en;q=0.7', 'en'),         # q-values, not order
    ('en;q=0.5, ru;q=0.5', 'en'),         # equal: the one listed first
    ('ru;q=0, *', 'en'),                  # "not Russian, anything else"
    ('de;q=1, ru;q=0.1, en;q=0.2', 'en'),
    ('ru;q=2, en', 'en'),                 # a malformed range is ignored
    *([('tk', 'tk'),                      # the third language, when it is published
       ('tk-TM, ru;q=0.8', 'tk'),
       ('de, tk;q=0.3, en;q=0.2', 'tk')] if 'tk' in PUBLISHED else []),
])
def test_root_redirects_by_accept_language(base: str, accept: str | None,
                                           language: str) -> None:
    response = curl(f'{base}/', *(['-H', f'Accept-Language: {accept}'] if accept else []))
    assert response.status == 302
    assert response.headers['location'] == f'/{language}/'
    assert 'Accept-Language' in response.headers['vary']


@pytest.mark.parametrize(('cookie', 'accept', 'language'), [
    ('en', 'ru', 'en'),   # the reader's choice in the switcher wins over the header
    ('ru', 'en', 'ru'),
    ('de', 'en', 'en'),   # a cookie naming no published language is ignored
])
def test_switcher_cookie_wins_over_the_header(base: str, cookie: str, accept: str,
                                              language: str) -> None:
    response = curl(f'{base}/', '-H', f'Accept-Language: {accept}',
                    '--cookie', f'newsroom_lang={cookie}')
    assert (response.status, response.headers['location']) == (302, f'/{language}/')
    assert 'Cookie' in response.headers['vary']


def test_language_home_and_static_root_page_are_served(base: str, tree: Path) -> None:
    home = curl(f'{base}/en/')
    assert home.status == 200 and home.body == (tree / 'en' / 'index.html').read_bytes()
    root = curl(f'{base}/index.html')  # the page for hosts without nginx stays
    assert root.status == 200 and root.body == (tree / 'index.html').read_bytes()


# -- 404 -------------------------------------------------------------------------------


@pytest.mark.parametrize(('path', 'language'), [
    ('/ru/no-such-page.html', 'ru'),
    ('/en/news/2031/missing.html', 'en'),
    ('/no-such-page.html', None),
    ('/de/', None),
])
def test_missing_pages_answer_404_in_their_language(base: str, tree: Path, path: str,
                                                    language: str | None) -> None:
    response = curl(f'{base}{path}')
    assert response.status == 404
    page = tree / (f'{language}/404.html' if language else '404.html')
    assert response.body == page.read_bytes()
    assert response.headers['cache-control'] == 'no-cache'
    assert "frame-ancestors 'none'" in response.headers['content-security-policy']


def test_hidden_build_files_are_not_served(base: str, tree: Path) -> None:
    assert (tree / 'ru' / '.buildinfo').is_file()
    assert curl(f'{base}/ru/.buildinfo').status == 404


# -- Types, compression, caching ----------------------------------------------------------


def asset_urls(page: bytes) -> list[str]:
    return re.findall(r'(?:src|href)="(?:\.\./)*(_static/[^"]+\?v=[0-9a-f]+)"', page.decode())


@pytest.mark.parametrize(('path', 'mime'), [
    ('/ru/index.html', 'text/html; charset=utf-8'),
    (f'/en/{ARTICLE}', 'text/html; charset=utf-8'),
    ('/ru/atom.xml', 'application/atom+xml; charset=utf-8'),
    ('/en/sitemap.xml', 'application/xml; charset=utf-8'),
    ('/sitemap.xml', 'application/xml; charset=utf-8'),
    ('/ru/_static/newsroom-search/manifest.json', 'application/json; charset=utf-8'),
    ('/ru/_static/newsroom-search.js', 'text/javascript; charset=utf-8'),
    ('/ru/_static/newsroom-feed.xsl', 'text/xsl; charset=utf-8'),
    ('/ru/_static/styles/furo.css', 'text/css; charset=utf-8'),
    ('/robots.txt', 'text/plain; charset=utf-8'),
])
def test_content_types(base: str, path: str, mime: str) -> None:
    response = curl(f'{base}{path}')
    assert response.status == 200
    assert response.headers['content-type'] == mime
    assert response.headers['x-content-type-options'] == 'nosniff'


DECODE = {'br': brotli.decompress, 'gzip': gzip.decompress}


@pytest.mark.parametrize('path', ['/ru/index.html', f'/en/{ARTICLE}', '/ru/atom.xml',
                                  '/en/_static/newsroom-search/manifest.json',
                                  '/ru/_static/styles/furo.css',
                                  '/ru/_static/newsroom-translations.js', '/sitemap.xml'])
@pytest.mark.parametrize('encoding', ['br', 'gzip', None])
def test_text_is_served_precompressed(base: str, tree: Path, path: str,
                                      encoding: str | None) -> None:
    offered = 'br, gzip' if encoding == 'br' else encoding or 'identity'
    response = curl(f'{base}{path}', '-H', f'Accept-Encoding: {offered}')
    original = (tree / path.lstrip('/')).read_bytes()
    assert response.status == 200
    assert response.headers.get('content-encoding') == encoding
    body = DECODE[encoding](response.body) if encoding else response.body
    assert body == original
    if encoding and len(original) > 4096:
        assert len(response.body) < len(original) / 2
        assert 'Accept-Encoding' in response.headers['vary']


def test_hashed_assets_are_immutable_and_pages_revalidated(base: str) -> None:
    page = curl(f'{base}/ru/{ARTICLE}')
    assert page.headers['cache-control'] == 'no-cache'
    assert page.headers['etag'] and page.headers['last-modified']
    again = curl(f'{base}/ru/{ARTICLE}', '-H', f'If-None-Match: {page.headers["etag"]}')
    assert again.status == 304
    assets = asset_urls(page.body)
    # the search page's scripts too (an article loads none of them)
    assets += asset_urls(curl(f'{base}/ru/search.html').body)
    assert any('newsroom-translations.js' in url for url in assets), assets
    for url in assets:
        hashed = curl(f'{base}/ru/{url}')
        assert hashed.status == 200, url
        assert hashed.headers['cache-control'] == f'public, max-age={YEAR}, immutable', url
        plain = curl(f'{base}/ru/{url.split("?")[0]}')
        assert plain.headers['cache-control'] == 'no-cache', url


def test_lead_images_named_by_content_are_immutable(tree: Path, base: str) -> None:
    """A photo's published files are named by their content's hash (photos/cache.py): kept a
    year; any other file of _images/ (docutils images keep their names) is revalidated."""
    folder = tree / 'ru' / '_images'
    folder.mkdir(exist_ok=True)
    named = {'0123456789abcdef0123-960.webp': f'public, max-age={YEAR}, immutable',
             '0123456789abcdef0123-960.jpg': f'public, max-age={YEAR}, immutable',
             'diagram.png': 'no-cache'}
    for name in named:
        (folder / name).write_bytes(b'synthetic')
    for name, expected in named.items():
        response = curl(f'{base}/ru/_images/{name}')
        assert response.status == 200 and response.headers['cache-control'] == expected, name


@pytest.mark.parametrize('path', ['/ru/atom.xml', '/en/sitemap.xml',
                                  '/ru/_static/newsroom-search/manifest.json'])
def test_feeds_sitemaps_and_the_search_index_are_revalidated(base: str, path: str) -> None:
    response = curl(f'{base}{path}')
    assert response.headers['cache-control'] == 'no-cache'
    assert response.headers['etag'] and response.headers['last-modified']


# -- Security headers --------------------------------------------------------------------


@pytest.mark.parametrize('path', ['/', '/ru/index.html', f'/en/{ARTICLE}',
                                  '/ru/_static/doctools.js', '/ru/missing', '/missing'])
def test_security_headers_everywhere(base: str, path: str) -> None:
    headers = curl(f'{base}{path}').headers
    policy = dict(part.strip().split(' ', 1) for part in
                  headers['content-security-policy'].split(';'))
    assert policy['script-src'].startswith("'self'")
    assert 'unsafe' not in policy['script-src'] and 'unsafe' not in policy['default-src']
    assert policy['frame-ancestors'] == "'none'" and policy['object-src'] == "'none'"
    assert headers['x-content-type-options'] == 'nosniff'
    assert headers['referrer-policy'] == 'strict-origin-when-cross-origin'
    assert 'strict-transport-security' not in headers  # only with nginx-conf --hsts


def test_publication_compresses_changed_files_and_links_unchanged_ones(tmp_path: Path) -> None:
    from newsroom.publishing.precompress import Work, precompress

    text = 'Туркменистан и Каспийское море. ' * 200
    old, new = tmp_path / 'old', tmp_path / 'new'
    for tree in (old, new):
        (tree / 'ru').mkdir(parents=True)
    (old / 'ru' / 'same.html').write_text(text, encoding='utf-8')
    (old / 'ru' / 'changed.html').write_text(text, encoding='utf-8')
    (old / 'ru' / 'tiny.js').write_text('x', encoding='utf-8')
    (old / 'ru' / 'photo.png').write_bytes(b'\x89PNG' + bytes(5000))
    cache = tmp_path / 'cache'
    # two pages of the same bytes, two ways, compressed once; the tiny file's copies would
    # be no smaller; the image is not text
    assert precompress(old, cache=cache) == Work(compressed=4, cached=2, skipped=2)
    os.link(old / 'ru' / 'same.html', new / 'ru' / 'same.html')  # as publication links it
    (new / 'ru' / 'changed.html').write_text(text + 'Новое.', encoding='utf-8')
    assert precompress(new, old, cache=cache) == Work(compressed=2, linked=2, pruned=2)
    for suffix, decode in (('.gz', gzip.decompress), ('.br', brotli.decompress)):
        assert (new / 'ru' / f'same.html{suffix}').samefile(old / 'ru' / f'same.html{suffix}')
        packed = (new / 'ru' / f'changed.html{suffix}').read_bytes()
        assert decode(packed).decode() == text + 'Новое.'
    assert sorted(p.name for p in old.rglob('*') if p.is_file()) == [
        'changed.html', 'changed.html.br', 'changed.html.gz', 'photo.png',
        'same.html', 'same.html.br', 'same.html.gz', 'tiny.js']


def test_plural_expression_is_checked_before_it_becomes_javascript() -> None:
    from newsroom.core.interface import plural_function_body

    expression = ('(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
                  '(n%100<10 || n%100>=20) ? 1 : 2)')
    assert plural_function_body(expression) == f'({expression})'
    for bad in ('n != 1; alert(1)', 'fetch("x")', 'n ? 1 : "a"', 'n..constructor', '(n'):
        with pytest.raises(ValueError):
            plural_function_body(bad)


# -- The Content-Security-Policy in Chromium --------------------------------------------

COLLECT = """
window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.violations.push(`${event.violatedDirective} ${event.blockedURI} ` +
                         `${event.sourceFile}:${event.lineNumber}`);
});
"""

PAGES = ['index.html', 'news/index.html', ARTICLE, f'{ARTICLE}?hl=Geneva', 'news/2025/index.html',
         'news/tags/index.html', 'status.html', '404.html', 'no-such-page.html', 'atom.xml']


def open_page(page, url: str) -> list[str]:
    """Open *url* in a fresh tab; the CSP violations it raised and the script errors."""
    errors: list[str] = []
    page.on('pageerror', lambda error: errors.append(str(error)))
    page.add_init_script(COLLECT)
    page.goto(url, wait_until='load')
    page.wait_for_timeout(100)  # violations are reported asynchronously
    return page.evaluate('window.violations') + errors


@pytest.mark.parametrize('language', PUBLISHED)
def test_no_page_type_raises_a_violation(page, base: str, tree: Path, language: str) -> None:
    tag = min(p.name for p in (tree / language / 'news' / 'tags').glob('*.html')
              if p.name != 'index.html'
              and 'http-equiv="refresh"' not in p.read_text(encoding='utf-8'))
    for path in [*PAGES, f'news/tags/{tag}']:
        assert open_page(page, f'{base}/{language}/{path}') == [], path
        if path != 'atom.xml':  # furo's theme switch ran: its hash is in the policy
            assert page.evaluate('document.body.dataset.theme') == 'auto', path
    assert open_page(page, f'{base}/missing/') == []


def test_root_pages_raise_no_violation(page, base: str) -> None:
    for path in ('/index.html', '/404.html'):
        assert open_page(page, f'{base}{path}') == [], path


@pytest.mark.parametrize(('language', 'query'), [('ru', 'порта'), ('en', 'shipping')])
def test_search_works_under_the_policy(page, base: str, language: str, query: str) -> None:
    problems = open_page(page, f'{base}/{language}/search.html?q={quote(query)}')
    page.wait_for_selector('#newsroom-search[data-state="done"]', timeout=15000)
    assert page.evaluate('window.violations') == [] and problems == []
    results = page.eval_on_selector_all('#newsroom-search .newsroom-search-results > li a',
                                        'as => as.map(a => a.getAttribute("href"))')
    assert any(href.startswith('news/') for href in results), results
    if language == 'ru':  # our plural rule, from newsroom-translations.js, no `new Function`
        assert page.evaluate('[1, 3, 5, 21].map(Documentation.PLURAL_EXPR)') == [0, 1, 2, 0]
    first = page.locator('#newsroom-search .newsroom-search-results > li a').first
    first.click()
    page.wait_for_load_state('load')
    page.wait_for_timeout(100)
    assert '/news/' in page.url and page.evaluate('window.violations') == []


def test_injected_inline_script_is_blocked(page, base: str) -> None:
    violations = open_page(page, f'{base}/{INJECTED}')
    assert page.evaluate('[window.injected, window.handler]') == [None, None]
    assert len([v for v in violations if v.startswith('script-src')]) == 2, violations


def test_switcher_choice_is_remembered_at_the_root(page, base: str) -> None:
    page.context.set_extra_http_headers({'Accept-Language': 'ru'})
    page.goto(f'{base}/')
    assert page.url == f'{base}/ru/'
    page.goto(f'{base}/ru/{ARTICLE}')
    page.locator('body a[hreflang="en"]:visible').first.click()
    page.wait_for_url(f'{base}/en/{ARTICLE}')
    assert page.evaluate('document.documentElement.lang') == 'en'
    page.goto(f'{base}/')
    assert page.url == f'{base}/en/'


def test_nginx_conf_command_writes_a_configuration_nginx_accepts(tmp_path: Path,
                                                                 tree: Path) -> None:
    from newsroom.cli import main

    outdir = tmp_path / 'nginx'
    assert main(['--confdir', str(REPO), '--baseurl', f'{SITE_BASEURL}site/', 'nginx-conf',
                 str(outdir), '--root', str(tree), '--hsts', '--listen', '127.0.0.1:1']) == 0
    server = (outdir / 'newsroom-server.conf').read_text(encoding='utf-8')
    assert 'location = /site/ {' in server and 'error_page 404 /site/en/404.html;' in server
    assert 'add_header Strict-Transport-Security' in server.replace('# add_header', '')
    assert (outdir / 'docroot' / 'site').resolve() == tree.resolve()
    check = subprocess.run(['nginx', '-t', '-q', '-p', str(outdir), '-c', 'nginx.conf',
                            '-e', 'stderr'], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    assert main(['--confdir', str(REPO), 'nginx-conf', str(outdir), '--root', str(tree),
                 '--modules', str(tmp_path)]) == 2  # no njs there


def test_readme_shows_the_configuration_nginx_conf_writes() -> None:
    from newsroom.core.site import Site
    from newsroom.publishing.nginx import Deployment, server_conf

    readme = (REPO / 'README.md').read_text(encoding='utf-8')
    shown = readme.split('The generated `newsroom-server.conf`', 1)[1]
    shown = shown.split('```nginx\n', 1)[1].split('```', 1)[0]
    site = Site.from_confdir(REPO, {'html_baseurl': 'https://news.example.com/'})
    deployment = Deployment(root=Path('/srv/news/_build/html'),
                            outdir=Path('/etc/nginx/newsroom'), hsts=True)
    assert shown == server_conf(site, deployment)


def test_a_site_below_a_path_is_served_there(tree: Path, tmp_path: Path) -> None:
    with serve_nginx(tree, tmp_path / 'nginx', baseurl=f'{SITE_BASEURL}site/') as url:
        root = curl(f'{url}/site/', '-H', 'Accept-Language: en')
        assert (root.status, root.headers['location']) == (302, '/site/en/')
        missing = curl(f'{url}/site/en/missing.html')
        assert missing.status == 404
        assert missing.body == (tree / 'en' / '404.html').read_bytes()
        assert curl(f'{url}/site/ru/index.html').status == 200
        assert curl(f'{url}/ru/index.html').status == 404  # only below the path

"""Lighthouse on a photo: a copy of the site with one more (synthetic) article whose lead image
is a generated 4,000×3,000 photo, built by ``make html`` and served by ``make serve-nginx``;
the article and the home page that leads with it, mobile and desktop. Prints the four
scores, the bytes transferred, the photo file the browser chose, the largest contentful
paint and its element (read in Chromium: Lighthouse 12.2 cannot name it in Chromium 156);
exit status 1 below 100 in any category or above ``--budget`` KB transferred on mobile.

Two photos: ``smooth`` (photobench's: a gradient, shapes, soft grain; compresses like a
studio or sky scene) and ``detailed`` (noise at every scale from 1 to 1,024 pixels in its
brightness, colour in broad patches: compresses like foliage or a crowd, as hard as a
photo gets)."""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PIL import Image, ImageOps

from benchmarks.lighthouse import CATEGORIES, report, scored
from benchmarks.photobench import draw_photo
from newsroom.publishing.nginxrun import free_port

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

REPO = Path(__file__).resolve().parent.parent
#: The generated photo: a 12-megapixel camera's, landscape.
SIZE = (4000, 3000)
#: The added article, newest of the seed's latest year (so the home page leads with it).
DOCNAME = 'news/2025/2025-06-21-photo-weight'
ARTICLE = f"""---
date: 2025-06-21
image: 2025-06-21-photo-weight.jpg
image_alt: Синтетический снимок, нарисованный для замера
image_caption: Синтетический снимок размером {SIZE[0]}×{SIZE[1]}
image_credit: Генератор замеров
---

# Синтетическая заметка со снимком для замера Lighthouse

Эта заметка не новость: её пишет сценарий замера, чтобы у статьи был большой снимок.
Снимок нарисован программой: на фотографию он похож только размером и сложностью.

Второй абзац нужен, чтобы страница была похожа на обычную статью с текстом под снимком.
"""
PAGES = {'article': f'ru/{DOCNAME}.html', 'home': 'ru/index.html'}
BASEURL = 'https://news.example.net/'
TRACKED = ('Makefile', 'conf.py', 'pyproject.toml', 'requirements.txt',
           'requirements-test.txt', 'docs', 'locale', '_static', 'newsroom',
           'tests/ensure-system-packages.sh')


class Measured(NamedTuple):
    photo: str
    page: str
    form_factor: str
    scores: dict[str, int]
    failures: list[str]
    transferred: int  # bytes, as Lighthouse's total-byte-weight counts them
    image: str  # the photo file the browser chose, and its bytes
    lcp: float  # milliseconds
    lcp_element: str


def copy_sources(target: Path) -> None:
    """The files git tracks (no build output, nobody's unfinished files), times kept so
    ``make`` does not reinstall the shared virtual environment."""
    listed = subprocess.run(['git', 'ls-files', '-z', '--', *TRACKED], cwd=REPO, check=True,
                            capture_output=True).stdout.decode().split('\0')
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)


def octaves(size: tuple[int, int], scales: range, rng: random.Random) -> Image.Image:
    """Grey noise made of equal parts of every scale in *scales* (cells of 2**k pixels):
    the equal energy per octave of natural images' spectra."""
    total: Image.Image | None = None
    for number, scale in enumerate(scales, 1):
        cells = (max(2, size[0] >> scale), max(2, size[1] >> scale))
        layer = Image.frombytes('L', cells, rng.randbytes(cells[0] * cells[1])).resize(
            size, Image.Resampling.BICUBIC)
        total = layer if total is None else Image.blend(total, layer, 1 / number)
    assert total is not None
    return ImageOps.autocontrast(total, cutoff=1)


def draw_detailed(path: Path, size: tuple[int, int] = SIZE) -> None:
    """Detail at every scale in brightness, colour in patches of 64 pixels and more."""
    rng = random.Random(1)
    brightness = octaves(size, range(11), rng)
    colour = Image.merge('RGB', [octaves(size, range(6, 11), rng) for _channel in range(3)])
    Image.blend(Image.merge('RGB', [brightness] * 3), colour, 0.35).save(
        path, 'JPEG', quality=88)


PHOTOS = {'smooth': lambda path: draw_photo(path, 1, SIZE), 'detailed': draw_detailed}


def add_article(root: Path, photo: str) -> None:
    """The synthetic article, and its photo drawn anew."""
    source = root / 'docs' / f'{DOCNAME}.md'
    source.write_text(ARTICLE, encoding='utf-8')
    PHOTOS[photo](source.with_name(f'{source.stem}.jpg'))


def make(root: Path, *targets: str, **variables: str) -> list[str]:
    return ['make', '--no-print-directory', '-C', str(root), *targets,
            f'VENV={sys.prefix}', f'BASEURL={BASEURL}',
            *(f'{name}={value}' for name, value in variables.items())]


def wait_for(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f'make serve-nginx stopped (status {process.returncode})')
        try:
            socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
        except OSError:
            time.sleep(0.1)
        else:
            return
    raise SystemExit(f'make serve-nginx did not listen on port {port} in {timeout} s')


#: Lighthouse's screens (its mobile is a Moto G Power; its desktop preset).
SCREENS = {'mobile': ({'width': 412, 'height': 823}, 1.75, True),
           'desktop': ({'width': 1350, 'height': 940}, 1, False)}
#: The element of the page's largest contentful paint (the last candidate so far): its
#: tag, the class of the nearest element that has one, its file and its fetchpriority.
LCP = """() => new Promise(resolve => new PerformanceObserver(list => {
    const entry = list.getEntries().at(-1), element = entry.element;
    const holder = element && element.closest('[class]');
    resolve({tag: element ? element.tagName.toLowerCase() : '',
             holder: holder ? holder.className.split(' ')[0] : '',
             file: ((element && element.currentSrc) || entry.url || '').split('/').at(-1),
             fetchpriority: element && element.getAttribute('fetchpriority') || ''});
}).observe({type: 'largest-contentful-paint', buffered: true}))"""


def lcp_of(page, url: str) -> dict[str, str]:  # noqa: ANN001 (a Playwright page)
    """:data:`LCP` of *url*, opened in *page* and given time to paint its photo."""
    page.goto(url, wait_until='networkidle')
    page.evaluate('() => new Promise(done => requestAnimationFrame(() => '
                  'requestAnimationFrame(done)))')  # the last image's paint
    return page.evaluate(LCP)


def lcp_element(url: str, form_factor: str) -> str:
    """The element Chromium paints as the largest contentful paint, on Lighthouse's screen."""
    from playwright.sync_api import sync_playwright

    viewport, scale, mobile = SCREENS[form_factor]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get('CHROMIUM') or shutil.which('chromium'),
            headless=True, args=['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'])
        try:
            context = browser.new_context(viewport=viewport, device_scale_factor=scale,
                                          is_mobile=mobile, has_touch=mobile)
            found = lcp_of(context.new_page(), url)
        finally:
            browser.close()
    priority = f' fetchpriority={found["fetchpriority"]}' if found['fetchpriority'] else ''
    return f'{found["tag"]}{priority} in .{found["holder"]}: {found["file"]}'


def median_report(url: str, form_factor: str, runs: int) -> dict:
    """Of *runs* Lighthouse runs, the one of median performance (as Lighthouse advises: one
    run on a shared machine can lose points to another program's work)."""
    reports = sorted((report(url, form_factor) for _run in range(runs)),
                     key=lambda data: data['categories']['performance']['score'] or 0)
    return reports[len(reports) // 2]


def measured(photo: str, page: str, form_factor: str, url: str, runs: int = 1) -> Measured:
    data = median_report(url, form_factor, runs)
    scores, failures = scored(data)
    audits = data['audits']
    requests = audits['network-requests']['details']['items']
    photos = [(item['url'].rsplit('/', 1)[-1], item.get('transferSize', 0))
              for item in requests if '/_images/' in item['url']]
    return Measured(photo, page, form_factor, scores, failures,
                    int(audits['total-byte-weight']['numericValue']),
                    ', '.join(f'{name} ({size / 1024:.1f} KB)' for name, size in photos),
                    audits['largest-contentful-paint']['numericValue'],
                    lcp_element(url, form_factor))


def measure(root: Path, port: int, photo: str, runs: Sequence[tuple[str, str]],
            repeat: int = 1) -> Iterator[Measured]:
    """``make serve-nginx`` on *port* while Lighthouse scores each of *runs* (the median
    of *repeat* runs)."""
    server = subprocess.Popen(make(root, 'serve-nginx', PORT=str(port)),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        wait_for(port, server)
        for page, form_factor in runs:
            url = f'http://127.0.0.1:{port}/{PAGES[page]}'
            yield measured(photo, page, form_factor, url, repeat)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def line(result: Measured) -> str:
    scores = '  '.join(f'{name} {result.scores[name]:3}' for name in CATEGORIES)
    return (f'{result.photo:8} {result.page:8} {result.form_factor:8} {scores}  '
            f'{result.transferred / 1024:6.1f} KB  LCP {result.lcp / 1000:.2f} s\n'
            f'    photo: {result.image or "none"}\n    LCP element: {result.lcp_element}')


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--workdir', type=Path,
                        help='build the copy here and keep it (default: a temporary folder)')
    parser.add_argument('--photos', nargs='+', choices=list(PHOTOS), default=list(PHOTOS))
    parser.add_argument('--pages', nargs='+', choices=list(PAGES), default=list(PAGES))
    parser.add_argument('--form-factors', nargs='+', choices=('mobile', 'desktop'),
                        default=['mobile', 'desktop'])
    parser.add_argument('--budget', type=float, default=150,
                        help='KB transferred at most on mobile (default 150)')
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--runs', type=int, default=3,
                        help='Lighthouse runs per page, the median kept (default 3)')
    parser.add_argument('--widths', help='other widths to publish, e.g. 480,800,1600 '
                        '(-D newsroom_image_widths=…)')
    args = parser.parse_args(argv)
    root = args.workdir or Path(tempfile.mkdtemp(prefix='photolighthouse-'))
    try:
        if not (root / 'docs').is_dir():
            copy_sources(root)
        status = 0
        runs = [(page, form) for page in args.pages for form in args.form_factors]
        for photo in args.photos:
            add_article(root, photo)
            start = time.perf_counter()
            options = {'SPHINXOPTS': f'-D newsroom_image_widths={args.widths}'
                       } if args.widths else {}
            built = subprocess.run(make(root, 'html', **options), capture_output=True,
                                   text=True, check=False)
            if built.returncode:
                print(built.stdout[-3000:], built.stderr[-3000:], file=sys.stderr)
                return 2
            print(f'# {photo} photo: make html {time.perf_counter() - start:.0f} s',
                  file=sys.stderr)
            for result in measure(root, args.port or free_port(), photo, runs,
                                  args.runs):
                print(line(result), flush=True)
                for failure in result.failures:
                    print(f'    {failure}')
                if (min(result.scores.values()) < 100 or result.form_factor == 'mobile'
                        and result.transferred > args.budget * 1024):
                    status = 1
        return status
    finally:
        if args.workdir is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())

"""Load an article of a published site served by nginx with ab: a benchmark CLI."""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.core.site import Site
from newsroom.publishing.nginxrun import NginxError, running

if TYPE_CHECKING:
    from collections.abc import Sequence

FIGURES = {
    'complete': r'^Complete requests:\s+(\d+)',
    'failed': r'^Failed requests:\s+(\d+)',
    'non2xx': r'^Non-2xx responses:\s+(\d+)',
    'rps': r'^Requests per second:\s+([\d.]+)',
    'bytes': r'^Document Length:\s+(\d+) bytes',
}


def an_article(site: Site, tree: Path) -> str:
    """The site path of the newest article of the source language."""
    news = tree / site.source / site.news_dir
    root = tree / site.source
    pages = sorted(p for p in news.glob('[0-9][0-9][0-9][0-9]/*.html')
                   if site.is_article(p.relative_to(root).with_suffix('').as_posix()))
    if not pages:
        raise SystemExit(f'{news}: no article; build the site first (make html)')
    return '/' + pages[-1].relative_to(tree).as_posix()


def load(url: str, *, concurrency: int, seconds: int, encoding: str,
         keepalive: bool, scratch: Path) -> dict[str, float]:
    """Run ab against *url*; its figures, p99 latency (ms) from its percentile table."""
    table = scratch / 'percentiles.csv'
    command = ['ab', '-q', '-c', str(concurrency), '-t', str(seconds), '-n', '100000000',
               '-e', str(table), '-H', f'Accept-Encoding: {encoding}',
               *(['-k'] if keepalive else []), url]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f'ab failed ({result.returncode}): {result.stderr.strip()}')
    figures = {name: float(match.group(1)) if (match := re.search(pattern, result.stdout,
                                                                   re.MULTILINE)) else 0.0
               for name, pattern in FIGURES.items()}
    with table.open(newline='') as rows:
        percentiles = {int(float(row[0])): float(row[1]) for row in list(csv.reader(rows))[1:]}
    figures['p50'], figures['p99'] = percentiles[50], percentiles[99]
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m benchmarks.nginxbench',
                                     description=__doc__)
    parser.add_argument('site', type=Path, help='the published site, e.g. _build/html')
    parser.add_argument('--confdir', type=Path, default=Path(), help='the folder of conf.py')
    parser.add_argument('--baseurl', help="override conf.py's html_baseurl")
    parser.add_argument('--path', help='the page to load (default: the newest article)')
    parser.add_argument('--concurrency', type=int, default=50)
    parser.add_argument('--seconds', type=int, default=10)
    parser.add_argument('--encoding', default='br, gzip',
                        help="the Accept-Encoding sent (default: 'br, gzip')")
    parser.add_argument('--no-keepalive', dest='keepalive', action='store_false',
                        help='a new connection per request')
    args = parser.parse_args(argv)
    if shutil.which('ab') is None:
        print('ab is missing: make system-packages (apache2-utils)', file=sys.stderr)
        return 2
    site = Site.from_confdir(args.confdir, {} if args.baseurl is None
                             else {'html_baseurl': args.baseurl})
    path = args.path or an_article(site, args.site)
    with tempfile.TemporaryDirectory(prefix='nginxbench-') as scratch:
        try:
            with running(site, args.site, Path(scratch)) as base:
                figures = load(base + path, concurrency=args.concurrency,
                               seconds=args.seconds, encoding=args.encoding,
                               keepalive=args.keepalive, scratch=Path(scratch))
        except NginxError as exc:
            print(f'nginx: {exc}', file=sys.stderr)
            return 2
    errors = int(figures['failed'] + figures['non2xx'])
    print(f'{path}: {args.concurrency} connections for {args.seconds} s, Accept-Encoding: '
          f'{args.encoding}, keep-alive {"on" if args.keepalive else "off"}')
    print(f'  {figures["complete"]:.0f} requests, {errors} errors, '
          f'{figures["bytes"]:.0f} bytes each')
    print(f'  {figures["rps"]:.0f} requests/s, p50 {figures["p50"]:.1f} ms, '
          f'p99 {figures["p99"]:.1f} ms')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())

"""Photo benchmark: a generated N-article site with one photo per article, built with a cold and
a warm image cache, and rebuilt after a text edit that touches no image."""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFilter

from benchmarks.bench import (REPO, TARGET, Article, generate, po_string, sphinx_build_command,
                              table, write_corpus)

if TYPE_CHECKING:
    from collections.abc import Sequence

#: A generated photo's size: a 6-megapixel camera's, landscape.
PHOTO_SIZE = (3000, 2000)
ALT_RU, ALT_EN = 'Снимок к новости номер {n}', 'Photo for news item number {n}'


@cache
def grain(size: tuple[int, int]) -> Image.Image:
    """Soft sensor noise, drawn once and laid over every photo."""
    return Image.effect_noise(size, 25).convert('RGB').filter(ImageFilter.GaussianBlur(1.2))


def draw_photo(path: Path, seed: int, size: tuple[int, int] = PHOTO_SIZE) -> None:
    """A synthetic photo that compresses like one: a gradient, shapes, grain."""
    rng = random.Random(seed)
    image = Image.linear_gradient('L').resize(size).convert('RGB')
    draw = ImageDraw.Draw(image)
    for _shape in range(40):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        w, h = rng.randrange(50, size[0] // 3), rng.randrange(50, size[1] // 3)
        draw.ellipse([x, y, x + w, y + h],
                     fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    Image.blend(image, grain(size), 0.15).save(path, 'JPEG', quality=88)


def add_photo(root: Path, article: Article, number: int) -> None:
    """A photo beside *article*, named in its front matter, its alt text in its catalog."""
    source = root / 'docs' / f'{article.docname}.md'
    name = f'{article.docname.rsplit("/", 1)[-1]}.jpg'
    draw_photo(source.with_name(name), number)
    text = source.read_text(encoding='utf-8')
    front = f'---\nimage: {name}\nimage_alt: {ALT_RU.format(n=number)}\n'
    source.write_text(front + text.removeprefix('---\n'), encoding='utf-8')
    catalog = root / 'locale' / TARGET / 'LC_MESSAGES' / f'{article.docname}.po'
    with catalog.open('a', encoding='utf-8') as out:
        out.write(f'\nmsgid {po_string(ALT_RU.format(n=number))}\n'
                  f'msgstr {po_string(ALT_EN.format(n=number))}\n')


@dataclass
class Run:
    """One sphinx-build: times, and the image work its log reports."""

    wall: float
    cpu: float
    encoded: int
    placed: int
    images: int  # files in the output's _images/


def build(root: Path, language: str, jobs: str, out: str, *, fresh: bool = False) -> Run:
    """Build *root*/docs into *root*/*out* (the image cache beside its doctrees)."""
    outdir, doctreedir = root / out / 'html' / language, root / out / 'doctrees' / language
    command = [*sphinx_build_command(), '-b', 'html', '-D', f'language={language}',
               '-D', f'newsroom_image_cache={root / out / "images"}',
               '-c', str(root), '-d', str(doctreedir), '-W', '--keep-going', '-j', jobs,
               *(['-E'] if fresh else []), str(root / 'docs'), str(outdir)]
    environ = {**os.environ, 'PYTHONPATH': os.pathsep.join(
        filter(None, [str(REPO), os.environ.get('PYTHONPATH')]))}
    log = root / out / f'build-{language}.log'
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open('w') as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                                   env=environ)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    text = log.read_text(errors='replace')
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f'sphinx-build failed: {" ".join(command)}\n{text[-4000:]}')
    placed = re.search(r'newsroom: (\d+) image file\(s\) placed', text)
    folder = outdir / '_images'
    return Run(wall, usage.ru_utime + usage.ru_stime, text.count('newsroom: encoding '),
               int(placed.group(1)) if placed else 0,
               len(list(folder.iterdir())) if folder.is_dir() else 0)


def row(count: int, what: str, language: str, run: Run) -> list[str]:
    return [f'{count:,}', what, language, f'{run.wall:.1f}', f'{run.cpu:.1f}',
            str(run.encoded), str(run.placed), str(run.images)]


HEADER = ['N', 'build', 'lang', 'wall s', 'CPU s', 'photos encoded', 'files placed',
          'files in _images']


def bench(workdir: Path, count: int, jobs: str) -> list[list[str]]:
    articles = generate(count)
    plain, photos = workdir / 'without', workdir / 'with'
    for root in (plain, photos):
        root.mkdir(parents=True)
        write_corpus(root, articles, plain=False)
    start = time.perf_counter()
    for number, article in enumerate(articles):
        add_photo(photos, article, number)
    print(f'# {count} photos of {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]} drawn in '
          f'{time.perf_counter() - start:.0f} s', file=sys.stderr)
    rows = [row(count, 'no photos', 'ru', build(plain, 'ru', jobs, 'out'))]
    rows.append(row(count, 'photos, cold cache', 'ru', build(photos, 'ru', jobs, 'out')))
    rows.append(row(count, 'photos, warm cache (other language)', TARGET,
                    build(photos, TARGET, jobs, 'out')))
    shutil.rmtree(photos / 'out' / 'html')
    rows.append(row(count, 'photos, warm cache, -E, empty output', 'ru',
                    build(photos, 'ru', jobs, 'out', fresh=True)))
    edited = photos / 'docs' / f'{articles[-1].docname}.md'
    edited.write_text(edited.read_text(encoding='utf-8') + '\nДобавленный абзац.\n',
                      encoding='utf-8')
    rows.append(row(count, 'one article\'s text edited', 'ru',
                    build(photos, 'ru', jobs, 'out')))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--sizes', type=int, nargs='+', default=[1000])
    parser.add_argument('--jobs', default=str(os.cpu_count() or 1))
    parser.add_argument('--workdir', type=Path, help='keep the sites and builds here')
    args = parser.parse_args(argv)
    rows = []
    for count in args.sizes:
        workdir = args.workdir or Path(tempfile.mkdtemp(prefix='photobench-'))
        try:
            rows += bench(workdir / str(count), count, args.jobs)
        finally:
            if args.workdir is None:
                shutil.rmtree(workdir, ignore_errors=True)
    print(table(HEADER, rows))
    return 0


if __name__ == '__main__':
    raise SystemExit(main())

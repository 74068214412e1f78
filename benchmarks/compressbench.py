"""Compression: bytes saved for CPU spent per level and kind of file; its share of make html."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.bench import REPO, table
from newsroom.publishing.precompress import SUFFIXES, compress, kind_of, levels_of

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

GZIP_LEVELS = (6, 7, 8, 9)
BROTLI_LEVELS = tuple(range(4, 12))
MB = 1_000_000
#: CPU seconds each measurement runs at least (a small kind is compressed several times).
MIN_CPU = 0.25
#: The rule that suggests a level: climb while a step saves at least this many bytes per
#: extra CPU second over every file of the kind. The measured steps fall from hundreds of
#: kB per second to tens or less at one level (brotli 8, gzip 8); this sits in that knee.
WORTH = 200_000


@dataclass(frozen=True)
class Sample:
    """The files of one kind in a tree, and the part of them measured."""

    kind: str
    files: int
    size: int  # bytes of every file of the kind
    measured: list[bytes]  # an evenly spread sample of the files

    @property
    def measured_size(self) -> int:
        return sum(map(len, self.measured))


@dataclass(frozen=True)
class Result:
    """One level on one sample, scaled to every file of its kind."""

    kind: str
    method: str  # 'gzip' or 'brotli'
    level: int
    ratio: float  # compressed / source bytes
    cpu_per_mb: float  # CPU seconds per MB of source

    def saved(self, sample: Sample) -> float:
        return sample.size * (1 - self.ratio)

    def cpu(self, sample: Sample) -> float:
        return self.cpu_per_mb * sample.size / MB


def text_files(tree: Path) -> list[Path]:
    """The files of *tree* that publication compresses, in a stable order."""
    return sorted(path for path in tree.rglob('*') if path.suffix in SUFFIXES
                  and path.is_file() and not path.is_symlink())


def samples(tree: Path, budget: int) -> list[Sample]:
    """Per kind of file, every *n*-th file so that about *budget* bytes are measured."""
    by_kind: dict[str, list[Path]] = defaultdict(list)
    for path in text_files(tree):
        by_kind[kind_of(path.name)].append(path)
    found = []
    for kind, paths in sorted(by_kind.items()):
        sizes = [path.stat().st_size for path in paths]
        step = max(1, round(sum(sizes) / budget))
        found.append(Sample(kind, len(paths), sum(sizes),
                            [path.read_bytes() for path in paths[::step]]))
    return found


def compressor(method: str, level: int) -> Callable[[bytes], bytes]:
    """Compression as publication does it (brotli's window fitted to the file)."""
    suffix = '.gz' if method == 'gzip' else '.br'
    return lambda data: compress(data, suffix, level)


def measure(sample: Sample, method: str, level: int, runs: int) -> Result:
    """Compress the sample at *level*; its ratio and the median of *runs* measurements of
    its CPU seconds per MB."""
    compress = compressor(method, level)
    packed, times = 0, []
    for _run in range(runs):
        rounds, start = 0, time.process_time()
        while not rounds or time.process_time() - start < MIN_CPU:  # small kinds: repeated
            packed = sum(min(len(data), len(compress(data)))  # no smaller: no copy
                         for data in sample.measured)
            rounds += 1
        times.append((time.process_time() - start) / rounds)
    size = sample.measured_size or 1
    return Result(sample.kind, method, level, packed / size,
                  statistics.median(times) / size * MB)


def worth(sample: Sample, lower: Result, higher: Result) -> bool:
    """Whether the step from *lower* to *higher* saves at least WORTH bytes per extra CPU
    second over every file of the kind (or costs nothing)."""
    extra_cpu = higher.cpu(sample) - lower.cpu(sample)
    extra_saved = higher.saved(sample) - lower.saved(sample)
    return extra_saved >= 0 and (extra_cpu <= 0 or extra_saved / extra_cpu >= WORTH)


def suggested(sample: Sample, results: Sequence[Result], method: str) -> int:
    """The lowest level, then each next one while the step up is worth it."""
    ladder = [result for result in results if result.method == method]
    chosen = ladder[0]
    for higher in ladder[1:]:
        if not worth(sample, chosen, higher):
            break
        chosen = higher
    return chosen.level


def level_rows(sample: Sample, results: Sequence[Result]) -> list[list[str]]:
    """One row per level; the last column is what the step up from the level before buys:
    kB saved per extra CPU second (over every file of the kind)."""
    rows, before = [], None
    for result in results:
        saved, cpu = result.saved(sample), result.cpu(sample)
        marginal = '–'
        if before is not None and before.method == result.method:
            extra_cpu = cpu - before.cpu(sample)
            extra_saved = saved - before.saved(sample)
            marginal = (f'{extra_saved / 1000 / extra_cpu:.0f}' if extra_cpu > 0
                        else f'{extra_saved / 1000:+.0f} kB, no CPU')
        chosen = levels_of(sample.kind)[0 if result.method == 'gzip' else 1] == result.level
        mark = (' ←' if chosen else '') + (
            ' *' if suggested(sample, results, result.method) == result.level else '')
        rows.append([sample.kind, f'{result.method} {result.level}{mark}',
                     f'{100 * result.ratio:.1f}%', f'{saved / MB:.2f}', f'{cpu:.2f}',
                     marginal])
        before = result
    return rows


def level_table(tree: Path, budget: int, runs: int) -> tuple[str, float, float]:
    """The table of every level on every kind of file of *tree*; the CPU seconds of
    gzip 9 + brotli 11 everywhere and of the chosen levels, over the whole tree."""
    rows, old, new = [], 0.0, 0.0
    for sample in samples(tree, budget):
        results = [measure(sample, 'gzip', level, runs) for level in GZIP_LEVELS]
        results += [measure(sample, 'brotli', level, runs) for level in BROTLI_LEVELS]
        rows.append([sample.kind, f'{sample.files} files, {sample.size / MB:.1f} MB '
                     f'(measured {sample.measured_size / MB:.1f} MB)', '', '', '', ''])
        rows += level_rows(sample, results)
        by_level = {(result.method, result.level): result for result in results}
        old += by_level['gzip', 9].cpu(sample) + by_level['brotli', 11].cpu(sample)
        gz, br = levels_of(sample.kind)
        new += by_level['gzip', gz].cpu(sample) + by_level['brotli', br].cpu(sample)
    header = ['kind', 'level', 'size', 'MB saved', 'CPU s', 'kB saved per extra CPU s']
    return table(header, rows), old, new


# -- Compression's share of a clean make html ---------------------------------------------


@dataclass(frozen=True)
class Timed:
    wall: float
    cpu: float  # user + system seconds, waited-for children included
    load: float


def timed(command: Sequence[str], *, cwd: Path, environ: dict[str, str], log: Path) -> Timed:
    """Run *command* (output in *log*), timing it and every process it waited for."""
    load = os.getloadavg()[0]
    with log.open('w') as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=environ, stdout=output,
                                   stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    if code := os.waitstatus_to_exitcode(status):
        raise SystemExit(f'{" ".join(command)} failed ({code}); see {log}')
    return Timed(wall, usage.ru_utime + usage.ru_stime, load)


def environment(code: Path) -> dict[str, str]:
    """This environment, with *code*'s ``newsroom`` first."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join(
        filter(None, [str(code), str(REPO), os.environ.get('PYTHONPATH')])))


def clean_make_html(root: Path, environ: dict[str, str], baseurl: str) -> Timed:
    """``make html`` in *root* with its build folder removed first."""
    shutil.rmtree(root / '_build', ignore_errors=True)
    venv = Path(sys.prefix)
    command = ['make', '--no-print-directory', '-o', f'{venv}/.installed-build', 'html',
               f'VENV={venv}', f'BASEURL={baseurl}',
               'WARMKEEP=0']  # the warm process is make's: its builds' CPU time is counted
    return timed(command, cwd=root, environ=environ, log=root / 'make-html.log')


def publish_again(root: Path, environ: dict[str, str], baseurl: str) -> Timed:
    """The publication step of a clean build once more: a new build folder beside the
    workshops, no previous tree, no compressed files to reuse."""
    again = root / '_build' / 'again'
    shutil.rmtree(again, ignore_errors=True)
    again.mkdir()
    command = [sys.executable, '-m', 'newsroom', '--baseurl', baseurl, 'publish',
               '--workdir', str(root / '_build' / 'work'), str(again / 'html')]
    try:
        return timed(command, cwd=root, environ=environ, log=root / 'publish-again.log')
    finally:
        shutil.rmtree(again, ignore_errors=True)


def uncompressed_copy(tree: Path, copy: Path) -> None:
    """*tree* without its compressed copies, hard-linked into *copy*."""
    for path in tree.rglob('*'):
        if path.is_file() and path.suffix not in {'.gz', '.br'}:
            target = copy / path.relative_to(tree)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)


def compress_again(tree: Path, environ: dict[str, str], scratch: Path) -> Timed:
    """``precompress`` alone on the published tree, as a clean build runs it (empty cache)."""
    copy, cache = scratch / 'tree', scratch / 'cache'
    shutil.rmtree(scratch, ignore_errors=True)
    uncompressed_copy(tree, copy)
    command = [sys.executable, '-c', 'import sys; from pathlib import Path; '
               'from newsroom.publishing.precompress import precompress; '
               'print(precompress(Path(sys.argv[1]), cache=Path(sys.argv[2])))',
               str(copy), str(cache)]
    try:
        return timed(command, cwd=scratch, environ=environ, log=scratch.parent / 'compress.log')
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


#: Appended to a copy of the package: publication as it is, without compression.
NO_COMPRESSION = """

def precompress(*args, **kwargs):  # compressbench: a build without compression
    return None
"""


def without_compression(code: Path, copy: Path) -> Path:
    """A copy of *code*'s ``newsroom`` whose publication compresses nothing."""
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(code / 'newsroom', copy / 'newsroom',
                    ignore=shutil.ignore_patterns('__pycache__'))
    with (copy / 'newsroom' / 'publishing' / 'precompress.py').open('a') as module:
        module.write(NO_COMPRESSION)
    return copy


def row(step: str, timed: Timed, whole: float) -> list[str]:
    return [step, f'{timed.wall:.1f}', f'{timed.cpu:.1f}', f'{100 * timed.cpu / whole:.1f}%',
            f'{timed.load:.1f}']


def share_rows(root: Path, code: Path, baseurl: str) -> list[list[str]]:
    """Compression's share of a clean make html: the build with and without it (the same
    code otherwise), then the publication and the compression alone once more."""
    environ = environment(code)
    bare = environment(without_compression(code, root.parent / 'without-compression'))
    print(f'clean make html in {root}, without compression …', file=sys.stderr, flush=True)
    without = clean_make_html(root, bare, baseurl)
    print('clean make html …', file=sys.stderr, flush=True)
    build = clean_make_html(root, environ, baseurl)
    difference = Timed(build.wall - without.wall, build.cpu - without.cpu, build.load)
    print('the publication again …', file=sys.stderr, flush=True)
    publication = publish_again(root, environ, baseurl)
    rows = [row('clean make html', build, build.cpu),
            row('the same without compression', without, build.cpu),
            row('compression: the difference', difference, build.cpu),
            row('publish again (new build folder)', publication, build.cpu)]
    if 'cache' in precompress_parameters(environ, code):
        print('the compression alone …', file=sys.stderr, flush=True)
        compression = compress_again((root / '_build' / 'html').resolve(), environ,
                                     root / '_build' / 'compress-again')
        rows.append(row('precompress again (empty cache)', compression, build.cpu))
    return rows


def precompress_parameters(environ: dict[str, str], code: Path) -> str:
    """The parameters of the measured code's precompress (an older one has no cache)."""
    return subprocess.run(
        [sys.executable, '-c', 'import inspect; from newsroom.publishing.precompress import '
         'precompress; print(*inspect.signature(precompress).parameters)'],
        cwd=code, env=environ, check=True, capture_output=True, text=True).stdout


def project(root: Path, articles: int, seed: int) -> None:
    """A generated archive of *articles* in three languages, laid out as this project."""
    from benchmarks.previewbench import project as generated  # noqa: PLC0415

    generated(root, articles, seed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m benchmarks.compressbench', description=(
        __doc__ + ' Generates an archive of N articles in three languages (ru, en, tk), '
        'times a clean make html (BASEURL set, so feeds and sitemaps too) with and without '
        'compression (a copy of the package whose precompress does nothing), then its '
        'publication and its compression again, then compresses samples of each kind of '
        'text file at every level.'))
    parser.add_argument('--articles', type=int, default=1000, metavar='N',
                        help='generated articles (default: 1000)')
    parser.add_argument('--seed', type=int, default=1, help='seed of the generated text')
    parser.add_argument('--site', type=Path, default=None, metavar='TREE',
                        help='measure the levels on this built tree instead (no build)')
    parser.add_argument('--sample', type=float, default=4, metavar='MB',
                        help='MB of each kind of file compressed at each level (default: 4)')
    parser.add_argument('--runs', type=int, default=3, metavar='N',
                        help='CPU time per level: the median of N measurements (default: 3)')
    parser.add_argument('--code', type=Path, default=REPO, metavar='DIR',
                        help='the newsroom package to time (default: this checkout), e.g. '
                        'an older revision from git archive')
    parser.add_argument('--no-levels', action='store_true',
                        help='time make html and the publication only')
    parser.add_argument('--baseurl', default='https://news.example.com/')
    parser.add_argument('--workdir', type=Path, default=None,
                        help='keep the generated project here (default: a temporary folder)')
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix='newsroom-compressbench-') as temporary:
        tree = args.site
        if tree is None:
            root = (args.workdir or Path(temporary)) / f'site-{args.articles}'
            if not (root / 'conf.py').is_file():
                print(f'generating {args.articles} articles in {root} …', file=sys.stderr)
                project(root, args.articles, args.seed)
            shares = share_rows(root, args.code.resolve(), args.baseurl)
            print(f'## make html, {args.articles} articles, three languages, '
                  f'{os.cpu_count()} cores, newsroom from {args.code}\n')
            print(table(['step', 'wall s', 'CPU s', 'share of CPU', 'load'], shares))
            tree = (root / '_build' / 'html').resolve()
        if args.no_levels:
            return 0
        print(f'\n## levels on {tree} (one process; whole-tree figures scaled from the '
              f'sample; CPU: the median of {args.runs} runs)\n')
        text, old, new = level_table(tree, int(args.sample * MB), args.runs)
        print(text)
        print(f'\nCPU s over the whole tree: gzip 9 + brotli 11 everywhere {old:.1f}; '
              f'the chosen levels (←) {new:.1f}; * marks the level the rule suggests '
              f'(climb while a step saves ≥ {WORTH // 1000} kB per extra CPU s)')
    return 0


if __name__ == '__main__':
    sys.exit(main())

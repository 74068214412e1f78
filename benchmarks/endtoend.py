"""End to end: `make html` itself, per step, against plain Sphinx (and Hugo) on the same archive."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.bench import (LAST_DAY, REPO, SOURCE, TARGET, make_article, po_string,
                              sphinx_build, sphinx_build_args, table, write_article,
                              write_corpus)
from benchmarks.compressbench import compress_again, environment, timed
from benchmarks.hugo import hugo_build, hugo_site
from benchmarks.previewbench import LANGUAGES, project, third_language

if TYPE_CHECKING:
    from collections.abc import Sequence

    from benchmarks.bench import Article

#: Make runs every recipe line through this shell: it logs each line's wall and CPU time.
STEP_SHELL = r'''#!/bin/bash
start=$EPOCHREALTIME
/bin/sh "$@"
status=$?
end=$EPOCHREALTIME
times >"$NEWSROOM_STEPLOG.$$"
children=$(tail -1 "$NEWSROOM_STEPLOG.$$")
rm -f "$NEWSROOM_STEPLOG.$$"
command=${2//$'\n'/ }
printf '%s\t%s\t%s\t%s\n' "$start" "$end" "$children" "${command//$'\t'/ }" >> "$NEWSROOM_STEPLOG"
exit $status
'''
HEADER = ['N', 'change', 'load', 'make html wall s', 'CPU s', 'check-po', 'sphinx-build',
          'publish', 'other', 'plain Sphinx wall / CPU s', 'ours / Sphinx wall',
          'ours / Sphinx CPU',
          'compression CPU s (share)', 'Hugo wall / CPU s']
STEPS_HEADER = ['N', 'change', 'step', 'wall s (median)', 'CPU s (median)']


@dataclass(frozen=True)
class Step:
    name: str
    wall: float
    cpu: float


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    load: float
    steps: tuple[Step, ...]


def seconds(times: str) -> float:
    """Bash's ``times`` line for the children (``0m1.250s 0m0.080s``): user + system."""
    return sum(int(m) * 60 + float(s) for m, s in re.findall(r'(\d+)m([\d.]+)s', times))


def step_name(command: str) -> str | None:
    """What a recipe line does; None for a line that runs make again (its lines are logged)."""
    if re.search(r'(^|[\s/])make\s', command) or 'flock' in command.split()[:1]:
        return None
    if 'sphinx-build' in command:
        language = re.search(r'language=(\S+)', command)
        return f'sphinx-build {language.group(1) if language else "?"}'
    if 'check-po' in command:
        return 'check-ui' if '--interface' in command or 'core/locale' in command else 'check-po'
    for name in ('summary', 'publish', 'languages'):
        if re.search(rf'\s{name}(\s|$)', command) or f'--{name}' in command:
            return name
    return 'other'


def steps(log: Path) -> tuple[Step, ...]:
    """The logged recipe lines as steps (CPU: what each line's children used)."""
    found = []
    for line in log.read_text(encoding='utf-8').splitlines():
        start, end, children, command = line.split('\t', 3)
        if (name := step_name(command)) is not None:
            found.append(Step(name, float(end) - float(start), seconds(children)))
    return tuple(found)


def make_html(root: Path, shell: Path, *, keep: bool = True) -> Run:
    """``make html`` in *root*, with each recipe line timed. Its CPU seconds are those of
    every process it waited for and, with *keep* (make's default: the warm process kept
    between runs, WARMKEEP), those the kept process's builds report (``NEWSROOM_CPULOG``),
    as no process that waits for make counts them; without, the warm process is make's own."""
    # the logs beside the site, not in it: a file of the site's folder that changed is a
    # source changed, and every language's build runs (cli/skipbuild.py)
    log, cpu_log = root.parent / 'make-html-steps.log', root.parent / 'make-html-cpu.log'
    log.unlink(missing_ok=True)
    cpu_log.unlink(missing_ok=True)
    requirements = root / 'requirements.txt'
    if requirements.stat().st_mtime:  # this venv has them: make need not install
        os.utime(requirements, (0, 0))
    venv = Path(sys.prefix)
    command = ['make', '--no-print-directory', '-o', f'{venv}/.installed-build', 'html',
               f'VENV={venv}', f'SHELL={shell}', f'WARMKEEP={600 if keep else 0}']
    environ = dict(os.environ, NEWSROOM_STEPLOG=str(log), NEWSROOM_CPULOG=str(cpu_log),
                   PYTHONPATH=str(REPO))
    made = timed(command, cwd=root, environ=environ, log=root.parent / 'make-html.log')
    kept = sum(float(line) for line in cpu_log.read_text(encoding='utf-8').split()
               ) if cpu_log.is_file() else 0.0
    return Run(made.wall, made.cpu + kept, made.load, steps(log))


def plain_sphinx(root: Path, articles: Sequence[Article]) -> float:
    """CPU seconds of plain Sphinx building the same sources in every language, clean."""
    write_corpus(root, articles, plain=True)
    for code in LANGUAGES:
        if code not in {SOURCE, TARGET}:
            third_language(root, code)
    return sum(sphinx_build(root, code, None).cpu for code in LANGUAGES)


def plain_loop(root: Path) -> Run:
    """Plain Sphinx building its twin of the site again after a change: every language at
    once, as ``make html`` builds them (its incremental floor), wall and CPU seconds."""
    load = os.getloadavg()[0]
    start, cpu = time.perf_counter(), 0.0
    with open(os.devnull, 'wb') as devnull:
        processes = [subprocess.Popen(sphinx_build_args(root, code, None), stdout=devnull,
                                      stderr=subprocess.STDOUT) for code in LANGUAGES]
        for process in processes:
            _pid, status, usage = os.wait4(process.pid, 0)
            if os.waitstatus_to_exitcode(status):
                raise SystemExit(f'plain sphinx-build failed: {process.args}')
            cpu += usage.ru_utime + usage.ru_stime
    return Run(time.perf_counter() - start, cpu, load, ())


def catalogs_for(root: Path, article: Article, *, orphan: bool = False) -> None:
    """The article's Markdown and English catalog, and the other languages' copies of it
    (*orphan*: in plain Sphinx's twin, which lists no article in a toctree)."""
    write_article(root / 'docs', root / 'locale', article, orphan=orphan)
    english = root / 'locale' / TARGET / 'LC_MESSAGES' / f'{article.docname}.po'
    for code in LANGUAGES:
        if code not in {SOURCE, TARGET}:
            target = root / 'locale' / code / 'LC_MESSAGES' / f'{article.docname}.po'
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(english.read_text(encoding='utf-8').replace(
                f'"Language: {TARGET}\\n"', f'"Language: {code}\\n"', 1), encoding='utf-8')


def add_article(root: Path, number: int, *, plain: bool = False) -> Article:
    import datetime as dt  # noqa: PLC0415
    import random  # noqa: PLC0415

    article = make_article(random.Random(number), 90000 + number,
                           LAST_DAY + dt.timedelta(days=number))
    catalogs_for(root, article, orphan=plain)
    return article


def edit_msgstr(root: Path, article: Article, number: int) -> None:
    po = root / 'locale' / TARGET / 'LC_MESSAGES' / f'{article.docname}.po'
    text = po.read_text(encoding='utf-8')
    old = po_string(article.paragraphs[0].en)
    edited = text.replace(old, old[:-1] + f' (Edit {number}.)"', 1)
    if edited == text:  # edited before: change the edit's number
        edited = re.sub(r' \(Edit \d+\.\)"', f' (Edit {number}.)"', text, count=1)
    po.write_text(edited, encoding='utf-8')


def delete_article(root: Path, article: Article) -> None:
    (root / 'docs' / f'{article.docname}.md').unlink()
    for code in LANGUAGES[1:]:
        (root / 'locale' / code / 'LC_MESSAGES' / f'{article.docname}.po').unlink()


def median_steps(runs: Sequence[Run]) -> list[tuple[str, float, float]]:
    names = list(dict.fromkeys(step.name for run in runs for step in run.steps))
    return [(name,
             statistics.median(sum(s.wall for s in run.steps if s.name == name) for run in runs),
             statistics.median(sum(s.cpu for s in run.steps if s.name == name) for run in runs))
            for name in names]


def grouped(step_rows: list[tuple[str, float, float]], prefix: str) -> float:
    return sum(cpu for name, _wall, cpu in step_rows if name.startswith(prefix))


def row(count: int, change: str, runs: Sequence[Run], floor: tuple[float | None, float],
        hugo: tuple[float, float] | None, compression: float | None = None) -> list[str]:
    """A table row: our runs' medians beside plain Sphinx's *floor* (wall, CPU seconds;
    a clean floor has no wall, as its languages are built one after another)."""
    medians = median_steps(runs)
    wall, cpu = statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs)
    known = sum(grouped(medians, p) for p in ('check-', 'sphinx-build', 'publish'))
    floor_wall, floor_cpu = floor
    return [f'{count:,}', f'{change} (×{len(runs)})', f'{max(r.load for r in runs):.1f}',
            f'{wall:.1f}', f'{cpu:.1f}',
            f'{grouped(medians, "check-"):.1f}', f'{grouped(medians, "sphinx-build"):.1f}',
            f'{grouped(medians, "publish"):.1f}', f'{max(cpu - known, 0):.1f}',
            f'{"-" if floor_wall is None else f"{floor_wall:.1f}"} / {floor_cpu:.1f}',
            '-' if floor_wall is None else f'{wall / floor_wall:.2f}x', f'{cpu / floor_cpu:.2f}x',
            f'{compression:.1f} ({compression / cpu:.1%})' if compression is not None else '-',
            f'{hugo[0]:.1f} / {hugo[1]:.1f}' if hugo is not None else '-']


def bench_size(workdir: Path, count: int, repeat: int, seed: int, shell: Path,
               ) -> tuple[list[list[str]], list[list[str]]]:
    root = workdir / f'n{count}' / 'site'
    if root.parent.exists():
        raise SystemExit(f'{root.parent} exists: remove it or choose another --workdir')
    print(f'N={count}: generating …', file=sys.stderr, flush=True)
    articles = project(root, count, seed)
    print(f'N={count}: plain Sphinx, clean, {len(LANGUAGES)} languages …', file=sys.stderr,
          flush=True)
    plain = workdir / f'n{count}' / 'plain'
    floor = plain_sphinx(plain, articles)
    hugo_clean = None
    if shutil.which('hugo'):
        hugo_clean = hugo_build(hugo_site(workdir / f'n{count}' / 'hugo', articles, LANGUAGES))
    rows, step_rows = [], []

    def measured(change: str, runs: list[Run], plain_runs: list[Run] | None = None,
                 compression: float | None = None) -> None:
        """A row; plain Sphinx's clean CPU, or the median of its *plain_runs* of the change."""
        found = (None, floor) if plain_runs is None else (
            statistics.median(r.wall for r in plain_runs),
            statistics.median(r.cpu for r in plain_runs))
        rows.append(row(count, change, runs, found,
                        hugo_clean if plain_runs is None else None, compression))
        step_rows.extend([f'{count:,}', change, name, f'{wall:.2f}', f'{cpu:.2f}']
                         for name, wall, cpu in median_steps(runs))
        print(table(HEADER, rows[-1:]), file=sys.stderr, flush=True)

    print(f'N={count}: clean make html …', file=sys.stderr, flush=True)
    clean = make_html(root, shell, keep=False)  # as in a new clone: every process counted
    print(f'N={count}: the clean build\'s compression alone, once more …', file=sys.stderr,
          flush=True)
    compression = compress_again((root / '_build' / 'html').resolve(), environment(REPO),
                                 root.parent / 'compress-again')
    measured('clean', [clean], compression=compression.cpu)
    # Each change is made to our site and to plain Sphinx's twin, and both are built again.
    plain_loop(plain)  # its first build after the clean one (Sphinx's own caches settle)
    make_html(root, shell)  # ours: the first run after a change of code starts the kept process
    measured('nothing changed', [make_html(root, shell) for _ in range(repeat)],
             [plain_loop(plain) for _ in range(repeat)])
    added, runs, plain_runs = [], [], []
    for number in range(repeat):
        added.append(add_article(root, number))
        runs.append(make_html(root, shell))
        add_article(plain, number, plain=True)
        plain_runs.append(plain_loop(plain))
    measured('one article added', runs, plain_runs)
    runs, plain_runs = [], []
    for number in range(repeat):
        for folder, results, build in ((root, runs, lambda: make_html(root, shell)),
                                       (plain, plain_runs, lambda: plain_loop(plain))):
            edit_msgstr(folder, articles[len(articles) // 2], number)
            results.append(build())
    measured('one msgstr edited', runs, plain_runs)
    runs, plain_runs = [], []
    for article in added:
        delete_article(root, article)
        runs.append(make_html(root, shell))
        delete_article(plain, article)
        plain_runs.append(plain_loop(plain))
    measured('one article deleted', runs, plain_runs)
    return rows, step_rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m benchmarks.endtoend', description=__doc__)
    parser.add_argument('--sizes', type=int, nargs='+', default=[1000], metavar='N')
    parser.add_argument('--repeat', type=int, default=5,
                        help='runs of each change (the table shows the median; default 5)')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--workdir', type=Path, default=None,
                        help='keep the archives and builds here (default: a temporary folder)')
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix='newsroom-e2e-') as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        shell = workdir / 'step-shell'
        shell.write_text(STEP_SHELL, encoding='utf-8')
        shell.chmod(0o755)
        rows, step_rows = [], []
        for count in args.sizes:
            size_rows, size_steps = bench_size(workdir, count, args.repeat, args.seed, shell)
            rows += size_rows
            step_rows += size_steps
        print(f'`python -m benchmarks.endtoend {shlex.join(argv or sys.argv[1:])}` '
              f'({os.cpu_count()} cores; CPU and step columns in CPU seconds, medians)\n')
        print(table(HEADER, rows), '', table(STEPS_HEADER, step_rows), sep='\n')
        print('\nThe sphinx-build, summary and publish steps\' CPU is that of the client '
              "only: make html forks each language's build, and the commands after them, off "
              "its warm server (WARM=1, newsroom/cli/warmsphinx.py), whose CPU is counted "
              "under 'other'; the CPU column is every process's. Their wall time is theirs.")
        print("\nCompression: the clean build's precompress run once more on its published "
              'tree, alone, with an empty cache (benchmarks.compressbench.compress_again); its '
              'share is of the clean make html\'s CPU.')
        if not shutil.which('hugo'):
            print('\nHugo: not installed (apt-get install hugo adds its column).')
    return 0


if __name__ == '__main__':
    sys.exit(main())

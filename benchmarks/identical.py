"""Check that a refactoring leaves the built site byte-identical: build two revisions, compare."""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.bench import REPO, SOURCE, TARGET, generate, sphinx_build_command, write_corpus

if TYPE_CHECKING:
    from collections.abc import Sequence

SHOWN = 20  # paths listed per kind of difference
IGNORED = ('.buildinfo',)  # names starting so: Sphinx's build fingerprints, not the site


class BuildFailed(Exception):
    """A build of one side failed; the message says which and ends with its log."""


@dataclass
class Side:
    """One revision under test: its source tree and where its builds go."""

    name: str  # 'before' or 'after'
    label: str  # the revision as given, with its commit, or 'working tree'
    tree: Path
    out: Path
    timings: dict[str, float] = field(default_factory=dict)

    def environ(self) -> dict[str, str]:
        """The environment of its builds: this tree's ``newsroom`` comes first."""
        environ = dict(os.environ)
        environ['PYTHONPATH'] = os.pathsep.join(
            filter(None, [str(self.tree), environ.get('PYTHONPATH')]))
        return environ


def git(*args: str) -> str:
    return subprocess.run(['git', *args], cwd=REPO, check=True, capture_output=True,
                          text=True).stdout.strip()


def commit_of(revision: str) -> str | None:
    try:
        return git('rev-parse', '--verify', '--quiet', f'{revision}^{{commit}}')
    except subprocess.CalledProcessError:
        return None


def run(command: list[str], log: Path, what: str, *, cwd: Path, environ: dict[str, str],
        ) -> float:
    """Run *command* with its output in *log*; its wall time, or BuildFailed."""
    log.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with log.open('w') as output:
        result = subprocess.run(command, cwd=cwd, env=environ, stdout=output,
                                stderr=subprocess.STDOUT, check=False)
    if result.returncode:
        tail = log.read_text(errors='replace')[-4000:]
        raise BuildFailed(f'{what} failed ({result.returncode}): {" ".join(command)}\n{tail}')
    return time.perf_counter() - start


def build_site(side: Side) -> None:
    """The real site, as ``make html`` builds it, from the side's tree into its out folder."""
    venv = Path(sys.prefix)
    command = ['make', '--no-print-directory',
               # a checkout is newer than the venv's stamp: use the venv as it is
               '-o', f'{venv}/.installed-build',
               'html', f'BUILDDIR={side.out / "site"}', f'VENV={venv}',
               'WARMKEEP=0']  # the warm process is make's: its builds' CPU time is counted
    print(f'{side.name}: make html', file=sys.stderr, flush=True)
    side.timings['site'] = run(command, side.out / 'site.log', f'{side.name}: make html',
                               cwd=side.tree, environ=side.environ())


def build_corpus(side: Side, corpus: Path) -> None:
    """The generated corpus with the side's conf.py and _static, built in both languages."""
    root = side.out / 'corpus'
    shutil.copytree(corpus, root)
    shutil.copy2(side.tree / 'conf.py', root / 'conf.py')
    shutil.rmtree(root / '_static', ignore_errors=True)
    if (side.tree / '_static').is_dir():
        shutil.copytree(side.tree / '_static', root / '_static')
    for language in (SOURCE, TARGET):
        command = [*sphinx_build_command(), '-b', 'html', '-D', f'language={language}',
                   '-c', str(root), '-d', str(side.out / 'corpus-doctrees' / language),
                   '-W', '--keep-going', '-q', str(root / 'docs'),
                   str(side.out / 'corpus-html' / language)]
        print(f'{side.name}: corpus {language}', file=sys.stderr, flush=True)
        side.timings[f'corpus {language}'] = run(
            command, side.out / f'corpus-{language}.log', f'{side.name}: corpus {language}',
            cwd=side.out, environ=side.environ())


def digests(side: Side) -> dict[str, str]:
    """SHA-256 of every output file, by path: ``site/…`` and ``corpus/<lang>/…``."""
    found = {}
    for prefix, folder in (('site', side.out / 'site' / 'html'),
                           ('corpus', side.out / 'corpus-html')):
        for path in sorted(folder.rglob('*')):
            if path.is_file() and not path.name.startswith(IGNORED):
                name = f'{prefix}/{path.relative_to(folder).as_posix()}'
                found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def listed(title: str, paths: Sequence[str]) -> None:
    print(f'{title}: {len(paths)}')
    for path in paths[:SHOWN]:
        print(f'  {path}')
    if len(paths) > SHOWN:
        print(f'  … and {len(paths) - SHOWN} more')


def compare(before: Side, after: Side) -> bool:
    """Print how the two sides' outputs differ; whether they are identical."""
    old, new = digests(before), digests(after)
    common = sorted(old.keys() & new.keys())
    differing = [path for path in common if old[path] != new[path]]
    only_before, only_after = sorted(old.keys() - new.keys()), sorted(new.keys() - old.keys())
    print(f'files compared: {len(common)}')
    print(f'identical: {len(common) - len(differing)}')
    listed('differing', differing)
    listed('only before', only_before)
    listed('only after', only_after)
    return bool(common) and not (differing or only_before or only_after)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m benchmarks.identical', description=(
        __doc__ + ' Builds the real site with `make html` and a generated corpus in Russian '
        'and English at each revision (this virtual environment for both), then compares '
        'every output file by SHA-256. Exit status 0: identical; 1: not; 2: a build failed.'))
    parser.add_argument('--before', required=True, metavar='REV',
                        help='the revision before the change, e.g. HEAD~1 or main')
    parser.add_argument('--after', metavar='REV',
                        help='the revision after it (default: the working tree as it is)')
    parser.add_argument('--articles', type=int, default=500, metavar='N',
                        help='articles in the generated corpus (default: 500; 0: none)')
    parser.add_argument('--seed', type=int, default=1, help='seed of the generated text')
    parser.add_argument('--workdir', type=Path, default=None,
                        help='keep the builds here (default: a temporary folder)')
    args = parser.parse_args(argv)

    commits: dict[str, str] = {}
    for name in ('before', 'after'):
        if (revision := getattr(args, name)) is not None:
            commits[name] = commit_of(revision) or parser.error(f'not a commit: {revision}')
    with tempfile.TemporaryDirectory(prefix='newsroom-identical-') as temporary:
        workdir = (args.workdir or Path(temporary)).resolve()
        if args.workdir and workdir.exists() and any(workdir.iterdir()):
            parser.error(f'{workdir} is not empty: remove it or choose another --workdir')
        sides: list[Side] = []
        worktrees: list[Path] = []
        try:
            for name in ('before', 'after'):
                if name in commits:
                    tree = workdir / 'trees' / name
                    git('worktree', 'add', '--detach', '--quiet', str(tree), commits[name])
                    worktrees.append(tree)
                    revision = getattr(args, name)
                    label = f'{revision} ({commits[name][:12]})'
                else:
                    tree, label = REPO, 'working tree'
                sides.append(Side(name, label, tree, workdir / name))
            before, after = sides
            print(f'before: {before.label}\nafter: {after.label}', file=sys.stderr)

            corpus = workdir / 'corpus'
            if args.articles:
                start = time.perf_counter()
                corpus.mkdir(parents=True)
                write_corpus(corpus, generate(args.articles, args.seed), plain=False)
                generated = time.perf_counter() - start
            for side in sides:
                build_site(side)
                if args.articles:
                    build_corpus(side, corpus)
                else:
                    (side.out / 'corpus-html').mkdir(parents=True)
        except BuildFailed as error:
            print(error, file=sys.stderr)
            return 2
        finally:
            for tree in worktrees:
                try:
                    git('worktree', 'remove', '--force', str(tree))
                except subprocess.CalledProcessError:
                    shutil.rmtree(tree, ignore_errors=True)
                    git('worktree', 'prune')

        print(f'before: {before.label}')
        print(f'after:  {after.label}')
        if args.articles:
            print(f'corpus: {args.articles} articles, generated in {generated:.1f} s')
        for side in sides:
            times = ', '.join(f'{what} {seconds:.1f} s' for what, seconds in side.timings.items())
            print(f'{side.name} builds: {times}')
        same = compare(before, after)
        print('IDENTICAL' if same else 'NOT IDENTICAL')
        if args.workdir:
            print(f'builds kept in {workdir}')
    return 0 if same else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

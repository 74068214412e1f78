"""make html's warm sphinx-build (newsroom/cli/warmsphinx.py): each language's build forked
off one process that imported Sphinx once, its output and exit status as sphinx-build's, its
CPU time counted, nothing left running."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUN = [sys.executable, '-m', 'newsroom.cli.warmsphinx', 'run']
REAL = str(Path(sys.prefix) / 'bin' / 'sphinx-build')


def warm(root: Path, real: str, script: str) -> subprocess.CompletedProcess[str]:
    """*script* (sh) run by ``warmsphinx run`` for the site at *root*."""
    environ = {**os.environ, 'PYTHONPATH': os.pathsep.join(
        filter(None, [str(REPO), os.environ.get('PYTHONPATH')]))}
    environ.pop('SPHINXBUILD', None)
    return subprocess.run([*RUN, str(root), real, 'sh', '-c', script], cwd=root, env=environ,
                          capture_output=True, text=True, check=False)


def children_cpu() -> float:
    import resource  # noqa: PLC0415

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def site(rootdir: Path, tmp_path: Path) -> Path:
    root = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', root)
    return root


BUILD = ('$SPHINXBUILD -b html -q -D language={language} -d _build/doctrees/{language} . '
         '_build/{language}')


def test_builds_run_in_the_server_with_their_own_streams_and_status(
        rootdir: Path, tmp_path: Path) -> None:
    """The real sphinx-build given does not exist: only the server can have built, and
    each build's output, warnings and exit status reach the client as sphinx-build's."""
    root = site(rootdir, tmp_path)
    script = (f'{BUILD.format(language="ru")} && {BUILD.format(language="en")} && '
              'echo "$SPHINXBUILD"; $SPHINXBUILD --no-such-option 2>/dev/null; '
              'echo "status $?"')
    result = warm(root, '/nonexistent/sphinx-build', script)
    assert result.returncode == 0, result.stderr
    for language in ('ru', 'en'):
        assert (root / '_build' / language / 'index.html').is_file()
    lines = result.stdout.splitlines()
    assert lines[-1] == 'status 2'  # Sphinx's own exit status for a bad option
    client = shlex.split(lines[-2])
    assert client[1:3] == ['-I', '-S'] and client[-1] == '/nonexistent/sphinx-build'
    socket = Path(client[-2])
    assert not socket.exists() and not socket.parent.exists()  # the server is gone


def test_without_a_server_the_client_runs_sphinx_build_itself(tmp_path: Path) -> None:
    """A client whose server is gone (or never started) runs the real sphinx-build."""
    from newsroom.cli import warmsphinx  # noqa: PLC0415

    result = subprocess.run(
        [sys.executable, '-I', '-S', warmsphinx.__file__, str(tmp_path / 'none.sock'), REAL,
         '--version'], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith('sphinx-build '), result


def test_the_builds_cpu_time_reaches_whoever_waits_for_the_run(rootdir: Path, tmp_path: Path) -> None:
    """A benchmark reads make's CPU time from the processes it waited for: the forked
    builds' time must reach it, as separate sphinx-builds' would."""
    root = site(rootdir, tmp_path)
    before = children_cpu()
    result = warm(root, REAL, 'true')
    idle = children_cpu() - before
    assert result.returncode == 0, result.stderr
    before = children_cpu()
    result = warm(root, REAL, ' && '.join(
        BUILD.format(language=language) + ' -E' for language in ('ru', 'en', 'ru', 'en')))
    busy = children_cpu() - before
    assert result.returncode == 0, result.stderr
    before = children_cpu()
    subprocess.run([REAL, '-b', 'html', '-q', '-E', '-D', 'language=en', '-d',
                    str(tmp_path / 'real-doctrees'), str(root), str(tmp_path / 'real')],
                   check=True, cwd=root,
                   env={**os.environ, 'PYTHONPATH': str(REPO)})
    one = children_cpu() - before
    # four builds, each costing more than a fifth of a real one (which imports it all
    # first): 0.5-0.7 of one on an idle machine, 0.34 on a busy one; with their time lost,
    # only the clients' would reach us (idle's, some 0.1 s)
    assert busy - idle > 4 * one * 0.2, (idle, busy, one)


def test_a_run_removes_the_folders_of_runs_killed_outright(tmp_path: Path) -> None:
    """A ``make html`` killed with SIGKILL leaves its socket's folder behind; the next run
    removes those whose process is gone, and nothing else: not a live run's, not another
    name, not what a link points to."""
    from newsroom.cli import warmsphinx  # noqa: PLC0415

    gone = subprocess.Popen(['true'])
    gone.wait()
    dead = tmp_path / f'newsroom-sphinx-{gone.pid}-abc'
    dead.mkdir()
    (dead / 'sphinx.sock').write_text('', encoding='utf-8')
    live = tmp_path / f'newsroom-sphinx-{os.getpid()}-def'
    live.mkdir()
    other = tmp_path / 'newsroom-sphinx-notapid'
    other.mkdir()
    target = tmp_path / 'precious'
    target.mkdir()
    (target / 'keep').write_text('', encoding='utf-8')
    link = tmp_path / f'newsroom-sphinx-{gone.pid}-link'
    link.symlink_to(target)
    assert warmsphinx.sweep(str(tmp_path)) == [dead.name]
    assert not dead.exists()
    assert live.is_dir() and other.is_dir() and link.is_symlink()
    assert (target / 'keep').is_file()


def test_make_htmls_newsroom_commands_run_in_the_server(rootdir: Path, tmp_path: Path) -> None:
    """``NEWSROOM_WARM`` runs ``python -m newsroom`` in a fork of the server: with a Python
    that does not exist as the fallback, only the server can have answered; its output and
    exit status (2, a usage error) reach the client."""
    root = site(rootdir, tmp_path)
    client = '${NEWSROOM_WARM% *} /nonexistent/python'
    result = warm(root, REAL, f'{client} languages; {client} progress --no-such-option '
                  '2>/dev/null; echo "status $?"; echo "$NEWSROOM_WARM"')
    assert result.returncode == 0, result.stderr
    languages, status, warm_client = result.stdout.splitlines()
    assert languages == 'ru en'
    assert status == 'status 2'
    assert shlex.split(warm_client)[-2:] == ['--newsroom', sys.executable]


def test_without_a_server_the_newsroom_client_runs_python_m_newsroom(rootdir: Path,
                                                                     tmp_path: Path) -> None:
    from newsroom.cli import warmsphinx  # noqa: PLC0415

    root = site(rootdir, tmp_path)
    result = subprocess.run(
        [sys.executable, '-I', '-S', warmsphinx.__file__, str(tmp_path / 'none.sock'),
         '--newsroom', sys.executable, 'languages'], cwd=root, capture_output=True, text=True,
        check=False, env={**os.environ, 'PYTHONPATH': str(REPO)})
    assert (result.returncode, result.stdout) == (0, 'ru en\n'), result


def test_the_server_loads_the_sites_dictionaries_once_for_every_build(rootdir: Path,
                                                                      tmp_path: Path) -> None:
    """The builds and checks forked off the server find pymorphy3's dictionaries of the
    site's languages loaded (0.07 CPU s each for Russian), the termbase's and the search
    index's the same one."""
    root = site(rootdir, tmp_path)
    code = ('import sys; from newsroom.cli import warmsphinx; warmsphinx.preload(sys.argv[1]); '
            'from newsroom.core import morphology; loaded = morphology.analyzer.cache_info(); '
            'from newsroom.i18n.terms import Lemmatizer; '
            'from newsroom.search.analysis import Analyzer; '
            'same = Lemmatizer("ru")._morph is Analyzer.for_language("ru")._morph; '
            'print(loaded.currsize, morphology.analyzer.cache_info().misses, same, '
            'morphology.analyzer("ru") is not None)')
    result = subprocess.run([sys.executable, '-c', code, str(root)], cwd=root,
                            capture_output=True, text=True, check=False,
                            env={**os.environ, 'PYTHONPATH': str(REPO)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ['2', '2', 'True', 'True']  # ru and en, none loaded again

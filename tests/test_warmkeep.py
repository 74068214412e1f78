"""The warm process kept between runs of make html (newsroom/cli/warmkeep.py): the next run is
served by it, with its checks forked too; it is started again when what it imported may
differ, ends once idle, kills a build whose client is gone, reports each build's CPU time
and never uses a folder someone else may enter."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsroom.cli import warmkeep

REPO = Path(__file__).resolve().parent.parent
REAL = str(Path(sys.prefix) / 'bin' / 'sphinx-build')
BUILD = ('$SPHINXBUILD -b html -q -D language={language} -d _build/doctrees/{language} . '
         '_build/{language}')


@pytest.fixture
def temporary() -> Iterator[Path]:
    """A short temporary folder (a socket's path must fit in 108 bytes) for the servers;
    those still running at the end are stopped."""
    folder = Path(tempfile.mkdtemp(prefix='nwk'))
    yield folder
    for found in folder.glob(f'{warmkeep.FOLDER_PREFIX}*/pid'):
        pid = int(found.read_text(encoding='utf-8'))
        cmdline = Path(f'/proc/{pid}/cmdline')
        if cmdline.is_file() and b'--keep' in cmdline.read_bytes().split(b'\0'):
            os.kill(pid, signal.SIGKILL)
    shutil.rmtree(folder, ignore_errors=True)


def site(rootdir: Path, tmp_path: Path) -> Path:
    root = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', root)
    return root


def keep_run(root: Path, temporary: Path, script: str, keep: float = 30,
             **environ: str) -> subprocess.CompletedProcess[str]:
    """*script* (sh) run by ``warmsphinx run --keep`` for the site at *root*; it returns
    only once nothing holds its output (a kept server holds none of it)."""
    env = {**os.environ, 'TMPDIR': str(temporary), **environ,
           'PYTHONPATH': os.pathsep.join(filter(None, [str(REPO), os.environ.get('PYTHONPATH')]))}
    env.pop('SPHINXBUILD', None)
    return subprocess.run([sys.executable, '-m', 'newsroom.cli.warmsphinx', 'run', '--keep',
                           str(keep), str(root), REAL, 'sh', '-c', script], cwd=root, env=env,
                          capture_output=True, text=True, check=False, timeout=120)


def server(temporary: Path) -> tuple[Path, int]:
    """The one server folder below *temporary*, and the pid of its server."""
    [folder] = temporary.glob(f'{warmkeep.FOLDER_PREFIX}*')
    for _ in range(100):  # the server writes its pid as it starts
        if (folder / 'pid').is_file():
            break
        time.sleep(0.05)
    return folder, int((folder / 'pid').read_text(encoding='utf-8'))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f'/proc/{pid}').is_dir() and 'Z' not in Path(
        f'/proc/{pid}/stat').read_text(encoding='utf-8').split(')')[-1][:3]


def gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not alive(pid)


def test_the_next_run_is_served_by_the_kept_server_until_it_idles(
        rootdir: Path, tmp_path: Path, temporary: Path) -> None:
    """The real sphinx-build is given; yet the second run's builds are the first run's
    server's (its pid, and the CPU it reports), its checks are forked too, and the server
    ends after *keep* seconds without a build, leaving no socket or pid behind."""
    root = site(rootdir, tmp_path)
    log = tmp_path / 'cpu.log'
    script = f'{BUILD.format(language="ru")} && echo "checks:$NEWSROOM_WARM_CHECKS"'
    first = keep_run(root, temporary, script, keep=4, NEWSROOM_CPULOG=str(log))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == 'checks:', 'a server just started has imported nothing yet'
    folder, pid = server(temporary)
    assert alive(pid), 'the server ended with the run'
    second = keep_run(root, temporary, f'{BUILD.format(language="en")} && '
                      'echo "checks:$NEWSROOM_WARM_CHECKS"; ${NEWSROOM_WARM_CHECKS% *} '
                      '/nonexistent/python languages', keep=4, NEWSROOM_CPULOG=str(log))
    assert second.returncode == 0, second.stderr
    checks, languages = second.stdout.splitlines()
    assert shlex.split(checks.removeprefix('checks:'))[-2] == '--newsroom'
    assert languages == 'ru en'  # forked: the Python named as the fallback does not exist
    assert server(temporary) == (folder, pid)
    for language in ('ru', 'en'):
        assert (root / '_build' / language / 'index.html').is_file()
    reported = [float(line) for line in log.read_text(encoding='utf-8').split()]
    assert len(reported) == 3 and all(cpu > 0.05 for cpu in reported[:2]), reported
    assert gone(pid, 15), 'the server did not end once idle'
    assert not (folder / 'sphinx.sock').exists() and not (folder / 'pid').exists()


def test_a_server_started_under_other_import_settings_is_replaced(
        rootdir: Path, tmp_path: Path, temporary: Path) -> None:
    """A variable a module may read as it is imported (PYTHON…) changed: the next run
    stops the kept server and starts another; one make sets anew (MAKEFLAGS) changes
    nothing."""
    root = site(rootdir, tmp_path)
    assert keep_run(root, temporary, 'true', PYTHONNEWSROOMTEST='1').returncode == 0
    _folder, first = server(temporary)
    assert keep_run(root, temporary, 'true', PYTHONNEWSROOMTEST='1',
                    MAKEFLAGS='-j3 --jobserver-auth=3,4').returncode == 0
    assert server(temporary)[1] == first
    assert keep_run(root, temporary, 'true', PYTHONNEWSROOMTEST='2').returncode == 0
    _folder, second = server(temporary)
    assert second != first and gone(first, 5) and alive(second)


def test_a_process_named_in_the_folder_that_is_not_its_server_is_left_alone(
        rootdir: Path, tmp_path: Path, temporary: Path) -> None:
    """A pid file naming someone else's process (the number reused, or written there) does
    not get that process signalled when the run starts a new server."""
    root = site(rootdir, tmp_path)
    folder = Path(warmkeep.folder_for(str(root), str(temporary)) or '')
    other = subprocess.Popen(['sleep', '30'])
    try:
        (folder / 'pid').write_text(str(other.pid), encoding='utf-8')
        (folder / 'stamp').write_text('another', encoding='utf-8')
        assert keep_run(root, temporary, 'true').returncode == 0
        assert other.poll() is None, 'another process was signalled'
        assert server(temporary)[1] != other.pid
    finally:
        other.kill()
        other.wait()


def test_a_build_whose_client_is_gone_is_killed(rootdir: Path, tmp_path: Path,
                                                temporary: Path) -> None:
    """Ctrl-C or a killed make ends the client: the build it asked for, in the kept server,
    must not go on writing into the build tree."""
    root = site(rootdir, tmp_path)
    assert keep_run(root, temporary, 'true').returncode == 0
    folder, pid = server(temporary)
    started = tmp_path / 'build.pid'
    confdir = tmp_path / 'slow'
    confdir.mkdir()
    (confdir / 'conf.py').write_text(
        'import os, pathlib, time\n'
        f'pathlib.Path({str(started)!r}).write_text(str(os.getpid()))\n'
        'time.sleep(60)\n', encoding='utf-8')
    from newsroom.cli import warmsphinx  # noqa: PLC0415

    client = subprocess.Popen([sys.executable, '-I', '-S', warmsphinx.__file__,
                               str(folder / 'sphinx.sock'), REAL, '-b', 'html', '-c',
                               str(confdir), '.', str(tmp_path / 'out')], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not started.is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    build = int(started.read_text(encoding='utf-8'))
    assert alive(build) and build != client.pid
    client.send_signal(signal.SIGKILL)
    client.wait()
    assert gone(build, 5), 'the build went on without its client'
    assert alive(pid), 'the server went with it'


def test_a_folder_anyone_else_may_enter_is_never_used(rootdir: Path, tmp_path: Path,
                                                      temporary: Path) -> None:
    """The server's folder is only its user's: one others may enter, or a link, is not
    used, and the run builds through a server of its own, gone when it ends."""
    root = site(rootdir, tmp_path)
    folder = warmkeep.folder_for(str(root), str(temporary))
    assert folder is not None and warmkeep.folder_for(str(root), str(temporary)) == folder
    os.chmod(folder, 0o777)  # noqa: S103 - the attack
    assert warmkeep.folder_for(str(root), str(temporary)) is None
    result = keep_run(root, temporary, f'{BUILD.format(language="ru")} && echo "$SPHINXBUILD"')
    assert result.returncode == 0, result.stderr
    assert 'newsroom-sphinx-' in result.stdout and warmkeep.FOLDER_PREFIX not in result.stdout
    assert not list(Path(folder).iterdir()), 'the open folder was used'
    os.rmdir(folder)
    elsewhere = tmp_path / 'elsewhere'
    elsewhere.mkdir(mode=0o700)
    os.symlink(elsewhere, folder)
    assert warmkeep.folder_for(str(root), str(temporary)) is None

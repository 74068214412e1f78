"""nginx in the foreground on a free loopback port, with the generated configuration."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.publishing.nginx import BROTLI_MODULE, MAIN_CONF, MODULES, Deployment, write_config

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newsroom.core.site import Site


class NginxError(RuntimeError):
    """nginx is missing, refused its configuration, or never answered."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def wait_until_listening(process: subprocess.Popen[bytes], port: int, log: Path,
                         timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise NginxError(f'nginx stopped (status {process.returncode}): '
                             f'{log.read_text(errors="replace")}')
        try:
            socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
        except OSError:
            time.sleep(0.05)
        else:
            return
    raise NginxError(f'nginx did not listen on 127.0.0.1:{port} within {timeout} s')


@contextmanager
def running(site: Site, tree: Path, workdir: Path, *, port: int = 0,
            access_log: str = 'off') -> Iterator[str]:
    """Serve *tree* (a published site of *site*) with nginx, its configuration, prefix and
    ``error.log`` in *workdir*; yields the base address, ``http://127.0.0.1:<port>``."""
    nginx = shutil.which('nginx') or '/usr/sbin/nginx'
    if not Path(nginx).is_file():
        raise NginxError("nginx is missing: `make system-packages` installs Debian's")
    port = port or free_port()
    deployment = Deployment(root=tree, outdir=workdir, listen=f'127.0.0.1:{port}',
                            brotli=(MODULES / BROTLI_MODULE).is_file(), access_log=access_log)
    write_config(site, deployment)
    log = workdir / 'error.log'
    with log.open('wb') as errors:
        process = subprocess.Popen(
            [nginx, '-p', str(workdir.absolute()), '-c', MAIN_CONF, '-e', 'stderr',
             '-g', 'daemon off;'], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=errors)
    try:
        wait_until_listening(process, port, log, timeout=10)
        yield f'http://127.0.0.1:{port}'
    finally:
        process.terminate()  # nginx's fast shutdown
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

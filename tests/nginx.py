"""A published site served by the real nginx with its generated configuration, as in
production (language choice, 404 pages, compression, caching, security headers)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers import REPO, SITE_BASEURL

from newsroom.core.site import Site
from newsroom.publishing.nginxrun import running


@contextmanager
def serve_nginx(tree: Path, workdir: Path, *, confdir: Path = REPO,
                baseurl: str = SITE_BASEURL, access_log: str = 'off') -> Iterator[str]:
    """*tree* (a published site, e.g. the ``site`` fixture) served by nginx on a free
    port of 127.0.0.1, its configuration in *workdir*; yields ``http://127.0.0.1:<port>``
    (no trailing slash). The site's languages come from *confdir*'s ``conf.py``."""
    site = Site.from_confdir(confdir, {'html_baseurl': baseurl})
    with running(site, tree, workdir, access_log=access_log) as url:
        yield url

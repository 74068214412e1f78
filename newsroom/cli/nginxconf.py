"""``python -m newsroom nginx-conf``: the nginx configuration of the published site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsroom.publishing.nginx import (
    BROTLI_MODULE,
    HTTP_CONF,
    MAIN_CONF,
    MODULES,
    NJS_MODULE,
    SERVER_CONF,
    Deployment,
    write_config,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('outdir', type=Path,
                        help=f'where to write {HTTP_CONF}, {SERVER_CONF} (include them in '
                             f'a real server) and {MAIN_CONF} (nginx -p OUTDIR)')
    parser.add_argument('--root', type=Path, required=True,
                        help='the published site to serve, e.g. _build/html')
    parser.add_argument('--listen', default='127.0.0.1:8000',
                        help="nginx.conf's address (default: 127.0.0.1:8000)")
    parser.add_argument('--brotli', action=argparse.BooleanOptionalAction, default=None,
                        help='serve the .br files (default: if nginx has the module)')
    parser.add_argument('--hsts', action='store_true',
                        help='send Strict-Transport-Security (HTTPS deployments only)')
    parser.add_argument('--access-log', default='off',
                        help="nginx.conf's access log: a path, /dev/stderr, or off")
    parser.add_argument('--modules', type=Path, default=MODULES,
                        help=f"nginx's module folder (default: {MODULES})")


def run(args: argparse.Namespace) -> int:
    """Write the configuration; 2 if nginx's JavaScript module (njs) is missing."""
    if not (args.modules / NJS_MODULE).is_file():
        print(f'newsroom nginx-conf: error: {args.modules / NJS_MODULE} is missing: the '
              f'language choice at "/" needs njs (Debian: apt-get install '
              f'libnginx-mod-http-js, or `make system-packages`)', file=sys.stderr)
        return 2
    brotli = args.brotli
    if brotli is None:
        brotli = (args.modules / BROTLI_MODULE).is_file()
    deployment = Deployment(root=args.root, outdir=args.outdir, listen=args.listen,
                            brotli=brotli, hsts=args.hsts, access_log=args.access_log,
                            modules=args.modules)
    for path in write_config(args.site, deployment):
        print(f'newsroom nginx-conf: wrote {path}')
    return 0

"""Command line of the toolkit: ``python -m newsroom languages|root …``."""

from __future__ import annotations

import sys

from newsroom import cli

if __name__ == '__main__':
    sys.exit(cli.main(sys.argv[1:]))

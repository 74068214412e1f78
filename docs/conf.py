"""Not the site's configuration, which is ../conf.py (``make html`` passes ``-c .``): the file
sphinx-intl finds when run from this folder, which reads the site's (its refusals included)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsroom.i18n.sphinxintl import site_configuration  # noqa: E402

globals().update(site_configuration(ROOT / 'conf.py'))

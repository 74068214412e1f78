"""What a language's build published and what it held back, for the build log (``report.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.core.files import write_atomically

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Beside the workshop (``<workdir>/<lang>/report.json``), like ``warnings.txt``.
FILENAME = 'report.json'
#: Where the i18n wing keeps, per build, why this language holds back each article.
HOLD_REASONS = 'hold-reasons'


def report(app: Sphinx) -> dict[str, object]:
    """This build's language, how many articles it published, and each held back with why.
    (The build's modules are imported here: ``make html``'s log reads reports without
    them.)"""
    from newsroom.core.domain import news  # noqa: PLC0415
    from newsroom.publishing.quietwrite import held_back  # noqa: PLC0415

    domain = news(app.env)
    reasons: dict[str, str] = domain.kept_for_build(HOLD_REASONS) or {}
    return {
        'language': app.config.language,
        'published': len(domain.index.articles),
        'held': {name: reasons.get(name, 'not translated → make todo')
                 for name in sorted(held_back(app.env))},
    }


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Write the report of an HTML build into a workshop (``make html``)."""
    if exception is not None or app.builder.format != 'html' or not app.config.newsroom_workshop:
        return
    path = Path(app.outdir).parent / FILENAME
    write_atomically(path, json.dumps(report(app), ensure_ascii=False, indent=1).encode())


def read(workdir: Path, language: str) -> dict[str, object] | None:
    """The report of *language*'s last build in *workdir*, or None."""
    try:
        return json.loads((workdir / language / FILENAME).read_text(encoding='utf-8'))
    except (OSError, ValueError):
        return None

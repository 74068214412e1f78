"""The translators' workflow end to end, with the Makefile, on a copy of this project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

from helpers import PUBLISHED, copy_project

ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region'
OLD = 'Кроме того, в ходе встречи были обсуждены направления развития туризма.'
NEW = 'Кроме того, в ходе встречи обсуждались направления развития туризма.'


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project sharing this test run's virtual environment."""
    return copy_project(tmp_path / 'project')


def make(project_copy: Path, *targets: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ['make', '--no-print-directory', *targets, f'VENV={Path(sys.prefix)}'],
        cwd=project_copy, capture_output=True, text=True, check=False)
    if ok:
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result


def test_edit_update_review_publish(project_copy: Path) -> None:
    source = project_copy / 'docs' / f'{ARTICLE}.md'
    po_path = project_copy / 'locale' / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'

    # 1. the maintainer rewords a Russian sentence
    source.write_text(source.read_text(encoding='utf-8').replace(OLD, NEW), encoding='utf-8')
    update = make(project_copy, 'update-po')
    assert f'{po_path.relative_to(project_copy)}: 0 new, 1 fuzzy, 1 obsolete' in update.stdout

    # 2. the translator finds the old translation as fuzzy, with the old source beside it
    catalog = polib.pofile(str(po_path))
    [entry] = catalog.fuzzy_entries()
    assert entry.msgid.startswith(NEW) and entry.previous_msgid.startswith(OLD)
    assert entry.msgstr.startswith('In addition, areas for the development of tourism')
    fuzzy = make(project_copy, 'fuzzy')
    assert f'{po_path.relative_to(project_copy)}:{entry.linenum}: fuzzy:' in fuzzy.stdout
    assert make(project_copy, 'stats', 'STRICT=1', ok=False).returncode != 0

    # 3. the translators review it (in every language); nothing is left to do, the site builds
    entry.flags.remove('fuzzy')
    entry.previous_msgid = None
    catalog.save()
    for language in PUBLISHED[1:]:
        other = polib.pofile(str(project_copy / 'locale' / language / 'LC_MESSAGES' /
                                 f'{ARTICLE}.po'))
        for fuzzy_entry in other.fuzzy_entries():
            fuzzy_entry.flags.remove('fuzzy')
            fuzzy_entry.previous_msgid = None
        other.save()
    assert make(project_copy, 'check-po').returncode == 0
    stats = make(project_copy, 'stats', 'STRICT=1')
    assert f'{ARTICLE}' in stats.stdout and ' 5     0     0  100' in stats.stdout
    subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(po_path)], check=True)

"""A `make html` killed at any moment (SIGKILL to every process it started, in every phase
of the build) leaves the published site as it was, and the next build repairs what it left.

Apart from test_publication.py so that the two long files run side by side (pytest -n)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess

from typing import TYPE_CHECKING

from helpers import PUBLISHED
from test_publication import (ARTICLE, NEWS_INDEX, assert_same_tree, clean_build,
                              differences, make_command, make_html, published)
from test_publication import pristine, project  # noqa: F401 - the fixtures, used by name

if TYPE_CHECKING:
    from pathlib import Path


# -- A killed build --------------------------------------------------------------------------


KILLS = 20
TITLES = [(NEWS_INDEX, '# Новости\n', '# Новости и события\n'),
          (ARTICLE, '# Постоянное представительство', '# Представительство')]


def write_state(project: Path, edited: bool) -> None:
    """The sources with the original titles, or with the news index and an article renamed."""
    for relative, original, changed in TITLES:
        path = project / relative
        text = path.read_text(encoding='utf-8')
        old, new = (original, changed) if edited else (changed, original)
        if old in text:
            path.write_text(text.replace(old, new, 1), encoding='utf-8')
        assert new in path.read_text(encoding='utf-8')


def build_lines(project: Path, kill_after: int | None = None) -> list[str]:
    """Run `make html`, its output line by line; SIGKILL it, with every process it started,
    as soon as it printed *kill_after* lines."""
    # V=1: Sphinx's own progress, so that kills spread over the lines land in every phase.
    process = subprocess.Popen(make_command(project, "V=1"), cwd=project,
                               start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, 'PYTHONUNBUFFERED': '1'})
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip('\n'))
        if kill_after is not None and len(lines) >= kill_after:
            with contextlib.suppress(ProcessLookupError):  # unless all of it just ended
                os.killpg(process.pid, signal.SIGKILL)
            break
    process.stdout.close()
    returncode = process.wait()
    # Two builds never print quite the same lines (parallel output): one may end first.
    assert returncode in ((0, -signal.SIGKILL) if kill_after else (0,)), '\n'.join(lines)
    return lines


def test_a_build_killed_at_any_moment_is_repaired_by_the_next(
    project: Path, tmp_path: Path
) -> None:
    """The issue's case: titles change, `make html` is killed, the next one must write every
    page the killed one left stale. The kills follow the build's own progress: after each
    of KILLS lines spread over its output (catalog checks, Sphinx reading, pickling, writing
    each page, the search index, publication), so they land in every phase on any machine."""
    clean = {False: clean_build(project, tmp_path / 'clean-a')}
    write_state(project, edited=True)
    output = build_lines(project)
    clean[True] = clean_build(project, tmp_path / 'clean-b')
    assert differences(clean[True], clean[False]), 'the edit must change the site'
    assert_same_tree(published(project), clean[True])

    report, edited, killed = [], True, 0
    for kill in range(KILLS):
        after = 1 + len(output) * kill // KILLS
        edited = not edited
        write_state(project, edited)
        lines = build_lines(project, kill_after=after)
        killed += len(lines) == after
        last = lines[-1]
        now = published(project)
        assert now in (clean[not edited], clean[edited]), f'kill {kill}: a mixed site'
        unfinished = [language for language in PUBLISHED if (
            project / '_build' / 'work' / language / 'html' / '.newsroom-build').exists()]
        report.append(f'kill {kill:2} after line {after:3} ({last.strip()[:60]!r}): '
                      f'unfinished {unfinished}, '
                      f'published {"new" if now == clean[edited] else "old"} site')
        make_html(project)
        wrong = differences(published(project), clean[edited])
        assert not wrong, '\n'.join([*report, f'{len(wrong)} difference(s):', *wrong[:10]])
        trees = list((project / '_build').glob('html.*'))
        assert len(trees) == 1, f'kill {kill}: left {trees}'
    print('\n'.join(report))
    assert killed >= KILLS - 2, f'only {killed} builds were still running when killed'
    interrupted = sum('unfinished []' not in line for line in report)
    assert interrupted >= KILLS // 2, f'only {interrupted} kills interrupted Sphinx'

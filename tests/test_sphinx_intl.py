"""sphinx-intl, as Sphinx's i18n guide teaches it, on a copy of this site: ``update`` and ``build``
are refused with the reason and the command to use, nothing is lost when ``make update-po``
follows, and ``stat`` agrees with ``make stats``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from helpers import copy_project

ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region'
SPHINX_INTL = str(Path(sys.executable).with_name('sphinx-intl'))


def run(project: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), cwd=project, capture_output=True, text=True,
                          check=False)


def make(project: Path, *targets: str) -> str:
    result = run(project, 'make', '--no-print-directory', *targets, f'VENV={Path(sys.prefix)}')
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def catalogs(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((project / 'locale').rglob('*'))
            if p.is_file()}


def translations(project: Path) -> set[tuple[str, str, str, str]]:
    return {(str(p.relative_to(project)), e.msgid, e.msgstr, ' '.join(e.flags))
            for p in (project / 'locale').rglob('*.po') for e in polib.pofile(str(p))}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project, its templates extracted (``make gettext``)."""
    copy = copy_project(tmp_path / 'project')
    make(copy, 'gettext')
    return copy


def test_update_and_build_are_refused_and_update_po_loses_nothing(project: Path) -> None:
    path = project / 'locale' / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'
    catalog = polib.pofile(str(path))  # a published translation under revision
    catalog[2].flags.append('fuzzy')
    catalog.metadata['X-Newsroom-Revised'] = '2026-12-01'
    catalog.save()
    before, kept = catalogs(project), translations(project)

    update = run(project, SPHINX_INTL, 'update', '-p', '_build/gettext', '-l', 'en')
    assert update.returncode != 0
    assert 'X-Newsroom-Revised' in update.stderr and '`make update-po`' in update.stderr
    build = run(project, SPHINX_INTL, 'build', '-l', 'en')
    assert build.returncode != 0 and '`make html`' in build.stderr
    assert catalogs(project) == before  # nothing written, no .mo beside the catalogs

    make(project, 'update-po')
    assert translations(project) == kept  # every translation, with its fuzzy flag
    assert polib.pofile(str(path)).metadata['X-Newsroom-Revised'] == '2026-12-01'


def test_the_refusal_is_needed(project: Path) -> None:
    """What ``sphinx-intl update`` would do unguarded: Babel drops the revision header."""
    from sphinx_intl import basic

    path = project / 'locale' / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'
    catalog = polib.pofile(str(path))
    catalog.metadata['X-Newsroom-Revised'] = '2026-12-01'
    catalog[0].msgid = catalog[0].msgid + ' (an earlier wording)'  # the pot differs: rewritten
    catalog.save()
    basic.update(str(project / 'locale'), str(project / '_build' / 'gettext'), ('en',), jobs=1)
    assert 'X-Newsroom-Revised' not in polib.pofile(str(path)).metadata


def test_stat_agrees_with_make_stats(project: Path) -> None:
    path = project / 'locale' / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'
    catalog = polib.pofile(str(path))
    catalog[1].flags.append('fuzzy')  # one to review, one untranslated
    catalog[2].msgstr = ''
    catalog.save()

    ours = {}
    for line in make(project, 'stats', 'LANG=en').splitlines():
        fields = line.split()
        if len(fields) == 8 and fields[0] == 'en' and fields[2].isdigit() and fields[1] != 'TOTAL':
            ours[fields[1]] = tuple(map(int, fields[2:5]))  # done, fuzzy, todo
    stat = run(project, SPHINX_INTL, 'stat', '-l', 'en')
    assert stat.returncode == 1, stat.stderr  # something left: as `make stats STRICT=1` fails
    theirs = {}
    pattern = re.compile(r'LC_MESSAGES/(.+)\.po: (\d+) translated, (\d+) fuzzy, (\d+) untranslated')
    for match in pattern.finditer(stat.stdout):
        translated, fuzzy, untranslated = map(int, match.groups()[1:])
        # sphinx-intl counts a fuzzy message with a msgstr as translated too
        theirs[match[1]] = (translated - fuzzy, fuzzy, untranslated)
    assert ours and theirs == ours
    assert ours[ARTICLE] == (3, 1, 1)


def project_files(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(project.rglob('*'))
            if p.is_file() and '_build' not in p.relative_to(project).parts}


@pytest.mark.parametrize('command', [
    ('update', '-p', '_build/gettext', '-l', 'en'),  # the guide's words, typed in docs/
    ('update', '-p', '../_build/gettext', '-l', 'en'),
    ('update', '-d', '../locale', '-p', '../_build/gettext', '-l', 'en'),  # the real catalogs
    ('build', '-l', 'en'),
], ids=['guide', 'templates', 'catalogs', 'build'])
def test_from_the_source_folder_they_are_refused_too(project: Path,
                                                     command: tuple[str, ...]) -> None:
    """sphinx-intl looks for conf.py in the folder it runs in: docs/conf.py leads it to the
    site's, so that no spelling of the command gets past the refusal."""
    before = project_files(project)
    result = run(project / 'docs', SPHINX_INTL, *command)
    assert result.returncode == 1 and 'Error: not on this site: ' in result.stderr, \
        result.stdout[-1000:] + result.stderr[-2000:]
    assert project_files(project) == before  # no catalog, no locales/ folder, no .mo


def test_stat_from_the_source_folder_reads_the_sites_catalogs(project: Path) -> None:
    from_root = run(project, SPHINX_INTL, 'stat', '-l', 'en')
    from_docs = run(project / 'docs', SPHINX_INTL, 'stat', '-l', 'en')
    assert from_docs.stderr == '' and from_docs.returncode == from_root.returncode == 0
    assert f'LC_MESSAGES/{ARTICLE}.po: ' in from_docs.stdout
    assert from_docs.stdout == from_root.stdout


def test_docs_conf_py_is_no_configuration_for_sphinx(tmp_path: Path) -> None:
    """``sphinx-build docs …`` without ``-c .`` is told which configuration to use."""
    repo = Path(__file__).resolve().parent.parent
    result = run(repo, sys.executable, '-m', 'sphinx', '-q', '-b', 'html', 'docs',
                 str(tmp_path / 'out'))
    assert result.returncode == 2
    assert f'{repo / "docs" / "conf.py"} is not the configuration of the site: it is ' \
           f'{repo / "conf.py"}' in result.stderr
    assert '`make html`' in result.stderr and '`sphinx-build -c . docs <output>`' in result.stderr
    assert not (tmp_path / 'out' / 'index.html').exists()

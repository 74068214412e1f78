"""``make check-upstream``: each contact point on the installed releases, held, off or broken.

Run in a scratch environment holding the newest Sphinx, docutils, MyST-Parser and furo
(the Makefile makes it): every contact is tried (``NEWSROOM_UPSTREAM_TRIAL=1``, as if the
releases were tested) by the tests that would show it wrong, and the table says, per
contact, what a site's build does on these releases today and whether the contact held.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.upstream import (asset_checksums, locale_once, myst_parsing, outdated_checks,
                               startup_catalogs, versions)

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Each contact, and the tests (pytest node ids) that fail when it does not hold.
TESTS: dict[str, tuple[str, ...]] = {
    'myst_parsing': ('tests/test_fastlocale.py',),
    'locale_once': ('tests/test_fastlocale.py',),
    'translators': (
        'tests/test_upstream.py::test_the_hand_over_check_catches_sphinx_dropping_our_translator',
        'tests/test_translation_build.py'),
    'ui_translations': (
        'tests/test_interface_catalogs.py::test_the_build_leaves_out_an_interface_translation'
        '_that_adds_markup',
        'tests/test_interface_catalogs.py::test_a_plural_rule_too_complex_stops_no_build'),
    'furo_templates': ('tests/test_upstream.py::test_each_fork_differs_from_the_installed_furo'
                       '_only_as_documented',),
    'furo_navigation': ('tests/test_theme.py::test_furo_prints_our_navigation_without_'
                        'rendering_sphinx_toctree_first',),
    'furo_hooks': ('tests/test_upstream.py::test_furo_hooks_run_for_html_builders_only',
                   'tests/test_wings.py::test_the_theme_wing_alone_links_neighbours_and_'
                   'languages'),
    'startup_catalogs': ('tests/test_upstream.py::test_sphinx_start_up_finds_the_same_sphinx_'
                         'catalog_without_walking_the_page_catalogs',),
    'asset_checksums': ('tests/test_upstream.py::test_asset_checksums_are_sphinx_s_asked_once',),
    'outdated_checks': ('tests/test_upstream.py::test_the_outdated_checks_give_sphinx_s_'
                        'verdicts',),
    'search_index': ('tests/test_upstream.py::test_an_incremental_search_index_drops_the_'
                     'words_of_a_removed_page',),
    'formats': ('tests/test_translation_build.py::test_a_warning_about_a_translation_names_'
                'the_catalog_line_and_msgid',),
    'warncount': ('tests/test_upstream.py::test_the_warning_count_and_fail_on_warnings_are_'
                  'read_from_the_app',),
    'wings alone': ('tests/test_wings.py',),
}
#: Speed-ups that need the callables they replace or copy as they were (False: one changed).
INSTALLS = {'myst_parsing': myst_parsing.available, 'locale_once': locale_once.install,
            'startup_catalogs': startup_catalogs.available,
            'asset_checksums': asset_checksums.available,
            'outdated_checks': outdated_checks.available}


def run_tests(nodes: Sequence[str], report: Path, extra: Sequence[str]) -> int:
    """Run the tests *nodes* as on the newest releases, every contact tried."""
    env = {**os.environ, versions.TRIAL: '1'}
    command = [sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider',
               f'--junitxml={report}', *extra, *dict.fromkeys(nodes)]
    return subprocess.run(command, env=env, check=False).returncode


def outcomes(report: Path) -> dict[str, bool]:
    """Each test case of a JUnit report (``file.py::name``, parameters dropped) → passed."""
    found: dict[str, bool] = {}
    for case in ET.parse(report).iter('testcase'):
        module = case.get('classname', '').replace('.', '/')
        name = f'{module}.py::{case.get("name", "").split("[")[0]}'
        passed = not any(child.tag in ('failure', 'error') for child in case)
        found[name] = found.get(name, True) and passed
    return found


def held(contact: str, results: dict[str, bool]) -> bool | None:
    """Whether every test of *contact* passed (None: none of them ran)."""
    mine = [ok for name, ok in results.items()
            if any(name == node or name.startswith(f'{node}::') for node in TESTS[contact])]
    return all(mine) if mine else None


def site_build(contact: str) -> str:
    """What a site's build does with *contact* on the installed releases."""
    if contact not in versions.CONTACTS:
        return 'runs (no release check)'
    saved = os.environ.pop(versions.TRIAL, None)
    try:
        found = versions.untested(contact)
    finally:
        if saved is not None:
            os.environ[versions.TRIAL] = saved
    if not found:
        return 'runs'
    kind = versions.CONTACTS[contact].kind
    return 'switched off (untested)' if kind == versions.SPEED_UP else 'stops the build'


def table(results: dict[str, bool]) -> list[str]:
    rows = [('contact', 'a site build today', 'on these releases')]
    for contact in TESTS:
        if contact in INSTALLS and not INSTALLS[contact]():
            verdict = 'switched off (a replaced or copied callable changed)'
        else:
            state = held(contact, results)
            verdict = 'not run' if state is None else 'held' if state else 'broken'
        rows.append((contact, site_build(contact), verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ['| ' + ' | '.join(cell.ljust(w) for cell, w in zip(row, widths)) + ' |'
             for row in rows]
    return [lines[0], '| ' + ' | '.join('-' * w for w in widths) + ' |', *lines[1:]]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the installed releases and the table; 1 if a contact broke."""
    parser = argparse.ArgumentParser(prog='python -m newsroom.upstream.check',
                                     description=__doc__.splitlines()[0])
    parser.add_argument('--report', type=Path, default=Path('_build/upstream/junit.xml'))
    parser.add_argument('pytest_args', nargs='*', help='passed on to pytest (e.g. -n 2)')
    args = parser.parse_args(argv)
    for package, tested in versions.TESTED.items():
        print(f'{package} {versions.installed(package)} (tested: {", ".join(tested)})')
    args.report.parent.mkdir(parents=True, exist_ok=True)
    run_tests([node for nodes in TESTS.values() for node in nodes], args.report,
              args.pytest_args)
    lines = table(outcomes(args.report))
    print('\n'.join(lines))
    return 1 if any(line.rstrip(' |').endswith('broken') for line in lines) else 0


if __name__ == '__main__':
    sys.exit(main())

"""Weblate's component discovery (``docs-dev/weblate.json``) applied to this repository as
Weblate applies it: ``^match$`` on every path below the root, one component per file mask."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from newsroom.core.site import Site

REPO = Path(__file__).resolve().parent.parent
CONFIG = json.loads((REPO / 'docs-dev' / 'weblate.json').read_text(encoding='utf-8'))
#: Weblate's limit on a component's name (weblate.trans.defines.COMPONENT_NAME_LENGTH).
NAME_LENGTH = 100
SKIPPED = {'.git', '.venv', '_build', 'node_modules', '.node', '__pycache__', '.pytest_cache'}


def repository_paths() -> list[str]:
    """Every file and folder of the repository, relative to its root (as Weblate lists its
    clone), without build output and environments."""
    found = []
    for root, dirnames, filenames in os.walk(REPO):
        dirnames[:] = [d for d in dirnames if d not in SKIPPED]
        found += [Path(root, name).relative_to(REPO).as_posix() for name in dirnames + filenames]
    return found


def discover(config: dict[str, str]) -> dict[str, dict[str, object]]:
    """Weblate's ``ComponentDiscovery.matched_components``: file mask -> files, languages,
    name (the language's part of the path replaced by ``*``)."""
    match = re.compile(f'^{config["match"]}$')
    language_match = re.compile(config['language_regex'])
    components: dict[str, dict[str, object]] = {}
    for path in repository_paths():
        found = match.match(path)
        if not found or not language_match.match(found['language'] or ''):
            continue
        mask = path[:found.start('language')] + '*' + path[found.end('language'):]
        name = config['name_template'].replace('{{ component }}', found['component'])
        component = components.setdefault(mask, {'files': set(), 'languages': set(),
                                                 'name': name})
        component['files'].add(path)  # type: ignore[union-attr]
        component['languages'].add(found['language'])  # type: ignore[union-attr]
    return components


def configuration(name: str) -> dict[str, str]:
    [found] = [c for c in CONFIG['discovery'] if c['name'] == name]
    return found


def test_the_pages_regex_is_the_documented_one() -> None:
    assert configuration('pages')['match'] == (
        r'locale/(?P<language>[^/]*)/LC_MESSAGES/(?P<component>.*)\.po')
    assert configuration('pages')['file_format'] == 'po'


def test_every_page_catalog_is_one_component_in_every_target_language() -> None:
    components = discover(configuration('pages'))
    catalogs = {p.relative_to(REPO).as_posix()
                for p in (REPO / 'locale').glob('*/LC_MESSAGES/**/*.po')}
    assert catalogs and set().union(*(c['files'] for c in components.values())) == catalogs
    targets = set(Site.from_confdir(REPO).targets)
    pages = {p.relative_to(REPO / 'locale' / 'en' / 'LC_MESSAGES').with_suffix('').as_posix()
             for p in (REPO / 'locale' / 'en' / 'LC_MESSAGES').rglob('*.po')}
    assert {c['name'] for c in components.values()} == pages  # one component per page
    for mask, component in components.items():
        assert component['languages'] == targets, mask
        assert len(str(component['name'])) <= NAME_LENGTH


def test_nothing_else_is_a_component() -> None:
    """Parked catalogs (``locale/<lang>/obsolete/``), the interface's and any other file of the
    repository stay out of the pages' components."""
    matched = set().union(*(c['files'] for c in discover(configuration('pages')).values()))
    assert not {p for p in matched if '/LC_MESSAGES/' not in p or not p.startswith('locale/')}
    assert not any(p.startswith('newsroom/') for p in matched)


@pytest.mark.parametrize('component', ['newsroom', 'sphinx'])
def test_the_interface_catalogs_are_components_with_their_templates(component: str) -> None:
    config = configuration('interface')
    [found] = [c for c in discover(config).values()
               if c['name'] == config['name_template'].replace('{{ component }}', component)]
    languages = {p.name for p in (REPO / 'newsroom' / 'core' / 'locale').iterdir() if p.is_dir()}
    assert found['languages'] == languages
    new_base = config['new_base_template'].replace('{{ component }}', component)
    assert (REPO / new_base).is_file()  # Weblate skips a component whose new base is missing

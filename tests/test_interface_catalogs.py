"""Our interface catalogs (``newsroom/locale``): valid for GNU gettext, and complete."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / 'newsroom'
CATALOGS = sorted((PACKAGE / 'locale').glob('*/LC_MESSAGES/*.po'))
JS_MESSAGE = re.compile(r'Documentation\.(?:n?gettext)\(\s*"((?:[^"\\]|\\.)*)"')


def python_messages() -> set[str]:
    """The first argument of every ``_('…')`` call in our extension modules."""
    found = set()
    for path in PACKAGE.glob('*.py'):
        for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == '_' and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    return found


def js_messages() -> set[str]:
    return {match for path in (PACKAGE / 'static').glob('*.js')
            for match in JS_MESSAGE.findall(path.read_text(encoding='utf-8'))}


@pytest.mark.parametrize('path', CATALOGS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_interface_catalog_passes_msgfmt(path: Path) -> None:
    result = subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize('language', sorted({p.parts[-3] for p in CATALOGS}))
def test_every_interface_string_is_translated(language: str) -> None:
    catalog = polib.pofile(str(PACKAGE / 'locale' / language / 'LC_MESSAGES' / 'newsroom.po'))
    translated = {e.msgid for e in catalog.translated_entries()}
    wanted = python_messages() | js_messages()
    assert js_messages(), 'the search script has interface strings'
    assert sorted(wanted - translated) == []
    js_located = {e.msgid for e in catalog if any(f.endswith('.js') for f, _l in e.occurrences)}
    assert js_messages() <= js_located, 'JavaScript strings reach the page only if located in .js'

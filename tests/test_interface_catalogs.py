"""Our interface catalogs (``newsroom/core/locale``): valid for GNU gettext, and complete."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / 'newsroom'
LOCALE = PACKAGE / 'core' / 'locale'
CATALOGS = sorted(LOCALE.glob('*/LC_MESSAGES/*.po'))
JS_MESSAGE = re.compile(r'Documentation\.(?:n?gettext)\(\s*"((?:[^"\\]|\\.)*)"')


def python_messages() -> set[str]:
    """The first argument of every ``_('…')`` call in our extension modules."""
    found = set()
    for path in PACKAGE.rglob('*.py'):
        for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == '_' and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    return found


def js_messages() -> set[str]:
    return {match for path in PACKAGE.rglob('static/*.js')
            for match in JS_MESSAGE.findall(path.read_text(encoding='utf-8'))}


def test_the_interface_catalogs_are_found() -> None:
    assert CATALOGS and python_messages() and js_messages()


@pytest.mark.parametrize('path', CATALOGS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_interface_catalog_passes_msgfmt(path: Path) -> None:
    result = subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize('language', sorted({p.parts[-3] for p in CATALOGS}))
def test_every_interface_string_is_translated(language: str) -> None:
    catalog = polib.pofile(str(LOCALE / language / 'LC_MESSAGES' / 'newsroom.po'))
    translated = {e.msgid for e in catalog.translated_entries()}
    wanted = python_messages() | js_messages()
    assert js_messages(), 'the search script has interface strings'
    assert sorted(wanted - translated) == []
    js_located = {e.msgid for e in catalog if any(f.endswith('.js') for f, _l in e.occurrences)}
    assert js_messages() <= js_located, 'JavaScript strings reach the page only if located in .js'


# -- Interface translations cannot attack the site ------------------------------------------

ATTACKS = ['Далее<img src=x onerror=alert(1)>', 'Далее</span><script>alert(1)</script>',
           'Далее &lt;b&gt;', 'Далее<!-- x -->', 'Далее <A HREF="https://evil.example/">!</A>',
           # the third round: a bare quote ends the attribute a template prints it in; an
           # unterminated tag or comment is closed by the template's own markup
           'Наверх" autofocus onfocus="alert(1)" style="position:fixed;inset:0"',
           "Наверх' onmouseover='alert(1)",
           'Наверх <img src=x onerror=alert(1)',
           'Наверх <meta http-equiv=refresh content="0;url=https://evil.example/"',
           'Наверх <!--']


def poisoned_locale(tmp_path: Path, msgstr: str, msgid: str = 'Back to top',
                    domain: str = 'sphinx') -> Path:
    """A copy of our interface catalogs where the Russian *msgid* ("Back to top") is
    *msgstr*."""
    copy = tmp_path / 'ui-locale'
    shutil.copytree(LOCALE, copy)
    path = copy / 'ru' / 'LC_MESSAGES' / f'{domain}.po'
    catalog = polib.pofile(str(path))
    entry = catalog.find(msgid)
    if entry is None:
        entry = polib.POEntry(msgid=msgid)
        catalog.append(entry)
    entry.msgstr = msgstr
    catalog.save(str(path))
    return copy


@pytest.mark.parametrize('msgstr', ATTACKS)
def test_check_po_refuses_markup_in_an_interface_catalog(tmp_path: Path, msgstr: str) -> None:
    from newsroom.cli import main

    locale_dir = poisoned_locale(tmp_path, msgstr)
    assert main(['check-po', '--interface', '--locale-dir', str(locale_dir), 'ru']) == 1


@pytest.mark.parametrize('msgstr', ATTACKS)
def test_the_build_leaves_out_an_interface_translation_that_adds_markup(
        make_app, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        msgstr: str) -> None:
    from newsroom.core import interface

    monkeypatch.setattr(interface, 'UI_LOCALE', poisoned_locale(tmp_path, msgstr))
    srcdir = tmp_path / 'src'
    shutil.copytree(rootdir / 'test-news', srcdir)
    app = make_app('html', srcdir=srcdir)
    app.build()
    status = app._status.getvalue()
    assert "sphinx.po:" in status and "the translation of 'Back to top' adds HTML" in status
    assert 'WARNING' not in app._warning.getvalue()  # it stops nothing: the original is shown
    html = (app.outdir / 'news/2024/2024-01-15-alpha.html').read_text(encoding='utf-8')
    assert msgstr not in html and 'evil.example' not in html and 'onerror' not in html
    assert 'Наверх' not in html and len(html) < 200_000
    assert '<span>Back to top</span>' in html  # the original is shown instead


@pytest.mark.parametrize('msgstr', ['%(title)2000000s — %(site)s', '%(title)s — %(site).9r',
                                    '%(title)s — %(site)s %(secret)s'])
def test_a_format_specification_the_original_lacks_is_refused(
        make_app, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        msgstr: str) -> None:
    """A width, a precision, another conversion or another name: check-po fails, and the
    build shows the original's format (a page keeps its size)."""
    from newsroom.cli import main
    from newsroom.core import interface

    locale_dir = poisoned_locale(tmp_path, msgstr, '%(title)s — %(site)s', 'newsroom')
    assert main(['check-po', '--interface', '--locale-dir', str(locale_dir), 'ru']) == 1
    monkeypatch.setattr(interface, 'UI_LOCALE', locale_dir)
    srcdir = tmp_path / 'src'
    shutil.copytree(rootdir / 'test-news', srcdir)
    app = make_app('html', srcdir=srcdir)
    app.build()
    assert 'format width' in app._status.getvalue()
    html = (app.outdir / 'news/2024/2024-01-15-alpha.html').read_text(encoding='utf-8')
    assert len(html) < 200_000


def too_complex_plural_rule(tmp_path: Path) -> Path:
    """Our interface catalogs, the Russian ``sphinx.po`` with 120 redundant parentheses
    around its plural rule."""
    locale_dir = poisoned_locale(tmp_path, 'Наверх')
    path = locale_dir / 'ru' / 'LC_MESSAGES' / 'sphinx.po'
    catalog = polib.pofile(str(path))
    catalog.metadata['Plural-Forms'] = ('nplurals=3; plural=' + '(' * 120 + 'n%10==1 ? 0 : '
                                        'n%10>=2 ? 1 : 2' + ')' * 120 + ';')
    catalog.save(str(path))
    return locale_dir


def test_a_plural_rule_too_complex_is_refused_with_its_line(tmp_path: Path) -> None:
    from newsroom.cli import main

    locale_dir = too_complex_plural_rule(tmp_path)
    assert main(['check-po', '--interface', '--locale-dir', str(locale_dir), 'ru']) == 1


def test_interface_strings_cannot_end_their_script_element() -> None:
    from newsroom.core.interface import script_json

    text = script_json({'messages': {'Search': '</script><script>alert(1)</script>&'}})
    assert '<' not in text and '>' not in text and '&' not in text
    assert json.loads(text)['messages']['Search'] == '</script><script>alert(1)</script>&'


def test_make_stats_counts_the_interface_catalogs(tmp_path: Path, capsys) -> None:
    from newsroom.cli import main

    assert main(['stats', '--strict', '--locale-dir', str(LOCALE), 'ru']) == 0
    assert 'ru     TOTAL' in capsys.readouterr().out
    blank = poisoned_locale(tmp_path, '')
    assert main(['stats', '--strict', '--locale-dir', str(blank), 'ru']) == 1
    assert main(['todo', '--locale-dir', str(blank), 'ru']) == 0
    listed = capsys.readouterr().out.splitlines()
    assert any(line.startswith(str(blank)) and 'sphinx.po:' in line for line in listed)
    assert listed[-1] == 'ru: 1 messages, 3 source words left'


def test_a_plural_rule_too_complex_stops_no_build(make_app, rootdir: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The catalog is left out (English is shown), named with its line; the site builds."""
    from newsroom.core import interface

    locale_dir = too_complex_plural_rule(tmp_path)
    path = locale_dir / 'ru' / 'LC_MESSAGES' / 'sphinx.po'
    monkeypatch.setattr(interface, 'UI_LOCALE', locale_dir)
    srcdir = tmp_path / 'src'
    shutil.copytree(rootdir / 'test-news', srcdir)
    app = make_app('html', srcdir=srcdir)
    app.build()
    assert f'{path}:1:' in app._status.getvalue()
    html = (app.outdir / 'news/2024/2024-01-15-alpha.html').read_text(encoding='utf-8')
    assert '<span>Back to top</span>' in html

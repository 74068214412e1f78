"""Every committed catalog (pages, parked pages, termbases, interface) passes ``msgfmt --check``
without a word, and comes back whole from a translator's tools: GNU ``msgcat`` (gettext's own
writer, as Poedit and Lokalize write), polib and translate-toolkit (Weblate's writer)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import pypo

from newsroom.i18n.pofiles import catalog_bytes, read_catalog
from test_qa_tools import PAGE_CHECKS, UI_CHECKS, dennis, pofilter

REPO = Path(__file__).resolve().parent.parent
UI_LOCALE = REPO / 'newsroom' / 'core' / 'locale'
CATALOGS = sorted((REPO / 'locale').rglob('*.po')) + sorted(UI_LOCALE.rglob('*.po'))
TEMPLATES = sorted(UI_LOCALE.glob('*.pot'))


def fields(catalog: polib.POFile) -> list[tuple[object, ...]]:
    """Everything polib reads of a catalog: header, and every field of every entry."""
    return [(catalog.header, sorted(catalog.metadata.items()))] + [
        (e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, sorted(e.msgstr_plural.items()),
         e.flags, e.occurrences, e.comment, e.tcomment, e.previous_msgctxt, e.previous_msgid,
         e.previous_msgid_plural, e.obsolete) for e in catalog]


def losses(original: Path, rewritten: Path) -> list[str]:
    """What a tool's rewrite of *original* changed: a field as polib reads it, or, once our
    tools write it again (polib), a byte of the file."""
    before, after = read_catalog(original), read_catalog(rewritten)
    found = [f'{original}: {old!r} became {new!r}'
             for old, new in zip(fields(before), fields(after), strict=False) if old != new]
    if len(before) != len(after):
        found.append(f'{original}: {len(before)} entries became {len(after)}')
    if not found and catalog_bytes(after) != original.read_bytes():
        found.append(f'{original}: written again by polib, the file is not the same')
    return found


def msgcat(path: Path, out: Path, *options: str) -> Path:
    result = subprocess.run(['msgcat', *options, '-o', str(out), str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == '', result.stderr
    return out


def test_every_kind_of_catalog_is_found() -> None:
    names = {p.relative_to(REPO).as_posix() for p in CATALOGS}
    for wanted in ('locale/en/glossary.po', 'locale/tk/glossary.po', 'locale/en/LC_MESSAGES/'
                   'tags.po', 'newsroom/core/locale/tk/LC_MESSAGES/sphinx.po',
                   'newsroom/core/locale/ru/LC_MESSAGES/newsroom.po'):
        assert wanted in names
    assert len([n for n in names if '/news/' in n]) >= 10
    assert [p.name for p in TEMPLATES] == ['newsroom.pot', 'sphinx.pot']


def test_msgfmt_check_says_nothing_of_any_catalog() -> None:
    said = []
    for path in CATALOGS:
        result = subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(path)],
                                capture_output=True, text=True, check=False)
        if result.returncode or result.stderr:
            said.append(f'exit {result.returncode}: {result.stderr}')
    assert said == [], '\n'.join(said)


def test_a_round_trip_through_msgcat_is_lossless(tmp_path: Path) -> None:
    found = []
    for number, path in enumerate(CATALOGS + TEMPLATES):
        found += losses(path, msgcat(path, tmp_path / f'{number}{path.suffix}'))
    assert found == [], '\n'.join(found)


def test_a_round_trip_through_polib_is_lossless() -> None:
    """Read and written again by polib (as make update-po and update-ui write), every file is
    byte for byte the same: no tool of ours reformats what a translator's tool wrote."""
    changed = [str(path) for path in CATALOGS + TEMPLATES
               if catalog_bytes(read_catalog(path)) != path.read_bytes()]
    assert changed == []


def test_a_round_trip_through_translate_toolkit_is_lossless(tmp_path: Path) -> None:
    found = []
    for number, path in enumerate(CATALOGS + TEMPLATES):
        out = tmp_path / f'{number}{path.suffix}'
        out.write_bytes(bytes(pypo.pofile.parsefile(str(path))))
        found += losses(path, out)
    assert found == [], '\n'.join(found)


def test_the_comparison_sees_what_a_tool_drops(tmp_path: Path) -> None:
    """The checks above can fail: msgcat told to drop the references, or a comment line
    longer than polib writes (polib would wrap it), is reported."""
    path = REPO / 'locale' / 'en' / 'LC_MESSAGES' / 'index.po'
    dropped = losses(path, msgcat(path, tmp_path / 'bare.po', '--no-location'))
    located = [entry for entry in read_catalog(path) if entry.occurrences]
    assert located and len(dropped) == len(located)

    long_line = tmp_path / 'long.po'
    text = path.read_text(encoding='utf-8')
    long_line.write_text(text.replace('\n#. ', '\n#. ' + 'role ' * 20, 1), encoding='utf-8')
    assert losses(long_line, msgcat(long_line, tmp_path / 'long-msgcat.po')) == [
        f'{long_line}: written again by polib, the file is not the same']


def planted(language_dir: Path, name: str, folder: Path, msgid: str, bad: str) -> Path:
    """A copy of the catalog *name* of *language_dir* in *folder*/<lang>/, whose
    translation of *msgid* is *bad*; returns the copy's language folder."""
    target = folder / language_dir.name / name
    target.parent.mkdir(parents=True)
    catalog = read_catalog(language_dir / name)
    entry = catalog.find(msgid)
    assert entry is not None and entry.msgstr, msgid
    entry.msgstr = bad
    catalog.save(str(target))
    return folder / language_dir.name


@pytest.mark.parametrize(('language_dir', 'name', 'msgid', 'bad', 'checks'), [
    (REPO / 'locale' / 'en', 'glossary.po', 'Туркменбаши',
     'Turkmenbashi <img src=x onerror=alert(1)>', PAGE_CHECKS),
    (UI_LOCALE / 'tk', 'LC_MESSAGES/sphinx.po', 'Next', 'Indiki<script>x</script>', UI_CHECKS),
], ids=['glossary', 'sphinx.po'])
def test_pofilter_and_dennis_read_the_termbases_and_sphinx_catalogs(
        tmp_path: Path, language_dir: Path, name: str, msgid: str, bad: str,
        checks: dict[str, str]) -> None:
    """tests/test_qa_tools.py runs the QA tools on each language's folder: they do read the
    termbase beside ``LC_MESSAGES`` and Sphinx's catalog, and report a bad translation there."""
    language = planted(language_dir, name, tmp_path / 'locale', msgid, bad)
    assert msgid in {f.msgid for f in pofilter(language, language.name, checks,
                                               tmp_path / 'out')}
    assert msgid in {lint.msgid for lint in dennis(language)}

"""Catalogs as Poedit and Weblate read them: each message's role (``#.``), references from the
repository root that ``X-Poedit-Basepath`` resolves, a neutral ``Project-Id-Version``, and the
translator's own header lines never touched by ``update-po``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

from newsroom.cli import main as newsroom_main
from newsroom.i18n.pomessages import BASEPATH, PROJECT

ARTICLE = 'news/2025/2025-03-01-synthetic'
TAGLINE = 'Синтетический слоган для проверки'
SYNTHETIC = '''---
date: 2025-03-01
tags: [Синтетическая метка, Вторая метка]
---

# Синтетический заголовок проверки

Первый синтетический абзац.

Второй синтетический абзац.

- Синтетический пункт списка.

> Синтетическая цитата.

Третий синтетический абзац.
'''
#: A translator's editor (Poedit) saving the catalog writes these.
TRANSLATOR = {'PO-Revision-Date': '2026-12-01 10:15+0500',
              'Last-Translator': 'Synthetic Translator <translator@example.org>',
              'X-Generator': 'Poedit 3.5'}


def extract(make_app, srcdir: Path) -> Path:  # noqa: ANN001 (Sphinx's fixture)
    """``make gettext`` on *srcdir*: the folder of the templates."""
    app = make_app('gettext', srcdir=srcdir, freshenv=True,
                   confoverrides={'newsroom_tagline': TAGLINE})
    app.build(force_all=True)
    return Path(app.outdir)


def update_po(srcdir: Path, pot_dir: Path) -> int:
    """``make update-po``'s command, run from the repository (conf.py's folder)."""
    return newsroom_main(['--confdir', str(srcdir), 'update-po', '--pot-dir', str(pot_dir),
                          '--locale-dir', str(srcdir / 'locale'), 'en'])


@pytest.fixture
def site(news_copy: Path) -> Path:
    """The tiny news site with a synthetic article that has every kind of message."""
    path = news_copy / f'{ARTICLE}.md'
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SYNTHETIC, encoding='utf-8')
    return news_copy


def roles(catalog: polib.POFile) -> dict[str, str]:
    return {entry.msgid: entry.comment for entry in catalog if not entry.obsolete}


def test_every_message_says_what_it_is(make_app, site: Path) -> None:  # noqa: ANN001
    pot_dir = extract(make_app, site)
    assert roles(polib.pofile(str(pot_dir / f'{ARTICLE}.pot'))) == {
        'Синтетический заголовок проверки': 'headline',
        'Первый синтетический абзац.': 'lead (paragraph 1)',
        'Второй синтетический абзац.': 'paragraph 2',
        'Синтетический пункт списка.': 'list item',
        'Синтетическая цитата.': 'quotation',
        'Третий синтетический абзац.': 'paragraph 3',
    }
    tags = roles(polib.pofile(str(pot_dir / 'tags.pot')))
    assert tags['Синтетическая метка'].startswith('tag label')
    assert tags['Вторая метка'].startswith('tag label')
    home = roles(polib.pofile(str(pot_dir / 'index.pot')))
    assert home[TAGLINE].startswith('tagline')
    assert 'page title' in home.values()  # not an article: no headline, no lead
    assert 'headline' not in home.values()

    assert update_po(site, pot_dir) == 0  # the target catalogs carry them
    catalog = polib.pofile(str(site / 'locale' / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'))
    assert roles(catalog)['Синтетический заголовок проверки'] == 'headline'
    assert '#. lead (paragraph 1)\n' in Path(catalog.fpath).read_text(encoding='utf-8')


def test_references_resolve_from_each_catalog_through_its_basepath(
        make_app, site: Path) -> None:  # noqa: ANN001
    pot_dir = extract(make_app, site)
    assert update_po(site, pot_dir) == 0
    catalogs = sorted((site / 'locale' / 'en' / 'LC_MESSAGES').rglob('*.po'))
    assert len(catalogs) >= 6
    for path in catalogs:
        catalog = polib.pofile(str(path))
        base = path.parent / catalog.metadata[BASEPATH]  # as Poedit reads it
        assert base.resolve() == site.resolve(), path
        for entry in catalog:
            for location, line in entry.occurrences:
                assert not location.startswith('..'), (path, location)
                source = base / location
                assert source.is_file(), (path, location)
                if source.suffix == '.md':  # the line holds the message (or its tag list)
                    text = source.read_text(encoding='utf-8').split('\n')[int(line) - 1]
                    assert entry.msgid.split()[0].strip('[') in text, (path, location, line)


def test_project_id_is_neutral_in_every_language(make_app, site: Path) -> None:  # noqa: ANN001
    pot_dir = extract(make_app, site)
    pot = polib.pofile(str(pot_dir / f'{ARTICLE}.pot'))
    assert update_po(site, pot_dir) == 0
    for path in (site / 'locale' / 'en' / 'LC_MESSAGES').rglob('*.po'):
        header = polib.pofile(str(path)).metadata['Project-Id-Version']
        assert header == PROJECT != pot.metadata['Project-Id-Version']
        assert not any('\u0400' <= c <= '\u04ff' for c in header)


def test_update_po_never_resets_the_translators_header(make_app, site: Path) -> None:  # noqa: ANN001
    pot_dir = extract(make_app, site)
    assert update_po(site, pot_dir) == 0
    path = site / 'locale' / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = f'Synthetic translation {entry.linenum}.'
    catalog.metadata.update(TRANSLATOR)
    catalog.save()
    lines = {line for line in path.read_text(encoding='utf-8').split('\n')
             if line.startswith(tuple(f'"{key}:' for key in TRANSLATOR))}
    assert len(lines) == 3

    source = site / f'{ARTICLE}.md'  # the editor adds a paragraph and moves the others down
    text = source.read_text(encoding='utf-8').replace(
        '# Синтетический', 'Новый вводный синтетический абзац.\n\n# Синтетический')
    source.write_text(text, encoding='utf-8')
    assert update_po(site, extract(make_app, site)) == 0
    after = path.read_text(encoding='utf-8')
    assert 'Новый вводный синтетический абзац.' in after  # the catalog was rewritten…
    assert lines <= set(after.split('\n'))  # … and the translator's lines are as they were
    subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(path)], check=True)

    before = {p: p.read_bytes() for p in site.rglob('*.po')}
    assert update_po(site, extract(make_app, site)) == 0  # a second run changes nothing
    assert {p: p.read_bytes() for p in site.rglob('*.po')} == before


def test_moved_lines_do_not_restart_a_revision(make_app, site: Path) -> None:  # noqa: ANN001
    """A published translation under revision keeps its date when only references move."""
    pot_dir = extract(make_app, site)
    assert update_po(site, pot_dir) == 0
    path = site / 'locale' / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'
    catalog = polib.pofile(str(path))
    for entry in catalog[1:]:  # one paragraph left to revise
        entry.msgstr = f'Synthetic translation {entry.linenum}.'
    catalog.metadata['X-Newsroom-Revised'] = '2025-03-02'
    catalog.save()

    source = site / f'{ARTICLE}.md'
    source.write_text(source.read_text(encoding='utf-8').replace('\n# ', '\n\n\n# '),
                      encoding='utf-8')
    assert update_po(site, extract(make_app, site)) == 0
    catalog = polib.pofile(str(path))
    assert catalog.metadata['X-Newsroom-Revised'] == '2025-03-02'
    assert catalog[0].occurrences[0][1] == '8'  # the references did follow

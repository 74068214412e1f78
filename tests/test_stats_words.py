"""``make stats``/``make todo``: one language with ``LANG=``, source words as translate-toolkit's
``pocount`` counts them, and a line saying when nothing is left."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from helpers import copy_project
from newsroom.cli import main as newsroom_main
from newsroom.i18n.postats import collect

BETA = 'news/2024/2024-03-02-beta'


def extract(make_app, srcdir: Path) -> Path:  # noqa: ANN001 (Sphinx's fixture)
    app = make_app('gettext', srcdir=srcdir, freshenv=True)
    app.build(force_all=True)
    return Path(app.outdir)


def pocount(path: Path) -> dict[str, int]:
    """translate-toolkit's own count of one catalog (its CSV row)."""
    result = subprocess.run([str(Path(sys.executable).with_name('pocount')), '--csv', str(path)],
                            capture_output=True, text=True, check=True)
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    return {key: int(value) for key, value in row.items() if key != 'Filename'}


def test_word_counts_are_pocounts(make_app, news_copy: Path) -> None:  # noqa: ANN001
    pot_dir = extract(make_app, news_copy)
    locale_dir = news_copy / 'locale'
    assert newsroom_main(['--confdir', str(news_copy), 'update-po', '--pot-dir', str(pot_dir),
                          '--locale-dir', str(locale_dir), 'en']) == 0
    path = locale_dir / 'en' / 'LC_MESSAGES' / f'{BETA}.po'
    catalog = polib.pofile(str(path))
    entries = [e for e in catalog if not e.obsolete]
    assert len(entries) >= 2
    entries[0].msgstr, entries[-1].msgstr = 'Synthetic translation.', ''
    entries[0].flags.append('fuzzy')  # one to review, one untranslated, the rest translated
    catalog.save()

    counted = pocount(path)
    [(_page, counts, todos)] = [row for row in collect(pot_dir, locale_dir, 'en')
                                if row[0] == BETA]
    assert counts.words_done == counted['Translated Source Words']
    assert counts.words_left == (counted['Fuzzy Source Words']
                                 + counted['Untranslated Source Words']) > 0
    assert len(todos) == counted['Fuzzy Messages'] + counted['Untranslated Messages']


def test_todo_says_when_nothing_is_left(make_app, news_copy: Path,  # noqa: ANN001
                                        capsys: pytest.CaptureFixture[str]) -> None:
    pot_dir = extract(make_app, news_copy)
    locale_dir = news_copy / 'locale'
    options = ['--confdir', str(news_copy)]
    assert newsroom_main([*options, 'update-po', '--pot-dir', str(pot_dir),
                          '--locale-dir', str(locale_dir), 'en']) == 0
    todo = [*options, 'todo', '--pot-dir', str(pot_dir), '--locale-dir', str(locale_dir), 'en']
    capsys.readouterr()
    assert newsroom_main(todo) == 0
    assert capsys.readouterr().out == 'nothing left to translate in en\n'

    path = locale_dir / 'en' / 'LC_MESSAGES' / f'{BETA}.po'
    catalog = polib.pofile(str(path))
    catalog[0].msgstr = ''
    catalog.save()
    assert newsroom_main(todo) == 0
    left = capsys.readouterr().out
    assert 'nothing left to translate' not in left
    assert f'{path}:{catalog[0].linenum}: untranslated:' in left
    assert f'en: 1 messages, {len(catalog[0].msgid.split())} source words left' in left

    for path in (locale_dir / 'en' / 'LC_MESSAGES').rglob('*.po'):
        catalog = polib.pofile(str(path))
        for entry in catalog:
            if not entry.obsolete:
                entry.msgstr = entry.msgstr or 'Synthetic translation.'
                entry.flags = [flag for flag in entry.flags if flag != 'fuzzy']
        catalog.save()
    assert newsroom_main(todo) == 0
    assert capsys.readouterr().out == 'nothing left to translate in en\n'


def test_make_stats_and_todo_for_one_language(tmp_path: Path) -> None:
    project = copy_project(tmp_path / 'project')

    def make(*arguments: str) -> str:
        result = subprocess.run(['make', '--no-print-directory', *arguments,
                                 f'VENV={Path(sys.prefix)}'], cwd=project, capture_output=True,
                                text=True, check=False)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
        return result.stdout

    stats = make('stats', 'LANG=tk')
    rows = [fields for fields in map(str.split, stats.splitlines()) if len(fields) == 8
            and (fields[-2:] == ['words', 'left'] or all(f.isdigit() for f in fields[2:]))]
    assert len(rows) > 10 and {row[0] for row in rows} == {'tk'}
    assert 'nothing left to translate in tk\n' in stats
    assert rows[0][-2:] == ['words', 'left']
    page_total = next(row for row in rows if row[1] == 'TOTAL')
    assert int(page_total[-2]) > 100  # the seed's pages have hundreds of source words

    catalog = project / 'locale' / 'en' / 'LC_MESSAGES' / 'index.po'
    english = make('todo', 'LANG=en')
    assert 'tk' not in english.replace('newsroom/core/locale/tk', '')  # no other language
    if f'{catalog.relative_to(project)}:' not in english:
        assert 'nothing left to translate in en\n' in english
    entry = polib.pofile(str(catalog))[0]
    lines = catalog.read_text(encoding='utf-8').replace(
        f'msgstr "{entry.msgstr}"', 'msgstr ""', 1)
    catalog.write_text(lines, encoding='utf-8')
    english = make('todo', 'LANG=en')
    assert f'{catalog.relative_to(project)}:' in english
    assert 'nothing left to translate in en\n' not in english

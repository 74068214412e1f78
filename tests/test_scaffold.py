"""`make article`: a new article file with correct front matter, never an overwrite."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.cli import main as newsroom_main

REPO = Path(__file__).resolve().parent.parent


def test_writes_a_dated_draft_article(tmp_path: Path, capsys) -> None:
    assert newsroom_main(['article', 'caspian-ports', '--date', '2025-06-21', '--docs', str(tmp_path)]) == 0
    path = tmp_path / 'news/2025/2025-06-21-caspian-ports.md'
    text = path.read_text(encoding='utf-8')
    assert text.startswith('---\ndate: 2025-06-21\ntags: []\ndraft: true')
    assert '\n---\n\n# ' in text
    assert str(path) in capsys.readouterr().out


def test_date_defaults_to_today(tmp_path: Path) -> None:
    today = dt.date.today()
    assert newsroom_main(['article', 'today-news', '--docs', str(tmp_path)]) == 0
    path = tmp_path / f'news/{today:%Y}/{today.isoformat()}-today-news.md'
    assert f'date: {today.isoformat()}\n' in path.read_text(encoding='utf-8')


def test_never_overwrites(tmp_path: Path, capsys) -> None:
    assert newsroom_main(['article', 'once', '--date', '2025-01-02', '--docs', str(tmp_path)]) == 0
    path = tmp_path / 'news/2025/2025-01-02-once.md'
    path.write_text('edited', encoding='utf-8')
    assert newsroom_main(['article', 'once', '--date', '2025-01-02', '--docs', str(tmp_path)]) == 1
    assert path.read_text(encoding='utf-8') == 'edited'
    assert 'already exists' in capsys.readouterr().err


@pytest.mark.parametrize('slug', ['Caspian', 'caspian ports', 'порты', '-lead', 'trail-',
                                  'double--hyphen', '../escape', '', 'a' * 81])
def test_rejects_bad_slugs(tmp_path: Path, slug: str, capsys) -> None:
    assert newsroom_main(['article', slug, '--date', '2025-01-02', '--docs', str(tmp_path)]) == 2
    assert 'error:' in capsys.readouterr().err
    assert not list(tmp_path.rglob('*.md'))


@pytest.mark.parametrize('date', ['2025-13-01', '2025-02-30', '20250101', 'tomorrow'])
def test_rejects_bad_dates(tmp_path: Path, date: str) -> None:
    assert newsroom_main(['article', 'fine', '--date', date, '--docs', str(tmp_path)]) == 2
    assert not list(tmp_path.rglob('*.md'))


def test_make_article_writes_a_file_that_builds(make_app, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    command = ['make', '--no-print-directory', 'article', 'SLUG=new-ports', 'DATE=2025-03-01',
               f'SOURCEDIR={srcdir}', f'VENV={Path(sys.prefix)}']
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    again = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert again.returncode != 0 and 'already exists' in again.stderr
    missing = subprocess.run(command[:3] + command[4:], cwd=REPO, capture_output=True,
                             text=True, check=False)
    assert missing.returncode != 0 and 'slug' in missing.stderr

    public = make_app('html', srcdir=srcdir)  # a draft: left out of the public build
    public.build()
    assert not (public.outdir / 'news/2025/2025-03-01-new-ports.html').exists()
    preview = make_app('html', srcdir=srcdir, confoverrides={'newsroom_show_drafts': True})
    preview.build()
    ours = [line for line in preview.warning.getvalue().splitlines()
            if 'WARNING' in line and 'already registered' not in line]
    assert ours == []
    assert (preview.outdir / 'news/2025/2025-03-01-new-ports.html').is_file()

"""Work a command-line build does beside itself on a second core (``core.aside``): the
search index and the store of checked catalogs come out as the build would write them
itself, clean and after a change, and a failure there fails the build, naming it."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.bench import generate, write_article

REPO = Path(__file__).resolve().parent.parent
INDEX = Path('_static') / 'newsroom-search'
STORE = Path('.doctrees') / '_locale' / 'en' / 'catalogs.pickle'


def site(rootdir: Path, srcdir: Path) -> Path:
    shutil.copytree(rootdir / 'test-news', srcdir)
    for article in generate(12, seed=5):
        write_article(srcdir, srcdir / 'locale', article)
    return srcdir


def build(srcdir: Path, outdir: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``sphinx-build`` in English, as make html runs it (a process of its own)."""
    environ = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, '-m', 'sphinx', '-b', 'html', '-q', '-D', 'language=en', *options,
         '-d', str(outdir / '.doctrees'), str(srcdir), str(outdir)],
        capture_output=True, text=True, env=environ, timeout=300, check=False)


def written(outdir: Path) -> tuple[dict[str, bytes], dict]:
    """The index's files, and the checked catalogs' store as read back: each entry but
    its stat signature (the builds compared read other copies of the site: other inodes
    and times; a catalog changed a moment ago has none)."""
    folder = outdir / INDEX
    files = {p.relative_to(folder).as_posix(): p.read_bytes()
             for p in sorted(folder.rglob('*')) if p.is_file()}
    store = pickle.loads((outdir / STORE).read_bytes())  # noqa: S301 - our own file
    return files, {name: entry[1:] for name, entry in store['entries'].items()}


def reword(srcdir: Path, number: int, text: str) -> None:
    """An English message of the *number*-th article retranslated."""
    catalog = sorted((srcdir / 'locale' / 'en').rglob('20*.po'))[number]
    found = catalog.read_text(encoding='utf-8')
    catalog.write_text(re.sub(r'msgstr "([^"\n]+)"', rf'msgstr "\1 {text}"', found, count=1),
                       encoding='utf-8')


def change(srcdir: Path) -> None:
    """A Russian article amended (its English page is held back until retranslated) and
    another's English message reworded."""
    article = sorted((srcdir / 'news').rglob('20*.md'))[3]
    article.write_text(article.read_text(encoding='utf-8') + '\nПаром пришёл.\n',
                       encoding='utf-8')
    reword(srcdir, 4, 'Ferry arrived.')


def test_work_done_aside_is_what_the_build_would_write(rootdir: Path, tmp_path: Path) -> None:
    results = {}
    for aside in ('always', 'never'):
        srcdir = site(rootdir, tmp_path / f'src-{aside}')
        outdir = tmp_path / f'out-{aside}'
        for step in ('clean', 'changed'):
            if step == 'changed':
                change(srcdir)
            result = build(srcdir, outdir, '-D', f'newsroom_aside={aside}')
            assert result.returncode == 0, result.stderr
            results[aside, step] = written(outdir)
    assert results['always', 'clean'] == results['never', 'clean']
    assert results['always', 'changed'] == results['never', 'changed']
    index, store = results['always', 'changed']
    assert index != results['always', 'clean'][0]
    assert any('ferry arrived' in text.decode().lower() for text in index.values())
    assert store != results['always', 'clean'][1]
    assert any('Ferry arrived.' in message for entry in store.values()
               for message in entry[0].values())


def test_a_failure_aside_fails_the_build_and_says_what_failed(rootdir: Path,
                                                               tmp_path: Path) -> None:
    srcdir, outdir = site(rootdir, tmp_path / 'src'), tmp_path / 'out'
    assert build(srcdir, outdir).returncode == 0
    for number, (path, what) in enumerate((
            (outdir / STORE, 'the checked catalogs'),
            (outdir / '.doctrees' / 'newsroom-search-state.pickle', 'the search index'))):
        path.unlink()
        path.mkdir()  # cannot be replaced by a file: the writer fails
        reword(srcdir, number, 'Reworded.')  # both must be written again
        result = build(srcdir, outdir, '-D', 'newsroom_aside=always')
        assert result.returncode != 0
        assert f'{what} could not be written' in result.stderr, result.stderr
        assert 'IsADirectoryError' in result.stderr, result.stderr  # the writer's own error
        path.rmdir()
        assert build(srcdir, outdir).returncode == 0


def test_a_setting_that_is_no_choice_is_refused_saying_the_choices(rootdir: Path,
                                                                     tmp_path: Path) -> None:
    srcdir = site(rootdir, tmp_path / 'src')
    result = build(srcdir, tmp_path / 'out', '-D', 'newsroom_aside=sometimes')
    assert result.returncode != 0
    assert "newsroom_aside is 'sometimes': set it to one of 'idle-core', 'always', 'never'" \
        in result.stderr, result.stderr

"""The search index as builds write it: the same from parallel readers, from an incremental
build as from a clean one, and only the news a language publishes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks.bench import generate, write_article

FOLDER = Path('_static') / 'newsroom-search'


def sources(rootdir: Path, srcdir: Path, count: int = 24) -> Path:
    """The news root plus *count* generated articles (enough for Sphinx to read in parallel)."""
    shutil.copytree(rootdir / 'test-news', srcdir)
    for article in generate(count, seed=3):
        write_article(srcdir, srcdir / 'locale', article)
    return srcdir


def index_files(make_app, srcdir: Path, language: str = 'ru', parallel: int = 0
                ) -> dict[str, str]:
    app = make_app('html', srcdir=srcdir, confoverrides={'language': language},
                   parallel=parallel)
    app.build()
    app.cleanup()
    folder = app.outdir / FOLDER
    return {p.relative_to(folder).as_posix(): p.read_text(encoding='utf-8')
            for p in sorted(folder.rglob('*')) if p.is_file()}


def urls(files: dict[str, str]) -> list[str]:
    return [row[0] for name, text in sorted(files.items()) if name.startswith('d/')
            for row in json.loads(text)]


def test_parallel_readers_write_the_same_index(make_app, rootdir: Path, tmp_path: Path) -> None:
    serial = index_files(make_app, sources(rootdir, tmp_path / 'serial'))
    parallel = index_files(make_app, sources(rootdir, tmp_path / 'parallel'), parallel=2)
    assert len(urls(serial)) == 24 + 3
    assert parallel == serial


def test_an_incremental_build_writes_the_index_a_clean_one_does(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = sources(rootdir, tmp_path / 'site')
    before = index_files(make_app, srcdir)
    gone = sorted((srcdir / 'news').rglob('20*.md'))[5]
    gone.unlink()
    edited = sorted((srcdir / 'news').rglob('20*.md'))[0]
    edited.write_text(edited.read_text(encoding='utf-8') + '\nГрузоперевозок стало больше.\n',
                      encoding='utf-8')
    after = index_files(make_app, srcdir)
    clean = tmp_path / 'clean'
    shutil.copytree(srcdir, clean, ignore=shutil.ignore_patterns('_build'))
    assert after == index_files(make_app, clean)
    assert after != before
    gone_url = gone.relative_to(srcdir).with_suffix('.html').as_posix()
    assert gone_url in urls(before) and gone_url not in urls(after)


def index_log(make_app, srcdir: Path) -> str:  # noqa: ANN001 (Sphinx's fixture)
    """What a Russian build said of its search index."""
    app = make_app('html', srcdir=srcdir, confoverrides={'language': 'ru'})
    app.build()
    app.cleanup()
    lines = [line for line in app.status.getvalue().splitlines() if 'search index of' in line]
    assert len(lines) == 1, app.status.getvalue()[-2000:]
    return lines[0]


def test_an_index_made_of_the_same_inputs_is_not_made_again(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """Nothing the index is made of changed, and its files are as the last build left them:
    it is kept; a changed article, or a file of the index changed by hand, makes it again,
    as a clean build makes it."""
    srcdir = sources(rootdir, tmp_path / 'site')
    assert 'unchanged' not in index_log(make_app, srcdir)
    assert 'unchanged' in index_log(make_app, srcdir)
    folder = srcdir / '_build' / 'html' / FOLDER
    shard = sorted(folder.glob('d/*'))[0]
    kept = shard.read_bytes()
    shard.write_bytes(b'[]')
    assert 'unchanged' not in index_log(make_app, srcdir)
    assert shard.read_bytes() == kept
    edited = sorted((srcdir / 'news').rglob('20*.md'))[0]
    edited.write_text(edited.read_text(encoding='utf-8') + '\nГрузоперевозок стало больше.\n',
                      encoding='utf-8')
    assert 'unchanged' not in index_log(make_app, srcdir)
    after = index_files(make_app, srcdir)
    clean = tmp_path / 'clean'
    shutil.copytree(srcdir, clean, ignore=shutil.ignore_patterns('_build'))
    assert after == index_files(make_app, clean)
    assert any('грузоперевоз' in text for text in after.values())


# its own copy of the root: another test builds the shared one with Sphinx's search
@pytest.mark.sphinx('html', testroot='news', srcdir='search-only-articles')
def test_only_articles_are_indexed(app) -> None:
    app.build()
    folder = app.outdir / FOLDER
    manifest = json.loads((folder / 'manifest.json').read_text(encoding='utf-8'))
    listed = [row[0] for p in sorted((folder / 'd').glob('*.json'))
              for row in json.loads(p.read_text(encoding='utf-8'))]
    assert manifest['articles'] == len(listed) > 0
    assert all(url.startswith('news/20') for url in listed), listed
    assert not (app.outdir / 'searchindex.js').exists()
    assert (folder / 'stemmer.js').read_text(encoding='utf-8').rstrip().endswith(
        'var NewsroomStemmer = RussianStemmer;')


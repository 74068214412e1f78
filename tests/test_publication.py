"""What is built is exactly what is published: `make html` on a copy of this project.

After any change, an incremental build publishes the same bytes as a clean build of the same
sources; a failed or killed build leaves the published site as it was and the next build
publishes what a clean build would; a preview is built, marked and kept apart.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import PUBLISHED, SITE_BASEURL, copy_project
from newsroom.core.site import Site

REPO = Path(__file__).resolve().parent.parent
NEWS = Path('docs', 'news')
ARTICLE = NEWS / '2025' / '2025-06-20-geneva-neutrality.md'
ARTICLE_PAGE = 'news/2025/2025-06-20-geneva-neutrality.html'
NEWS_INDEX = NEWS / 'index.md'
NOINDEX = re.compile(r'<meta name="robots" content="noindex"\s*/?>')

Tree = dict[str, bytes | None]


# -- Helpers -------------------------------------------------------------------------------


def make_command(project: Path, *arguments: str) -> list[str]:
    return ['make', '--no-print-directory', 'html', f'BASEURL={SITE_BASEURL}', *arguments,
            f'VENV={Path(sys.prefix)}']


def make_html(project: Path, *arguments: str, ok: bool = True,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(make_command(project, *arguments), cwd=project,
                            capture_output=True, text=True, check=False,
                            env=None if env is None else {**os.environ, **env})
    if ok:
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def snapshot(root: Path) -> Tree:
    """Every folder (None) and file (its bytes) below *root*, by relative path."""
    tree: Tree = {}
    for directory, subdirectories, files in os.walk(root):
        folder = Path(directory)
        for name in subdirectories + files:
            path = folder / name
            assert not path.is_symlink(), f'{path}: a symbolic link inside the site'
            key = path.relative_to(root).as_posix()
            tree[key] = None if path.is_dir() else path.read_bytes()
    return tree


def differences(actual: Tree, expected: Tree) -> list[str]:
    """What differs between two trees, one line per path (empty when identical)."""
    lines = [f'not built: {path}' for path in sorted(expected.keys() - actual.keys())]
    lines += [f'left over: {path}' for path in sorted(actual.keys() - expected.keys())]
    lines += [f'different: {path}' for path in sorted(actual.keys() & expected.keys())
              if actual[path] != expected[path]]
    return lines


def assert_same_tree(actual: Tree, expected: Tree) -> None:
    assert actual, 'an empty site'
    lines = differences(actual, expected)
    assert not lines, f'{len(lines)} difference(s):\n' + '\n'.join(lines[:40])


def clean_build(project: Path, builddir: Path, *arguments: str) -> Tree:
    """The published tree of a clean build of the project's sources as they are now."""
    shutil.rmtree(builddir, ignore_errors=True)
    make_html(project, f'BUILDDIR={builddir}', *arguments)
    return snapshot(builddir / 'html')


def published(project: Path) -> Tree:
    return snapshot(project / '_build' / 'html')


def edit(project: Path, relative: Path, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding='utf-8')
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding='utf-8')


# -- The project, built once ----------------------------------------------------------------


@pytest.fixture(scope='module')
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of this project built by `make html` at one path, and a copy of that copy.

    Sphinx's saved environment names its source folder: a build stays incremental only at
    the path where it was made, so each test gets the built project back at that path."""
    base = tmp_path_factory.mktemp('publication')
    project = copy_project(base / 'project')
    make_html(project)
    make_html(project)  # the first tree is kept aside: the next publication starts from it
    assert (project / '_build' / '.html.standby').is_dir()
    saved = base / 'saved'
    copy_tree(project, saved)
    return project, saved


def copy_tree(source: Path, target: Path) -> None:
    """A copy of *source* as *target*, hard links (the trees share files) and links kept."""
    subprocess.run(['cp', '-a', str(source), str(target)], check=True)


@pytest.fixture
def project(pristine: tuple[Path, Path]) -> Path:
    """The built project, as `make html` left it (at the path where it was built); the
    last test's old trees deleted first (their detached deleter may still be at work)."""
    path, saved = pristine
    if (path / '_build').is_dir():
        trash_emptied(path)
    shutil.rmtree(path)
    copy_tree(saved, path)
    return path


# -- Incremental builds publish what clean builds publish -----------------------------------


def delete(project: Path) -> None:
    (project / ARTICLE).unlink()


def move(project: Path) -> None:
    (project / ARTICLE).rename(project / ARTICLE.with_name('2025-06-20-neutrality-geneva.md'))


def draft(project: Path) -> None:
    edit(project, ARTICLE, 'date: 2025-06-20\n', 'date: 2025-06-20\ndraft: true\n')


def schedule(project: Path) -> None:
    edit(project, ARTICLE, 'date: 2025-06-20\n', 'date: 2999-06-20\n')


def drop_english(project: Path) -> None:
    before = list(Site.from_confdir(project).languages)
    edit(project, Path('conf.py'), f'newsroom_languages = {before!r}',
         f'newsroom_languages = {[code for code in before if code != "en"]!r}')


def nothing(project: Path) -> None:
    """No source changes: the change is the command line (no public address)."""


ARTICLE_GONE = [f'ru/{ARTICLE_PAGE}', f'en/{ARTICLE_PAGE}']
CHANGES: dict[str, tuple[Callable[[Path], None], tuple[str, ...], list[str]]] = {
    # name: (change the sources, make arguments, files that must go)
    'delete': (delete, (), ARTICLE_GONE),
    'move': (move, (), ARTICLE_GONE),
    'draft': (draft, (), ARTICLE_GONE),
    'schedule': (schedule, (), ARTICLE_GONE),
    'drop a language': (drop_english, (), ['en/index.html', 'en/atom.xml', 'en/_static']),
    'no base URL': (nothing, ('BASEURL=',),
                    ['sitemap.xml', 'robots.txt', 'ru/sitemap.xml', 'ru/atom.xml',
                     'en/sitemap.xml', 'en/atom.xml']),
}


@pytest.mark.parametrize('change', CHANGES)
def test_an_incremental_build_publishes_what_a_clean_build_publishes(
    project: Path, tmp_path: Path, change: str
) -> None:
    apply, arguments, gone = CHANGES[change]
    before = published(project)
    assert all(path in before for path in gone), 'the test must remove what was published'
    apply(project)
    make_html(project, *arguments)
    after = published(project)
    assert [path for path in gone if path in after] == []
    assert_same_tree(after, clean_build(project, tmp_path / 'clean', *arguments))


def test_a_sequence_of_builds_publishes_what_a_clean_build_publishes(
    project: Path, tmp_path: Path
) -> None:
    for apply in (draft, move, drop_english):
        apply(project)
        make_html(project, 'BASEURL=')
    make_html(project)  # the public address again, and the drafted article is moved back
    (project / ARTICLE.with_name('2025-06-20-neutrality-geneva.md')).rename(project / ARTICLE)
    edit(project, ARTICLE, 'draft: true\n', '')
    make_html(project)
    assert_same_tree(published(project), clean_build(project, tmp_path / 'clean'))


def test_the_search_index_files_that_did_not_change_are_not_written_again(
    project: Path, tmp_path: Path
) -> None:
    folder = project / '_build' / 'work' / 'ru' / 'html' / '_static' / 'newsroom-search'
    before = {path: path.stat().st_mtime_ns for path in folder.rglob('*.json')}
    assert len(before) > 3
    delete(project)  # one article fewer: some of the index changes, not all of it
    make_html(project)
    after = {path: path.stat().st_mtime_ns for path in folder.rglob('*.json')}
    assert after[folder / 'manifest.json'] != before[folder / 'manifest.json']
    assert [path for path in after if after[path] == before.get(path)], 'all rewritten'
    assert_same_tree(published(project), clean_build(project, tmp_path / 'clean'))


def test_the_site_is_a_link_to_one_complete_tree(project: Path) -> None:
    site = project / '_build' / 'html'
    assert site.is_symlink()
    first = site.readlink()
    make_html(project)
    assert site.readlink() != first, 'every publication is a new tree'
    trees = sorted(path.name for path in (project / '_build').glob('html.*'))
    assert trees == [site.readlink().name], 'the old tree is removed'
    for language in ('ru', 'en'):
        assert (site / language / 'index.html').is_file()
        assert not (site / language / '.newsroom-build').exists()


def test_a_publication_remakes_the_files_that_differ_and_never_writes_into_the_live_tree(
    project: Path, tmp_path: Path
) -> None:
    """The next tree starts from the one the last publication replaced, which shares most
    files with the live tree (hard links): a file that differs must be made anew, never
    written into, or the live site would change before the switch (and the tree after it
    would differ from a clean build)."""
    build = project / '_build'
    live = (build / 'html').resolve()
    live_inode, standby = live.stat().st_ino, (build / '.html.standby').stat().st_ino
    witness, before = tmp_path / 'witness', {}
    witness.mkdir()
    for number, path in enumerate(sorted(live.rglob('*'))):
        if path.is_file():
            os.link(path, witness / str(number))
            before[number] = (path.relative_to(live).as_posix(), path.read_bytes())
    # a page, its compressed copies, the listings and the root files (another address)
    edit(project, ARTICLE, '# Постоянное', '# Сегодня постоянное')
    make_html(project, 'BASEURL=https://news.example.org/')
    assert (build / 'html').resolve().stat().st_ino == standby, 'not made from the standby'
    assert (build / '.html.standby').stat().st_ino == live_inode, 'the live one is next'
    written = [name for number, (name, data) in before.items()
               if (witness / str(number)).read_bytes() != data]
    assert not written, f'written into the live tree: {written[:20]}'
    after = published(project)
    changed = [name for name, data in before.values() if after.get(name) != data]
    assert f'ru/{ARTICLE_PAGE}' in changed
    assert 'robots.txt' in changed and f'ru/{ARTICLE_PAGE}.gz' in changed
    assert_same_tree(after, clean_build(project, tmp_path / 'clean',
                                        'BASEURL=https://news.example.org/'))


# -- A failed build publishes nothing ---------------------------------------------------------


WARNINGS = {  # the page's addition, what Sphinx says; found while reading, writing; a lost photo
    'reading': ('order: 5\n', 'order: fifth\n', '"order" must be a whole number'),
    'writing': ('\n# ', 'See {doc}`no-such-page`.\n\n# ', "unknown document: 'no-such-page'"),
    'photo': ('order: 5\n', 'order: 5\nimage: no-such-photo.jpg\nimage_alt: Снимок\n',
              'the lead image cannot be published: there is no file'),
}


@pytest.mark.parametrize('phase', WARNINGS)
def test_a_failed_build_leaves_the_published_site_as_it_was(
    project: Path, tmp_path: Path, phase: str
) -> None:
    site = project / '_build' / 'html'
    target, before = site.readlink(), published(project)
    old, new, message = WARNINGS[phase]
    edit(project, ARTICLE, old, new)
    for attempt in (1, 2):  # the second build finds the warning again and fails again
        result = make_html(project, ok=False)
        assert result.returncode != 0, f'attempt {attempt} published a page with a warning'
        assert message in result.stderr
        assert '--workdir' not in result.stdout, 'make went on to publish'
        assert site.readlink() == target
        assert_same_tree(published(project), before)
    edit(project, ARTICLE, new, old)
    make_html(project)
    assert_same_tree(published(project), clean_build(project, tmp_path / 'clean'))


def test_publishing_refuses_a_language_whose_build_failed(project: Path) -> None:
    marker = project / '_build' / 'work' / 'en' / 'html' / '.newsroom-build'
    marker.write_text('failed\n', encoding='utf-8')
    target = (project / '_build' / 'html').readlink()
    result = subprocess.run(
        [sys.executable, '-m', 'newsroom', 'publish', '--workdir', '_build/work',
         '_build/html'], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert 'its last build failed' in result.stderr
    assert (project / '_build' / 'html').readlink() == target


PUBLISH = [sys.executable, '-m', 'newsroom', '--baseurl', SITE_BASEURL, 'publish',
           '--workdir', '_build/work', '_build/html']  # as make_html builds the workshops
PUBLISH_KILLS = 16


def publication(project: Path, kill_after: float | None = None) -> float:
    """Run `python -m newsroom publish`; once its new tree appears, SIGKILL it *kill_after*
    seconds later. The seconds from the tree's appearance to the end (or the kill)."""
    build = project / '_build'
    before = set(os.listdir(build))
    process = subprocess.Popen(PUBLISH, cwd=project, stdout=subprocess.DEVNULL)
    while process.poll() is None and not any(
            name.startswith('html.') for name in set(os.listdir(build)) - before):
        time.sleep(0.0002)
    start = time.monotonic()
    if kill_after is not None:
        time.sleep(kill_after)
        process.kill()  # unless it has just finished
    assert process.wait() in ((0, -signal.SIGKILL) if kill_after is not None else (0,))
    return time.monotonic() - start


def test_a_publication_killed_at_any_moment_leaves_the_old_site_or_the_new(
    project: Path
) -> None:
    """Two builds whose every page differs, published in turn; each publication is killed
    at a moment spread over the making of its tree and the switch, and the site must be
    one of them, never a mix."""
    pages = sorted((project / '_build' / 'work').glob('*/html/**/*.html'))
    versions = [{page: page.read_bytes() for page in pages},
                {page: page.read_bytes() + b'<!-- another build -->\n' for page in pages}]
    sites = [published(project)]
    for page, content in versions[1].items():
        page.write_bytes(content)
    duration = publication(project)
    sites.append(published(project))
    changed = [line for line in differences(sites[1], sites[0])
               if not line.endswith(('.gz', '.br'))]  # each page's compressed copies too
    assert len(changed) == len(pages) > 50

    interrupted = 0
    for kill in range(PUBLISH_KILLS):
        new = kill % 2
        for page, content in versions[new].items():
            page.write_bytes(content)
        publication(project, kill_after=duration * kill / PUBLISH_KILLS)
        assert published(project) in (sites[1 - new], sites[new]), f'kill {kill}: mixed'
        current = (project / '_build' / 'html').readlink().name
        interrupted += any(name != current for name in trees(project))
        publication(project)
        assert_same_tree(published(project), sites[new])
        assert trees(project) == [(project / '_build' / 'html').readlink().name]
        assert trash_emptied(project), 'the old trees are deleted, if after the switch'
    print(f'publication: {duration * 1000:.0f} ms to make and switch to a tree; '
          f'{interrupted} of {PUBLISH_KILLS} kills left a tree half made')
    assert interrupted >= 2, 'too few kills landed while a tree was being made'


def trees(project: Path) -> list[str]:
    """The trees beside the published link, but those renamed for deletion and the one kept
    for the next publication to start from."""
    return [path.name for path in (project / '_build').iterdir()
            if 'html' in path.name and path.name not in {'html', '.html.standby'}
            and '.trash-' not in path.name]


def trash_emptied(project: Path, timeout: float = 60) -> bool:
    """Whether the old trees renamed for deletion are gone (deleted in the background)."""
    end = time.monotonic() + timeout
    while any('.trash-' in path.name for path in (project / '_build').iterdir()):
        if time.monotonic() > end:
            return False
        time.sleep(0.05)
    return True


def test_make_serve_serves_each_publication_from_the_next_request(project: Path) -> None:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(['make', '--no-print-directory', 'serve', f'PORT={port}',
                               f'VENV={Path(sys.prefix)}'], cwd=project,
                              start_new_session=True, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f'http://127.0.0.1:{port}/en/index.html'
    try:
        for _attempt in range(100):
            try:
                first = urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail('make serve did not answer')
        page = project / '_build' / 'work' / 'en' / 'html' / 'index.html'
        page.write_bytes(page.read_bytes() + b'<!-- published since -->\n')
        subprocess.run(PUBLISH, cwd=project, check=True, capture_output=True)
        second = urllib.request.urlopen(url, timeout=5).read()
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    assert second == first + b'<!-- published since -->\n'


# -- A preview is not a publication ----------------------------------------------------------


def test_a_preview_is_built_apart_marked_noindex_and_never_published(project: Path) -> None:
    target, before = (project / '_build' / 'html').readlink(), published(project)
    draft(project)
    make_html(project, 'DRAFTS=1')
    assert (project / '_build' / 'html').readlink() == target
    assert_same_tree(published(project), before)

    preview = project / '_build' / 'preview' / 'html'
    assert preview.is_symlink()
    assert (preview / 'en' / ARTICLE_PAGE).is_file(), 'the draft is in the preview'
    pages = sorted(preview.rglob('*.html'))
    assert len(pages) > 30
    for page in pages:
        head = page.read_text(encoding='utf-8').split('</head>', 1)[0]
        assert len(NOINDEX.findall(head)) == 1, page
    assert 'Disallow: /' in (preview / 'robots.txt').read_text(encoding='utf-8')

    make_html(project)  # the draft stays out; no published page says noindex
    site = project / '_build' / 'html'
    assert not (site / 'en' / ARTICLE_PAGE).exists()
    for page in sorted(site.glob('*/**/*.html')):
        text = page.read_text(encoding='utf-8')
        if 'http-equiv="refresh"' in text:  # a tag's old address: it sends readers on
            continue
        assert not NOINDEX.search(text), page


def test_the_shipped_configuration_publishes_no_placeholder_address(project: Path) -> None:
    """conf.py ships no html_baseurl: no absolute address of the site reaches readers until
    the real one is set, and `make html` says so once."""
    result = subprocess.run(['make', '--no-print-directory', 'html', f'VENV={Path(sys.prefix)}'],
                            cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    output = result.stdout + result.stderr
    assert output.count('no html_baseurl') == 1, output[-3000:]
    site = project / '_build' / 'html'
    for name in ('sitemap.xml', 'robots.txt', 'ru/atom.xml', 'en/sitemap.xml'):
        assert not (site / name).exists(), name
    for page in site.rglob('*.html'):
        html = page.read_text(encoding='utf-8')
        assert 'example.org' not in html and 'rel="canonical"' not in html, page
        assert 'og:url' not in html and 'application/atom+xml' not in html, page


def test_the_build_log_prints_each_warning_once_with_its_languages(project: Path) -> None:
    bad = project / 'docs/news/2025/2025-06-20-no-title.md'
    bad.write_text('---\ndate: 2025-06-20\n---\n\nТекст без заголовка.\n', encoding='utf-8')
    # FORCE_COLOR makes Sphinx colour its warnings even into a file, as on many CI machines.
    result = make_html(project, ok=False, env={'FORCE_COLOR': '1'})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    warning = f'{bad}:1: WARNING: the article has no title'
    assert output.count(warning) == 1, output[-4000:]
    line = next(line for line in output.splitlines() if warning in line)
    # every language is built, even after one failed
    assert line.endswith(f'[newsroom.title] ({", ".join(PUBLISHED)})'), line
    assert '\x1b[' not in line
    assert 'newsroom: 1 warning(s); pages written: ru ' in output
    assert 'MdParserConfig(' not in output

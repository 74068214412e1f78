"""The build log people read: `make html` on a copy of this project, as a newsroom runs it.

Quiet by default (a line per language, what each language publishes and holds back, the
warnings once, what was published), everything with V=1; a broken catalog holds back its
own page and never stops the build (`make check-po` still fails); a warning publishes
nothing and says so. One copy of the project goes through the builds in turn (each build
is incremental after the one before), and each test reads what its build printed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import copy_project
from newsroom.cli.buildlog import HELD_SHOWN, published_lines, progress_line, shorter
from newsroom.core.site import Site

REPO = Path(__file__).resolve().parent.parent
SITE = Site.from_confdir(REPO)
LANGUAGES: tuple[str, ...] = tuple(SITE.languages)
ARTICLE = 'news/2025/2025-06-20-geneva-neutrality'
CATALOG = Path('locale', 'en', 'LC_MESSAGES', f'{ARTICLE}.po')
NO_TITLE = Path('docs', 'news', '2025', '2025-06-20-no-title.md')
#: What a build of the seed site may print without V=1 (the README promises about 15).
MOST_LINES = 15


@dataclass(frozen=True)
class Build:
    """One run of make: its exit status and its lines (stdout and stderr together)."""

    returncode: int
    lines: list[str]

    @property
    def text(self) -> str:
        return '\n'.join(self.lines)


def make(project: Path, *arguments: str) -> Build:
    """``make <arguments>`` in *project*, without a V=… or make flags of a calling make."""
    env = {key: value for key, value in os.environ.items()
           if key not in {'V', 'MAKEFLAGS', 'MFLAGS', 'MAKELEVEL'}}
    result = subprocess.run(['make', *arguments, f'VENV={Path(sys.prefix)}'], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**env, 'PYTHONUNBUFFERED': '1'}, check=False)
    return Build(result.returncode, result.stdout.splitlines())


def articles(project: Path) -> set[str]:
    """The seed's articles (docnames), from the sources: none of them is a draft."""
    found = {path.relative_to(project / 'docs').with_suffix('').as_posix()
             for path in (project / 'docs' / 'news').glob('*/*.md')}
    assert ARTICLE in found and len(found) > 5, found
    return found


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below *root*, by relative path."""
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob('*')) if path.is_file()}


def break_catalog(path: Path) -> int:
    """Take the closing quote off the first translation after the header; its line."""
    lines = path.read_text(encoding='utf-8').split('\n')
    msgstr = next(number for number in range(lines.index(''), len(lines))
                  if lines[number].startswith('msgstr "'))
    number = msgstr + 1 if lines[msgstr] == 'msgstr ""' else msgstr
    assert lines[number].endswith('"') and len(lines[number]) > 2, lines[number]
    lines[number] = lines[number][:-1]
    path.write_text('\n'.join(lines), encoding='utf-8')
    return number + 1


@dataclass(frozen=True)
class Story:
    """The builds of one copy of the project, in the order they ran."""

    project: Path
    seed: Build
    seed_target: str
    broken: Build
    broken_line: int
    broken_published: set[str]
    check_po: Build
    failed: Build
    target_before_failure: str
    tree_unchanged: bool
    target_after_failure: str
    first_failed: Build
    first_published: bool
    verbose: Build


@pytest.fixture(scope='module')
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    project = copy_project(tmp_path_factory.mktemp('buildlog') / 'project')
    site = project / '_build' / 'html'

    seed = make(project, 'html')
    assert seed.returncode == 0, seed.text[-3000:]
    seed_target = os.readlink(site)

    catalog = project / CATALOG
    original = catalog.read_text(encoding='utf-8')
    broken_line = break_catalog(catalog)
    broken = make(project, 'html')
    broken_published = {path.relative_to(site).with_suffix('').as_posix()
                        for path in site.glob('*/news/[0-9]*/[0-9]*-*.html')}
    check_po = make(project, 'check-po')
    catalog.write_text(original, encoding='utf-8')

    (project / NO_TITLE).write_text('---\ndate: 2025-06-20\n---\n\nТекст без заголовка.\n',
                                    encoding='utf-8')
    target_before_failure, before = os.readlink(site), snapshot(site)
    failed = make(project, 'html')
    target_after_failure = os.readlink(site)
    tree_unchanged = snapshot(site) == before
    # The same sources into a build tree that has never published anything.
    fresh = project.parent / 'fresh'
    first_failed = make(project, 'html', f'BUILDDIR={fresh}')
    first_published = (fresh / 'html').exists()
    (project / NO_TITLE).unlink()

    verbose = make(project, 'html', 'V=1')
    return Story(project, seed, seed_target, broken, broken_line, broken_published, check_po,
                 failed, target_before_failure, tree_unchanged, target_after_failure,
                 first_failed, first_published, verbose)


def progress(build: Build) -> dict[str, str]:
    """Each language's progress line, by language."""
    found = {}
    for line in build.lines:
        if match := re.fullmatch(r'(\w+): (?:\d+ articles? )?… (done|failed.*)', line):
            assert match[1] not in found, f'two progress lines for {match[1]}'
            found[match[1]] = line
    return found


# -- The seed site -----------------------------------------------------------------------------


def test_a_build_of_the_seed_site_prints_a_short_log(story: Story) -> None:
    lines = story.seed.lines
    assert len(lines) <= MOST_LINES, story.seed.text
    count = len(articles(story.project))
    assert progress(story.seed) == {
        language: f'{language}: {count} articles … done' for language in LANGUAGES}
    for language in SITE.published:
        assert f'{language}: {count} articles published' in lines, story.seed.text
    assert lines[-1].startswith(f'published _build/html → {story.seed_target}'), lines[-1]
    assert story.seed_target.startswith('html.')


def test_the_quiet_log_has_no_sphinx_progress_and_no_commands(story: Story) -> None:
    text = story.seed.text
    for noise in ('The HTML pages are in', 'reading sources', 'build succeeded',
                  'Running Sphinx', 'sphinx-build', '-m newsroom', 'make[', 'Error'):
        assert noise not in text, (noise, text)


def test_v1_prints_everything(story: Story) -> None:
    assert story.verbose.returncode == 0, story.verbose.text[-3000:]
    text = story.verbose.text
    for wanted in ('sphinx-build -b html', 'Running Sphinx', 'build succeeded',
                   '-m newsroom check-po', 'publish  --workdir'):
        assert wanted in text, wanted
    assert len(story.verbose.lines) > 3 * MOST_LINES
    assert any(line.startswith('published _build/html → html.') for line in story.verbose.lines)


# -- A broken catalog holds back its own page ----------------------------------------------


def test_a_broken_catalog_does_not_stop_the_build(story: Story) -> None:
    build = story.broken
    assert build.returncode == 0, build.text[-3000:]
    assert progress(build).keys() == set(LANGUAGES)
    assert all(line.endswith('done') for line in progress(build).values()), build.text
    assert build.lines[-1].startswith('published _build/html → html.'), build.text


def test_the_broken_catalog_is_reported_at_its_line_shortly(story: Story) -> None:
    lines = story.broken.lines
    first_progress = next(index for index, line in enumerate(lines) if line.endswith('… done'))
    report = lines[:first_progress]
    where = f'{CATALOG.as_posix()}:{story.broken_line}: error: '
    assert any(line.startswith(where) for line in report), story.broken.text
    counts = [line for line in report if line.startswith('check-po: ')]
    assert len(counts) == 1 and 'error' in counts[0], report
    others = [line for line in report
              if not line.startswith(CATALOG.as_posix()) and not line.startswith('check-po: ')]
    assert others == [], report


def test_only_the_broken_catalogs_page_is_held_back(story: Story) -> None:
    count = len(articles(story.project))
    lines = story.broken.lines
    assert 'ru: %d articles published' % count in lines, story.broken.text
    assert 'tk: %d articles published' % count in lines, story.broken.text
    held = lines.index(f'en: {count - 1} articles published, 1 held back:')
    reason = lines[held + 1]
    assert reason.startswith(f'  {ARTICLE}: catalog refused: {CATALOG.as_posix()}:'), reason
    assert 'make check-po' in reason
    expected = {f'{language}/{name}' for language in SITE.published
                for name in articles(story.project)} - {f'en/{ARTICLE}'}
    assert story.broken_published == expected


def test_make_check_po_still_fails_on_the_broken_catalog(story: Story) -> None:
    assert story.check_po.returncode != 0
    where = f'{CATALOG.as_posix()}:{story.broken_line}: error: '
    assert any(line.startswith(where) for line in story.check_po.lines), story.check_po.text


# -- A warning publishes nothing ------------------------------------------------------------


def test_a_warning_fails_the_build_and_publishes_nothing(story: Story) -> None:
    build = story.failed
    assert build.returncode != 0
    assert set(progress(build)) == set(LANGUAGES)
    assert all('failed' in line for line in progress(build).values()), build.text
    warning = f'{story.project / NO_TITLE}:1: WARNING: the article has no title'
    found = [line for line in build.lines if line.startswith(warning)]
    assert len(found) == 1, build.text
    assert found[0].endswith(f'({", ".join(LANGUAGES)})'), found[0]
    nothing = f'nothing published; _build/html is unchanged ({story.target_before_failure})'
    assert nothing in build.lines, build.text
    assert not any(line.startswith('published ') for line in build.lines)
    assert not any(' articles published' in line for line in build.lines)
    assert story.target_after_failure == story.target_before_failure
    assert story.tree_unchanged


def test_a_failed_first_build_says_nothing_was_ever_published(story: Story) -> None:
    build = story.first_failed
    assert build.returncode != 0
    fresh = story.project.parent / 'fresh' / 'html'
    assert f'nothing published; {fresh} is unchanged (nothing published yet)' in build.lines
    assert not story.first_published


# -- The lines themselves --------------------------------------------------------------------


def test_progress_lines() -> None:
    report = {'language': 'en', 'published': 9, 'held': {'a': 'x', 'b': 'y'}}
    assert progress_line('en', 0, report, 0) == 'en: 11 articles … done'
    assert progress_line('en', 1, report, 2) == 'en: … failed (2 warnings)'
    assert progress_line('ru', 2, None, 0) == 'ru: … failed'


def test_held_back_articles_are_listed_up_to_a_bound(tmp_path: Path) -> None:
    held = {f'news/2025/a{number:02}': f'untranslated {number}% → make todo'
            for number in range(HELD_SHOWN + 3)}
    held['news/2025/b'] = f'catalog refused: {tmp_path}/locale/tk/b.po:3: bad → make check-po'
    lines = published_lines('tk', {'published': 1, 'held': held}, tmp_path)
    assert lines[0] == f'tk: 1 article published, {len(held)} held back:'
    assert lines[1] == '  news/2025/a00: untranslated 0% → make todo'
    assert len(lines) == 1 + HELD_SHOWN + 1
    assert lines[-1] == '  … and 4 more (make stats)'
    shown = published_lines('tk', {'published': 1, 'held': {'news/2025/b': held['news/2025/b']}},
                            tmp_path)
    assert shown[1] == '  news/2025/b: catalog refused: locale/tk/b.po:3: bad → make check-po'
    assert shorter('/elsewhere/x.po:1', tmp_path) == '/elsewhere/x.po:1'


#: Two progress lines written side by side, many times over, start at the same instant.
SIDE_BY_SIDE = """
import sys, time
from newsroom.cli.buildlog import say
start = float(sys.argv[2])
while time.time() < start:
    pass
for _ in range(3000):
    say(f'{sys.argv[1]}: 11 articles … done')
"""


def test_lines_of_builds_ending_side_by_side_never_interleave() -> None:
    """The languages' builds end side by side (make -j), each printing its progress line
    into make's one output; with unbuffered output (as in CI) every line stays whole."""
    import time

    start = f'{time.time() + 1.0}'
    env = {**os.environ, 'PYTHONUNBUFFERED': '1', 'PYTHONPATH': str(REPO)}
    read, write = os.pipe()
    writers = [subprocess.Popen([sys.executable, '-c', SIDE_BY_SIDE, language, start],
                                stdout=write, env=env, cwd=REPO)
               for language in ('en', 'tk')]
    os.close(write)
    with os.fdopen(read, encoding='utf-8') as output:
        lines = output.read().splitlines()
    assert all(writer.wait() == 0 for writer in writers)
    assert sorted(set(lines)) == ['en: 11 articles … done', 'tk: 11 articles … done']
    assert len(lines) == 6000

"""A language's build is skipped when nothing it reads changed (newsroom/cli/skipbuild.py): every
skip is checked against the real build, which must then find nothing to write; every change a
build reads makes it build."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import polib

from helpers import SITE_BASEURL, copy_project

ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region'
LANGUAGES = ('ru', 'en', 'tk')


def make(project: Path, *targets: str, **environ: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ['make', '--no-print-directory', *targets, f'VENV={Path(sys.prefix)}',
         f'BASEURL={SITE_BASEURL}'], cwd=project, capture_output=True, text=True, check=False,
        env={**os.environ, **environ})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def skipped(result: subprocess.CompletedProcess[str]) -> set[str]:
    """The languages whose build the run skipped (their line says so)."""
    return {line.split(':')[0] for line in result.stdout.splitlines()
            if line.endswith('unchanged, not built again')}


def workshop(project: Path, language: str) -> dict[str, str]:
    """Every file of a language's workshop, by path, with a digest of its bytes."""
    root = project / '_build' / 'work' / language / 'html'
    return {str(path.relative_to(root)): hashlib.blake2b(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob('*')) if path.is_file()}


def real_builds_agree(project: Path, languages: set[str]) -> None:
    """Each skipped language built for real, without the warm process (which alone skips):
    it must find its workshop exactly as it would have written it."""
    for language in sorted(languages):
        before = workshop(project, language)
        make(project, f'html-{language}')
        assert workshop(project, language) == before, f'{language}: the skip kept stale pages'


def catalog(project: Path, language: str = 'en', docname: str = ARTICLE) -> Path:
    return project / 'locale' / language / 'LC_MESSAGES' / f'{docname}.po'


def edit(path: Path, change) -> None:  # noqa: ANN001
    """Apply *change* to the first translated entry of the catalog at *path*."""
    po = polib.pofile(str(path), wrapwidth=78)
    entry = next(entry for entry in po.translated_entries() if entry.msgid)
    change(entry)
    po.save(str(path))


def test_a_skip_leaves_what_the_build_would_write(tmp_path: Path) -> None:
    """Nothing changed: every language skips. One English message reworded (still
    translated, no term broken): Russian and Turkmen skip, English builds. Each skip is
    what the real build then finds."""
    project = copy_project(tmp_path / 'project')
    make(project, 'html')
    result = make(project, 'html')
    assert skipped(result) == set(LANGUAGES), result.stdout
    real_builds_agree(project, set(LANGUAGES))
    make(project, 'html')  # the real builds above left no manifest: record again
    edit(catalog(project), lambda entry: setattr(entry, 'msgstr', entry.msgstr + ' (Edit 1.)'))
    result = make(project, 'html')
    assert skipped(result) == {'ru', 'tk'}, result.stdout
    page = project / '_build' / 'html' / 'en' / f'{ARTICLE}.html'
    assert page.is_file()
    terms_counted_as_the_builds_count_them(project)
    real_builds_agree(project, {'ru', 'tk'})
    make(project, 'html')
    # a message made fuzzy: every language builds, the others knowing the catalog by its
    # bytes alone (saved a moment before); reworded again at once, whatever they then do
    # is what the real build does
    edit(catalog(project), lambda entry: entry.flags.append('fuzzy'))
    make(project, 'html')
    edit(catalog(project), lambda entry: setattr(entry, 'msgstr', entry.msgstr + ' (Edit 2.)'))
    real_builds_agree(project, skipped(make(project, 'html')))
    views_known_by_bytes_are_compared(project)


def terms_counted_as_the_builds_count_them(project: Path) -> None:
    """A skip compares the termbase totals every language's status page printed, counted
    as the builds count them: every language at once, for the counts' cache keeps only the
    catalogs of the languages counted (a look that counted English alone dropped the
    Turkmen counts, and the English build then counted every Turkmen catalog again)."""
    from newsroom.cli import skipbuild
    from newsroom.i18n.termbase import page_catalog_names
    from newsroom.publishing import inputs

    build = project / '_build'
    job = skipbuild.job_of(['-b', 'html', '-D', 'language=ru', '-D', 'newsroom_workshop=1',
                            '-D', f'newsroom_checked_by={build / "check-po.json"}', '-d',
                            str(build / 'doctrees' / 'ru'), '-c', str(project),
                            str(project / 'docs'), str(build / 'work' / 'ru' / 'html')])
    assert job is not None
    conf = skipbuild.settings(job)
    kept = inputs.read(build / 'doctrees' / 'ru' / inputs.MANIFEST)
    assert kept and set(kept['terms']) == {'en', 'tk'}
    locale = [str(Path(job.srcdir, folder)) for folder in conf['locale_dirs']]
    assert skipbuild.same_terms(job, conf, kept['terms'], locale)
    counts = json.loads((build / 'termbase-warnings.json').read_text(encoding='utf-8'))
    names = page_catalog_names((project / 'locale').resolve(), 'tk')
    assert names and set(names) <= set(counts['entries'])


def views_known_by_bytes_are_compared(project: Path) -> None:
    """A catalog the last build knew by its bytes alone (saved a moment before it started)
    is compared by the view that build read of it, kept in its manifest."""
    from newsroom.cli import skipbuild
    from newsroom.i18n import status

    build = project / '_build'
    job = skipbuild.job_of(['-b', 'html', '-D', 'language=ru', '-D', 'newsroom_workshop=1',
                            '-d', str(build / 'doctrees' / 'ru'), '-c', str(project),
                            str(project / 'docs'), str(build / 'work' / 'ru' / 'html')])
    assert job is not None
    conf = skipbuild.settings(job)
    [folder] = [str(Path(job.srcdir, d)) for d in conf['locale_dirs']]
    relative = str(catalog(project).relative_to(Path(folder) / 'en'))
    now = json.loads(json.dumps(status.catalog_states(catalog(project), 'en', True,
                                                      Path(folder))))
    changed = [(folder, 'en', relative, ['racy', 'bytes'])]
    name = f'{folder}\0en\0{relative}'
    assert skipbuild.same_views(job, conf, changed, {name: now})
    assert not skipbuild.same_views(job, conf, changed, {}), 'no view kept: build'
    other = {**now, 'states': {key: 'fuzzy' for key in now['states']}}
    assert not skipbuild.same_views(job, conf, changed, {name: other})


def recorded_afresh(project: Path) -> None:
    """The builds' manifests taken again when no file is too recent to trust by its stat
    signature (a catalog changed a moment ago is known by its bytes alone, so a later
    change of it can only rebuild: the views compared below need the signatures)."""
    time.sleep(2.1)
    for manifest in (project / '_build' / 'doctrees').glob('*/_newsroom/inputs.json'):
        manifest.unlink()
    make(project, 'html')


def test_every_change_a_build_reads_makes_it_build(tmp_path: Path) -> None:
    """What the other languages' builds read of an English catalog (a message made fuzzy:
    the status page's counts; a term broken: its termbase count; the catalog broken: it
    is refused), another file of a language's locale folder (Turkmen's tag labels), a
    source, an output removed, the environment: each makes the builds that read it run."""
    project = copy_project(tmp_path / 'project')
    make(project, 'html')
    recorded_afresh(project)
    assert skipped(make(project, 'html')) == set(LANGUAGES)

    def rerun(**environ: str) -> set[str]:
        return skipped(make(project, 'html', **environ))

    po = catalog(project)
    edit(po, lambda entry: entry.flags.append('fuzzy'))
    assert rerun() == set(), 'a message made fuzzy changes every status page'
    recorded_afresh(project)
    assert rerun() == set(LANGUAGES)
    po.write_text(po.read_text(encoding='utf-8').replace('Balkan velayat', 'Balkan province'),
                  encoding='utf-8')
    assert rerun() == set(), 'a broken term changes every status page'
    recorded_afresh(project)
    po.write_text(po.read_text(encoding='utf-8') + '\nmsgid "broken\n', encoding='utf-8')
    assert rerun() == set(), 'a refused catalog holds the page back in English'
    recorded_afresh(project)
    tags = project / 'locale' / 'tk' / 'LC_MESSAGES' / 'tags.po'
    tags.write_text(tags.read_text(encoding='utf-8') + '\n', encoding='utf-8')
    assert rerun() == set(), 'the tag labels are read by every language'
    source = project / 'docs' / f'{ARTICLE}.md'
    source.write_text(source.read_text(encoding='utf-8') + '\n', encoding='utf-8')
    assert rerun() == set()
    (project / 'docs' / 'news' / '.notes.txt').write_text('заметки\n', encoding='utf-8')
    assert rerun() == set(), "a hidden file below the site's folder may be a source"
    (project / '.editorconfig').write_text('root = true\n', encoding='utf-8')
    assert rerun() == set(LANGUAGES), "the site folder's own hidden files are no sources"
    (project / '_build' / 'work' / 'tk' / 'html' / 'search.html').unlink()
    assert rerun() == {'ru', 'en'}
    assert (project / '_build' / 'html' / 'tk' / 'search.html').is_file()
    assert rerun(SOURCE_DATE_EPOCH='1700000000') == set()
    assert rerun(SOURCE_DATE_EPOCH='1700000000') == set(LANGUAGES)


def test_the_key_follows_the_date_and_the_environment() -> None:
    """An article dated later is held back until its day: a new day is a new build."""
    import datetime as dt

    from newsroom.publishing import inputs

    argv, environ, code = ['-b', 'html'], {'LANG': 'C'}, 'code stamp'
    today = inputs.key(argv, '/x', environ, code)
    assert inputs.key(argv, '/x', environ, code, dt.date.today()) == today
    assert inputs.key(argv, '/x', {**environ, 'MAKEFLAGS': '-j2'}, code) == today
    assert inputs.key(argv, '/x', {**environ, 'TZ': 'Asia/Ashgabat'}, code) != today
    assert inputs.key([*argv, '-D', 'x=1'], '/x', environ, code) != today
    tomorrow = dt.date.fromordinal(dt.date.today().toordinal() + 1)
    assert inputs.key(argv, '/x', environ, code, tomorrow) != today

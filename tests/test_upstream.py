"""The one seam to Sphinx, docutils, MyST and furo (newsroom/upstream/): private names only
there, the tested releases checked at setup, forks of furo's templates that cannot drift."""

from __future__ import annotations

import ast
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.errors import ExtensionError

from newsroom.upstream import furo_templates, myst_parsing, search_index, translators, versions

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

PACKAGE = Path(__file__).resolve().parent.parent / 'newsroom'
UPSTREAM = PACKAGE / 'upstream'
#: The packages whose private code only newsroom/upstream/ may touch.
PACKAGES = ('sphinx', 'docutils', 'myst_parser', 'furo')
#: Names of theirs that are not ``_``-prefixed but undocumented internals all the same.
UNDOCUMENTED = {
    'sphinx.locale.translators', 'sphinx.transforms.i18n.extract_messages',
    'myst_parser.mdit_to_docutils.base.make_document',
    'myst_parser.mdit_to_docutils.base.DocutilsRenderer.setup_render',
    'myst_parser.parsers.sphinx_.create_md_parser',
    'myst_parser.parsers.sphinx_.MystParser.parse',
}
#: Undocumented attributes of Sphinx's objects, whatever the name they are reached by.
UNDOCUMENTED_ATTRIBUTES = {'listeners', 'translator'}
#: ``_``-prefixed names that are public API: a named tuple's, ``os._exit``.
PUBLIC = {'_replace', '_asdict', '_fields', '_make', '_field_defaults', '_exit'}


def private(name: str) -> bool:
    return name.startswith('_') and not (name.startswith('__') and name.endswith('__'))


def own_names(paths: list[Path]) -> set[str]:
    """The names newsroom defines itself (functions, classes, fields, attributes of self)."""
    names = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                  and isinstance(node.value, ast.Name) and node.value.id in ('self', 'cls')):
                names.add(node.attr)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
    return names


def dotted(node: ast.expr, bound: dict[str, str]) -> str | None:
    """The full name an attribute chain rooted at an imported name stands for."""
    if isinstance(node, ast.Name):
        return bound.get(node.id)
    if isinstance(node, ast.Attribute) and (base := dotted(node.value, bound)):
        return f'{base}.{node.attr}'
    return None


def theirs(name: str) -> bool:
    return name.split('.')[0] in PACKAGES


def private_contacts(source: str, own: set[str]) -> list[str]:
    """Where *source* imports or reaches a private or undocumented name of PACKAGES
    (``line: name``); an attribute ``_x`` of any object, unless newsroom defines ``_x``."""
    tree = ast.parse(source)
    bound: dict[str, str] = {}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound[alias.asname or alias.name.split('.')[0]] = (
                    alias.name if alias.asname else alias.name.split('.')[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                bound[alias.asname or alias.name] = f'{node.module}.{alias.name}'
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f'{node.module}.{alias.name}' for alias in node.names]
        elif isinstance(node, ast.Attribute):
            if name := dotted(node, bound):
                names = [name]  # another library's names are not this test's concern
            elif private(node.attr) and node.attr not in own | PUBLIC:
                found.append(f'{node.lineno}: .{node.attr}')
            elif node.attr in UNDOCUMENTED_ATTRIBUTES and not isinstance(node.value, ast.Name):
                found.append(f'{node.lineno}: .{node.attr}')
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ('getattr', 'setattr', 'hasattr', 'delattr')
              and len(node.args) > 1 and isinstance(node.args[1], ast.Constant)
              and isinstance(node.args[1].value, str) and private(node.args[1].value)
              and node.args[1].value not in own | PUBLIC):
            found.append(f'{node.lineno}: {node.func.id}(…, {node.args[1].value!r})')
        for name in names:
            if theirs(name) and (any(private(part) for part in name.split('.'))
                                 or name in UNDOCUMENTED):
                found.append(f'{node.lineno}: {name}')
    return found


def outside_upstream() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob('*.py')) if UPSTREAM not in p.parents]


def test_no_module_outside_upstream_touches_private_names() -> None:
    paths = outside_upstream()
    own = own_names(paths)
    found = [f'{path.relative_to(PACKAGE)}:{where}' for path in paths
             for where in private_contacts(path.read_text(encoding='utf-8'), own)]
    assert found == []


@pytest.mark.parametrize('source', [
    'from sphinx.util.docutils import _get_settings\n',
    'from sphinx.util import docutils as d\nd._get_settings = None\n',
    'import sphinx.transforms.i18n\nsphinx.transforms.i18n._publish_msgstr\n',
    'def f(env):\n    return env._app._warncount\n',
    'from sphinx import locale\nlocale.translators.pop(("general", "x"), None)\n',
    'from myst_parser.mdit_to_docutils import base\nbase.make_document = None\n',
    'def f(app):\n    return app.events.listeners["builder-inited"]\n',
    'def f(indexer):\n    return getattr(indexer, "_mapping", {})\n',
])
def test_the_private_name_check_finds_each_kind_of_contact(source: str) -> None:
    assert private_contacts(source, own_names(outside_upstream())) != []


def test_the_private_name_check_passes_public_api_and_our_own_names() -> None:
    source = ('from sphinx.locale import get_translation\nfrom sphinx.util import logging\n'
              'from collections import namedtuple\n'
              'class A:\n    def __init__(self):\n        self._own = 1\n'
              'def f(a, t):\n    return a._own, t._replace(x=1), logging.getLogger(__name__)\n')
    assert private_contacts(source, own_names(outside_upstream()) | {'_own'}) == []


@pytest.fixture
def untested(monkeypatch: pytest.MonkeyPatch):
    """Set a package's tested releases aside: *package* is then untested."""
    monkeypatch.delenv(versions.TRIAL, raising=False)

    def set_aside(package: str) -> str:
        monkeypatch.setitem(versions.TESTED, package, ('0.0.0',))
        return versions.installed(package)

    return set_aside


def english_app(make_app, rootdir: Path, tmp_path: Path, *, warningiserror: bool = False,
                **overrides: object) -> SphinxTestApp:
    from test_fastlocale import write_site

    write_site(rootdir, tmp_path / 'site')
    return make_app('html', srcdir=tmp_path / 'site', warningiserror=warningiserror,
                    confoverrides={'language': 'en', **overrides})


def test_an_untested_myst_parser_switches_the_speed_up_off_with_a_warning(
        make_app, rootdir: Path, tmp_path: Path, untested,
        capfd: pytest.CaptureFixture[str]) -> None:
    """One line on stderr, and the build goes on even with warnings as errors (make html's
    -W): a speed-up switched off changes nothing readers see."""
    release = untested('myst-parser')
    app = english_app(make_app, rootdir, tmp_path, warningiserror=True)
    try:
        app.build()
        assert not app.warning.getvalue()
        stderr = capfd.readouterr().err
        assert stderr.count(f'newsroom: myst-parser {release} is untested; translated '
                            f'builds use the slow path') == 1, stderr
        assert not myst_parsing.wanted(app.env)  # on, the tested releases would parse fast
        assert app.registry.source_parsers['markdown'] is MystParser  # MyST's own
        page = (app.outdir / 'news/2025/2025-03-11-fast-1.html').read_text(encoding='utf-8')
        assert '<strong>sea</strong>' in page  # translated all the same, by the slow path
    finally:
        app.cleanup()


def test_the_tested_releases_run_the_speed_up_without_a_warning(
        make_app, rootdir: Path, tmp_path: Path) -> None:
    app = english_app(make_app, rootdir, tmp_path)
    try:
        app.build()
        assert 'untested' not in app.warning.getvalue()
        assert myst_parsing.wanted(app.env)
        # registered through Sphinx's registry: pages and translated messages both use it
        for filetype in MystParser.supported:
            assert app.registry.source_parsers[filetype] is myst_parsing.FastMystParser
    finally:
        app.cleanup()


@pytest.mark.parametrize('copied', sorted(myst_parsing.COPIED))
def test_a_changed_copy_of_myst_switches_the_speed_up_off(
        make_app, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str], copied: str) -> None:
    """MyST's ``parse`` and ``setup_render`` are copied: when the installed source is not
    the one copied (a MyST release changed it, even under a tested version number), MyST's
    own parser runs, with one line on stderr, and the page is translated all the same."""
    assert myst_parsing.drifted() == []  # the copies are of the installed MyST
    monkeypatch.setitem(myst_parsing.COPIED, copied, '0' * 64)
    app = english_app(make_app, rootdir, tmp_path, warningiserror=True)
    try:
        app.build()
        stderr = capfd.readouterr().err
        assert stderr.count(f"newsroom: myst-parser's {copied} changed since "
                            'newsroom/upstream/myst_parsing.py copied it; translated builds '
                            'use the slow path') == 1, stderr
        assert not myst_parsing.wanted(app.env)
        assert app.registry.source_parsers['md'] is MystParser
        page = (app.outdir / 'news/2025/2025-03-11-fast-1.html').read_text(encoding='utf-8')
        assert '<strong>sea</strong>' in page
    finally:
        app.cleanup()


def test_an_untested_sphinx_stops_a_translated_build_at_the_hand_over(
        make_app, rootdir: Path, tmp_path: Path, untested) -> None:
    release = untested('sphinx')
    with pytest.raises(ExtensionError) as raised:
        app = english_app(make_app, rootdir, tmp_path)
        app.cleanup()
    text = str(raised.value)
    assert f'newsroom: sphinx {release} is untested' in text
    assert 'translated pages could be published in the source language' in text
    assert 'pip install -r requirements.txt' in text and 'make check-upstream' in text


def test_the_hand_over_check_catches_sphinx_dropping_our_translator(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Sphinx's ``init`` refactored to test ``isinstance(translator, NullTranslations)``:
    the probe finds our messages no longer reach ``Locale`` and stops the build."""
    from gettext import NullTranslations

    from sphinx import locale

    def init(locale_dirs, language, catalog='sphinx', namespace='general'):
        translator = locale.translators.get((namespace, catalog))
        if isinstance(translator, NullTranslations):
            translator = None
        locale.translators[namespace, catalog] = translator = translator or NullTranslations()
        return translator, False

    translators.check_hand_over('en')  # the real Sphinx takes our messages
    monkeypatch.setattr(locale, 'init', init)
    with pytest.raises(ExtensionError, match='no longer uses the checked translations'):
        translators.check_hand_over('en')
    assert (translators.NAMESPACE, translators.PROBE_DOMAIN) not in locale.translators


def test_the_interface_probe_catches_templates_without_our_catalog(
        make_app, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Sphinx whose templates get another translator than ``app.translator`` (our
    catalog never reaches them) stops the build, on any release: every page would show the
    interface untranslated."""
    from gettext import NullTranslations

    from sphinx.jinja2glue import BuiltinTemplateLoader

    english_app(make_app, rootdir, tmp_path / 'real', language='ru').cleanup()  # real: fine
    init = BuiltinTemplateLoader.init

    def init_elsewhere(self, builder, *args, **kwargs) -> None:
        init(self, builder, *args, **kwargs)
        self.environment.install_gettext_translations(NullTranslations())

    monkeypatch.setattr(BuiltinTemplateLoader, 'init', init_elsewhere)
    with pytest.raises(ExtensionError, match='does not put our interface catalog') as raised:
        english_app(make_app, rootdir, tmp_path / 'copy', language='ru').cleanup()
    assert 'pip install -r requirements.txt' in str(raised.value)


@pytest.mark.parametrize('fork', sorted(furo_templates.FORKS))
def test_each_fork_differs_from_the_installed_furo_only_as_documented(fork: str) -> None:
    furo_text = (furo_templates.furo_theme() / furo_templates.FORKS[fork]).read_text('utf-8')
    ours = (furo_templates.THEME / fork).read_text('utf-8')
    documented = (furo_templates.DOCUMENTED / (fork.replace('/', '--').removesuffix('.html')
                                               + '.diff')).read_text('utf-8').splitlines()
    problems = furo_templates.undocumented(furo_text, ours, documented, fork)
    assert not problems, '\n'.join(problems)


def test_a_change_in_furo_outside_the_documented_differences_is_named() -> None:
    fork = 'partials/icons.html'
    furo_text = (furo_templates.furo_theme() / furo_templates.FORKS[fork]).read_text('utf-8')
    ours = (furo_templates.THEME / fork).read_text('utf-8')
    documented = furo_templates.diff(furo_text, ours, fork)
    lines = furo_text.splitlines()
    changed = [*lines[:2], '<!-- a line furo added -->', *lines[2:]]
    changed[-1] = changed[-1].replace('svg', 'SVG')  # and one it changed
    problems = furo_templates.undocumented('\n'.join(changed), ours, documented, fork)
    assert len(problems) == 2, problems
    assert problems[0].startswith(f'furo/{fork}:3: differs') and 'a line furo added' in problems[0]
    assert problems[1].startswith(f'furo/{fork}:{len(changed)}: differs')
    replaced = furo_text.replace('<title>Contents</title>', '<title>Table</title>')
    problems = furo_templates.undocumented(replaced, ours, documented, fork)
    assert any('no longer has the lines' in p and '<title>Contents</title>' in p
               for p in problems), problems


def search_words(outdir: Path) -> dict[str, object]:
    import json

    text = (outdir / 'searchindex.js').read_text(encoding='utf-8')
    return json.loads(text[text.index('(') + 1:text.rindex(')')])['terms']


def test_an_incremental_search_index_drops_the_words_of_a_removed_page(
        make_app, rootdir: Path, tmp_path: Path) -> None:
    """With Sphinx's own search, a deleted article's words leave ``searchindex.js`` at
    once, as a clean build would have them (``upstream.search_index``)."""
    import shutil

    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    article = srcdir / 'news' / '2025' / '2025-03-10-zyxwordonly.md'
    article.write_text('---\ndate: 2025-03-10\n---\n\n# Новость\n\nзюйдвестка\n',
                       encoding='utf-8')
    overrides = {'newsroom_search_engine': 'sphinx'}
    app = make_app('html', srcdir=srcdir, confoverrides=overrides)
    app.build()
    stemmed = [word for word in search_words(app.outdir) if word.startswith('зюйдвестк')]
    assert stemmed, 'the word is indexed (else this test proves nothing)'
    app.cleanup()
    article.unlink()
    again = make_app('html', srcdir=srcdir, confoverrides=overrides)
    again.build()
    try:
        assert not any(word.startswith('зюйдвестк') for word in search_words(again.outdir))
        assert not again.warning.getvalue().count('untested')
    finally:
        again.cleanup()


def test_pruning_switches_itself_off_on_an_untested_sphinx(untested) -> None:
    """Unit: the indexer left as it is, with one warning (logged through Sphinx)."""

    class Indexer:
        def __init__(self) -> None:
            self._mapping, self._title_mapping = {'gone': set()}, {}
            self._index_entries = {'old': []}

        def prune(self, docnames: object) -> None:
            pass

    indexer = Indexer()
    assert search_index.prune(indexer, ['index'])
    assert indexer._mapping == {} and indexer._index_entries == {}
    untested('sphinx')
    indexer = Indexer()
    assert not search_index.prune(indexer, ['index'])
    assert indexer._mapping == {'gone': set()}


def test_furo_hooks_run_for_html_builders_only(make_app, rootdir: Path, tmp_path: Path,
                                               ) -> None:
    """furo's ``builder-inited`` handler raises for any other builder: a gettext build of a
    furo site works (``upstream.furo_hooks``)."""
    import shutil

    shutil.copytree(rootdir / 'test-news', tmp_path / 'site')
    app = make_app('gettext', srcdir=tmp_path / 'site')
    try:
        app.build()
        assert (app.outdir / 'index.pot').is_file()
    finally:
        app.cleanup()


def test_an_untested_furo_stops_an_html_build(make_app, rootdir: Path, tmp_path: Path,
                                              untested) -> None:
    import shutil

    release = untested('furo')
    shutil.copytree(rootdir / 'test-news', tmp_path / 'site')
    with pytest.raises(ExtensionError, match=f'newsroom: furo {release} is untested'):
        make_app('html', srcdir=tmp_path / 'site').cleanup()


def test_the_warning_count_and_fail_on_warnings_are_read_from_the_app(
        make_app, rootdir: Path, tmp_path: Path) -> None:
    """``upstream.warncount``: what a workshop build reads to mark its tree failed."""
    import shutil

    from newsroom.upstream import warncount

    shutil.copytree(rootdir / 'test-news', tmp_path / 'site')
    (tmp_path / 'site' / 'index.md').write_text(
        (rootdir / 'test-news' / 'index.md').read_text(encoding='utf-8')
        + '\n[a link to nowhere](nowhere.md)\n', encoding='utf-8')
    app = make_app('html', srcdir=tmp_path / 'site', warningiserror=True)
    try:
        assert warncount.fails_on_warnings(app) and warncount.warning_count(app) == 0
        app.build()
        assert 'nowhere' in app.warning.getvalue()
        assert warncount.warning_count(app) > 0
    finally:
        app.cleanup()
    quiet = make_app('html', srcdir=tmp_path / 'site', freshenv=True)
    try:
        assert not warncount.fails_on_warnings(quiet)
    finally:
        quiet.cleanup()


def test_check_upstream_reads_each_contact_from_its_tests(tmp_path: Path) -> None:
    """``make check-upstream``'s table: a contact is broken when one of its tests failed,
    held when all passed (a JUnit report as pytest writes it)."""
    from newsroom.upstream import check

    report = tmp_path / 'junit.xml'
    report.write_text(
        '<testsuites><testsuite>'
        '<testcase classname="tests.test_fastlocale" name="test_a"/>'
        '<testcase classname="tests.test_fastlocale" name="test_b"><failure/></testcase>'
        '<testcase classname="tests.test_upstream" name="test_each_fork_differs_from_the_'
        'installed_furo_only_as_documented[partials/icons.html]"/>'
        '</testsuite></testsuites>', encoding='utf-8')
    results = check.outcomes(report)
    assert check.held('myst_parsing', results) is False
    assert check.held('furo_templates', results) is True
    assert check.held('search_index', results) is None
    rows = {line.split('|')[1].strip(): line.split('|')[3].strip()
            for line in check.table(results)[2:]}
    assert rows['myst_parsing'] == 'broken' and rows['furo_templates'] == 'held'
    assert rows['search_index'] == 'not run'


def test_sphinx_start_up_finds_the_same_sphinx_catalog_without_walking_the_page_catalogs(
        make_app, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``upstream.startup_catalogs``: of every catalog Sphinx's start-up would walk, the one
    it compiles (the ``sphinx`` domain's), found without the walk; compiled as before."""
    import shutil

    from sphinx import application
    from sphinx.util.i18n import CatalogRepository

    from newsroom.upstream import startup_catalogs

    site = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', site)
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
    for name in ('sphinx.po', 'news/sphinx.po', '.hidden/sphinx.po', 'news/2024/x.po'):
        path = site / 'locale' / 'en' / 'LC_MESSAGES' / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'{header}\nmsgid "Search"\nmsgstr "Find"\n', encoding='utf-8')
    (site / 'more' / 'en' / 'LC_MESSAGES').mkdir(parents=True)
    (site / 'more' / 'en' / 'LC_MESSAGES' / 'page.po').write_text(header, encoding='utf-8')
    folders = ['locale', 'more', 'missing']

    def found(kind: type[CatalogRepository]) -> list[tuple[str, str]]:
        return [(str(c.base_dir), c.domain) for c in kind(site, folders, 'en', 'utf-8').catalogs
                if c.domain == 'sphinx']

    assert found(startup_catalogs.SphinxCatalogOnly) == found(CatalogRepository) == [
        (str(site / 'locale' / 'en' / 'LC_MESSAGES'), 'sphinx')]
    assert [c.domain for c in startup_catalogs.SphinxCatalogOnly(
        site, folders, 'en', 'utf-8').catalogs] == ['sphinx']  # no page catalog made

    monkeypatch.setattr(application, 'CatalogRepository', CatalogRepository)
    assert startup_catalogs.install()
    assert application.CatalogRepository is startup_catalogs.SphinxCatalogOnly
    make_app('html', srcdir=site, confoverrides={'language': 'en'})
    assert (site / 'locale' / 'en' / 'LC_MESSAGES' / 'sphinx.mo').is_file()  # compiled
    assert not (site / 'locale' / 'en' / 'LC_MESSAGES' / 'news' / 'sphinx.mo').exists()
    monkeypatch.setattr(application, 'CatalogRepository', object)  # another Sphinx's name
    assert not startup_catalogs.available() and not startup_catalogs.install()


def test_asset_checksums_are_sphinx_s_asked_once(make_app, rootdir: Path, tmp_path: Path,
                                                 untested) -> None:
    """Each page's ``?v=`` is the crc32 of the asset, as Sphinx's own function gives it
    (``upstream.asset_checksums``), and Sphinx's function is asked once per file; on an
    untested Sphinx its own function is back."""
    import re
    import zlib

    from sphinx.builders import html as sphinx_html
    from sphinx.errors import ThemeError

    from newsroom.upstream import asset_checksums

    app = english_app(make_app, rootdir, tmp_path)
    asked: list[str] = []
    original = asset_checksums._original[0]

    def counted(outdir, filename):  # noqa: ANN001, ANN202
        asked.append(os.fspath(filename))
        return original(outdir, filename)

    asset_checksums._checksum.cache_clear()
    asset_checksums._original[:] = [counted]
    try:
        app.build()
    finally:
        asset_checksums._original[:] = [original]
    assert sphinx_html._file_checksum is asset_checksums.remembered
    pages = [path for path in Path(app.outdir).rglob('*.html')]
    tags = {(page, href) for page in pages
            for href in re.findall(r'(?:href|src)="([^"]+\?v=[0-9a-f]{8})"', page.read_text())}
    assert len(pages) > 2 and len({page for page, _ in tags}) == len(pages)
    for page, href in tags:
        path, checksum = href.split('?v=')
        content = Path(app.outdir, path[path.index('_static/'):]).read_bytes().translate(
            None, b'\r')
        assert checksum == f'{zlib.crc32(content):08x}', (page, href)
    assert asked and len(asked) == len(set(asked))  # once per file, not per page
    with pytest.raises(ThemeError):  # Sphinx's refusal, at every call
        asset_checksums.remembered(app.outdir, '_static/a.css?x=1')
    untested('sphinx')
    assert not asset_checksums.install()
    assert sphinx_html._file_checksum is original
    app.cleanup()


def test_the_outdated_checks_give_sphinx_s_verdicts(make_app, rootdir: Path, tmp_path: Path,
                                                    untested) -> None:
    """``upstream.outdated_checks``: after each kind of change, the pages listed, the pages
    to read again and the pages to write again are those of Sphinx's own functions, asked
    of the same environment; on an untested Sphinx its own functions are back."""
    import shutil
    import time

    from sphinx import environment, project
    from sphinx.builders import html as sphinx_html

    from newsroom.upstream import outdated_checks as checks

    suffixes = {'.md': 'markdown', '.rst': 'restructuredtext'}
    site = tmp_path / 'site'
    app = english_app(make_app, rootdir, tmp_path, source_suffix=suffixes,
                      templates_path=['_templates'],
                      exclude_patterns=['_build', 'drafts/**'])
    (site / '_templates').mkdir()
    (site / '_templates' / 'unused.html').write_text('{{ body }}', encoding='utf-8')
    app.build()
    assert project.Project.discover is checks.discover
    assert environment.BuildEnvironment.get_outdated_files is checks.get_outdated_files
    assert sphinx_html.StandaloneHTMLBuilder.get_outdated_docs is checks.get_outdated_docs
    fresh = make_app('html', srcdir=site, confoverrides={
        'language': 'en', 'source_suffix': suffixes, 'templates_path': ['_templates'],
        'exclude_patterns': ['_build', 'drafts/**']})
    env, builder, config = fresh.env, fresh.builder, fresh.config
    buildinfo = Path(builder.outdir, '.buildinfo')
    later = time.time() + 60

    def listing(discover) -> tuple[set[str], dict, dict]:  # noqa: ANN001
        discover(env.project, [*config.exclude_patterns, *config.templates_path,
                               *builder.get_asset_paths()], config.include_patterns)
        return (set(env.project.docnames), dict(env.project._path_to_docname),
                dict(env.project._docname_to_path))

    def verdicts() -> tuple[tuple[set[str], ...], list[str]]:
        """Ours and Sphinx's, compared; ours returned."""
        original_listing = listing(checks._originals['discover'])
        our_listing = listing(checks.discover)
        assert our_listing == original_listing
        files = checks.get_outdated_files(env, False)
        assert files == checks._originals['get_outdated_files'](env, False)
        kept = buildinfo.read_bytes()
        docs = list(checks.get_outdated_docs(builder))
        buildinfo.write_bytes(kept)  # Sphinx's own puts a mismatched one aside
        assert docs == list(checks._originals['get_outdated_docs'](builder))
        buildinfo.write_bytes(kept)
        return files, docs

    article = 'news/2024/2024-01-15-alpha'
    assert verdicts() == ((set(), set(), set()), [])
    source = site / f'{article}.md'
    os.utime(source, (later, later))
    assert verdicts()[0][1] == {article}
    os.utime(source, (later - 3600, later - 3600))
    (site / 'news' / 'added.md').write_text('# Добавлено\n', encoding='utf-8')
    (site / 'drafts').mkdir()
    (site / 'drafts' / 'excluded.md').write_text('# Черновик\n', encoding='utf-8')
    (site / 'notes.txt').write_text('not a page', encoding='utf-8')
    files, docs = verdicts()
    assert files[0] == {'news/added'} and 'news/added' in docs and 'drafts/excluded' not in docs
    (site / 'news' / 'added.md').unlink()
    (site / 'news' / '2025' / '2025-02-10-gamma.md').unlink()
    assert verdicts()[0][2] == {'news/2025/2025-02-10-gamma'}
    Path(env.doctreedir, f'{article}.doctree').unlink()
    assert article in verdicts()[0][1]
    shutil.copy(Path(builder.outdir, 'index.html'), tmp_path / 'index.html')
    Path(builder.outdir, 'index.html').unlink()
    assert 'index' in verdicts()[1]
    shutil.copy2(tmp_path / 'index.html', Path(builder.outdir, 'index.html'))
    os.utime(Path(builder.outdir, 'status.html'), (0, 0))
    assert 'status' in verdicts()[1]
    dependency = site / 'figure.svg'
    dependency.write_text('<svg/>', encoding='utf-8')
    os.utime(dependency, (0, 0))
    env.dependencies['index'].add(dependency)
    assert 'index' not in verdicts()[0][1]
    os.utime(dependency, (later, later))
    assert 'index' in verdicts()[0][1]
    env.dependencies['status'].add(site / 'missing.svg')
    assert 'status' in verdicts()[0][1]
    env.reread_always.add('news/index')
    assert 'news/index' in verdicts()[0][1]
    os.utime(site / '_templates' / 'unused.html', (later, later))  # newer than .buildinfo
    assert len(verdicts()[1]) == len(env.found_docs)
    written = buildinfo.stat().st_mtime  # a template older than that, newer than a page
    os.utime(site / '_templates' / 'unused.html', (written - 10, written - 10))
    beta = 'news/2024/2024-03-02-beta'
    os.utime(site / f'{beta}.md', (0, 0))
    os.utime(Path(builder.outdir, f'{beta}.html'), (written - 20, written - 20))
    assert beta in verdicts()[1]
    os.utime(site / '_templates' / 'unused.html', (0, 0))
    real = buildinfo.read_text(encoding='utf-8')
    buildinfo.write_text('# Sphinx build info version 1\n\nbroken\ntags: x\n', encoding='utf-8')
    assert verdicts()[1] == ['status']  # unreadable: Sphinx warns, and goes on
    lines = real.splitlines(keepends=True)
    buildinfo.write_text(''.join([*lines[:2], 'config: other\n', *lines[3:]]),
                         encoding='utf-8')
    assert len(verdicts()[1]) == len(env.found_docs)  # other settings: every page
    (site / 'news' / 'index.rst').write_text('Twice\n=====\n', encoding='utf-8')  # two sources
    assert 'news/index' in verdicts()[0][1]
    untested('sphinx')
    assert not checks.install()
    assert project.Project.discover is checks._originals['discover']
    assert environment.BuildEnvironment.get_outdated_files is checks._originals[
        'get_outdated_files']
    fresh.cleanup()
    app.cleanup()

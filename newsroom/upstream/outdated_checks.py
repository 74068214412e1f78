"""Which pages there are, and which an incremental build reads and writes again, decided on strings: a speed-up.

Touches: ``Project.discover``, ``BuildEnvironment.get_outdated_files`` and
``StandaloneHTMLBuilder.get_outdated_docs`` (replaced by the functions below), the private
``Project._docname_to_path``, ``_path_to_docname`` and ``_first_source_suffix`` (each
page's source file, as ``doc2path`` and ``path2doc`` find it), and the private
``_has_doc_changed`` and ``_last_modified_time``, called as they are.
Why: before it reads or writes anything, each build lists every page and asks of each
whether its source, doctree, dependencies and output changed, making some ten ``pathlib``
paths per page to ``stat`` four files: at 5,000 articles about 0.6 CPU seconds per
language, a fifth of an incremental build, every build. Here the same files are listed and
the same ``stat`` calls made on plain strings, with the same comparisons; any page not
cleared so (changed, missing, forced to be read again, with a dependency that changed or
cannot be read) is judged by Sphinx's own code, which also logs why; a listing with two
sources for one page, or an unreadable one, is made by Sphinx's own ``discover``, which
warns. The HTML builder's check runs Sphinx's own for a builder that places its pages
otherwise (``dirhtml``), or when the settings or templates changed. Byte-identical verdicts
(tests/test_upstream.py).
Delete when: Sphinx's page listing and outdated checks stop making paths per page
(docs-dev/upstream/sphinx-outdated-pathlib.md).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx import environment, project
from sphinx.builders import html
from sphinx.util.osutil import _last_modified_time

from newsroom.upstream import versions

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from sphinx.environment import BuildEnvironment
    from sphinx.project import Project

#: Sphinx's methods, as they were before ``install``.
_originals: dict[str, Callable[..., object]] = {}


def discover(self: Project, exclude_paths: Iterable[str] = (),
             include_paths: Iterable[str] = ('**',)) -> set[str]:
    """Sphinx's ``Project.discover``: the pages of the source folder, each with its file."""
    self.docnames.clear()
    self._path_to_docname.clear()
    self._docname_to_path.clear()
    folder, suffixes = os.fspath(self.srcdir), tuple(self.source_suffix)
    for filename in project.get_matching_files(self.srcdir, include_paths,
                                               [*exclude_paths, *project.EXCLUDE_PATHS]):
        # path2doc: the listing's names are relative, with '/' and in NFC already
        docname = next((filename.removesuffix(suffix) for suffix in suffixes
                        if filename.endswith(suffix)), None)
        if docname is None:
            continue
        if docname in self.docnames or not os.access(os.path.join(folder, filename), os.R_OK):
            return _originals['discover'](self, exclude_paths, include_paths)  # it warns
        self.docnames.add(docname)
        path = Path(filename)
        self._path_to_docname[path] = docname
        self._docname_to_path[docname] = path
    return self.docnames


def source_paths(env: BuildEnvironment) -> Callable[[str], str]:
    """``env.doc2path(docname)`` as a string, from the project's own table."""
    sources = env.project
    folder, table = os.fspath(sources.srcdir), sources._docname_to_path
    suffix = sources._first_source_suffix

    def path(docname: str) -> str:
        found = table.get(docname)
        return os.path.join(folder, os.fspath(found) if found is not None
                            else docname + suffix)

    return path


def unchanged(source: str, doctree: str, read: int,
              dependencies: set[os.PathLike[str]]) -> bool:
    """Whether Sphinx's ``_has_doc_changed`` would say the page is unchanged, for sure:
    its doctree is a file, and neither its source nor a dependency is newer than when it
    was read (*read*); False when anything is missing or cannot be read."""
    try:
        if not os.path.isfile(doctree) or _last_modified_time(source) > read:
            return False
        return all(os.path.isfile(dependency) and _last_modified_time(dependency) <= read
                   for dependency in dependencies)
    except OSError:
        return False


def get_outdated_files(self: BuildEnvironment, config_changed: bool
                       ) -> tuple[set[str], set[str], set[str]]:
    """Sphinx's ``get_outdated_files``: (added, changed, removed)."""
    if config_changed:
        return _originals['get_outdated_files'](self, config_changed)
    removed = self.all_docs.keys() - self.found_docs
    added: set[str] = set()
    changed: set[str] = set()
    path, doctrees = source_paths(self), os.fspath(self.doctreedir)
    for docname in self.found_docs:
        if docname not in self.all_docs:
            added.add(docname)
            continue
        if docname not in self.reread_always and unchanged(
                path(docname), os.path.join(doctrees, f'{docname}.doctree'),
                self.all_docs[docname], self.dependencies.get(docname, ())):
            continue
        if environment._has_doc_changed(  # Sphinx's verdict, and its reasons in the log
                docname, filename=self.doc2path(docname), reread_always=self.reread_always,
                doctreedir=self.doctreedir, all_docs=self.all_docs,
                dependencies=self.dependencies):
            changed.add(docname)
    return added, changed, removed


def get_outdated_docs(self: html.StandaloneHTMLBuilder) -> Iterator[str]:
    """Sphinx's ``get_outdated_docs`` of the HTML builder: its own for another placement
    of pages, or when the build's settings or templates changed since the last build (it
    reports that)."""
    original = _originals['get_outdated_docs']
    template = int(self.templates.newest_template_mtime() * 10**6) if self.templates else 0
    if (type(self).get_output_path is not html.StandaloneHTMLBuilder.get_output_path
            or settings_changed(self, template)):
        yield from original(self)
        return
    env, outdir, suffix = self.env, os.fspath(self.outdir), self.out_suffix
    path = source_paths(env)
    for docname in env.found_docs:
        if docname not in env.all_docs:
            yield docname
            continue
        target = os.path.join(outdir, docname + suffix)
        try:
            written = _last_modified_time(target)
        except OSError:
            written = 0
        try:
            source = _last_modified_time(path(docname))
        except OSError:  # the source is gone
            continue
        if max(source, template) > written:
            stamp = html._format_rfc3339_microseconds
            html.logger.debug('[build target] target_name %r(%s), template(%s), docname %r(%s)',
                              self.get_output_path(docname), stamp(written), stamp(template),
                              docname, stamp(source))
            yield docname


def settings_changed(builder: html.StandaloneHTMLBuilder, template: int) -> bool:
    """Whether Sphinx's own check must run: ``.buildinfo`` says the settings changed (or
    cannot be read), or a template is newer than it; Sphinx then says so, and puts the
    file aside."""
    path = builder.outdir / '.buildinfo'
    try:
        if html.BuildInfo.load(path) != builder.build_info:
            return True
    except ValueError:
        return True
    except OSError:
        return False
    try:
        return bool(builder.templates) and template > _last_modified_time(path)
    except OSError:
        return False


def available() -> bool:
    """Whether Sphinx still has what this relies on."""
    return (callable(getattr(environment, '_has_doc_changed', None))
            and callable(getattr(project, 'get_matching_files', None))
            and isinstance(getattr(project, 'EXCLUDE_PATHS', None), list)
            and callable(getattr(project.Project, 'discover', None))
            and callable(getattr(html, 'BuildInfo', None))
            and callable(getattr(environment.BuildEnvironment, 'get_outdated_files', None))
            and callable(getattr(html.StandaloneHTMLBuilder, 'get_outdated_docs', None))
            and callable(getattr(html, '_format_rfc3339_microseconds', None)))


def install() -> bool:
    """Make the checks above Sphinx's in this process (Sphinx's own again on an untested
    Sphinx); whether they are. Called at each build's setup."""
    allowed = available() and versions.speed_up('outdated_checks')
    for name, owner, ours in (('discover', project.Project, discover),
                              ('get_outdated_files', environment.BuildEnvironment,
                               get_outdated_files),
                              ('get_outdated_docs', html.StandaloneHTMLBuilder,
                               get_outdated_docs)):
        if getattr(owner, name) is ours:
            if not allowed:
                setattr(owner, name, _originals[name])
        elif allowed:
            _originals[name] = getattr(owner, name)
            setattr(owner, name, ours)
    return allowed

"""Before a warm build: skip it when nothing it reads changed since its last clean-run build (``publishing/inputs.py``).

``make html`` builds every language after any change, and a build with nothing to do still
costs about 1.3 CPU seconds at 5,000 articles (Sphinx's start, its environment, the status
page, the listings, the search index's check). A translator's edit of one English message
changes nothing the Russian and Turkmen builds read but that catalog's view (which
messages are translated or fuzzy, its revision header, why it was refused) and its termbase
count; when those are what the last build saw, and everything else the manifest names is
as it was (command line, environment, date, code, every file of the site's folder, the
output folder), the build is not run: its report is put back and it ends with status 0, as
a build that wrote nothing would. Any doubt (no manifest, a file too recent to trust, a
folder link, more than ``COMPARED`` catalogs changed, several locale folders, an error
here) runs the build.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsroom.core.files import write_atomically
from newsroom.publishing import inputs

#: More catalogs of other languages changed than this (``make update-po``): the build
#: runs, as comparing their views would cost about as much.
COMPARED = 20
TRUE = frozenset({'1', 'true', 'True', 'yes'})
#: The settings read here from ``conf.py``: given on the command line, the build runs.
FROM_CONF = frozenset({'locale_dirs', 'newsroom_languages', 'newsroom_check_catalogs'})


@dataclass(frozen=True)
class Job:
    """A ``sphinx-build`` command line of ``make html`` (a workshop build of a language)."""

    argv: list[str]
    srcdir: str
    confdir: str
    outdir: str
    doctreedir: str
    language: str
    defines: dict[str, str]


def job_of(argv: list[str]) -> Job | None:
    """The build *argv* asks for, if it is one a manifest can describe."""
    from sphinx.cmd.build import get_parser  # noqa: PLC0415

    try:
        args = get_parser().parse_args(argv)
    except SystemExit:
        return None
    defines = dict(define.partition('=')[::2] for define in args.define)
    if (args.builder != 'html' or args.force_all or args.freshenv or args.filenames
            or args.noconfig or defines.get('newsroom_workshop') not in TRUE
            or not defines.get('language') or defines.keys() & FROM_CONF):
        return None
    srcdir, outdir = str(Path(args.sourcedir).resolve()), str(Path(args.outputdir).resolve())
    return Job(list(argv), srcdir, str(Path(args.confdir).resolve()) if args.confdir else srcdir,
               outdir, str(Path(args.doctreedir or Path(outdir, '.doctrees')).resolve()),
               defines['language'], defines)


def settings(job: Job) -> dict[str, Any]:
    """``conf.py`` as Sphinx reads it."""
    from sphinx.config import eval_config_file  # noqa: PLC0415
    from sphinx.util.tags import Tags  # noqa: PLC0415

    return eval_config_file(Path(job.confdir) / 'conf.py', Tags())


def snapshot(job: Job, conf: dict[str, Any]) -> dict[str, Any] | None:
    """What the build reads, as ``publishing/inputs.py`` keeps it; None if it cannot be
    told (a file too recent, a folder link, a source outside the site's folder)."""
    root = job.confdir
    locale = [str(Path(job.srcdir, folder)) for folder in conf.get('locale_dirs', ['locales'])]
    others = [code for code in conf.get('newsroom_languages', ()) if code != job.language]
    skipped = set()
    for path in (job.outdir, job.doctreedir):  # the build tree: its top folder in the site
        relative = os.path.relpath(path, root)
        if relative == '.' or not relative.startswith('..'):
            skipped.add(os.path.realpath(os.path.join(root, relative.split(os.sep)[0])))
    found: dict[str, Any] = {}
    for folder in locale:
        for code in others:
            skipped.add(os.path.realpath(os.path.join(folder, code)))
            marks = inputs.tree_marks(os.path.join(folder, code), set())
            if marks is None:
                return None
            found[f'{folder}\0{code}'] = marks
    outside = [path for path in [job.srcdir, *(os.path.join(f, job.language) for f in locale)]
               if os.path.relpath(path, root).startswith('..')]
    files = inputs.tree_marks(root, skipped)
    if (outside or files is None or os.path.realpath(root) in skipped
            or os.path.realpath(job.srcdir) in skipped):
        return None
    from newsroom.cli.warmkeep import stamp  # noqa: PLC0415

    return {'key': inputs.key(job.argv, os.getcwd(), dict(os.environ), stamp(root)),
            'files': files,
            'others': found, 'locale': locale}


def changed_catalogs(old: dict[str, Any], new: dict[str, Any]
                     ) -> list[tuple[str, str, str, Any]] | None:
    """The other languages' page catalogs whose bytes may have changed (locale folder,
    language, path below it, former mark: ``'none'`` if it was not there), or None if
    another file of theirs changed."""
    changed = []
    for name in old.keys() | new.keys():
        before, after = old.get(name) or {}, new.get(name) or {}
        folder, _, code = name.partition('\0')
        for relative in inputs.changed_files(os.path.join(folder, code), before, after):
            if (relative.split(os.sep)[0] != 'LC_MESSAGES' or not relative.endswith('.po')
                    or relative == os.path.join('LC_MESSAGES', 'tags.po')):
                return None
            changed.append((folder, code, relative, before.get(relative, 'none')))
    return changed


def same_views(job: Job, conf: dict[str, Any], changed: list[tuple[str, str, str, Any]],
               kept: dict[str, Any] | None = None) -> bool:
    """Whether each changed catalog reads as the last build saw it (its view, kept by that
    build by path and signature, or in the manifest for one it knew by its bytes alone,
    *kept*; a catalog it did not have translated nothing)."""
    from newsroom.i18n import status  # noqa: PLC0415

    check = bool(conf.get('newsroom_check_catalogs', True))
    caches: dict[str, Any] = {}
    for folder, code, relative, mark in changed:
        path = os.path.join(folder, code, relative)
        if mark == 'none':
            before = status.NO_CATALOG
        elif mark[:1] == ['racy']:
            before = (kept or {}).get(f'{folder}\0{code}\0{relative}')
            if before is None:
                return False
        else:
            cache = caches.setdefault(code, status.states_cache(job.doctreedir, code))
            entry = cache.entries.get(path)
            if entry is None or entry[0] != mark:
                return False
            before = entry[1]
        after = (status.catalog_states(Path(path), code, check, Path(folder))
                 if os.path.isfile(path) else status.NO_CATALOG)
        if json.loads(json.dumps(after)) != before:
            return False
    return True


def same_terms(job: Job, conf: dict[str, Any], kept: dict[str, Any] | None,
               locale: list[str]) -> bool:
    """Whether the termbase totals the status page printed are still these (None: the
    build printed none), counted as the build counts them: every language at once, as the
    counts' cache keeps only the catalogs of the languages counted."""
    if not kept:
        return True
    from newsroom.i18n import termstatus  # noqa: PLC0415

    cache = termstatus.cache_path_of(job.defines.get('newsroom_checked_by', ''), job.doctreedir)
    now = termstatus.totals(locale, sorted(kept), conf['newsroom_languages'][0], cache)
    return all(now[language] == kept[language] for language in kept)


def unchanged(job: Job, conf: dict[str, Any], found: dict[str, Any]) -> dict[str, Any] | None:
    """The manifest of the last build, if nothing the build reads changed since."""
    kept = inputs.read(Path(job.doctreedir) / inputs.MANIFEST)
    if (kept is None or kept.get('key') != found['key'] or kept.get('locale') != found['locale']
            or inputs.changed_files(job.confdir, kept.get('files') or {}, found['files'])
            or kept.get('outputs') != inputs.outputs_digest(job.outdir)):
        return None
    changed = changed_catalogs(kept.get('others') or {}, found['others'])
    if changed is None or len(changed) > COMPARED or (changed and len(found['locale']) > 1):
        return None
    if changed and not (same_views(job, conf, changed, kept.get('views'))
                        and same_terms(job, conf, kept.get('terms'), found['locale'])):
        return None
    return kept


def skip(argv: list[str]) -> bool:
    """Whether the build *argv* asks for need not run (its report put back); if it must,
    its snapshot is left for it to keep once it ends cleanly. Never raises: in doubt, build."""
    try:
        job = job_of(argv)
        if job is None:
            return False
        conf = settings(job)
        found = snapshot(job, conf)
        if found is None:
            return False
        if (kept := unchanged(job, conf, found)) is not None:
            from newsroom.publishing import report  # noqa: PLC0415

            write_atomically(Path(job.outdir).parent / report.FILENAME, json.dumps(
                {**kept['report'], 'unchanged': True}, ensure_ascii=False, indent=1).encode())
            return True
        pending = Path(job.doctreedir) / inputs.PENDING
        write_atomically(pending, json.dumps(found).encode())
        os.environ[inputs.PENDING_VARIABLE] = str(pending)
    except Exception:  # noqa: BLE001 - the build runs and says what is wrong
        return False
    return False

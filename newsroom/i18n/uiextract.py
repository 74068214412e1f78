"""``python -m newsroom update-ui``: the interface template from the code, merged into each language.

Babel reads every message the interface can show: ``_('…')`` in our modules, ``_()`` and
``{% trans %}`` in our templates, ``Documentation.gettext``/``ngettext`` in our scripts. The
messages of Sphinx and furo that we correct stay in ``sphinx.pot``; all others are ours
(``newsroom.pot``). Each language's ``newsroom.po`` is then merged like a page catalog: every
translation kept, a changed message offered its old translation as fuzzy. Every message gets
a ``#.`` comment saying it is interface text and what shows it; ``sphinx.pot`` and each
``sphinx.po`` get theirs from their references (only the comments change there).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import polib
from babel.messages.extract import extract_from_dir

from newsroom.core.readiness import UI_LOCALE
from newsroom.i18n.pofiles import catalog_bytes, save_catalog
from newsroom.i18n.pomessages import BASEPATH, merge

if TYPE_CHECKING:
    from collections.abc import Iterable

PACKAGE = Path(__file__).resolve().parent.parent
METHODS = [('**/templates/**.html', 'jinja2.ext:babel_extract'),
           ('**/static/**.js', 'javascript'),
           ('**.py', 'python')]
KEYWORDS = {'_': None, 'gettext': None, 'ngettext': (1, 2)}
#: The ``#.`` comment of an interface message, by the kind of file that shows it.
KINDS = {'.html': 'interface (page template)', '.js': 'interface (script)',
         '.py': 'interface'}
#: Where Sphinx's and furo's files (``sphinx.pot``'s references) show their messages.
SHOWN = {'page.html': 'on every page', 'edit-this-page.html': 'on every page',
         'view-this-page.html': 'on every page', 'search.html': 'on the search page',
         'searchtools.js': 'on the search page'}
HEADER = ('Template of the interface strings of the newsroom extensions (newsroom.po).\n'
          'Made by make update-po (python -m newsroom update-ui); do not edit by hand.')


def extracted(package: Path = PACKAGE) -> Iterable[tuple[str, int, str | tuple[str, ...]]]:
    """(file, line, message) of every interface message in *package*."""
    for filename, line, message, _comments, _context in extract_from_dir(
            package, METHODS, keywords=KEYWORDS, options_map={
                '**/templates/**.html': {'extensions': 'jinja2.ext.do'}},
            strip_comment_tags=True):
        yield f'{package.name}/{filename}', line, message


def role(filename: str, *, shown: bool = False) -> str:
    """The ``#.`` comment of an interface message used in *filename*: the kind of file
    (``KINDS``), and with *shown* where that file shows it, if known (``SHOWN``)."""
    kind = KINDS.get(Path(filename).suffix, 'interface')
    where = SHOWN.get(Path(filename).name) if shown else None
    return f'{kind}: {where}' if where else kind


def annotate_theirs(catalog: polib.POFile, pot: polib.POFile | None = None) -> None:
    """The role comments of Sphinx's and furo's messages (``sphinx.pot`` and each language's
    ``sphinx.po``), from each one's references in the template (*pot*; *catalog* itself if
    None). Nothing else of an entry changes; one the template lacks keeps its comment."""
    roles = {(e.msgctxt, e.msgid): '; '.join(dict.fromkeys(
        role(path, shown=True) for path, _line in e.occurrences)) or 'interface'
        for e in (pot if pot is not None else catalog) if e.msgid}
    for entry in catalog:
        if not entry.obsolete and (found := roles.get((entry.msgctxt, entry.msgid))):
            entry.comment = found


def template(package: Path, theirs: set[str], created: str) -> polib.POFile:
    """``newsroom.pot``: the messages met (except *theirs*, the Sphinx and furo messages of
    ``sphinx.pot``), in the order met, each with every place it is used."""
    pot = polib.POFile(wrapwidth=78)
    pot.header = HEADER
    pot.metadata = {'Project-Id-Version': 'newsroom 1.0', 'POT-Creation-Date': created,
                    'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=UTF-8',
                    'Content-Transfer-Encoding': '8bit'}
    entries: dict[str, polib.POEntry] = {}
    for filename, line, message in extracted(package):
        singular, plural = (message, None) if isinstance(message, str) else message[:2]
        if not singular or singular in theirs:
            continue
        entry = entries.get(singular)
        if entry is None:
            entry = entries[singular] = polib.POEntry(msgid=singular)
            if plural:
                entry.msgid_plural, entry.msgstr_plural = plural, {0: '', 1: ''}
            if '%(' in singular or '%%' in singular:
                entry.flags.append('python-format')
            pot.append(entry)
        if (filename, str(line)) not in entry.occurrences:
            entry.occurrences.append((filename, str(line)))
        kind = role(filename)
        if kind not in entry.comment.split('; '):
            entry.comment = '; '.join(filter(None, [entry.comment, kind]))
    return pot


def update(catalog: polib.POFile, pot: polib.POFile) -> tuple[int, int, int]:
    """Merge *pot* into one language's catalog; (new, fuzzy, obsolete)."""
    report = merge(catalog, pot)
    forms = catalog.metadata.get('Plural-Forms', 'nplurals=2;').split(';')[0].split('=')[-1]
    for entry in catalog:
        source = pot.find(entry.msgid) if not entry.obsolete else None
        if source is None:
            continue
        entry.flags = [*source.flags, *(['fuzzy'] if 'fuzzy' in entry.flags else [])]
        if source.msgid_plural and not entry.msgid_plural:
            entry.msgid_plural = source.msgid_plural
            entry.msgstr_plural = dict.fromkeys(range(int(forms.strip() or 2)), '')
    return report.new, report.fuzzy, report.obsolete


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--ui-locale-dir', type=Path, default=UI_LOCALE,
                        help="the interface catalogs and their templates (default: newsroom's)")
    parser.add_argument('--check', action='store_true',
                        help='change nothing; exit 1 if the template or a catalog is stale')


def run(args: argparse.Namespace) -> int:
    """Write ``newsroom.pot`` and merge it into each language (or only check, with --check)."""
    locale_dir: Path = args.ui_locale_dir
    old_pot = polib.pofile(str(locale_dir / 'newsroom.pot'), wrapwidth=78)
    sphinx_pot = polib.pofile(str(locale_dir / 'sphinx.pot'), wrapwidth=78)
    theirs = {e.msgid for e in sphinx_pot}
    pot = template(PACKAGE, theirs, old_pot.metadata.get('POT-Creation-Date', ''))
    stale = []
    annotate_theirs(sphinx_pot)
    files = [(locale_dir / 'newsroom.pot', pot, None), (locale_dir / 'sphinx.pot', sphinx_pot,
                                                        None)]
    for path in sorted(locale_dir.glob('*/LC_MESSAGES/sphinx.po')):
        catalog = polib.pofile(str(path), wrapwidth=78)
        annotate_theirs(catalog, sphinx_pot)
        files.append((path, catalog, None))
    for path in sorted(locale_dir.glob('*/LC_MESSAGES/newsroom.po')):
        catalog = polib.pofile(str(path), wrapwidth=78)
        counts = update(catalog, pot)
        catalog.metadata[BASEPATH] = Path(
            os.path.relpath(PACKAGE.parent, path.parent.resolve())).as_posix()
        files.append((path, catalog, counts))
    for path, catalog, counts in files:
        if path.read_bytes() == catalog_bytes(catalog):
            continue
        stale.append(path)
        if not args.check:
            save_catalog(catalog, path)
        note = '' if counts is None else ' ({} new, {} fuzzy, {} obsolete)'.format(*counts)
        print(f'{path}: {"stale" if args.check else "updated"}{note}')
    if args.check and stale:
        print('the interface catalogs are not up to date with the code: run make update-po',
              file=sys.stderr)
        return 1
    return 0

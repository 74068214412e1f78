"""The releases of Sphinx, docutils, MyST-Parser and furo our contact points were tested with.

A contact is a *speed-up* (the output is byte-identical without it: on an untested release
it switches itself off, saying so on stderr) or *reader-visible* (what readers see depends on
it: an untested release stops the build with an error saying what to do). ``make
check-upstream`` sets ``NEWSROOM_UPSTREAM_TRIAL=1`` to run every contact on the newest
releases and report which held; a site's build never sets it.
"""

from __future__ import annotations

import os
import sys
from importlib import metadata
from typing import NamedTuple

from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The exact releases of requirements.txt, the lock every contact was tested with.
TESTED: dict[str, tuple[str, ...]] = {
    'sphinx': ('9.0.4',),
    'docutils': ('0.22.4',),
    'myst-parser': ('5.2.0',),
    'furo': ('2025.12.19',),
}

#: Set by ``make check-upstream`` only: every release counts as tested.
TRIAL = 'NEWSROOM_UPSTREAM_TRIAL'

SPEED_UP, READER_VISIBLE = 'speed-up', 'reader-visible'


class Contact(NamedTuple):
    """A contact point: its module here, the packages it touches, its kind, and what
    happens without it (a speed-up's slow path, or what readers would see)."""

    name: str
    packages: tuple[str, ...]
    kind: str
    without: str


CONTACTS = {contact.name: contact for contact in (
    Contact('myst_parsing', ('myst-parser', 'sphinx', 'docutils'), SPEED_UP,
            'translated builds use the slow path'),
    Contact('locale_once', ('sphinx',), SPEED_UP,
            'translated messages are parsed twice'),
    Contact('translators', ('sphinx',), READER_VISIBLE,
            'translated pages could be published in the source language'),
    Contact('ui_translations', ('sphinx',), READER_VISIBLE,
            "the interface's words could stay untranslated, in templates and scripts"),
    Contact('furo_templates', ('furo',), READER_VISIBLE,
            "every page would be printed with furo's old markup around its new styles"),
    Contact('furo_navigation', ('furo',), READER_VISIBLE,
            "the sidebar could lose the site's navigation, or furo could see an empty toctree "
            'for something else'),
    Contact('startup_catalogs', ('sphinx',), SPEED_UP,
            "a translated build's start-up walks every page catalog for Sphinx's own"),
    Contact('asset_checksums', ('sphinx',), SPEED_UP,
            "each page's style sheets and scripts resolve their paths for their checksums"),
    Contact('outdated_checks', ('sphinx',), SPEED_UP,
            "each build's check of which pages changed makes paths for every page"),
    Contact('search_index', ('sphinx',), SPEED_UP,
            "an incremental build's search index keeps the words of removed pages until a "
            'clean build'),
)}

_found: dict[str, str] = {}


def installed(package: str) -> str:
    """The installed release of *package* ('' if it is not installed)."""
    if package not in _found:
        try:
            _found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            _found[package] = ''
    return _found[package]


def untested(contact: str) -> list[str]:
    """The packages of *contact* installed in a release ``TESTED`` does not list, as
    ``name version``; none in a trial (``make check-upstream``)."""
    if os.environ.get(TRIAL):
        return []
    return [f'{package} {installed(package) or "(missing)"}'
            for package in CONTACTS[contact].packages
            if installed(package) not in TESTED.get(package, ())]


def message(contact: str, found: list[str]) -> str:
    """What a build says about *contact* on the untested releases *found*."""
    what = CONTACTS[contact]
    tested = ', '.join(f'{p} {" or ".join(TESTED[p])}' for p in what.packages)
    head = f'newsroom: {" and ".join(found)} {"is" if len(found) == 1 else "are"} untested'
    if what.kind == SPEED_UP:
        return f'{head}; {what.without}'
    return (f'{head} ({what.without}, newsroom/upstream/{contact}.py); install the tested '
            f'releases ({tested}: pip install -r requirements.txt), or run `make '
            f'check-upstream` and, if every contact held, add the new release to TESTED in '
            f'newsroom/upstream/versions.py')


def speed_up(contact: str) -> bool:
    """Whether the speed-up *contact* may run; when it may not, one line on stderr. Not a
    Sphinx warning: ``make html`` builds with ``-W``, and a speed-up switched off changes
    nothing a reader sees, so it must not stop the build (``make html`` prints the line
    with the build's warnings). Called once per build at setup."""
    if found := untested(contact):
        print(message(contact, found), file=sys.stderr, flush=True)
        return False
    return True


def require(contact: str) -> None:
    """Stop the build (ExtensionError) if the reader-visible *contact* runs on an untested
    release."""
    if found := untested(contact):
        raise ExtensionError(message(contact, found))

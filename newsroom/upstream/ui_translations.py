"""Our interface catalogs merged into Sphinx's translator, and given to Sphinx's JavaScript.

Touches: ``sphinx.locale.init`` called a second time for the ``sphinx`` catalog (to merge
ours behind Sphinx's own), ``app.translator`` (undocumented: set by Sphinx before
``config-inited``), and the internals of ``Documentation`` in Sphinx's ``doctools.js``
(``addTranslations``, ``TRANSLATIONS``, ``PLURAL_EXPR``, ``LOCALE``).
Why: for a language Sphinx has no catalog of (Turkmen), Sphinx made the templates'
translator a ``NullTranslations`` before ``config-inited`` and ``init()`` replaces it
rather than adding to it, so the templates must be given the one that holds our catalog;
and Sphinx's ``addTranslations`` compiles the plural expression with ``new Function``,
which a Content-Security-Policy without ``'unsafe-eval'`` forbids. Reader-visible (the
interface's words): an untested Sphinx stops the build (:func:`check`), and so does a
Sphinx whose templates do not print our catalog's translation of a probe message
(:func:`probe`), on any release.
Delete when: Sphinx lets an extension add to the templates' catalog
(``app.add_message_catalog`` for ``sphinx``'s domain) and ships a CSP-safe plural function.
"""

from __future__ import annotations

import gettext
from typing import TYPE_CHECKING

import polib
from sphinx import locale
from sphinx.errors import ExtensionError

from newsroom.upstream import versions

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.application import Sphinx

#: Our script replacing ``Documentation.addTranslations`` (``str.format``: locale, catalog
#: as JSON, plural as a checked JavaScript expression of ``n``).
TRANSLATIONS_JS = """\
/* The interface's translations for JavaScript in this language ({locale}); generated. */
"use strict";
(() => {{
  const catalog = {catalog};
  // Sphinx's addTranslations compiles the plural expression with `new Function`, which a
  // Content-Security-Policy without 'unsafe-eval' forbids; this one is compiled here, and
  // our messages (corrections to Sphinx's) stay on top of the ones translations.js adds.
  const plural = (n) => Number({plural});
  Documentation.addTranslations = (added) => {{
    Object.assign(Documentation.TRANSLATIONS, added.messages, catalog.messages);
    Documentation.PLURAL_EXPR = plural;
    Documentation.LOCALE = catalog.locale;
  }};
  Documentation.addTranslations({{messages: {{}}}});
}})();
"""


def use_ui_catalogs(app: Sphinx, mo_dir: Path, language: str) -> None:
    """Merge the ``sphinx.mo`` below *mo_dir* behind Sphinx's own catalog, add our
    ``newsroom.mo`` last, and make the result the templates' translator."""
    locale.init([mo_dir], language)  # behind Sphinx's catalog, used by templates
    translator = locale.get_translator()
    if (mo_dir / language / 'LC_MESSAGES' / 'newsroom.mo').is_file():
        translator.add_fallback(gettext.translation('newsroom', str(mo_dir), [language]))
    app.translator = translator


def probe(app: Sphinx, mo_dir: Path, language: str) -> None:
    """Stop the build unless the builder's templates print our catalog's translation of its
    longest translated message (which no catalog of Sphinx's has), rendered as a template
    renders it: else every page would print the interface untranslated, with no warning.
    At ``builder-inited``, once the templates are set up."""
    mo_path = mo_dir / language / 'LC_MESSAGES' / 'newsroom.mo'
    templates = getattr(app.builder, 'templates', None)
    if not mo_path.is_file() or templates is None:
        return
    entries = [entry for entry in polib.mofile(str(mo_path))
               if entry.msgstr and entry.msgstr != entry.msgid and not entry.msgid_plural
               and not entry.msgctxt]
    if not entries:
        return
    entry = max(entries, key=lambda entry: (len(entry.msgid), entry.msgid))
    said = templates.environment.from_string('{{ _(message) }}').render(message=entry.msgid)
    if said != entry.msgstr:
        raise ExtensionError(
            f'newsroom: Sphinx {versions.installed("sphinx")} does not put our interface '
            f'catalog behind its templates (for {entry.msgid!r} they would print {said!r}, '
            f'not {entry.msgstr!r}): every page would show untranslated words. Install the '
            f'tested Sphinx ({" or ".join(versions.TESTED["sphinx"])}: pip install -r '
            f'requirements.txt) and see newsroom/upstream/ui_translations.py')


def check() -> None:
    """Stop the build on an untested Sphinx (versions.py); at ``builder-inited``, after a
    translated build's check of the page hand-over (``translators.check_hand_over``)."""
    versions.require('ui_translations')

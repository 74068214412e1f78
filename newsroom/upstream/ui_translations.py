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
interface's words): an untested Sphinx stops the build (:func:`check`).
Delete when: Sphinx lets an extension add to the templates' catalog
(``app.add_message_catalog`` for ``sphinx``'s domain) and ships a CSP-safe plural function.
"""

from __future__ import annotations

import gettext
from typing import TYPE_CHECKING

from sphinx import locale

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


def check() -> None:
    """Stop the build on an untested Sphinx (versions.py); at ``builder-inited``, after a
    translated build's check of the page hand-over (``translators.check_hand_over``)."""
    versions.require('ui_translations')

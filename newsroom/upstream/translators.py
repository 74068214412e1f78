"""A page's checked messages handed to Sphinx's ``Locale`` transform as its translator.

Touches: ``sphinx.locale.translators`` (undocumented: the dict of translators by
``(namespace, catalog)``), and relies on ``sphinx.locale.init`` keeping a translator whose
class is not exactly ``NullTranslations`` and on ``Locale`` reading the messages of the
translator it returns from ``_catalog`` (and ``_fallback``'s).
Why: Sphinx reads translations only from ``.mo`` files it compiles itself, unchecked; the
i18n wing checks each catalog, keeps its messages in one file of the build tree, and hands
each page the checked ones (no ``.mo`` per page, none Sphinx could compile unchecked).
Reader-visible: if Sphinx stopped keeping our translator (``init`` testing
``isinstance(translator, NullTranslations)``, a plausible refactor), every translated page
would silently be published in the source language. So an untested Sphinx stops the build
(versions.py) and :func:`check_hand_over` proves, once per build, that ``init`` hands
``Locale`` our messages.
Delete when: Sphinx offers a hook for the messages of a page's translation (an event or a
replaceable catalog loader), docs-dev/upstream/sphinx-double-parse.md names it.
"""

from __future__ import annotations

import gettext

from sphinx import locale
from sphinx.errors import ExtensionError

from newsroom.upstream import versions

NAMESPACE = 'general'
#: A catalog no page has (a page's catalog is named after its document) and its message.
PROBE_DOMAIN, PROBE = 'newsroom-probe/hand-over', ('newsroom probe message', 'ok')


class CheckedTranslations(gettext.NullTranslations):
    """One page's checked messages, where Sphinx's ``Locale`` reads them (``_catalog``)."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._catalog = messages

    def gettext(self, message: str) -> str:
        return self._catalog.get(message, message)


def hand_over(domain: str, messages: dict[str, str] | None) -> None:
    """*messages* become the translator of catalog *domain* (none: Sphinx has none)."""
    if messages:
        locale.translators[NAMESPACE, domain] = CheckedTranslations(messages)
    else:
        locale.translators.pop((NAMESPACE, domain), None)


def handed_over(language: str, domain: str) -> dict[str, str] | None:
    """The messages ``Locale`` reads for *domain*, as it reads them (``init`` with no locale
    dirs, then the ``_catalog`` of the translator and its fallbacks); None if ``init`` says
    there is no translation."""
    translator, has_translation = locale.init([], language, domain)
    if not has_translation:
        return None
    merged: dict[str, str] = {}
    chain: gettext.NullTranslations | None = translator
    while chain is not None:
        merged = {**(getattr(chain, '_catalog', None) or {}), **merged}
        chain = getattr(chain, '_fallback', None)
    return merged


def check_hand_over(language: str) -> None:
    """Stop the build unless the installed Sphinx is tested (versions.py) and hands
    ``Locale`` the messages :func:`hand_over` gives it (a probe catalog, removed after)."""
    versions.require('translators')
    message, translation = PROBE
    hand_over(PROBE_DOMAIN, {message: translation})
    try:
        read = handed_over(language, PROBE_DOMAIN)
        gettext_says = locale.translators[NAMESPACE, PROBE_DOMAIN].gettext(message)
    finally:
        hand_over(PROBE_DOMAIN, None)
    if read is None or read.get(message) != translation or gettext_says != translation:
        raise ExtensionError(
            f'newsroom: Sphinx {versions.installed("sphinx")} no longer uses the checked '
            f'translations handed to it (sphinx.locale.init returned '
            f'{"no translation" if read is None else repr(read.get(message))} for a probe '
            f'message): translated pages would be published in the source language. '
            f'Install the tested Sphinx ({" or ".join(versions.TESTED["sphinx"])}: pip '
            f'install -r requirements.txt) and see newsroom/upstream/translators.py')

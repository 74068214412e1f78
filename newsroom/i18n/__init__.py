"""The i18n wing: catalogs checked and compiled per build, progress shown, translations defused."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.core import VERSION, add_wing_paths

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def on_html_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    """``newsroom_translation``: the notice on a partly translated page;
    ``newsroom_unavailable``: the languages that do not publish this article yet."""
    from newsroom.i18n import status  # noqa: PLC0415 (see setup)

    if notice := status.translation_notice(app, pagename):
        context['newsroom_translation'] = notice
    if notice := status.revision_notice(app, pagename):
        context['newsroom_revision'] = notice
    if unavailable := status.unavailable_languages(app, pagename):
        context['newsroom_unavailable'] = unavailable


def setup(app: Sphinx) -> ExtensionMetadata:
    # Imported here, not above: the command line's catalog tools import this package's
    # modules without the build's (nor MyST's and Sphinx's that they import).
    from newsroom.i18n import (catalogs, checked, doctrees, locations,  # noqa: PLC0415
                               revision, roles, status, statuspage, untrusted,
                               wordcount)
    from newsroom.upstream import locale_once, myst_parsing  # noqa: PLC0415

    app.setup_extension('newsroom.core')
    app.add_config_value('newsroom_locale_dirs', [], 'env', types=frozenset({list}))
    # Turning the checks off is for testing the second line of defence (untrusted.py) only.
    app.add_config_value('newsroom_check_catalogs', True, 'env', types=frozenset({bool}))
    # check-po's record of the catalogs it found clean (make html sets it): those unchanged
    # since are not checked again. The output never depends on it.
    app.add_config_value('newsroom_checked_by', '', '', types=frozenset({str}))
    # Translated messages parsed cheaply, and once, not twice (False: as MyST would; the
    # output never depends on it, so changing it rebuilds nothing); off on untested releases.
    app.add_config_value('newsroom_fast_locale', True, '', types=frozenset({bool}))
    myst_parsing.enable(app)
    locale_once.enable()
    add_wing_paths(app, Path(__file__).parent)
    app.connect('config-inited', catalogs.on_config_inited, priority=900)  # after the core's
    app.connect('builder-inited', catalogs.on_builder_inited)
    app.connect('builder-inited', locations.on_builder_inited)
    app.connect('env-get-outdated', catalogs.on_env_get_outdated)
    app.add_transform(checked.UseCheckedCatalog)
    wordcount.register(app)  # source words per message, for the status page
    app.add_transform(revision.KeepReviewedTranslation)
    app.add_transform(untrusted.ForbidFileInsertion)
    app.add_transform(untrusted.ConfineTranslations)
    # Late, after other handlers that may add nodes; the pickling follows all handlers.
    app.connect('doctree-read', doctrees.on_doctree_read, priority=900)
    app.add_node(status.translation_status)
    app.add_directive('translation-status', status.TranslationStatusDirective)
    app.connect('doctree-resolved', statuspage.on_doctree_resolved)
    app.connect('env-updated', status.on_env_updated)
    app.connect('env-updated', status.on_env_updated_hold_reasons)
    # Last: the table's data reads what the other handlers noted (hold reasons).
    app.connect('env-updated', statuspage.on_env_updated, priority=900)
    app.connect('html-page-context', on_html_page_context)
    app.connect('doctree-resolved', roles.on_doctree_resolved)  # make gettext: #. roles
    app.connect('build-finished', roles.on_build_finished)
    return {'version': VERSION, 'parallel_read_safe': True, 'parallel_write_safe': True}

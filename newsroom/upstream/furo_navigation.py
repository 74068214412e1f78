"""furo's navigation tree replaced through its public context value, without furo first rendering Sphinx's.

Touches: furo's ``html-page-context`` handler (priority 500), relying on its calling
``context["toctree"]`` for nothing but ``furo_navigation_tree``: Sphinx's ``toctree``
callable is set aside before furo's handler runs and handed back right after it, so
furo's call gets an empty tree and every later handler and template gets Sphinx's own.
Why: the site's navigation is bounded (sections and years, in the page's language) and is
given to furo as ``furo_navigation_tree`` after furo; the tree furo would make first, with
Sphinx's ``toctree`` rendered for every page, is thrown away. Rendering it costs 0.85 ms a
page (1,012 pages, 0.85 s; Sphinx's toctree resolution and a new HTML translator each
time), about 13 CPU s of a clean three-language build at 5,000 articles.
Delete when: furo keeps a ``furo_navigation_tree`` an extension set before its handler
(docs-dev/upstream/furo-untranslatable-labels.md).
"""

from __future__ import annotations

from typing import Any

from newsroom.upstream import versions

#: Where Sphinx's ``toctree`` callable waits while furo's handler runs.
SET_ASIDE = 'newsroom_sphinx_toctree'


def no_tree(**kwargs: Any) -> str:
    """What furo's call of ``toctree()`` gets: no tree."""
    return ''


def before_furo(context: dict[str, Any]) -> None:
    """Before furo's handler: Sphinx's ``toctree`` set aside for it."""
    if 'toctree' in context:
        context[SET_ASIDE] = context['toctree']
        context['toctree'] = no_tree


def after_furo(context: dict[str, Any], tree: str) -> None:
    """After furo's handler: Sphinx's ``toctree`` back, and *tree* as furo's navigation."""
    if SET_ASIDE in context:
        context['toctree'] = context.pop(SET_ASIDE)
    context['furo_navigation_tree'] = tree


def check() -> None:
    """Stop the build on an untested furo (versions.py)."""
    versions.require('furo_navigation')

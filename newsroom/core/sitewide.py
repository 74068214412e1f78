"""What every page shows of a few others: the titles of the home page and of the pages its
toctrees list (the sidebar, the ``rel`` links in ``<head>``), and those toctrees.

Sphinx rewrites only the pages whose own toctree includes a retitled page, so after a change
of, say, the news index's title every other page would keep the old one in its sidebar until
a clean build. When one of them changes, every page is written again (no page is reread).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from newsroom.core.domain import news

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

Shown = tuple[str | None, tuple[str, ...]]


def shown_pages(env: BuildEnvironment) -> set[str]:
    """The home page and every page a toctree lists."""
    return {env.config.root_doc} | {name for names in env.toctree_includes.values()
                                    for name in names}


def shown(env: BuildEnvironment, docname: str) -> Shown:
    """What other pages show of *docname*: its title, and the pages its toctrees list."""
    title = env.titles[docname].astext() if docname in env.titles else None
    return title, tuple(env.toctree_includes.get(docname, ()))


def before_reading(env: BuildEnvironment) -> dict[str, Shown]:
    return news(env).per_build('sitewide-before-reading', dict)


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Note what the pages about to be reread showed, while the environment still has it."""
    pages = shown_pages(env)
    before_reading(env).update({name: shown(env, name) for name in docnames
                                if name in pages or name in env.toctree_includes})


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page, if a title or toctree every page shows changed; else none."""
    pages = shown_pages(env)
    changed = sorted(name for name, before in before_reading(env).items()
                     if shown(env, name) != before
                     and (name in pages or before[1] or name in env.toctree_includes))
    if not changed:
        return []
    logger.info('newsroom: %s changed what every page shows; every page is written again',
                ', '.join(changed))
    return sorted(env.found_docs)

"""The core as a Sphinx extension: its settings, the ``news`` domain, reading, checks."""

from __future__ import annotations

import logging as logging_module
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError
from sphinx.util import logging

from newsroom.core import interface, reading, sitewide, unreadable
from newsroom.core.article import stale_pages
from newsroom.core.checks import duplicate_slugs
from newsroom.core.domain import NewsDomain, news
from newsroom.core.site import Site, publishable
from newsroom.core.version import VERSION
from newsroom.core.nodes import depart_foreign, foreign, visit_foreign
from newsroom.upstream.formats import is_myst_config_dump

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata


logger = logging.getLogger(__name__)


UNTRANSLATED = ('hold', 'show')


class NoConfigDump(logging_module.Filter):
    """MyST prints its whole parser configuration (700 characters) on every build."""

    def filter(self, record: logging_module.LogRecord) -> bool:
        return not is_myst_config_dump(record.name, record.getMessage())


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Check our settings; MyST's "Malformed YAML" names no line: the core reports front
    matter itself."""
    if config.newsroom_untranslated not in UNTRANSLATED:
        raise ConfigError(f'newsroom_untranslated must be "hold" (a language publishes only '
                          f'the articles it has translated) or "show" (untranslated ones '
                          f'too, marked), not {config.newsroom_untranslated!r}')
    config.suppress_warnings = [*config.suppress_warnings, 'myst.topmatter']
    # Which languages readers see, read from the catalogs once per build; an 'html' value,
    # so a language becoming ready rewrites every page (its switcher and hreflang links).
    languages = tuple(config.newsroom_languages)
    config.newsroom_published = publishable(languages, config.newsroom_show_unready) or languages
    for handler in logging_module.getLogger('sphinx').handlers:
        if not any(isinstance(f, NoConfigDump) for f in handler.filters):
            handler.addFilter(NoConfigDump())


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Reading is over: compute the index once (before parallel writers fork, so they share
    it), and name the unchanged pages whose lists, links or sidebar changed with it."""
    domain = news(env)
    if Site.from_config(app.config).is_source(app.config.language):
        for name, docnames in duplicate_slugs(domain.articles).items():
            for docname in docnames:
                logger.warning('%s is also %s: the same article twice; keep one file',
                               name, ', '.join(d for d in docnames if d != docname),
                               location=(docname, 1), type='newsroom', subtype='duplicate')
    old, new = domain.changed_order()
    return stale_pages(old, new, domain.listings, env.found_docs)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value('newsroom_languages', ['ru', 'en'], 'env',
                         types=frozenset({list, tuple}))
    app.add_config_value('newsroom_news_dir', 'news', 'env', types=frozenset({str}))
    app.add_config_value('newsroom_untranslated', 'hold', 'env', types=frozenset({str}))
    app.add_config_value('newsroom_show_unready', False, 'env', types=frozenset({bool}))
    # Computed when the configuration is read (not for conf.py): see core/readiness.py.
    app.add_config_value('newsroom_published', (), 'html', types=frozenset({tuple, list}))
    app.setup_extension('newsroom.core.quickexit')
    app.setup_extension('newsroom.core.aside')
    app.setup_extension('newsroom.core.leftout')
    app.add_domain(NewsDomain)
    app.add_node(foreign, html=(visit_foreign, depart_foreign))
    app.add_transform(reading.NoteSourceMessages)
    app.connect('config-inited', on_config_inited, priority=400)  # before every wing's
    app.connect('config-inited', interface.on_config_inited)
    app.connect('config-inited', unreadable.on_config_inited)
    app.connect('builder-inited', unreadable.on_builder_inited)
    app.connect('doctree-read', reading.on_doctree_read)
    app.connect('env-updated', on_env_updated, priority=100)
    app.connect('env-before-read-docs', sitewide.on_env_before_read_docs)
    app.connect('env-updated', sitewide.on_env_updated)
    return {
        'version': VERSION,
        'env_version': 5,
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

"""MyST-Parser's parser as a registered subclass that sets up once per build: a speed-up (``newsroom_fast_locale``).

Touches: MyST-Parser's ``MystParser``, subclassed and registered with Sphinx's public
``app.add_source_parser(..., override=True)``, so that pages and translated messages (Sphinx
takes the parser of both from its registry) are parsed by :class:`FastMystParser`. Its
``parse`` and its renderer's ``setup_render`` are copies of MyST's own (calling MyST's
documented ``read_topmatter``, ``merge_file_level``, ``create_warning`` and
``create_md_parser``, and setting the renderer's private fields ``_heading_offset``,
``_level_to_section``, ``_heading_slugs``), used only while the installed MyST's are exactly
the ones copied (:data:`COPIED`, digests of their source). Sphinx's private ``sphinx.util.docutils._get_settings`` is replaced by a
wrapper that calls it. Docutils' settings (``Values``) are copied per page with a
``DependencyList`` of its own.
Why: a translated build parses every message as a small document, and each parse built
docutils' default settings it then threw away, a new markdown-it parser and a new renderer;
each page read built a new docutils ``OptionParser``. At 1,000 articles the English build
takes 12 s instead of 23 s, byte-identical (tests/test_fastlocale.py).
Delete when: MyST-Parser evaluates ``make_document()`` only without a document and reuses
its markdown-it parser per configuration (docs-dev/upstream/myst-eager-make-document.md),
and Sphinx caches the settings of ``_parse_str_to_doctree``.
"""

from __future__ import annotations

import hashlib
import inspect
import sys
from copy import copy
from typing import TYPE_CHECKING, Any, ClassVar

from docutils.utils import DependencyList
from myst_parser.config.main import TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.base import DocutilsRenderer, get_language_rst
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx.util import docutils as sphinx_docutils

from newsroom.upstream import versions

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from docutils.frontend import Values
    from markdown_it import MarkdownIt
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx

#: The SHA-256 of the source of each MyST function this module copies, as tested: another
#: source switches the speed-up off (the copy could miss a change).
COPIED = {
    'MystParser.parse': '0d71d5731b4a6f7c643ac3d578f5c690f02710b43d18b270160ccdab3b28a0aa',
    'DocutilsRenderer.setup_render':
        '09ae3e2fe89715fd2d705d1dd13e941631e5e3a104214f3f2145d0d7f213ab8c',
}
#: Whether the versions found at the last setup let the speed-up run (versions.py).
_allowed = [False]
_originals: dict[str, Callable[..., Any]] = {}
#: The docutils settings Sphinx built last: (components, defaults, config files?, settings).
_settings: list[tuple[tuple[type, ...], dict[str, Any], bool, Values]] = []


def wanted(env: Any) -> bool:
    """Whether the build of *env* (a Sphinx environment, or anything else) wants the
    speed-up: see :func:`enabled`."""
    return _allowed[0] and bool(getattr(getattr(env, 'config', None), 'newsroom_fast_locale',
                                        False))


def enabled(document: nodes.document | None) -> bool:
    """Whether the build that *document* belongs to wants the speed-up.

    The decision is taken per parse from the document's own build configuration
    (``newsroom_fast_locale``), so builds with and without it can run in one process. A
    document without a Sphinx environment keeps MyST-Parser's own behaviour.
    """
    return wanted(getattr(getattr(document, 'settings', None), 'env', None))


def source_digest(function: Callable[..., Any]) -> str:
    """The SHA-256 of *function*'s source text."""
    return hashlib.sha256(inspect.getsource(function).encode('utf-8')).hexdigest()


def drifted() -> list[str]:
    """The copied MyST functions whose installed source is not the one copied."""
    found = {'MystParser.parse': MystParser.parse,
             'DocutilsRenderer.setup_render': DocutilsRenderer.setup_render}
    return [name for name, function in found.items() if source_digest(function) != COPIED[name]]


class FastRenderer(SphinxRenderer):
    """MyST's Sphinx renderer, set up without a throw-away document."""

    def setup_render(self, options: dict[str, Any], env: Any) -> None:
        """MyST's ``setup_render`` (copied), except that the default document is made only
        when none is passed: MyST runs ``options.get("document", make_document())``, and
        Python evaluates the default (docutils' default settings, an ``OptionParser`` of
        hundreds of options) first, for a document it then drops."""
        if options.get('document') is None:
            super().setup_render(options, env)
            return
        self.md_env = env
        self.md_options = options
        self.md_config = options['myst_config']
        self.document = options['document']
        self.current_node = options.get('current_node', self.document)
        self.reporter = self.document.reporter
        self.language_module_rst = get_language_rst(self.document.settings.language_code)
        self._heading_offset = 0
        self._level_to_section = {0: self.document}
        self._heading_slugs = {}


class FastMystParser(MystParser):
    """MyST's parser, with one markdown-it parser (and renderer) per configuration, reused.

    MyST made a new markdown-it parser (rule chains, plugins) and a new renderer (whose
    ``__init__`` runs ``inspect.getmembers`` to find its ``render_*`` methods) for every
    parse, so for every translated message. Both are reusable: the parser is built from the
    configuration's values only; per-parse state travels in the ``env`` and ``options`` that
    ``MarkdownIt.render`` passes, and ``setup_render`` resets every field of the renderer. A
    parse started inside another (a directive parsing MyST into a new document) finds the
    outer parse's parser taken, and makes its own.
    """

    #: markdown-it parsers not in use, with their configuration: they depend on it alone.
    idle: ClassVar[list[tuple[MdParserConfig, MarkdownIt]]] = []

    def parse(self, inputstring: str, document: nodes.document) -> None:
        """MyST's ``parse`` (copied), with a reused markdown-it parser."""
        if not enabled(document):
            super().parse(inputstring, document)
            return
        config: MdParserConfig = document.settings.env.myst_config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            pass  # this will be reported during the render
        else:
            if topmatter:
                def warning(wtype: str, msg: str) -> None:
                    create_warning(document, msg, wtype, line=1, append_to=document)

                config = merge_file_level(config, topmatter, warning)
        parser = self.take(config)
        parser.options['document'] = document
        try:
            parser.render(inputstring)
        finally:
            parser.options.pop('document', None)  # keep no finished document alive
            self.idle.append((config, parser))
            del self.idle[:-4]

    def take(self, config: MdParserConfig) -> MarkdownIt:
        """An idle markdown-it parser for *config* (MyST's ``options["myst_config"]`` set to
        that very object, as MyST's would be), or a new one."""
        for number, (known, parser) in enumerate(self.idle):
            if known == config:
                del self.idle[number]
                parser.options['myst_config'] = config
                return parser
        return create_md_parser(config, FastRenderer)


def _get_settings(*components: Any, defaults: dict[str, Any],
                  read_config_files: bool = False) -> Values:
    """Sphinx's ``_get_settings``, built once per build instead of once per page read.

    ``_parse_str_to_doctree`` asks for each page's docutils settings with the same
    components and the same defaults (the environment's ``settings`` plus ``traceback``),
    and Sphinx answers with a new ``OptionParser`` every time (hundreds of ``add_option``
    calls). Here the settings are made once, while those defaults are the very same objects,
    and each page gets a copy, as Sphinx's own ``new_document`` does, with a dependency list
    of its own (``record_dependencies`` is per page)."""
    if not wanted(defaults.get('env')):
        return _originals['get_settings'](*components, defaults=defaults,
                                          read_config_files=read_config_files)
    kinds = tuple(c if isinstance(c, type) else type(c) for c in components)
    for known, known_defaults, config_files, settings in _settings:
        if (known == kinds and config_files == read_config_files
                and known_defaults.keys() == defaults.keys()
                and all(defaults[name] is value for name, value in known_defaults.items())):
            break
    else:
        settings = _originals['get_settings'](*components, defaults=defaults,
                                              read_config_files=read_config_files)
        _settings[:] = [(kinds, dict(defaults), read_config_files, settings)]  # one build's
    page = copy(settings)
    page.record_dependencies = DependencyList()
    return page


def install() -> bool:
    """Put the settings wrapper in place (once per process), unless the replaced callable
    is gone."""
    if not _originals:
        found = getattr(sphinx_docutils, '_get_settings', None)
        if found is None:
            return False
        _originals['get_settings'] = found
        sphinx_docutils._get_settings = _get_settings
    return True


def available() -> bool:
    """Whether the speed-up can run on the installed code, whatever its releases: MyST's
    copied functions unchanged, and Sphinx's replaced one there."""
    return not drifted() and install()


def enable(app: Sphinx) -> bool:
    """At setup: the speed-up runs if the installed releases are tested (else one line on
    stderr, see versions.py) and MyST's copied code is unchanged (else one line too); its
    parser is then registered for Markdown. Output never depends on it."""
    _allowed[0] = False
    if not versions.speed_up('myst_parsing'):
        return False
    if changed := drifted():
        print(f"newsroom: myst-parser's {' and '.join(changed)} changed since "
              'newsroom/upstream/myst_parsing.py copied it; translated builds use the slow '
              'path', file=sys.stderr, flush=True)
        return False
    _allowed[0] = install()
    if _allowed[0]:
        app.setup_extension('myst_parser')
        app.add_source_parser(FastMystParser, override=True)
    return _allowed[0]

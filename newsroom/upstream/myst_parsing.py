"""MyST-Parser's and Sphinx's per-parse set-up, done once: a speed-up (``newsroom_fast_locale``).

Touches: ``myst_parser.mdit_to_docutils.base.make_document`` and
``DocutilsRenderer.setup_render``, ``myst_parser.parsers.sphinx_.MystParser.parse`` and
``create_md_parser`` (MyST-Parser), ``sphinx.util.docutils._get_settings`` (Sphinx, private):
each replaced by a wrapper that calls the original; docutils' settings (``Values``,
copied per page with a ``DependencyList`` of its own).
Why: a translated build parses every message as a small document, and each parse built
docutils' default settings it then threw away, a new markdown-it parser and a new
renderer; each page read built a new docutils ``OptionParser``. At 1,000 articles the
English build takes 12 s instead of 23 s, byte-identical (tests/test_fastlocale.py).
Delete when: MyST-Parser evaluates ``make_document()`` only without a document and reuses
its markdown-it parser per configuration (docs-dev/upstream/myst-eager-make-document.md),
and Sphinx caches the settings of ``_parse_str_to_doctree``.
"""

from __future__ import annotations

from copy import copy
from typing import TYPE_CHECKING, Any

from docutils.utils import DependencyList
from myst_parser.mdit_to_docutils import base
from myst_parser.parsers import sphinx_
from sphinx.util import docutils as sphinx_docutils

from newsroom.upstream import versions

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from docutils.frontend import Values
    from markdown_it import MarkdownIt
    from myst_parser.config.main import MdParserConfig

#: Whether the versions found at the last setup let the speed-up run (versions.py).
_allowed = [False]
_originals: dict[str, Callable[..., Any]] = {}
_parsing: list[nodes.document] = []  # the documents MystParser.parse is filling, outermost first
_parsers: dict[type, tuple[MdParserConfig, MarkdownIt]] = {}  # renderer class → its parser
_skip_default_document = False
#: The docutils settings Sphinx built last: (components, defaults, config files?, settings).
_settings: list[tuple[tuple[type, ...], dict[str, Any], bool, Values]] = []


def wanted(env: Any) -> bool:
    """Whether the build of *env* (a Sphinx environment, or anything else) wants the
    workaround: see :func:`enabled`."""
    return _allowed[0] and bool(getattr(getattr(env, 'config', None), 'newsroom_fast_locale',
                                        False))


def enabled(document: nodes.document | None) -> bool:
    """Whether the build that *document* belongs to wants the workaround.

    Patches are process-global; the decision is taken per call from the document's own
    build configuration (``newsroom_fast_locale``), so builds with and without it can run in
    one process. A build without newsroom (no such value), or a document without a Sphinx
    environment, keeps MyST-Parser's own behaviour.
    """
    return wanted(getattr(getattr(document, 'settings', None), 'env', None))


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


def _make_document(*args: Any, **kwargs: Any) -> nodes.document | None:
    """``base.make_document``, except while ``setup_render`` evaluates its unused default.

    ``DocutilsRenderer.setup_render`` runs ``options.get("document", make_document())``:
    Python evaluates the default first, so every parse built docutils' default settings
    (an ``OptionParser``, hundreds of ``add_option`` calls) for a document it then dropped.
    Other callers (``render_restructuredtext``) still get a real document.
    """
    if _skip_default_document:
        return None
    return _originals['make_document'](*args, **kwargs)


def _setup_render(self: base.DocutilsRenderer, options: Any, env: Any) -> None:
    """MyST's ``setup_render``, minus the throw-away default document when one is passed."""
    global _skip_default_document
    _skip_default_document = options.get('document') is not None and enabled(options['document'])
    try:
        _originals['setup_render'](self, options, env)
    finally:
        _skip_default_document = False


def _parse(self: sphinx_.MystParser, inputstring: str, document: nodes.document) -> None:
    """MyST's ``MystParser.parse``, noting which document is being filled.

    A parse started inside another (a directive parsing MyST into a new document) must not
    share the outer parse's markdown-it parser: its renderer holds the outer parse's state.
    """
    _parsing.append(document)
    try:
        _originals['parse'](self, inputstring, document)
    finally:
        _parsing.pop()
        if not _parsing:
            for _config, parser in _parsers.values():
                parser.options.pop('document', None)  # keep no finished document alive


def _create_md_parser(config: MdParserConfig, renderer: type) -> MarkdownIt:
    """``create_md_parser`` for ``MystParser.parse``: one parser per renderer class, reused.

    MyST made a new markdown-it parser (rule chains, plugins) and a new renderer (whose
    ``__init__`` runs ``inspect.getmembers`` to find its ``render_*`` methods) for every
    parse, so for every translated message. Both are reusable: the parser is built from the
    configuration's values only; per-parse state travels in the ``env`` and ``options`` that
    ``MarkdownIt.render`` passes, and ``setup_render`` resets every field of the renderer.
    Reused only for the outermost parse and for an equal configuration (file-level ``myst``
    front matter makes another), with ``options["myst_config"]`` set to the exact object
    MyST would have used; ``parse`` sets ``options["document"]`` after this returns.
    """
    if len(_parsing) != 1 or not enabled(_parsing[0]):
        return _originals['create_md_parser'](config, renderer)
    cached = _parsers.get(renderer)
    if cached is None or cached[0] != config:
        cached = _parsers[renderer] = (config, _originals['create_md_parser'](config, renderer))
    parser = cached[1]
    parser.options['myst_config'] = config
    return parser


def installed() -> bool:
    """Whether the wrappers are in place (they run only for builds that want them)."""
    return bool(_originals)


def install() -> bool:
    """Put the wrappers in place (once per process), unless a replaced callable is gone."""
    if _originals:
        return True
    found = dict(make_document=getattr(base, 'make_document', None),
                 setup_render=getattr(base.DocutilsRenderer, 'setup_render', None),
                 parse=getattr(sphinx_.MystParser, 'parse', None),
                 create_md_parser=getattr(sphinx_, 'create_md_parser', None),
                 get_settings=getattr(sphinx_docutils, '_get_settings', None))
    if not all(found.values()):
        return False
    _originals.update(found)
    base.make_document = _make_document
    base.DocutilsRenderer.setup_render = _setup_render  # type: ignore[method-assign]
    sphinx_.MystParser.parse = _parse  # type: ignore[method-assign]
    sphinx_.create_md_parser = _create_md_parser
    sphinx_docutils._get_settings = _get_settings
    return True


def enable() -> bool:
    """At setup: the speed-up runs if the installed releases are tested (else one warning)
    and the wrappers could be put in place. Output never depends on it."""
    _allowed[0] = versions.speed_up('myst_parsing') and install()
    return _allowed[0]

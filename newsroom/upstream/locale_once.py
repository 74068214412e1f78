"""A translated message parsed once, not twice, by Sphinx's ``Locale`` transform: a speed-up.

Touches: ``sphinx.transforms.i18n.extract_messages`` and the private ``_publish_msgstr``
(replaced by wrappers that call them), ``env._app`` (private: the application, whose
warning count says whether a parse warned, warncount.py) and the ``__slots__`` of
``env.current_document``'s private class (the page's reading state a parse could change).
Why: ``Locale.apply`` parses every message in its first pass (to rename translated section
titles and glossary terms), then, for everything else, drops the result and parses the very
same text again in its second pass. Here the first pass's result is kept for the second
when its parse left the page as it found it: no serial number taken, no warning, the page's
reading state, metadata and dependencies unchanged, except MyST's word count, which is set
again as the second parse would. Same switch as myst_parsing.py
(``newsroom_fast_locale``); byte-identical (tests/test_fastlocale.py).
Delete when: Sphinx's ``Locale`` keeps its first pass's parse for the second
(docs-dev/upstream/sphinx-double-parse.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import i18n as sphinx_i18n

from newsroom.upstream import myst_parsing, versions
from newsroom.upstream.warncount import warning_count

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.environment import BuildEnvironment

_originals: dict[str, Callable[..., Any]] = {}
#: [the document Locale translates, passes over its messages begun, the node translated now]
_pass: list[Any] = [None, 0, None]
#: The first pass's parses kept for the second: (id of node, message) → (patch, word count).
_kept: dict[tuple[int, str], tuple[nodes.Element, Any]] = {}
_UNSET = object()
#: Whether the versions found at the last setup let the speed-up run (versions.py).
_allowed = [False]


def _extract_messages(doctree: nodes.Element) -> Iterator[tuple[nodes.Element, str]]:
    """Sphinx's ``extract_messages``, noting which pass and which node Locale is at."""
    if _pass[0] is not doctree:
        _kept.clear()
        _pass[:] = [doctree, 0, None]
    _pass[1] += 1
    try:
        for node, message in _originals['extract_messages'](doctree):
            _pass[2] = node
            yield node, message
    finally:
        _pass[2] = None


def page_state(env: BuildEnvironment) -> tuple[Any, ...]:
    """What a parse could change for the page being read, besides its result."""
    document = env.current_document
    reading = tuple(_copied(getattr(document, name, None)) for name in type(document).__slots__)
    metadata = dict(env.metadata.get(env.docname, {}))
    metadata.pop('wordcount', None)
    return (reading, metadata, set(env.dependencies.get(env.docname, ())),
            warning_count(env._app))


def _copied(value: Any) -> Any:
    return value.copy() if isinstance(value, (dict, list, set)) else value


def _publish_msgstr(source: str, *args: Any, env: BuildEnvironment, **kwargs: Any,
                    ) -> nodes.Element:
    def parse() -> nodes.Element:
        return _originals['publish_msgstr'](source, *args, env=env, **kwargs)

    node = _pass[2]
    if (node is None or isinstance(node, (nodes.title, nodes.term)) or not _allowed[0]
            or not myst_parsing.wanted(env)):
        return parse()
    key = (id(node), source)
    if _pass[1] > 1:
        patch, wordcount = _kept.pop(key, (None, _UNSET))
        if patch is None:
            return parse()
        if wordcount is not _UNSET:
            env.metadata[env.docname]['wordcount'] = _copied(wordcount)
        return patch
    before, counted = page_state(env), env.metadata.get(env.docname, {}).get('wordcount')
    patch = parse()
    reporter = getattr(patch.document, 'reporter', None)
    if page_state(env) == before and (reporter is None or reporter.max_level < 2):
        wordcount = env.metadata.get(env.docname, {}).get('wordcount', _UNSET)
        _kept[key] = (patch, _copied(wordcount) if wordcount is not counted else _UNSET)
    return patch


def install() -> bool:
    """Put the wrappers in place (once per process), unless a replaced callable is gone."""
    if _originals:
        return True
    found = dict(extract_messages=getattr(sphinx_i18n, 'extract_messages', None),
                 publish_msgstr=getattr(sphinx_i18n, '_publish_msgstr', None))
    if not all(found.values()):
        return False
    _originals.update(found)
    sphinx_i18n.extract_messages = _extract_messages
    sphinx_i18n._publish_msgstr = _publish_msgstr
    return True


def enable() -> bool:
    """At setup: the speed-up runs with ``myst_parsing``'s (its switch) if the installed
    Sphinx is tested (else one warning) and the wrappers could be put in place."""
    _allowed[0] = versions.speed_up('locale_once') and install()
    return _allowed[0]

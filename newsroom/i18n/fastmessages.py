"""A translated message parsed once, not twice, by Sphinx's ``Locale`` transform.

``Locale.apply`` parses every message in its first pass (to rename translated section titles
and glossary terms), then, for everything else, drops the result and parses the very same
text again in its second pass. Here the first pass's result is kept for the second when its
parse left the page as it found it: no serial number taken, no warning, the page's reading
state, metadata and dependencies unchanged, except MyST's word count, which is set again
as the second parse would. Same switch and version pin as fastlocale.py; see
docs-dev/upstream-translated-build-waste.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import i18n as sphinx_i18n

from newsroom.i18n import fastlocale

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.environment import BuildEnvironment

_originals: dict[str, Callable[..., Any]] = {}
#: [the document Locale translates, passes over its messages begun, the node translated now]
_pass: list[Any] = [None, 0, None]
#: The first pass's parses kept for the second: (id of node, message) → (patch, word count).
_kept: dict[tuple[int, str], tuple[nodes.Element, Any]] = {}
_UNSET = object()


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
            env._app._warncount)


def _copied(value: Any) -> Any:
    return value.copy() if isinstance(value, (dict, list, set)) else value


def _publish_msgstr(source: str, *args: Any, env: BuildEnvironment, **kwargs: Any,
                    ) -> nodes.Element:
    def parse() -> nodes.Element:
        return _originals['publish_msgstr'](source, *args, env=env, **kwargs)

    node = _pass[2]
    if node is None or isinstance(node, (nodes.title, nodes.term)) or not fastlocale.wanted(env):
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
    """Patch Sphinx's Locale transform (once per process); False on other versions."""
    if _originals:
        return True
    if not fastlocale.install():  # pinned to the same versions
        return False
    _originals.update(extract_messages=sphinx_i18n.extract_messages,
                      publish_msgstr=sphinx_i18n._publish_msgstr)
    sphinx_i18n.extract_messages = _extract_messages
    sphinx_i18n._publish_msgstr = _publish_msgstr
    return True

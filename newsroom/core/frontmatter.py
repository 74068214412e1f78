"""Front matter as written: each key's raw text and line, for checks before and after reading."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

import yaml


class FrontMatter(NamedTuple):
    """Raw scalars (or lists of them) by key, as YAML composes them before any typing, and
    the 1-based line of each key in the file (``1``, the opening ``---``, when absent);
    *problem* is ``(line, message)`` when the front matter cannot be read at all."""

    values: dict[str, Any]
    lines: dict[str, int]
    problem: tuple[int, str] | None = None
    #: The article must not be read at all (a YAML alias MyST would expand, bytes that are
    #: not UTF-8): it is kept out of the build, the problem reported at its line.
    keep_out: bool = False

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)

    def raw(self, key: str) -> Any:
        return self.values.get(key)


EMPTY = FrontMatter({}, {})


#: The problem of a front matter that uses a YAML alias (see ``NoAliasLoader``).
ALIAS = 'the front matter uses a YAML alias'
#: The problem of a file that is not UTF-8 text.
ENCODING = ('the file is not UTF-8 text (a binary file, or another encoding): save it as '
            'UTF-8, or give it another suffix than .md')


class NoAliasLoader(yaml.SafeLoader):
    """Python's ``SafeLoader``, refusing aliases (``*name``): front matter never needs them,
    and nine nested ones expand a 300-byte header into millions of values."""

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f'{ALIAS} (*{event.anchor}); write the value out instead',
                event.start_mark)
        return super().compose_node(parent, index)


@lru_cache(maxsize=8192)
def compose(source: str) -> yaml.Node | None:
    """The YAML node tree of a front matter, as MyST's ``yaml.safe_load`` reads it (Python's
    ``SafeLoader``: libyaml accepts what it refuses, e.g. a tab after "key:"), aliases
    refused. A page's front matter is read several times per build (drafts, checks, the
    article): parsed once."""
    return yaml.compose(source, Loader=NoAliasLoader)


def raw_value(node: yaml.Node) -> Any:
    """A composed node's text: scalars as written (``2025-13-45`` stays a string), sequences
    as lists; mappings are not front-matter values we read."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [raw_value(item) for item in node.value]
    return None


def parse(text: str) -> FrontMatter:
    """The front matter of a MyST page: the YAML between a first line ``---`` and the next
    ``---`` line. A page without one, or with YAML that does not parse, gives ``EMPTY``
    (the article checks then report the missing fields at line 1)."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != '---':
        return EMPTY
    end = next((n for n, line in enumerate(lines[1:], start=1) if line.rstrip() == '---'), None)
    if end is None:
        return FrontMatter({}, {}, (1, 'the front matter is not closed: add a line "---" '
                                       'after its last field, before the title'))
    try:
        root = compose('\n'.join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, 'problem_mark', None)
        where = (mark.line + 2, mark.column + 1) if mark is not None else (2, 1)
        problem = getattr(exc, 'problem', None) or str(exc).splitlines()[0]
        if ALIAS in problem:
            return FrontMatter({}, {}, (where[0], f'{problem} (line {where[0]})'), True)
        return FrontMatter({}, {}, (where[0], f'the front matter is not valid YAML: {problem} '
                                              f'(line {where[0]}, column {where[1]}); write '
                                              'one "key: value" a line, lists as [a, b], and '
                                              'quote values that hold ":" or "#"'))
    if root is None:
        return EMPTY
    if not isinstance(root, yaml.MappingNode):
        return FrontMatter({}, {}, (2, 'the front matter must be "key: value" lines'))
    values, where = {}, {}
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode):
            values[key.value] = raw_value(value)
            where[key.value] = key.start_mark.line + 2  # after the opening "---"
    return FrontMatter(values, where)


def read(path: Any) -> FrontMatter:
    """The front matter of the file at *path*; one that is not UTF-8 text (a binary file
    named ``.md``) is kept out, its first bad byte's line named."""
    with open(path, 'rb') as source:
        data = source.read()
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as exc:
        return FrontMatter({}, {}, (data[:exc.start].count(b'\n') + 1, ENCODING), True)
    return parse(text)

"""What a translation must keep from its MyST original: URLs, targets, roles, code and paths."""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

CODE = re.compile(r'(`+)(.+?)\1', re.S)
ROLE = re.compile(r'\{([\w:.+-]+)\}(`+)(.+?)\2', re.S)
LINK = re.compile(r'(!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)')
AUTOLINK = re.compile(r'<((?:https?|ftp|mailto):[^>\s]+)>')
BARE_URL = re.compile(r'(?<![(<\w])((?:https?|ftp)://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?\'"])')
FOOTNOTE = re.compile(r'\[\^([^\]]+)\]')
DIRECTIVE = re.compile(r'^\s*(?:`{3,}|~{3,}|:{3,})\s*\{([\w:.+-]+)\}(.*)$', re.M)
FENCE = re.compile(r'^\s*(?:`{3,}|~{3,}|:{3,})\s*$', re.M)
HTML_TAG = re.compile(r'<!--.*?-->|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>', re.S)
TARGET = re.compile(r'^(.*?)\s*<([^<>]+)>\s*$', re.S)


class Token(NamedTuple):
    """A piece of an original that its translation must reproduce exactly."""

    kind: str
    value: str


def _role_token(name: str, content: str) -> Token:
    # ``{ref}`text <target>``: the text may be translated, the target may not
    match = TARGET.match(content)
    return Token('role', f'{{{name}}}`{match.group(2) if match else content}`')


def protected_tokens(text: str) -> Counter[Token]:
    """The URLs, link and image targets, roles, inline code, footnotes and directives of
    *text* (MyST), as a multiset; raw HTML tags are listed as their own kind."""
    tokens: Counter[Token] = Counter()
    for match in DIRECTIVE.finditer(text):
        tokens[Token('directive', f'{{{match.group(1)}}}{match.group(2).rstrip()}')] += 1
    rest = FENCE.sub(' ', DIRECTIVE.sub(' ', text))
    for match in ROLE.finditer(rest):
        tokens[_role_token(match.group(1), match.group(3))] += 1
    rest = ROLE.sub(' ', rest)
    for match in CODE.finditer(rest):
        tokens[Token('code', match.group(2))] += 1
    rest = CODE.sub(' ', rest)
    for match in LINK.finditer(rest):
        tokens[Token('image' if match.group(1) else 'link', match.group(2))] += 1
    rest = LINK.sub(' ', rest)
    for match in AUTOLINK.finditer(rest):
        tokens[Token('link', match.group(1))] += 1
    rest = AUTOLINK.sub(' ', rest)
    for match in HTML_TAG.finditer(rest):
        tokens[Token('html', ' '.join(match.group(0).split()))] += 1
    rest = HTML_TAG.sub(' ', rest)
    for match in BARE_URL.finditer(rest):
        tokens[Token('link', match.group(1))] += 1
    for match in FOOTNOTE.finditer(rest):
        tokens[Token('footnote', match.group(1))] += 1
    return tokens


KIND_NAMES = {
    'directive': 'directive', 'role': 'role', 'code': 'inline code', 'image': 'image path',
    'link': 'link target', 'html': 'raw HTML', 'footnote': 'footnote reference',
}


def markup_differences(original: str, translation: str) -> list[str]:
    """Human-readable differences in protected markup between an original and a translation."""
    expected, found = protected_tokens(original), protected_tokens(translation)
    problems = []
    for token in sorted(found - expected):
        if token.kind == 'html':
            problems.append(f'adds raw HTML {token.value!r}')
        else:
            problems.append(f'adds or changes {KIND_NAMES[token.kind]} {token.value!r}')
    for token in sorted(expected - found):
        problems.append(f'drops or changes {KIND_NAMES[token.kind]} {token.value!r}')
    return problems

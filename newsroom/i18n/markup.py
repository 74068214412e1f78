"""What a translation must keep from its MyST original, judged on the tokens MyST parses."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from markdown_it import MarkdownIt
    from markdown_it.token import Token as MdToken

#: ``myst_enable_extensions`` of conf.py: the parser below is the one MyST builds from it
MYST_EXTENSIONS = frozenset({'colon_fence', 'deflist'})
#: roles whose content is all text, which a translation may change: only the role must stay
TEXT_ROLES = frozenset({'abbr', 'dfn', 'emphasis', 'guilabel', 'kbd', 'menuselection',
                        'strong', 'sub', 'subscript', 'sup', 'superscript'})
#: directives whose body is MyST prose, checked as text; every other body must stay verbatim
PROSE_DIRECTIVES = frozenset({'admonition', 'attention', 'caution', 'danger', 'error', 'hint',
                              'important', 'note', 'seealso', 'tip', 'warning'})
#: a URL in plain text: no link (linkify is off), but a translation may not add one either
BARE_URL = re.compile(r'(?<!\w)(?:https?|ftp)://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?\'"]', re.I)
SHOWN = 100  # characters of a value quoted in a message
NESTED = 'nested'  # the kind of a body that is MyST again: parsed in turn, never reported


class Token(NamedTuple):
    """A piece of an original that its translation must reproduce exactly."""

    kind: str  # as named in messages: 'link target', 'inline code', 'raw HTML'…
    value: str


def myst_parser() -> MarkdownIt:
    """markdown-it as MyST configures it for this project (imported here so the other
    ``python -m newsroom`` commands do not pay for it)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)),
                            RendererHTML)


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The project's MyST parser, built once and reused for every message, without MyST's
    reading time (a word count no token depends on)."""
    md = myst_parser()
    md.core.ruler.disable('wordcount')
    return md


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """The same parser stopped after the block rules: the blocks MyST makes of a text (a
    paragraph, a list, a heading), twenty times faster than a full parse."""
    md = myst_parser()
    md.core.ruler.enableOnly(['normalize', 'block'])
    return md


def explicit_target(content: str) -> str | None:
    """The target of a role's ``text <target>`` (what Sphinx's ``explicit_title_re``,
    ``^(.+?)\\s*(?<!\\x00)<([^<]*?)>$``, matches; the text may be translated), found in
    linear time: that pattern backtracks quadratically on a long run of spaces."""
    body = content.removesuffix('\n')  # ``$`` matches before a final line end too
    start = body.rfind('<')
    if not body.endswith('>') or start < 1 or body[start - 1] == '\x00':
        return None
    return body[start + 1:-1]


def role_token(name: str, content: str) -> Token:
    """``{ref}`text <target>``` keeps its target, ``{abbr}`…``` only its name, any other role
    its whole content; names are compared as docutils looks them up, case-insensitively."""
    name = name.lower()
    if name in TEXT_ROLES:
        return Token('role', f'{{{name}}}')
    target = explicit_target(content)
    return Token('role', f'{{{name}}}`{content if target is None else target}`')


def fence_tokens(token: MdToken) -> Iterator[Token]:
    """A fence as MyST renders it: ``{name} arguments`` is a directive, anything else a code
    block (``` ``` ```, ``~~~``) or a div whose content is MyST again (``:::``)."""
    parts = token.info.strip().split(maxsplit=1)  # as MyST's render_fence splits it
    name = parts[0] if parts else ''
    if name.startswith('{') and name.endswith('}'):
        directive = name[1:-1].lower()
        yield Token('directive', f'{{{directive}}} {parts[1] if len(parts) > 1 else ""}'.rstrip())
        if directive in PROSE_DIRECTIVES:
            yield Token(NESTED, token.content)
        elif token.content:
            yield Token('directive content', token.content)
    elif token.type == 'colon_fence':
        yield Token(NESTED, token.content)
    else:
        yield Token('code block', token.content)


def walk(tokens: Sequence[MdToken]) -> Iterator[Token]:
    """The protected items of a token stream, inline children included (an image's alt text
    is left out: MyST renders it as plain text)."""
    links = 0  # depth inside link text, where a URL is only text
    for token in tokens:
        kind = token.type
        if kind == 'inline':
            yield from walk(token.children or [])
        elif kind == 'link_open':  # inline, reference-style and autolinks alike
            links += 1
            yield Token('link target', str(token.attrGet('href') or ''))
        elif kind == 'link_close':
            links -= 1
        elif kind == 'image':
            yield Token('image path', str(token.attrGet('src') or ''))
        elif kind == 'code_inline':
            yield Token('inline code', token.content)
        elif kind == 'code_block':
            yield Token('code block', token.content)
        elif kind in ('fence', 'colon_fence'):
            yield from fence_tokens(token)
        elif kind in ('html_inline', 'html_block'):
            yield Token('raw HTML', ' '.join(token.content.split()))
        elif kind == 'myst_role':
            yield role_token(token.meta['name'], token.content)
        elif kind == 'footnote_ref':
            yield Token('footnote reference', token.meta['label'])
        elif kind == 'myst_target':
            yield Token('target', token.content)
        elif kind == 'front_matter':
            yield Token('front matter', token.content)
        elif kind == 'text' and not links:
            yield from (Token('link target', url) for url in BARE_URL.findall(token.content))


@lru_cache(maxsize=256)
def parsed(text: str) -> tuple[tuple[MdToken, ...], tuple[str, ...]]:
    """MyST's tokens of *text* and the targets of its reference definitions (used or not),
    whatever line breaks it has (markdown-it breaks lines on \\r too). The last 256 are
    kept: a catalog check asks for each text's blocks and for its protected items, and
    check-po checks a page's catalogs one language after another (one original each)."""
    env: dict[str, Any] = {}
    tokens = parser().parse(text.replace('\r\n', '\n').replace('\r', '\n'), env)
    return tuple(tokens), tuple(ref['href'] for ref in env.get('references', {}).values())


def block_kinds(tokens: Sequence[MdToken]) -> tuple[str, ...]:
    """The kinds of the top-level blocks in a token stream (paragraph, list, heading…)."""
    return tuple(token.type.removesuffix('_open') for token in tokens
                 if token.level == 0 and not token.type.endswith('_close'))


def blocks(text: str) -> tuple[str, ...]:
    """The top-level blocks MyST makes of *text*, from its full parse (the core rules after
    ``block`` only fill in the blocks' inline children)."""
    return block_kinds(parsed(text)[0])


def parsed_tokens(text: str) -> Iterator[Token]:
    """The protected items of MyST *text*: its tokens, and its reference definitions."""
    tokens, references = parsed(text)
    yield from walk(tokens)
    for href in references:
        yield Token('reference definition', href)


def protected_tokens(text: str) -> Counter[Token]:
    """The link and image targets, roles, code, footnote references, directives and raw
    HTML of *text* (MyST), as a multiset. Link titles are not protected: they are tooltips,
    and a link is judged by where it leads. Nested bodies wait in a list, not on the stack:
    no depth of nesting can overflow it."""
    found: Counter[Token] = Counter()
    pending = [text]
    while pending:
        for token in parsed_tokens(pending.pop()):
            if token.kind == NESTED:
                pending.append(token.value)
            else:
                found[token] += 1
    return found


def shown(value: str) -> str:
    """*value* quoted for a message, cut short if long (a directive's body can be)."""
    return repr(value if len(value) <= SHOWN else value[:SHOWN - 1] + '…')


def markup_differences(original: str, translation: str) -> list[str]:
    """Human-readable differences in protected markup between an original and a translation."""
    expected, found = protected_tokens(original), protected_tokens(translation)
    problems = [f'adds raw HTML {shown(token.value)}' if token.kind == 'raw HTML'
                else f'adds or changes {token.kind} {shown(token.value)}'
                for token in sorted(found - expected)]
    problems += [f'drops or changes {token.kind} {shown(token.value)}'
                 for token in sorted(expected - found)]
    return problems

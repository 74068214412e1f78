"""Generated pages (listings, tag pages) are rendered again only when what they print changed.

Sphinx renders every page that extensions generate (``html-collect-pages``) at every build:
at 5,000 articles some 90 to 170 listing pages per language, about a third of an incremental
build. A page's output is a function of its template context, of the templates and of the
code that renders them. So each generated page's context is fingerprinted as the template
receives it (a listing's entries by the digest of what they are made of, without making
them: ``news.lists.ListingEntries``), every function the template calls with it (``pathto``, ``css_tag`` …) is
recorded with its arguments and result, and the next build renders the page again only if
the fingerprint differs, a recorded call now returns something else, the templates or the
code changed, or the page's file is not the one written then. A context holding anything
that cannot be fingerprinted (an object without its own text) is always rendered.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from newsroom.core.cache import StatCache
from newsroom.core.codestamp import code_stamp

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: In the language's doctree folder, beside Sphinx's environment.
FILENAME = 'newsroom-render-memo.json'
#: The packages whose code or templates shape a page.
PACKAGES = ('sphinx', 'jinja2', 'furo', 'docutils')
#: The template that prints an unchanged page's file again, and the name it is given as.
TEMPLATE, UNCHANGED = 'newsroom/unchanged.html', 'newsroom_unchanged'
#: How an object of the context is written (``encode``).
OBJECT = '(object)'


class Unfingerprintable(Exception):  # noqa: N818 (a signal, not an error)
    """The context holds something whose effect on the page cannot be recorded."""


def encode(value: Any, objects: dict[str, Any] | None = None) -> str:
    """*value* as JSON that tells apart everything a template can print of it; an object
    that says what it is (a style sheet, a translated label) is written as its class and
    text, and collected into *objects* (a recorded call's arguments are found there
    again)."""

    def described(thing: Any) -> dict[str, str]:
        kind = type(thing)
        if callable(thing) or kind.__str__ is object.__str__:
            raise Unfingerprintable(f'{kind.__module__}.{kind.__qualname__}')
        marker = f'{kind.__module__}.{kind.__qualname__}:{thing}'
        if objects is not None:
            objects[marker] = thing
        return {OBJECT: marker}

    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=described)
    except (TypeError, ValueError) as exc:  # keys of mixed kinds, a cycle
        raise Unfingerprintable(str(exc)) from exc


class Recorder:
    """Wraps the context's functions, recording each call and its result."""

    def __init__(self) -> None:
        self.calls: list[list[Any]] = []

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        if getattr(function, 'jinja_pass_arg', None) is not None:
            raise Unfingerprintable(name)  # it reads the template's own state

        def recorded(*args: Any, **kwargs: Any) -> Any:
            result = function(*args, **kwargs)
            try:
                self.calls.append([name, encode(args), encode(kwargs), encode(result)])
            except Unfingerprintable:
                self.calls.append([name, None, None, None])  # never replayed equal
            return result

        return recorded


def is_function(value: Any) -> bool:
    return callable(value) and not isinstance(value, str)


def fingerprint(context: dict[str, Any], salt: str) -> tuple[str, dict[str, Any]]:
    """The digest of *context*'s data with *salt* (its functions left out: their calls are
    recorded), and the objects it holds."""
    objects: dict[str, Any] = {}
    data = {name: value for name, value in context.items() if not is_function(value)}
    text = encode([salt, data], objects)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest(), objects


def record(context: dict[str, Any]) -> Recorder:
    """Replace *context*'s functions by ones that record their calls."""
    recorder = Recorder()
    for name, value in list(context.items()):
        if is_function(value):
            context[name] = recorder.wrap(name, value)
    return recorder


def replays(calls: list[list[Any]], context: dict[str, Any], objects: dict[str, Any]) -> bool:
    """Whether every recorded call, made again with this build's functions and the
    context's *objects*, returns what it returned then."""

    def found(value: dict[str, Any]) -> Any:
        return objects[value[OBJECT]] if OBJECT in value else value

    for name, args, kwargs, result in calls:
        function = context.get(name)
        if args is None or not is_function(function):
            return False
        try:
            again = function(*json.loads(args, object_hook=found),
                             **json.loads(kwargs, object_hook=found))
            if encode(again) != result:
                return False
        except Exception:  # noqa: BLE001 (any failure: render it again and see)
            return False
    return True


def code_salt(newest_template: float) -> str:
    """What shapes every page besides its context: the templates' newest time, the
    renderers' versions, and our own code and interface catalogs."""
    return f'{newest_template!r}:{code_stamp(PACKAGES)}'


class RenderMemo:
    """One build's memo of generated pages: what each page's file (as long as the file is
    unchanged: ``StatCache``) was rendered from."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.salt = salt
        self.cache = StatCache(folder / FILENAME, 'render-memo', trust_recent=True)
        self.pending: dict[str, tuple[str, Recorder]] = {}
        self.seen: set[str] = set()
        self.reused = 0

    def page_context(self, pagename: str, target: Path, context: dict[str, Any]) -> str | None:
        """The template that prints the page's file again if it would come out the same
        (its text in ``newsroom_unchanged``); otherwise None, the context's functions now
        recording their calls."""
        try:
            key, objects = fingerprint(context, self.salt)
        except Unfingerprintable:
            return None
        self.seen.add(pagename)
        try:
            entry = self.cache.get(pagename, target.stat())
        except OSError:
            entry = None
        if (isinstance(entry, dict) and entry.get('key') == key
                and replays(entry.get('calls') or [], context, objects)):
            try:
                text = target.read_bytes().decode(context.get('encoding') or 'utf-8')
            except (OSError, UnicodeDecodeError):
                text = None
            if text is not None:
                context[UNCHANGED] = text
                self.reused += 1
                return TEMPLATE
        self.pending[pagename] = (key, record(context))
        return None

    def written(self, pagename: str, target: Path) -> None:
        """The page's file is written: remember what it was rendered from."""
        if (found := self.pending.pop(pagename, None)) is not None:
            key, recorder = found
            self.cache.put(pagename, target.stat(), {'key': key, 'calls': recorder.calls})

    def save(self) -> None:
        self.cache.keep_only(self.seen)
        self.cache.save()


def memo_of(app: Sphinx) -> RenderMemo | None:
    """This build's memo, if its builder keeps one (``quietwrite.HTMLBuilder``)."""
    return app.builder.render_memo if hasattr(type(app.builder), 'render_memo') else None


def on_html_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> str | None:
    """A generated page that would come out as its file is printed again, not rendered."""
    target = getattr(app.builder, 'memo_target', None)
    if target is None or doctree is not None or (memo := memo_of(app)) is None:
        return None
    return memo.page_context(pagename, target, context)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Keep what a successful build's generated pages were rendered from."""
    if exception is not None or (memo := memo_of(app)) is None:
        return
    memo.save()
    logger.info('newsroom: %d of %d generated pages unchanged, not rendered again',
                memo.reused, len(memo.seen))

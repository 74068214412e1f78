"""The interface's own catalogs (ours, and corrections to Sphinx's and furo's strings), per build."""

from __future__ import annotations

import gettext
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.errors import ConfigError
from sphinx.locale import get_translation
from sphinx.util import logging

from newsroom.core.site import Site
from newsroom.upstream import ui_translations
from newsroom.upstream.ui_translations import TRANSLATIONS_JS

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message
    from sphinx.application import Sphinx
    from sphinx.config import Config

_ = get_translation('newsroom')
logger = logging.getLogger(__name__)

UI_LOCALE = Path(__file__).parent / 'locale'


#: Interface catalogs we ship: our own strings, and additions or corrections to the
#: strings of Sphinx and furo (merged behind Sphinx's own catalog, which keeps priority).
UI_DOMAINS = ('newsroom', 'sphinx')


class Markup(HTMLParser):
    """The tags, attributes and character references of an interface string, as a browser
    would read them (templates print many of these strings as HTML)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.found: Counter[tuple[str, ...]] = Counter()
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[('<', tag, *sorted(f'{k}={v}' for k, v in attrs))] += 1

    def handle_endtag(self, tag: str) -> None:
        self.found[('</', tag)] += 1

    def handle_entityref(self, name: str) -> None:
        self.found[('&', name)] += 1

    def handle_charref(self, name: str) -> None:
        self.found[('&#', name)] += 1

    def handle_comment(self, data: str) -> None:
        self.found[('<!--', data)] += 1

    def unknown_decl(self, data: str) -> None:
        self.found[('<!', data)] += 1


#: Characters that start or end markup, a reference or an attribute value where a template
#: prints a string as HTML: a translation may hold no more of each than its original (an
#: unterminated tag or comment, or a bare quote that ends furo's ``placeholder="…"``).
HTML_SYNTAX = '<>&"\''
#: A Python format specification (``%(name)s``, ``%5.2f``, ``%%``…), as ``%`` reads it.
FORMAT_SPEC = re.compile(r'%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[a-zA-Z%]')


#: Bounds of a Plural-Forms header: CLDR's rules need far less, and Python's gettext gives up
#: on deep nesting in the middle of a build, naming no catalog.
MAX_PLURAL_LENGTH, MAX_PLURAL_NESTING = 300, 8


def nesting(text: str) -> int:
    """The deepest nesting of parentheses in *text*."""
    depth = deepest = 0
    for char in text:
        depth += (char == '(') - (char == ')')
        deepest = max(deepest, depth)
    return deepest


def plural_too_complex(header: str) -> bool:
    """Whether a Plural-Forms header is longer or deeper than any real rule."""
    return len(header) > MAX_PLURAL_LENGTH or nesting(header) > MAX_PLURAL_NESTING


def adds_markup(original: str, translation: str) -> bool:
    """Whether *translation* holds markup (tags, comments, references, or characters that
    open one or leave an attribute) that *original* lacks."""
    return (any(translation.count(char) > original.count(char) for char in HTML_SYNTAX)
            or bool(Markup(translation).found - Markup(original).found))


def format_differences(original: str, translation: str) -> list[str]:
    """The format specifications of *translation* that *original* lacks: a width, precision
    or conversion the template never asked for (``%(site)2000000s`` makes every page 2 MB)."""
    allowed = set(FORMAT_SPEC.findall(original))
    return sorted({spec for spec in FORMAT_SPEC.findall(translation)
                   if spec not in allowed and spec != '%%'})


def markup_added(originals: tuple[str, ...], translation: str) -> bool:
    """:func:`adds_markup` against each of *originals* (a plural form may follow the
    singular or the plural original)."""
    return all(adds_markup(original, translation) for original in originals)


def formats_added(originals: tuple[str, ...], translation: str) -> list[str]:
    """:func:`format_differences` against the original *translation* follows best."""
    return min((format_differences(original, translation) for original in originals), key=len)


def refused(originals: tuple[str, ...], translation: str) -> bool:
    """Whether *translation* adds markup or a format specification to its originals."""
    return markup_added(originals, translation) or bool(formats_added(originals, translation))


def unsafe_messages(catalog: Catalog) -> list[Message]:
    """The translations that add markup to their original; they are not used."""
    unsafe = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if any(refused(ids, text) for text in strings if text):
            unsafe.append(message)
    return unsafe


def load_ui_catalog(language: str, domain: str) -> Catalog | None:
    """One of our interface catalogs for *language*, parsed from its ``.po``, if shipped;
    a translation that adds markup is reported and left out (the original is shown)."""
    po_path = UI_LOCALE / language / 'LC_MESSAGES' / f'{domain}.po'
    if not po_path.is_file():
        return None
    with po_path.open('rb') as po_file:
        catalog = read_po(po_file, locale=language.replace('-', '_'))
    if plural_too_complex(header := dict(catalog.mime_headers).get('Plural-Forms', '')):
        logger.info('%s:1: the Plural-Forms header is too complex (%d characters); the '
                    'catalog is not used (make check-po)', po_path, len(header))
        return None
    # Not a warning: a refused translation stops nothing (the original is shown in its
    # place); `make check-po` names it with a hint and fails, the translators' gate.
    for message in unsafe_messages(catalog):
        logger.info('%s:%s: the translation of %r adds HTML or a format width; it is not '
                    'used (interface strings may not add tags, quotes, character references '
                    'or format specifications)', po_path, message.lineno, message.id)
        catalog.delete(message.id, message.context)
    return catalog


def js_translations(catalogs: list[Catalog]) -> dict[str, Any]:
    """The messages of *catalogs* used by JavaScript (located in a ``.js`` file), as Sphinx's
    ``Documentation.addTranslations`` expects them."""
    messages: dict[str, Any] = {}
    for message in (m for catalog in catalogs for m in catalog):
        if not message.id or not any(path.endswith('.js') for path, _line in message.locations):
            continue
        if not message.string or not all(message.string if message.pluralizable else [1]):
            continue
        key = message.id[0] if message.pluralizable else message.id
        messages[key] = list(message.string) if message.pluralizable else message.string
    return {'locale': str(catalogs[0].locale), 'plural_expr': catalogs[0].plural_expr,
            'messages': messages}


def script_json(value: Any) -> str:
    """JSON that cannot end the ``<script>`` element it is printed in."""
    return (json.dumps(value).replace('<', '\\u003c').replace('>', '\\u003e')
            .replace('&', '\\u0026'))


#: The static file (per language) that gives JavaScript the interface's translations.
JS_FILENAME = 'newsroom-translations.js'

#: What a gettext plural expression may hold: ``n``, numbers, operators and parentheses
#: (no names, strings, dots or brackets), so printing it as JavaScript runs nothing else.
PLURAL_EXPRESSION = re.compile(r'[n0-9\s()%<>=!&|?:+*/-]+')

def plural_function_body(expression: str) -> str:
    """*expression* (a catalog's ``Plural-Forms``) checked to be an arithmetic expression
    of ``n`` that gettext itself accepts; ValueError otherwise."""
    if not PLURAL_EXPRESSION.fullmatch(expression):
        raise ValueError(f'plural expression {expression!r} holds more than n, numbers '
                         f'and operators')
    gettext.c2py(expression)  # raises ValueError for anything gettext would refuse
    return f'({expression})'


def translations_js(catalogs: list[Catalog]) -> str:
    """The script that gives Sphinx's ``Documentation`` our catalogs' JavaScript messages
    (a static file: no inline script for the Content-Security-Policy to allow)."""
    translations = js_translations(catalogs)
    return TRANSLATIONS_JS.format(locale=translations['locale'],
                                  catalog=script_json(translations),
                                  plural=plural_function_body(translations['plural_expr']))


def write_translations_js(text: str, folder: Path) -> None:
    """Write the translations script into *folder* (the build's ``_static``)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / JS_FILENAME).write_text(text, encoding='utf-8')


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Check the language list, then load our interface catalog for this build's language."""
    languages = list(Site.from_config(config).languages)
    if config.language not in languages:
        raise ConfigError(
            f'language {config.language!r} is not in newsroom_languages {languages}; '
            f'add it there or build one of {", ".join(languages)} (-D language=…)')
    mo_dir = Path(app.doctreedir) / '_newsroom_locale'
    catalogs = []
    for domain in UI_DOMAINS:
        catalog = load_ui_catalog(config.language, domain)
        if catalog is None:
            continue
        mo_path = mo_dir / config.language / 'LC_MESSAGES' / f'{domain}.mo'
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open('wb') as mo_file:
            write_mo(mo_file, catalog)
        catalogs.append(catalog)
    if not catalogs:
        return
    app.add_message_catalog('newsroom', mo_dir)
    # Templates print our own messages too ("Search" on the search page), so ours come last.
    ui_translations.use_ui_catalogs(app, mo_dir, config.language)
    try:
        script = translations_js(catalogs)
    except ValueError as exc:
        raise ConfigError(f'{UI_LOCALE / config.language / "LC_MESSAGES"}: {exc}; fix the '
                          f'Plural-Forms header of its catalogs') from exc

    def on_builder_inited(app: Sphinx) -> None:
        """Into ``_static`` before pages are written (they name its checksum), after the
        handlers that empty it (a workshop's); never a static path named by build folder,
        which Sphinx's configuration hash (``.buildinfo``) would differ by."""
        ui_translations.check()
        ui_translations.probe(app, mo_dir, config.language)
        if app.builder.format == 'html':
            write_translations_js(script, Path(app.outdir) / '_static')

    app.connect('builder-inited', on_builder_inited, priority=600)
    # After doctools.js (200), before Sphinx's translations.js (500, added last).
    app.add_js_file(JS_FILENAME, priority=450)

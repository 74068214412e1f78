"""One site in several languages: switcher, hreflang links, and the interface's own catalog."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale
from sphinx.errors import ConfigError
from sphinx.locale import get_translation

from newsroom.urls import root_path

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation('newsroom')

PACKAGE = Path(__file__).parent
UI_LOCALE = PACKAGE / 'locale'


def language_name(code: str) -> str:
    """A language's own name for itself, capitalised: "Русский", "English"."""
    name = Locale.parse(code.replace('-', '_')).get_display_name(code.replace('-', '_'))
    return name[:1].upper() + name[1:] if name else code


def page_href(pagename_uri: str, pagename: str, language: str, base_url: str) -> str:
    """The address of *pagename* in *language*: absolute with a base URL, else relative."""
    if base_url:
        return f'{base_url.rstrip("/")}/{language}/{pagename_uri}'
    return '../' * (pagename.count('/') + 1) + f'{language}/{pagename_uri}'


def language_links(
    languages: list[str], current: str, pagename: str, pagename_uri: str, base_url: str,
    link_root: str = '',
) -> list[dict[str, Any]]:
    """One entry per language: code, own name, whether current, and this page's address
    there: ``href`` for readers (relative, so a local copy works; below *link_root* for
    pages served at any address, like 404), ``alternate`` for ``hreflang`` (absolute with a
    base URL)."""
    return [
        {
            'code': code,
            'name': language_name(code),
            'href': (f'{link_root}{code}/{pagename_uri}' if link_root
                     else page_href(pagename_uri, pagename, code, '')),
            'alternate': page_href(pagename_uri, pagename, code, base_url),
            'current': code == current,
        }
        for code in languages
    ]


#: Interface catalogs we ship: our own strings, and additions or corrections to the
#: strings of Sphinx and furo (merged behind Sphinx's own catalog, which keeps priority).
UI_DOMAINS = ('newsroom', 'sphinx')


def load_ui_catalog(language: str, domain: str) -> Catalog | None:
    """One of our interface catalogs for *language*, parsed from its ``.po``, if shipped."""
    po_path = UI_LOCALE / language / 'LC_MESSAGES' / f'{domain}.po'
    if not po_path.is_file():
        return None
    with po_path.open('rb') as po_file:
        return read_po(po_file, locale=language.replace('-', '_'))


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


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Check the language list, then load our interface catalog for this build's language."""
    languages = list(config.newsroom_languages)
    if not languages:
        raise ConfigError('newsroom_languages is empty: list the site languages, '
                          'source language first, e.g. ["ru", "en"]')
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
    locale.init([mo_dir], config.language)  # behind Sphinx's catalog, used by templates
    body = f'Documentation.addTranslations({json.dumps(js_translations(catalogs))});'
    app.add_js_file(None, body=body, priority=600)  # after Sphinx's translations.js


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Links to this page in every language, for the switcher and ``hreflang``."""
    anywhere = pagename == getattr(app.config, 'notfound_pagename', None)
    links = language_links(
        list(app.config.newsroom_languages), app.config.language, pagename,
        app.builder.get_target_uri(pagename), app.config.html_baseurl,
        link_root=root_path(app.config) if anywhere else '',
    )
    context['newsroom_languages'] = links
    context['newsroom_labels'] = {
        'languages': _('Language'),
        'published': _('Published'),
    }


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        'newsroom_languages', ['ru', 'en'], 'env', types=frozenset({list, tuple})
    )
    app.connect('config-inited', on_config_inited)
    app.connect('html-page-context', on_html_page_context)
    return {
        'version': '1.0',
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

"""The masthead: emblem, the site's name and tagline in the reader's language, reader
navigation (Home, News, Tags, Search), icons; maintainers' pages go to the footer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.gettext import MsgOrigin
from sphinx.errors import ConfigError
from sphinx.locale import get_translation

from newsroom.core.article import message_key
from newsroom.core.domain import news
from newsroom.core.site import Site
from newsroom.core.translations import translations

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

_ = get_translation('newsroom')


def on_config_inited(app: Sphinx, config: Config) -> None:
    """The emblem and icons must be files of ``html_static_path``."""
    for name in ('newsroom_emblem', 'newsroom_favicon', 'newsroom_touch_icon'):
        value = getattr(config, name)
        if not value:
            continue
        if not any(Path(app.confdir, folder, value).is_file()
                   for folder in config.html_static_path):
            raise ConfigError(f'{name} = {value!r}: no such file in html_static_path '
                              f'({", ".join(map(str, config.html_static_path))}); put the '
                              "file there, or set it to '' for none")


def translated_tagline(app: Sphinx) -> tuple[str, bool]:
    """``newsroom_tagline`` in this build's language, and whether it is translated."""
    tagline = app.config.newsroom_tagline
    if not tagline or Site.from_config(app.config).is_source(app.config.language):
        return tagline, True

    shown = news(app.env).per_build(
        'tagline', lambda: translations(app, app.config.root_doc).get(tagline, ''))
    return (shown, True) if shown else (tagline, False)


def on_doctree_read(app: Sphinx, doctree: Any) -> None:
    """The tagline is a message of the home page's catalog (``on_write_started``): count it
    with the home page's messages, so the status page agrees with ``make stats``."""
    tagline, docname = app.config.newsroom_tagline, app.env.docname
    domain = news(app.env)
    if not tagline or docname != app.config.root_doc or domain.translation(docname) is None:
        return
    page = domain.translation(docname)
    if message_key(tagline) in page.messages:
        return
    _shown, translated = translated_tagline(app)
    domain.set_translation(docname, replace(
        page, messages=(*page.messages, message_key(tagline)),
        translated=page.translated + translated))


def on_write_started(app: Sphinx, builder: Builder) -> None:
    """For ``make gettext``: the tagline goes into the home page's catalog."""
    if builder.name != 'gettext' or not app.config.newsroom_tagline:
        return
    catalog = builder.catalogs[app.config.root_doc]  # type: ignore[attr-defined]
    catalog.add(app.config.newsroom_tagline, MsgOrigin(str(Path(app.confdir, 'conf.py')), 0))


def reader_sections(app: Sphinx, sections: list[tuple[str, str, str]],
                    pathto: Callable[..., str]) -> list[tuple[str, str, str]]:
    """The reader's menu: the site's sections without maintainers' pages, then Tags and
    Search."""
    site, env = Site.from_config(app.config), app.env
    footer = {app.config.newsroom_about_page, *app.config.newsroom_footer_pages}
    shown = [(url, str(_('Home')) if name == site.root_doc else title, name)
             for url, title, name in sections if name not in footer]
    names = {name for *_, name in shown}
    if news(env).index.tags and site.tag_index not in names:
        shown.append((pathto(site.tag_index), str(_('Tags')), site.tag_index))
    if 'search' not in names:
        shown.append((pathto('search'), str(_('Search')), 'search'))
    return shown


def masthead_context(app: Sphinx, pagename: str, context: dict[str, Any],
                     sections: list[tuple[str, str, str]], current: str | None) -> None:
    """``newsroom_masthead`` and ``newsroom_footer_links`` (the about page, then the
    maintainers' pages)."""
    config, pathto = app.config, context['pathto']
    site = Site.from_config(config)
    tagline, translated = translated_tagline(app)
    tags_folder = site.tag_index.removesuffix('index')
    here = (site.tag_index if pagename.startswith(tags_folder)
            else pagename if pagename == 'search' else current)

    def static(name: str) -> str:
        return pathto(f'_static/{name}', resource=True) if name else ''

    context['newsroom_masthead'] = {
        'name': context.get('docstitle') or config.project,
        'home': pathto(site.root_doc),
        'is_home': pagename == site.root_doc,
        'tagline': tagline,
        'tagline_lang': '' if translated else site.source,
        'emblem': static(config.newsroom_emblem),
        'favicon': static(config.newsroom_favicon),
        'touch_icon': static(config.newsroom_touch_icon),
        'sections': [{'url': url, 'title': title, 'current': name == here}
                     for url, title, name in reader_sections(app, sections, pathto)],
        'label': str(_('Sections')),
        # the masthead's search field; the search page has its own
        'search': {'url': pathto('search'), 'label': str(_('Search'))}
        if pagename != 'search' else None,
    }
    names = [config.newsroom_about_page, *config.newsroom_footer_pages]
    footer = [(name, news(app.env).title(name)) for name in dict.fromkeys(names)
              if name and name in app.env.titles]
    context['newsroom_footer_links'] = [{'url': pathto(name), 'title': title}
                                        for name, title in footer]


def setup_config(app: Sphinx) -> None:
    # File names in html_static_path ('' for none): conf.py names the site's own.
    app.add_config_value('newsroom_emblem', '', 'html', types=frozenset({str}))
    app.add_config_value('newsroom_favicon', '', 'html', types=frozenset({str}))
    app.add_config_value('newsroom_touch_icon', '', 'html', types=frozenset({str}))
    app.add_config_value('newsroom_tagline', '', 'html', types=frozenset({str}))
    app.add_config_value('newsroom_footer_pages', ['status'], 'html',
                         types=frozenset({list, tuple}))
    # The site's about/contact page, first in the footer when the sources have it.
    app.add_config_value('newsroom_about_page', 'about', 'html', types=frozenset({str}))

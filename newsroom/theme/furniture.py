"""Documentation furniture kept off news pages: no "On this page" drawer on articles, lists
and the home page, no code stylesheet on pages without code, no styles for documentation
extensions (Read the Docs, ads, sphinx-design) a news site does not load, and no search
scripts outside the search page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from newsroom.core.domain import news
from newsroom.core.site import Site

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Stylesheets only pages that show code use.
CODE_STYLESHEETS = ('pygments.css',)
#: furo's styles for documentation extensions (ads, Read the Docs versions, sphinx-design).
EXTENSION_STYLESHEETS = ('furo-extensions.css',)
#: Sphinx's scripts for its search page and its interface translations: only the search
#: page runs them (its results are translated in the browser); other pages load none.
SEARCH_SCRIPTS = ('documentation_options.js', 'doctools.js', 'sphinx_highlight.js',
                  'translations.js', 'newsroom-translations.js')
#: What furo's sidebar (the menu drawer of narrow screens) shows: the reader's tree (the
#: masthead has the brand and the one search field; no ads, no version switcher).
SIDEBARS = ['sidebar/scroll-start.html', 'sidebar/navigation.html', 'sidebar/scroll-end.html']


def is_listing(app: Sphinx, pagename: str, doctree: Any) -> bool:
    """Home, pages with a ``news-list`` and generated pages (archives, tags)."""
    site = Site.from_config(app.config)
    return (pagename == site.root_doc or pagename in news(app.env).listings
            or doctree is None)


def has_code(doctree: Any) -> bool:
    return doctree is not None and any(True for _node in doctree.findall(nodes.literal_block))


def without(files: list[Any], names: tuple[str, ...]) -> list[Any]:
    """*files* (Sphinx's stylesheet or script entries) without those named *names*."""
    return [css for css in files
            if str(getattr(css, 'filename', css)).split('?')[0].rsplit('/', 1)[-1]
            not in names]


def on_html_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    """After furo (600): hide its table of contents on news pages; drop unused styles."""
    if news(app.env).article(pagename) is not None or is_listing(app, pagename, doctree):
        context['furo_hide_toc'] = True
    if 'css_files' in context:
        unused = EXTENSION_STYLESHEETS + (() if has_code(doctree) else CODE_STYLESHEETS)
        context['css_files'] = without(context['css_files'], unused)
    if 'script_files' in context and pagename != 'search':
        context['script_files'] = without(context['script_files'], SEARCH_SCRIPTS)


def on_config_inited(app: Sphinx, config: Any) -> None:
    """furo's sidebar for readers, unless ``conf.py`` chose its own ``html_sidebars``."""
    if not config.html_sidebars:
        config.html_sidebars = {'**': SIDEBARS}

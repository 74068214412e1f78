"""The search wing: news-only search with word forms in every language, from a static index.

``newsroom_search_engine = 'newsroom'`` (the default) replaces Sphinx's ``searchindex.js``
by our index (``index.py``, written by ``writer.py`` from ``texts.py``) and our search page;
``'sphinx'`` keeps Sphinx's own search, its results in pages (``newsroom-search-sphinx.js``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError
from sphinx.locale import get_translation

from newsroom.core import VERSION, add_wing_paths
from newsroom.core.article import tag_slug
from newsroom.core.domain import news
from newsroom.core.taglabels import shown_labels
from newsroom.search import pages, texts, writer

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation('newsroom')
ENGINES = ('newsroom', 'sphinx')
SEARCH_PAGE = 'search'


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Check the engine; ours highlights a result's words on the page it opens."""
    if config.newsroom_search_engine not in ENGINES:
        raise ConfigError(f'newsroom_search_engine must be one of {", ".join(ENGINES)}, '
                          f'not {config.newsroom_search_engine!r}')
    check_aliases(config.newsroom_search_aliases)
    if config.newsroom_search_engine == 'newsroom':
        app.add_js_file('newsroom-highlight.js', loading_method='defer')
        if hasattr(config, 'newsroom_workshop_kept_static'):  # the writer keeps it exact
            folder = writer.FOLDER.removeprefix('_static/')
            config.newsroom_workshop_kept_static = [*config.newsroom_workshop_kept_static,
                                                    folder]


def check_aliases(aliases: object) -> None:
    """Aliases are one word each: another spelling -> the name the texts use."""
    from newsroom.search.analysis import tokens

    if not isinstance(aliases, dict):
        raise ConfigError('newsroom_search_aliases must be a dict of spellings to names, '
                          f"e.g. {{'Berdymukhamedov': 'Berdimuhamedov'}}, not {aliases!r}")
    for spelling, name in aliases.items():
        for word in (spelling, name):
            if not isinstance(word, str) or len(tokens(word)) != 1 or tokens(word)[0] != (
                    word.strip().lower().replace('ё', 'е')):
                raise ConfigError(
                    f'newsroom_search_aliases: {spelling!r}: {name!r} must be one word each '
                    '(letters and digits, hyphenated parts joined): write one entry per word '
                    'of a name')
        if tokens(spelling) == tokens(name):
            raise ConfigError(f'newsroom_search_aliases: {spelling!r} is its own alias')


def on_builder_inited(app: Sphinx) -> None:
    """With our engine, Sphinx neither indexes the pages nor writes its search page."""
    if writer.is_ours(app) and hasattr(app.builder, 'search'):
        app.builder.search = False


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Our search page, in place of Sphinx's."""
    if writer.is_ours(app) and app.builder.name in {'html', 'dirhtml'}:
        yield SEARCH_PAGE, {'title': ''}, 'newsroom/search-page.html'


def search_context(app: Sphinx) -> dict[str, Any]:
    """The filters the search page offers (the years and tags of the published news) and
    its labels in this build's language."""
    index = news(app.env).index
    labels = dict(shown_labels(app, [tag.label for tag in index.tags.values()]))
    tags = sorted(((tag_slug(label), shown) for label, shown in labels.items()),
                  key=lambda tag: tag[1].casefold())
    return {'years': list(index.years), 'tags': tags,
            'page_size': app.config.newsroom_search_page_size,
            'labels': {'field': _('Words to find in the news'), 'year': _('Year'),
                       'all_years': _('All years'), 'tag': _('Tag'), 'all_tags': _('All tags'),
                       'newest': _('Newest first'),
                       'noscript': _('Search needs JavaScript; the news are listed by year '
                                     'in the menu.')}}


def on_html_page_context(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    """The search page's filters (ours) or page size (Sphinx's)."""
    if templatename == 'newsroom/search-page.html':
        context['newsroom_search'] = search_context(app)
    elif templatename == 'search.html':
        context['newsroom_search_page_size'] = app.config.newsroom_search_page_size


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension('newsroom.core')
    app.add_config_value('newsroom_search_page_size', 20, 'html', types=frozenset({int}))
    app.add_config_value('newsroom_search_engine', 'newsroom', 'env', types=frozenset({str}))
    # other spellings of names -> the spelling the texts use, read as it on both sides
    app.add_config_value('newsroom_search_aliases', {}, 'html', types=frozenset({dict}))
    add_wing_paths(app, Path(__file__).parent)
    app.add_domain(texts.SearchDomain)
    app.connect('config-inited', pages.on_config_inited)
    app.connect('config-inited', on_config_inited)
    app.connect('builder-inited', on_builder_inited)
    app.connect('doctree-read', texts.on_doctree_read)
    app.connect('html-collect-pages', on_html_collect_pages)
    app.connect('html-page-context', on_html_page_context)
    # the index written as the pages are, on a second core if it may (core/aside.py)
    app.connect('write-started', writer.on_write_started)
    # env_version 3: the texts' words are the index's own (folded), in one string; 4: with
    # their digests
    return {'version': VERSION, 'env_version': 4, 'parallel_read_safe': True,
            'parallel_write_safe': True}

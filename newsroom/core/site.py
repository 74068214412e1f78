"""The site as one value: its languages, public address, title and page names, read once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from babel import Locale
from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def normalise_base_url(value: Any) -> str:
    """The public root with one trailing slash, or ``''`` when none is set."""
    base = str(value or '').strip()
    return base.rstrip('/') + '/' if base else ''


def publishable(languages: tuple[str, ...], show_unready: Any) -> tuple[str, ...] | None:
    """The languages readers see: all of them in a preview (``newsroom_show_unready``),
    else the ready ones."""
    if show_unready in (True, 1, '1', 'yes', 'true', 'True') or not languages:
        return None
    from newsroom.core.readiness import ready

    return ready(languages)


def language_name(code: str) -> str:
    """A language's own name for itself, capitalised: "Русский", "English"."""
    name = Locale.parse(code.replace('-', '_')).get_display_name(code.replace('-', '_'))
    return name[:1].upper() + name[1:] if name else code


@dataclass(frozen=True)
class Site:
    """What every wing, the Makefile and the site-root tools agree on.

    ``languages`` lists the source language first; ``published`` those of them readers see
    (in the switcher, ``hreflang``, sitemaps, the root page and the published tree: see
    :mod:`newsroom.core.readiness`), all of them unless given; ``base_url`` is the root of
    the whole site (each language lives below it, ``…/ru/``, ``…/en/``), ``''`` when not set.
    """

    languages: tuple[str, ...]
    base_url: str = ''
    project: str = ''
    news_dir: str = 'news'
    root_doc: str = 'index'
    published: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if not self.languages:
            raise ConfigError('newsroom_languages is empty: list the site languages, '
                              'source language first, e.g. ["ru", "en"]')
        if self.published is None:
            object.__setattr__(self, 'published', self.languages)

    @classmethod
    def from_config(cls, config: Config) -> Site:
        return cls(tuple(config.newsroom_languages), normalise_base_url(config.html_baseurl),
                   str(config.project), config.newsroom_news_dir.strip('/'), config.root_doc,
                   tuple(config.newsroom_published) or None)

    @classmethod
    def from_confdir(cls, confdir: Path, overrides: dict[str, Any] | None = None) -> Site:
        """Read ``conf.py`` the way Sphinx does (for command-line tools and the Makefile)."""
        from sphinx.config import eval_config_file
        from sphinx.util.tags import Tags

        namespace = {**eval_config_file(Path(confdir) / 'conf.py', Tags()),
                     **(overrides or {})}
        languages = tuple(namespace.get('newsroom_languages', ()))
        return cls(languages,
                   normalise_base_url(namespace.get('html_baseurl')),
                   str(namespace.get('project', '')),
                   str(namespace.get('newsroom_news_dir', 'news')).strip('/'),
                   str(namespace.get('root_doc', 'index')),
                   publishable(languages, namespace.get('newsroom_show_unready')))

    # -- languages ---------------------------------------------------------------------

    @property
    def source(self) -> str:
        return self.languages[0]

    @property
    def targets(self) -> tuple[str, ...]:
        return self.languages[1:]

    @property
    def unready(self) -> tuple[str, ...]:
        """The languages built but not shown to readers yet."""
        return tuple(code for code in self.languages if code not in (self.published or ()))

    def is_source(self, language: str) -> bool:
        return language == self.source

    # -- addresses ---------------------------------------------------------------------

    @property
    def root_path(self) -> str:
        """The site root as an absolute path on its host: ``/`` or e.g. ``/site/``."""
        path = urlsplit(self.base_url).path or '/'
        return path if path.endswith('/') else path + '/'

    def language_root(self, language: str) -> str:
        """The public address of one language's site (``''`` without a base URL)."""
        return f'{self.base_url}{language}/' if self.base_url else ''

    def url(self, language: str, target_uri: str) -> str:
        """The absolute address of a built file (``''`` without a base URL)."""
        root = self.language_root(language)
        return root + target_uri if root else ''

    def href(self, language: str, pagename: str, target_uri: str, *,
             absolute: bool = False) -> str:
        """*pagename*'s address in *language*: absolute if asked and a base URL is set,
        else relative to the page itself (so a local copy of the site works)."""
        if absolute and self.base_url:
            return self.url(language, target_uri)
        return '../' * (pagename.count('/') + 1) + f'{language}/{target_uri}'

    # -- page names --------------------------------------------------------------------

    @property
    def news_index(self) -> str:
        return f'{self.news_dir}/index'

    def year_page(self, year: str) -> str:
        """A year's archive, e.g. ``news/2025/index``."""
        return f'{self.news_dir}/{year}/index'

    def month_page(self, month: str) -> str:
        """A month's archive page (``2025-06`` → ``news/2025/06``)."""
        return f'{self.news_dir}/{month[:4]}/{month[5:7]}'

    def tag_page(self, slug: str) -> str:
        return f'{self.news_dir}/tags/{slug}'

    @property
    def tag_index(self) -> str:
        return self.tag_page('index')

    def is_article(self, docname: str) -> bool:
        """Every page inside the news folder except its index pages is an article."""
        return (docname.startswith(self.news_dir + '/')
                and docname.rsplit('/', 1)[-1] != 'index')


def page_url(app: Sphinx, pagename: str, language: str | None = None) -> str:
    """The absolute address of *pagename* (in *language*, else this build's), or ``''``
    without a base URL."""
    return Site.from_config(app.config).url(language or app.config.language,
                                            app.builder.get_target_uri(pagename))

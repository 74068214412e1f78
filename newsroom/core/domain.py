"""The ``news`` domain: owns every article and page state, merged safely across parallel readers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from sphinx.domains import Domain

from newsroom.core.article import Index

if TYPE_CHECKING:
    from collections.abc import Callable, Set

    from sphinx.environment import BuildEnvironment

    from newsroom.core.article import Article, Translation

T = TypeVar('T')


class NewsDomain(Domain):
    """Per document: its :class:`Article` (news pages), its :class:`Translation` (every page
    of a target-language build) and whether it lists articles. Per build, computed once
    reading is over: the :class:`Index` (order, years, neighbours, tags)."""

    name = 'news'
    label = 'News'
    initial_data: dict[str, Any] = {
        'articles': {},  # docname -> Article
        'pages': {},  # docname -> Translation (target-language builds)
        'listings': {},  # docname -> True: pages whose lists follow the order of articles
        'live': {},  # docname -> True: pages that print the catalogs' state (the status page)
        'snapshot': (),  # the ordered articles of the last build, to find stale pages
        'unavailable': {},  # docname -> the target languages not publishing it (source build)
        'catalogs': {},  # docname -> digest of the checked catalog it was read with ('' none)
    }
    #: Data kept per document: purged when it is reread, merged from parallel readers.
    per_document = ('articles', 'pages', 'listings', 'live', 'catalogs')

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._index: Index | None = None
        self._per_build: dict[str, Any] = {}

    # -- per document ------------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        for key in self.per_document:
            self.data[key].pop(docname, None)
        self._index = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.per_document:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value
        self._index = None

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []

    def add_article(self, article: Article) -> None:
        self.data['articles'][article.docname] = article
        self._index = None

    def set_translation(self, docname: str, translation: Translation) -> None:
        self.data['pages'][docname] = translation

    def note_listing(self, docname: str) -> None:
        """*docname* lists articles: rewrite it when their order changes."""
        self.data['listings'][docname] = True

    def note_catalog(self, docname: str, digest: str) -> None:
        """*docname* was read with the checked catalog of this digest ('' for none)."""
        self.data['catalogs'][docname] = digest

    def read_with(self, docname: str) -> str | None:
        """The digest :meth:`note_catalog` noted for *docname* (None: not read yet)."""
        return self.data['catalogs'].get(docname)

    def note_live(self, docname: str) -> None:
        """*docname* shows what is not in its source (catalog counts): the wing that prints
        it writes it again when that changed (``i18n/statuspage.py``)."""
        self.data['live'][docname] = True

    # -- reading it --------------------------------------------------------------------

    @property
    def articles(self) -> dict[str, Article]:
        return self.data['articles']

    @property
    def listings(self) -> set[str]:
        return set(self.data['listings'])

    @property
    def live(self) -> set[str]:
        return set(self.data['live'])

    @property
    def pages(self) -> dict[str, Translation]:
        return self.data['pages']

    def article(self, docname: str) -> Article | None:
        return self.data['articles'].get(docname)

    def translation(self, docname: str) -> Translation | None:
        return self.data['pages'].get(docname)

    def percent(self, docname: str) -> int | None:
        """How much of *docname* this build shows translated (0–100), ``None`` if all."""
        translation = self.translation(docname)
        return translation.percent if translation else None

    def title_untranslated(self, docname: str) -> bool:
        translation = self.translation(docname)
        return bool(translation and not translation.title_translated)

    def published_here(self, article: Article) -> bool:
        """Whether this build's language publishes *article*: the source language always;
        a translation only when it is complete, unless ``newsroom_untranslated = 'show'``."""
        config = self.env.config
        if config.language == config.newsroom_languages[0]:
            return True
        return (config.newsroom_untranslated == 'show' or article.translation is None
                or article.translation.percent is None)

    def note_unavailable(self, languages: dict[str, set[str]]) -> set[str]:
        """Which target languages do not publish which articles yet (the i18n wing reads
        that from the catalogs once reading is over); the articles for which that changed
        since the last build, whose pages (switcher, ``hreflang``) must be written again."""
        previous = self.data.setdefault('unavailable', {})
        self.data['unavailable'] = languages
        return {name for name in previous.keys() | languages.keys()
                if previous.get(name, set()) != languages.get(name, set())}

    def unavailable(self, docname: str) -> set[str]:
        """The target languages that do not publish *docname* yet (as far as known)."""
        return self.data.get('unavailable', {}).get(docname, set())

    @property
    def held_back(self) -> set[str]:
        """The articles this build's language does not publish yet (not translated)."""
        return {name for name, article in self.articles.items()
                if not self.published_here(article)}

    @property
    def index(self) -> Index:
        """Order, years, neighbours and tags of the articles this language publishes;
        computed once reading is over (not per page: that would cost O(articles²))."""
        if self._index is None:
            self._index = Index.of(a for a in self.data['articles'].values()
                                   if self.published_here(a))
        return self._index

    @property
    def image_files(self) -> set[str]:
        """The files (in ``_images/``) of the lead images of the articles published here."""
        return {name for article in self.index.articles if article.image is not None
                for name in article.image.files}

    def per_build(self, key: str, compute: Callable[[], T]) -> T:
        """*compute*'s result, computed once per build (e.g. a catalog every page reads)."""
        if key not in self._per_build:
            self._per_build[key] = compute()
        return self._per_build[key]

    def keep_for_build(self, key: str, value: Any) -> None:
        """Keep *value* for the rest of this build (what a wing computed for the others)."""
        self._per_build[key] = value

    def kept_for_build(self, key: str) -> Any:
        """What :meth:`keep_for_build` or :meth:`per_build` kept under *key*, or None."""
        return self._per_build.get(key)

    def title(self, docname: str) -> str:
        """A page's title as text, in this build's language (its name if it has none)."""
        titles = self.env.titles
        return titles[docname].astext() if docname in titles else docname

    @property
    def site_title(self) -> str:
        """The home page's title in this build's language ("Official website")."""
        root = self.env.config.root_doc
        titles = self.env.titles
        return titles[root].astext() if root in titles else self.env.config.project

    def changed_order(self) -> tuple[tuple[Article, ...], tuple[Article, ...]]:
        """The (previous, current) ordered articles; the current one becomes the snapshot."""
        old, new = tuple(self.data['snapshot']), self.index.articles
        self.data['snapshot'] = new
        return old, new


def news(env: BuildEnvironment) -> NewsDomain:
    """The news domain of *env*, typed."""
    return env.domains['news']  # type: ignore[return-value]

"""Progress anyone can see: the translation status page and the notice on partly translated pages."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective
from sphinx.util.i18n import docname_to_domain

from newsroom.core.dates import DateError, display_date, parse_date
from newsroom.core.cache import StatCache
from newsroom.core.domain import news
from newsroom.core.labels import original_label, untranslated_label
from newsroom.core.site import Site
from newsroom.core.translations import PENDING, changed_original, checked_catalogs, hold_reason
from newsroom.i18n import views
from newsroom.i18n.catalogs import certified
from newsroom.i18n.checked import Reading, read_catalog
from newsroom.i18n.usable import FUZZY, TRANSLATED, UNTRANSLATED
from newsroom.i18n.views import catalog_view

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ = get_translation('newsroom')


class translation_status(nodes.General, nodes.Element):
    """Placeholder for the status table, filled in when the page is written."""


class TranslationStatusDirective(SphinxDirective):
    """``translation-status``: per page and language, how much is translated."""

    def run(self) -> list[nodes.Node]:
        news(self.env).note_live(self.env.docname)
        node = translation_status()
        self.set_source_info(node)
        return [node]


#: The view of a page without a catalog: it translates nothing.
NO_CATALOG = catalog_view(Reading({}, {}, {}))


def states_cache(doctreedir: str | os.PathLike[str], language: str) -> StatCache:
    """The views a build keeps of *language*'s catalogs, by path, while each is unchanged
    (also read before a build: ``cli/skipbuild.py``)."""
    return StatCache(Path(doctreedir) / '_locale' / f'states-{language}.json', 'states/4')


def catalog_states(path: Path, language: str, check: bool = True,
                   root: Path | None = None) -> dict[str, Any]:
    """:func:`catalog_view` of the catalog at *path*, read with the same checks as the
    target-language build's (``checked.read_catalog``), so every build agrees."""
    return catalog_view(read_catalog(path, language, check=check, root=root)[0])


def page_counts(messages: Iterable[str], states: dict[str, str]) -> dict[str, int]:
    """Translated, fuzzy and untranslated counts of a page's distinct messages (a catalog
    has one entry for a repeated paragraph) against a catalog."""
    counts = {TRANSLATED: 0, FUZZY: 0, UNTRANSLATED: 0}
    for key in dict.fromkeys(messages):
        counts[states.get(key, UNTRANSLATED)] += 1
    return counts


def catalog_stats(env: BuildEnvironment, language: str) -> dict[str, dict[str, int]]:
    """Counts per page for *language*, from its catalogs in the source tree (parsed again
    only when a catalog changed since the last build)."""
    return {docname: page_counts(news(env).pages[docname].messages, view['states'])
            for docname, view in catalog_views(env, language).items()}


def catalog_path(env: BuildEnvironment, language: str, domain: str
                 ) -> tuple[str, str, os.stat_result] | None:
    """*domain*'s catalog in *language*, the locale folder it is in (the first of the
    site's locale folders that has one) and its ``stat``, or None: plain strings, as the
    status page looks up every page's catalog in every language on every build."""
    for locale_dir in env.config.newsroom_locale_dirs:
        path = os.path.join(locale_dir, language, 'LC_MESSAGES', f'{domain}.po')
        try:
            found = os.stat(path)
        except OSError:
            continue
        if stat.S_ISREG(found.st_mode):
            return path, locale_dir, found
    return None


def catalog_file(env: BuildEnvironment, language: str, domain: str) -> tuple[Path, Path] | None:
    """*domain*'s catalog in *language* and the locale folder it is in (the first of the
    site's locale folders that has one), or None."""
    found = catalog_path(env, language, domain)
    return (Path(found[0]), Path(found[1])) if found is not None else None


def catalog_views(env: BuildEnvironment, language: str) -> dict[str, dict[str, Any]]:
    """:func:`catalog_states` of each page's catalog in *language* (parsed again only when
    it changed since the last build, and when ``check-po`` did not hand its view over;
    checked again only when check-po did not certify it); a page without one translates
    nothing."""
    def compute() -> dict[str, dict[str, Any]]:
        cache = states_cache(env.doctreedir, language)
        check = env.config.newsroom_check_catalogs
        result, seen, unread = {}, set(), {}
        for docname in news(env).pages:
            result[docname] = NO_CATALOG
            if found := catalog_path(env, language, docname):
                path, _root, signature = found
                if (view := cache.get(path, signature)) is None:
                    unread[docname] = found
                else:
                    result[docname] = view
                seen.add(path)
        record = env.config.newsroom_checked_by
        if handed := views.handed(record, language, len(unread)):  # check-po's, a clean build
            keys = {root: views.keys(root) for _path, root, _stat in unread.values()}
            for docname, (path, root, signature) in list(unread.items()):
                if (view := handed.get(keys[root](path), signature)) is not None:
                    result[docname] = view
                    cache.put(path, signature, view)
                    del unread[docname]
        known = certified(record, [found[0] for found in unread.values()])
        for docname, (path, root, signature) in unread.items():
            result[docname] = catalog_states(Path(path), language, check and path not in known,
                                             Path(root))
            cache.put(path, signature, result[docname])
        cache.keep_only(seen)
        cache.save()
        return result

    if language == env.config.language and (checked := checked_catalogs(env)) is not None:
        return news(env).per_build(f'catalog-views-{language}',
                                   lambda: checked_views(env, checked))
    return news(env).per_build(f'catalog-views-{language}', compute)


def checked_views(env: BuildEnvironment, checked: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The views of this build's own catalogs, from what it checked already (``checked``)."""
    views = {}
    for docname in news(env).pages:
        entry = checked.get(f'{docname_to_domain(docname, env.config.gettext_compact)}.po')
        views[docname] = NO_CATALOG if entry is None else catalog_view(
            Reading(entry[1], entry[4], entry[2], entry[5]))
    return views


def hold_reasons(env: BuildEnvironment, language: str) -> dict[str, str]:
    """Why *language* does not publish each article it holds back (see ``hold_reason``),
    judged from its catalogs; the articles it publishes are not named."""
    domain, reasons = news(env), {}
    for docname, view in catalog_views(env, language).items():
        page = domain.pages[docname]
        if docname not in domain.articles:
            continue
        states = [view['states'].get(key, UNTRANSLATED) for key in dict.fromkeys(page.messages)]
        title = view['states'].get(page.title, UNTRANSLATED) if page.title else TRANSLATED
        changed = view['complete'] and changed_original(page.messages, view['states'])
        revised = view['revised'] or (PENDING if changed else '')
        if reason := hold_reason(states, title, revised, view['refused'], stale=changed):
            reasons[docname] = reason
    return reasons


def page_order(env: BuildEnvironment) -> list[str]:
    """Pages in reading order: the other pages by name, then articles newest first."""
    domain = news(env)
    articles = [a.docname for a in domain.index.articles]
    pages, listed = domain.pages, set(articles)
    return sorted(name for name in pages if name not in listed) + [
        name for name in articles if name in pages]


def tag_label_states(env: BuildEnvironment, language: str) -> dict[str, str]:
    """The states of *language*'s ``tags.po`` (the tag labels), read with the same checks
    as its build reads it; {} when it has none."""
    if found := catalog_file(env, language, 'tags'):
        path, root = found
        return catalog_states(path, language, env.config.newsroom_check_catalogs,
                              root)['states']
    return {}


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """In the source language, with ``newsroom_untranslated = 'hold'``: note for the switcher,
    ``hreflang`` links and sitemaps which languages do not publish which articles yet (an
    article is published once its catalog translates every message). The pages of the
    articles for which that changed (a catalog completed or broken since the last build,
    with the page itself unchanged) are written again."""
    site, domain = Site.from_config(app.config), news(env)
    if not site.is_source(app.config.language) or app.config.newsroom_untranslated != 'hold':
        return []
    reasons = {language: hold_reasons(env, language) for language in site.targets}
    changed = domain.note_unavailable({
        docname: {language for language in site.targets if docname in reasons[language]}
        for docname in domain.articles})
    return sorted(changed & env.all_docs.keys())


def on_env_updated_hold_reasons(app: Sphinx, env: BuildEnvironment) -> None:
    """In a target language: why it holds back each article, for the build's report."""
    language = app.config.language
    if not Site.from_config(app.config).is_source(language):
        news(env).keep_for_build('hold-reasons', hold_reasons(env, language))


def unavailable_languages(app: Sphinx, pagename: str) -> dict[str, str]:
    """The languages that do not publish this article yet, each with the note the switcher
    shows instead of a link to a page in Russian."""
    return {language: str(untranslated_label(0))
            for language in sorted(news(app.env).unavailable(pagename))}


def original_link(app: Sphinx, pagename: str) -> dict[str, str]:
    """The link from a translated page to its original, for the notices above its text."""
    site = Site.from_config(app.config)
    return {
        'original_label': original_label(app.config.language, site.source),
        'original_href': site.href(site.source, pagename, app.builder.get_target_uri(pagename)),
        'source_language': site.source,
    }


def translation_notice(app: Sphinx, pagename: str) -> dict[str, Any] | None:
    """On a partly translated page: how much is translated, and a link to the original."""
    percent = news(app.env).percent(pagename)
    if percent is None:
        return None
    return {
        'percent': percent,
        'message': _('This page is not fully translated yet: %(percent)s%% is translated, '
                     'the rest is shown in the original language.') % {'percent': percent},
        **original_link(app, pagename),
    }


def revision_notice(app: Sphinx, pagename: str) -> dict[str, Any] | None:
    """On a published translation under revision: the date its original changed, that this
    text is being revised, and a link to the original."""
    translation = news(app.env).translation(pagename)
    if translation is None or not translation.revised:
        return None
    if translation.revised == PENDING:  # changed since make update-po: no date yet
        return {'message': _('The original of this article was updated; this translation '
                             'is being revised.'), **original_link(app, pagename)}
    try:
        date = display_date(parse_date(translation.revised), app.config.language)
    except DateError:
        date = translation.revised
    return {
        'message': _('The original of this article was updated on %(date)s; this '
                     'translation is being revised.') % {'date': date},
        **original_link(app, pagename),
    }

"""Progress anyone can see: the translation status page and the notice on partly translated pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import polib
from babel import Locale
from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from newsroom.core.article import message_key
from newsroom.core.cache import StatCache
from newsroom.core.domain import news
from newsroom.core.labels import untranslated_label
from newsroom.core.nodes import foreign
from newsroom.core.site import Site, language_name
from newsroom.i18n.usable import FUZZY, TRANSLATED, UNTRANSLATED, state

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ = get_translation('newsroom')


class translation_status(nodes.General, nodes.Element):
    """Placeholder for the status table, filled in when the page is written."""


class progress_bar(nodes.General, nodes.Element):
    """A ``<progress>`` bar: ``value`` out of ``max``."""


def visit_progress_bar(self: Any, node: progress_bar) -> None:
    percent = node['value'] * 100 // node['max'] if node['max'] else 100
    self.body.append(f'<progress value="{node["value"]}" max="{node["max"]}" '
                     f'aria-label="{percent}%">{percent}%</progress>')
    raise nodes.SkipNode


class TranslationStatusDirective(SphinxDirective):
    """``translation-status``: per page and language, how much is translated."""

    def run(self) -> list[nodes.Node]:
        news(self.env).note_live(self.env.docname)
        node = translation_status()
        self.set_source_info(node)
        return [node]


def catalog_states(path: Path) -> dict[str, str]:
    """Message key -> 'translated' or 'fuzzy', for the entries of one catalog (an entry the
    build would not use is not translated: see ``usable.state``)."""
    try:
        catalog = polib.pofile(path.read_bytes().decode('utf-8'))
    except (OSError, ValueError):
        return {}
    states = {}
    for entry in catalog:
        if (found := state(entry)) != UNTRANSLATED:
            states[message_key(entry.msgid)] = found
    return states


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
    cache = StatCache(Path(env.doctreedir) / '_locale' / f'states-{language}.json', 'states')
    result, seen = {}, set()
    for docname, page in news(env).pages.items():
        states: dict[str, str] = {}
        for locale_dir in env.config.newsroom_locale_dirs:
            path = Path(locale_dir, language, 'LC_MESSAGES', f'{docname}.po')
            if path.is_file():
                states = cache.lookup(path, catalog_states)
                seen.add(str(path))
                break
        result[docname] = page_counts(page.messages, states)
    cache.keep_only(seen)
    cache.save()
    return result


def page_order(env: BuildEnvironment) -> list[str]:
    """Pages in reading order: the other pages by name, then articles newest first."""
    domain = news(env)
    articles = [a.docname for a in domain.index.articles]
    pages = domain.pages
    return sorted(name for name in pages if name not in set(articles)) + [
        name for name in articles if name in pages]


def title_node(env: BuildEnvironment, docname: str) -> nodes.Node:
    """The page title; marked as source-language text when this build left it untranslated."""
    domain = news(env)
    text = nodes.Text(domain.title(docname))
    if domain.title_untranslated(docname):
        return foreign('', '', text, lang=Site.from_config(env.config).source)
    return text


def status_table(app: Sphinx, docname: str) -> nodes.table:
    """One row per page, one column of progress per target language."""
    env = app.env
    targets = list(Site.from_config(app.config).targets)
    stats = {language: catalog_stats(env, language) for language in targets}
    table = nodes.table(classes=['newsroom-status'])
    group = nodes.tgroup(cols=1 + len(targets))
    table += group
    for _column in range(1 + len(targets)):
        group += nodes.colspec(colwidth=1)
    head = nodes.row()
    for label in [_('Page'), *(language_name(code) for code in targets)]:
        head += nodes.entry('', nodes.paragraph(text=str(label)))
    group += nodes.thead('', head)
    body = nodes.tbody()
    for page in page_order(env):
        row = nodes.row()
        link = nodes.reference('', '', title_node(env, page),
                               internal=True, refuri=app.builder.get_relative_uri(docname, page))
        row += nodes.entry('', nodes.paragraph('', '', link))
        for language in targets:
            counts = stats[language][page]
            total = sum(counts.values())
            label = _('%(done)s of %(total)s') % {'done': counts['translated'], 'total': total}
            if counts['fuzzy']:
                label += ', ' + _('%(count)s to review') % {'count': counts['fuzzy']}
            cell = nodes.paragraph()
            cell += progress_bar(value=counts['translated'], max=total)
            cell += nodes.Text(f' {label}')
            row += nodes.entry('', cell)
        body += row
    group += body
    return table


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(translation_status)):
        node.replace_self(status_table(app, docname))


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """In the source language, with ``newsroom_untranslated = 'hold'``: note for the switcher,
    ``hreflang`` links and sitemaps which languages do not publish which articles yet (an
    article is published once its catalog translates every message). The pages of the
    articles for which that changed (a catalog completed or broken since the last build,
    with the page itself unchanged) are written again."""
    site, domain = Site.from_config(app.config), news(env)
    if not site.is_source(app.config.language) or app.config.newsroom_untranslated != 'hold':
        return []
    stats = {language: catalog_stats(env, language) for language in site.targets}
    changed = domain.note_unavailable({
        docname: {language for language in site.targets
                  if (counts := stats[language].get(docname))
                  and (counts[FUZZY] or counts[UNTRANSLATED])}
        for docname in domain.articles})
    return sorted(changed & env.all_docs.keys())


def unavailable_languages(app: Sphinx, pagename: str) -> dict[str, str]:
    """The languages that do not publish this article yet, each with the note the switcher
    shows instead of a link to a page in Russian."""
    return {language: str(untranslated_label(0))
            for language in sorted(news(app.env).unavailable(pagename))}


def translation_notice(app: Sphinx, pagename: str) -> dict[str, Any] | None:
    """On a partly translated page: how much is translated, and a link to the original."""
    percent = news(app.env).percent(pagename)
    if percent is None:
        return None
    site = Site.from_config(app.config)
    source = site.source
    here = Locale.parse(app.config.language.replace('-', '_'))
    source_name = here.languages.get(source, language_name(source))
    return {
        'percent': percent,
        'message': _('This page is not fully translated yet: %(percent)s%% is translated, '
                     'the rest is shown in the original language.') % {'percent': percent},
        'original_label': _('Read the original (%(language)s)') % {'language': source_name},
        'original_href': site.href(source, pagename, app.builder.get_target_uri(pagename)),
        'source_language': source,
    }

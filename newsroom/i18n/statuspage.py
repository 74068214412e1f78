"""The status page's table: what it prints computed once per build, the page written again only when that changed.

The table prints every page's state in every language (some 5,000 rows at 5,000
articles), so rendering and writing it costs a language's build about as much as
everything else a build with nothing to do. :func:`table_data` is everything the table
prints, as plain values; :func:`render` turns it into nodes when the page is written; and
the page is written again when its data differs from the last build's (``env-updated``),
besides whatever else makes Sphinx write it (its source, the templates, the settings).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation

from newsroom.core.article import message_key
from newsroom.core.domain import news
from newsroom.core.site import Site, language_name
from newsroom.i18n import status, termstatus
from newsroom.i18n.usable import TRANSLATED
from newsroom.i18n.wordcount import word_totals

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ = get_translation('newsroom')
#: In the news domain's data: each status page's digest of what its table printed.
DIGESTS = 'status_tables'


def cell(done: int, total: int) -> list[Any]:
    """A progress cell: its bar's value and maximum, and its text."""
    return [done, total, str(_('%(done)s of %(total)s') % {'done': done, 'total': total})]


def page_rows(app: Sphinx, docname: str, targets: list[str]) -> list[dict[str, Any]]:
    """A row per page: its title (the source language's when untranslated here), its
    address (none for a page this language holds back) and a cell per language."""
    env, domain = app.env, news(app.env)
    stats = {language: status.catalog_stats(env, language) for language in targets}
    source, held = Site.from_config(app.config).source, domain.held_back
    rows = []
    for page in status.page_order(env):
        cells = []
        for language in targets:
            counts = stats[language][page]
            found = cell(counts['translated'], sum(counts.values()))
            if counts['fuzzy']:
                found[2] += ', ' + _('%(count)s to review') % {'count': counts['fuzzy']}
            cells.append(found)
        rows.append({'title': domain.title(page),
                     'lang': source if domain.title_untranslated(page) else '',
                     'uri': None if page in held else app.builder.get_relative_uri(docname,
                                                                                   page),
                     'cells': cells})
    return rows


def total_rows(app: Sphinx, targets: list[str]) -> list[list[Any]]:
    """The last rows, each (class, label, a cell per language): the tag labels, the source
    words translated, and the termbase's warnings."""
    env, domain = app.env, news(app.env)
    rows = []
    if domain.index.tags:
        keys = [message_key(tag.label) for tag in domain.index.tags.values()]
        rows.append(['newsroom-status-tags', str(_('Tags')), [
            cell(sum(states.get(key) == TRANSLATED for key in keys), len(keys))
            for states in (status.tag_label_states(env, language) for language in targets)]])
    pages = [(docname, page.messages) for docname, page in domain.pages.items()]
    words = []
    for language in targets:
        totals = word_totals(env, pages, {docname: view['states'] for docname, view in
                                          status.catalog_views(env, language).items()})
        words.append(cell(totals[TRANSLATED], sum(totals.values())))
    rows.append(['newsroom-status-words', str(_('Words')), words])
    counts = termstatus.counts(app, targets)
    rows.append(['newsroom-status-terms', str(_('Termbase warnings')), [
        [None, None, '—' if counts.get(language) is None else str(counts[language])]
        for language in targets]])
    return rows


def table_data(app: Sphinx, docname: str) -> dict[str, Any]:
    """Everything the table on *docname* prints, as plain values (computed once a build)."""
    def compute() -> dict[str, Any]:
        targets = list(Site.from_config(app.config).targets)
        return {'head': [str(_('Page')), *(str(language_name(code)) for code in targets)],
                'rows': page_rows(app, docname, targets), 'totals': total_rows(app, targets)}

    return news(app.env).per_build(f'status-table-{docname}', compute)


#: How docutils' HTML writer escapes text and attribute values (the table is printed as it
#: would print the same nodes, without making some 100,000 of them at 5,000 articles).
SPECIAL = {ord('&'): '&amp;', ord('<'): '&lt;', ord('"'): '&quot;', ord('>'): '&gt;',
           ord('@'): '&#64;'}


def encode(text: str) -> str:
    return text.translate(SPECIAL)


def progress_html(value: int, maximum: int) -> str:
    percent = value * 100 // maximum if maximum else 100
    return (f'<progress value="{value}" max="{maximum}" aria-label="{percent}%">{percent}%'
            '</progress>')


def cell_html(value: int | None, maximum: int | None, text: str) -> str:
    if value is None:
        return f'<p>{encode(text)}</p>'
    return f'<p>{progress_html(value, maximum or 0)}{encode(f" {text}")}</p>'


def row_html(classes: list[str], cells: list[str], tag: str = 'td') -> str:
    """A row as the writer prints one (a cell a line; *tag* ``th`` in the head)."""
    opening = '<th class="head">' if tag == 'th' else '<td>'
    return (f'<tr class="{encode(" ".join(classes))}">'
            + ''.join(f'{opening}{found}</{tag}>\n' for found in cells) + '</tr>\n')


def title_html(page: dict[str, Any]) -> str:
    """A page's title: in its own language's ``<span>`` when untranslated here, and a link
    unless this language holds it back."""
    title = encode(page['title'])
    if page['lang']:
        title = f'<span lang="{encode(page["lang"])}">{title}</span>'
    if page['uri'] is not None:
        title = f'<a class="reference internal" href="{encode(page["uri"] or "#")}">{title}</a>'
    return f'<p>{title}</p>'


def render(data: dict[str, Any]) -> str:
    """The table of :func:`table_data` in HTML: a row per page, a column per target
    language, the rows striped as the writer stripes a table's."""
    parity = ('row-even', 'row-odd')
    rows = [row_html([parity[1]], [f'<p>{encode(label)}</p>' for label in data['head']], 'th')]
    rows.append('</thead>\n<tbody>\n')
    for number, page in enumerate(data['rows'], start=2):
        rows.append(row_html([parity[number % 2]], [
            title_html(page), *(cell_html(*found) for found in page['cells'])]))
    for number, (classes, label, cells) in enumerate(data['totals'], start=2 + len(data['rows'])):
        rows.append(row_html([classes, parity[number % 2]], [
            f'<p>{encode(label)}</p>', *(cell_html(*found) for found in cells)]))
    return ('<table class="newsroom-status docutils align-default">\n<thead>\n'
            + ''.join(rows) + '</tbody>\n</table>\n')


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(status.translation_status)):
        node.replace_self(nodes.raw('', render(table_data(app, docname)), format='html'))


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The status pages whose table changed since the last build (each, the first time)."""
    domain = news(env)
    digests = domain.data.setdefault(DIGESTS, {})
    changed = []
    for docname in sorted(domain.live & env.found_docs):
        data = json.dumps(table_data(app, docname), ensure_ascii=False, sort_keys=True)
        digest = hashlib.blake2b(data.encode(), digest_size=16).hexdigest()
        if digests.get(docname) != digest:
            digests[docname] = digest
            changed.append(docname)
    return changed

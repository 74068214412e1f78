"""Progress anyone can see: the translation status page and the notice on partly translated pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from babel import Locale
from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from newsroom.articles import published
from newsroom.languages import language_name, page_href
from newsroom.progress import catalog_stats, foreign, page_percent, title_language

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

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
        self.env.domains['translation'].data['status_pages'][self.env.docname] = True
        node = translation_status()
        self.set_source_info(node)
        return [node]


def page_order(env: BuildEnvironment) -> list[str]:
    """Pages in reading order: the other pages by name, then articles newest first."""
    articles = [a.docname for a in published(env)]
    pages = env.domains['translation'].pages
    return sorted(name for name in pages if name not in set(articles)) + [
        name for name in articles if name in pages]


def title_node(env: BuildEnvironment, docname: str, language: str) -> nodes.Node:
    """The page title; marked as source-language text when this build left it untranslated."""
    title = env.titles[docname].astext() if docname in env.titles else docname
    text = nodes.Text(title)
    if lang := title_language(env, docname):
        return foreign('', '', text, lang=lang)
    return text


def status_table(app: Sphinx, docname: str) -> nodes.table:
    """One row per page, one column of progress per target language."""
    env = app.env
    targets = list(app.config.newsroom_languages[1:])
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
        link = nodes.reference('', '', title_node(env, page, app.config.language),
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
    """Status pages read catalogs: rewrite them on every build."""
    return sorted(env.domains['translation'].data['status_pages'])


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Tell readers of a partly translated page, and link the original."""
    percent = page_percent(app.env, pagename)
    if percent is None:
        return
    source = app.config.newsroom_languages[0]
    here = Locale.parse(app.config.language.replace('-', '_'))
    source_name = here.languages.get(source, language_name(source))
    context['newsroom_translation'] = {
        'percent': percent,
        'message': _('This page is not fully translated yet: %(percent)s%% is translated, '
                     'the rest is shown in the original language.') % {'percent': percent},
        'original_label': _('Read the original (%(language)s)') % {'language': source_name},
        'original_href': page_href(app.builder.get_target_uri(pagename), pagename, source, ''),
        'source_language': source,
    }


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_node(translation_status)
    app.add_node(progress_bar, html=(visit_progress_bar, None))
    app.add_directive('translation-status', TranslationStatusDirective)
    app.connect('doctree-resolved', on_doctree_resolved)
    app.connect('env-updated', on_env_updated)
    app.connect('html-page-context', on_html_page_context)
    return {
        'version': '1.0',
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }

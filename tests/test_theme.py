"""furo adapted by template overrides: its labels translated, its sidebar bounded and valid,
the masthead's site name escaped."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from furo.navigation import get_navigation_tree

from newsroom.theme.sidebar import sidebar_html

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

PAGE = 'news/index.html'  # has a table of contents drawer, a sidebar and the News expander

#: furo's fixed English labels, and the Russian of each (newsroom/core/locale, ru).
LABELS = {
    'Toggle site navigation sidebar': 'Показать или скрыть навигацию по сайту',
    'Toggle table of contents sidebar': 'Показать или скрыть оглавление страницы',
    'Toggle Light / Dark / Auto color theme':
        'Переключить тему: светлая, тёмная или как в системе',
}
ICON_TITLES = {
    'Contents': 'Содержание',
    'Menu': 'Меню',
    'Expand': 'Развернуть',
    'Light mode': 'Светлая тема',
    'Dark mode': 'Тёмная тема',
    'Auto light/dark, in light mode': 'Тема как в системе, сейчас светлая',
    'Auto light/dark, in dark mode': 'Тема как в системе, сейчас тёмная',
}
LANDMARKS = {'Site navigation': 'Навигация по сайту', 'On this page': 'На этой странице'}


def aria_labels(html: str) -> list[str]:
    return re.findall(r'aria-label="([^"]*)"', html)


def icon_titles(html: str) -> list[str]:
    return re.findall(r'<title>([^<]*)</title>', html.split('<body>', 1)[1])


def asides(html: str) -> list[str]:
    return re.findall(r'<aside aria-label="([^"]*)" class="(?:sidebar|toc)-drawer', html)


@pytest.mark.sphinx('html', testroot='news')
def test_russian_pages_name_furo_controls_in_russian(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / PAGE).read_text(encoding='utf-8')
    labels = aria_labels(html)
    for english, russian in LABELS.items():
        assert russian in labels and english not in labels
    assert labels.count(LABELS['Toggle Light / Dark / Auto color theme']) == 1  # masthead
    assert 'Показать или скрыть раздел «Новости»' in labels
    assert not any(label.startswith('Toggle navigation of') for label in labels)
    assert icon_titles(html) == list(ICON_TITLES.values())
    assert asides(html) == list(LANDMARKS.values())
    assert ' role="switch"' not in html
    assert 'toctree-checkbox' in html  # the expander is there, as a plain checkbox


@pytest.mark.sphinx('html', testroot='news', srcdir='theme-en', confoverrides={'language': 'en'})
def test_english_pages_keep_furo_english_labels(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / PAGE).read_text(encoding='utf-8')
    labels = aria_labels(html)
    assert set(LABELS) <= set(labels)
    assert 'Toggle navigation of News' in labels
    assert icon_titles(html) == list(ICON_TITLES)
    assert asides(html) == list(LANDMARKS)
    assert ' role="switch"' not in html
    assert not re.search('[\u0400-\u04ff]', ' '.join(labels + icon_titles(html)))


def test_brand_escapes_a_title_that_holds_markup(make_app, rootdir: Path,
                                                  tmp_path: Path) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    catalog = srcdir / 'locale/en/LC_MESSAGES/index.po'
    catalog.write_text(catalog.read_text(encoding='utf-8').replace(
        'msgstr "Home"', 'msgstr "Home &lt;img src=x onerror=alert(1)&gt;"'), encoding='utf-8')
    app = make_app('html', srcdir=srcdir, confoverrides={'language': 'en'})
    app.build()
    html = (app.outdir / 'status.html').read_text(encoding='utf-8')
    escaped = 'Home &lt;img src=x onerror=alert(1)&gt;'
    assert f'<span class="newsroom-site-name">{escaped}</span>' in html
    assert '<img src=x' not in html


def plain_tree(sections: list[tuple[str, str, str]], years: list[tuple[str, str]],
               current: str | None) -> str:
    """The toctree we used to hand furo's ``get_navigation_tree``."""
    items = []
    for url, title, name in sections:
        css = 'toctree-l1 current current-page' if name == current else 'toctree-l1'
        below = ''.join(f'<li class="toctree-l2"><a class="reference internal" href="{u}">'
                        f'{y}</a></li>' for u, y in years) if name == 'news/index' else ''
        items.append(f'<li class="{css}"><a class="reference internal" href="{url}">{title}</a>'
                     + (f'<ul>{below}</ul>' if below else '') + '</li>')
    return f'<ul>{"".join(items)}</ul>'


@pytest.mark.parametrize('current', [None, 'index', 'news/index', 'status'])
def test_sidebar_is_furo_markup_without_the_switch_role(current: str | None) -> None:
    sections = [('../index.html', 'Home', 'index'), ('#', 'News', 'news/index'),
                ('../status.html', 'Status', 'status')]
    years = [('2025/index.html', '2025'), ('2024/index.html', '2024')]
    furo = get_navigation_tree(plain_tree(sections, years, current))
    ours = sidebar_html(sections, 'news/index', years, current,
                        label=lambda title: f'Toggle navigation of {title}')
    assert ' role="switch"' in furo
    assert ours == furo.replace(' role="switch"', '')


def test_sidebar_escapes_titles_once() -> None:
    sections = [('index.html', 'Q&A', 'index'), ('news/index.html', 'Say "<hi>"', 'news/index')]
    html = sidebar_html(sections, 'news/index', [('y.html', '2025')], None,
                        label=lambda title: f'«{title}»')
    assert '>Q&amp;A</a>' in html
    assert '>Say "&lt;hi&gt;"</a>' in html
    assert 'aria-label="«Say &quot;&lt;hi&gt;&quot;»"' in html


@pytest.mark.sphinx('html', testroot='news', freshenv=True)  # every page written
def test_furo_prints_our_navigation_without_rendering_sphinx_toctree_first(
        app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Our tree reaches furo's own sidebar template as ``furo_navigation_tree``; furo's
    handler renders no toctree of Sphinx's for a tree it would throw away, and handlers
    and templates after furo's get Sphinx's ``toctree`` all the same."""
    from sphinx.builders import html as html_builder

    rendered = []
    sphinx_tree = html_builder.global_toctree_for_doc
    monkeypatch.setattr(html_builder, 'global_toctree_for_doc',
                        lambda *args, **kwargs: rendered.append(args[1]) or sphinx_tree(
                            *args, **kwargs))
    seen = {}

    def after_furo(app: SphinxTestApp, pagename: str, templatename: str,
                   context: dict, doctree: object) -> None:
        if pagename == 'news/index':
            seen['toctree'] = context['toctree'](collapse=False, includehidden=True)
            seen['navigation'] = context['furo_navigation_tree']

    app.connect('html-page-context', after_furo, priority=700)
    app.build()
    assert rendered == ['news/index']  # the one call above, none by furo for any page
    # Sphinx's own tree: the root's toctree, the current page marked as Sphinx marks it
    assert '<a class="current reference internal" href="#">Новости</a>' in seen['toctree']
    # ours: the home page and the years, which Sphinx's toctree does not list
    navigation = str(seen['navigation'])
    assert 'href="../index.html">Главная</a>' in navigation
    assert 'href="2025/index.html">2025</a>' in navigation
    html = (app.outdir / PAGE).read_text(encoding='utf-8')
    assert html.split('<div class="sidebar-tree">', 1)[1].lstrip().startswith(navigation)


def test_templates_compiled_once_are_reused_until_their_text_changes(
        make_app, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The next build compiles no page template (Jinja's bytecode cache in the doctree
    folder), and a template whose text changed is compiled again, not taken from the cache."""
    import jinja2

    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    layout = srcdir / '_templates' / 'base.html'
    layout.parent.mkdir()
    override = ('{% extends "!base.html" %}{% block site_meta %}{{ super() }}'
                '<meta name="x-edition" content="EDITION">{% endblock %}')
    compiled: list[str | None] = []
    compile_ = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, raw=False, defer_init=False):  # noqa: ANN001, ANN202, FBT002
        compiled.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, 'compile', counted)
    builds = []
    article = next((srcdir / 'news').rglob('*.md'))
    for edition in ('first', 'first', 'second'):
        if edition == 'first' and layout.exists():  # the same templates: one page written
            article.write_text(article.read_text(encoding='utf-8') + '\nЕщё.\n',
                               encoding='utf-8')
        else:  # a changed template: every page written
            layout.write_text(override.replace('EDITION', edition), encoding='utf-8')
        compiled.clear()
        app = make_app('html', srcdir=srcdir, confoverrides={'templates_path': ['_templates']})
        app.build()
        html = (app.outdir / f'{app.env.path2doc(str(article))}.html').read_text(
            encoding='utf-8')
        assert f'<meta name="x-edition" content="{edition}">' in html
        builds.append([name for name in compiled if name and name.endswith('.html')])
    assert len(builds[0]) > 5, builds[0]
    assert not set(builds[0]) & set(builds[1]), 'the same templates are compiled again'
    assert set(builds[0]) & set(builds[2]) == {'base.html'}, 'only the edited one is'

"""Each wing loads alone, with the core it stands on, and does its job on a tiny site."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsroom.core.domain import news

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

SECOND = 'news/2025/2025-02-10-second'


def alone(wing: str, **overrides: object) -> pytest.MarkDecorator:
    return pytest.mark.sphinx('html', testroot='wings', srcdir=f'wings-{wing}',
                              confoverrides={'extensions': ['myst_parser', wing], **overrides})


def built(app: SphinxTestApp, name: str) -> str:
    app.build()
    warnings = app._warning.getvalue()
    assert 'WARNING' not in warnings and 'ERROR' not in warnings, warnings
    return (app.outdir / name).read_text(encoding='utf-8')


@alone('newsroom.core')
def test_the_core_alone_reads_articles(app: SphinxTestApp) -> None:
    built(app, 'index.html')
    index = news(app.env).index
    assert [a.docname for a in index.articles] == [SECOND, 'news/2024/2024-05-01-first']
    assert index.years == ('2025', '2024') and list(index.tags) == ['port']


@alone('newsroom.news')
def test_the_news_wing_alone_writes_archives_and_tag_pages(app: SphinxTestApp) -> None:
    year = built(app, 'news/2025/index.html')
    assert 'Вторая новость' in year and 'Первая новость' not in year
    tag = (app.outdir / 'news/tags/port.html').read_text(encoding='utf-8')
    assert tag.index('Вторая новость') < tag.index('Первая новость')


@alone('newsroom.i18n', language='en')
def test_the_i18n_wing_alone_translates_and_counts(app: SphinxTestApp) -> None:
    assert 'Second item' in built(app, f'{SECOND}.html')
    assert news(app.env).translation(SECOND).translated == 1
    assert news(app.env).percent(SECOND) == 50  # the paragraph is not translated


@alone('newsroom.publishing')
def test_the_publishing_wing_alone_writes_feed_and_sitemap(app: SphinxTestApp) -> None:
    built(app, 'index.html')
    feed = (app.outdir / 'atom.xml').read_text(encoding='utf-8')
    assert f'https://wings.example.net/ru/{SECOND}.html' in feed
    assert (app.outdir / 'sitemap.xml').is_file() and (app.outdir / '404.html').is_file()


@alone('newsroom.theme')
def test_the_theme_wing_alone_links_neighbours_and_languages(app: SphinxTestApp) -> None:
    html = built(app, 'news/2024/2024-05-01-first.html')
    assert 'class="next-page" href="../2025/2025-02-10-second.html"' in html
    assert 'href="../../../en/news/2024/2024-05-01-first.html" hreflang="en"' in html


@alone('newsroom.search')
def test_the_search_wing_alone_pages_results(app: SphinxTestApp) -> None:
    assert 'data-page-size="20"' in built(app, 'search.html')


def test_the_import_rule_holds() -> None:
    """Imports point from a wing to the core or stay inside the wing; the core imports no
    wing; only cli/, the front end, imports the wings' command modules (README); upstream/
    is imported by anyone and imports no other part."""
    import ast

    package = Path(__file__).resolve().parent.parent / 'newsroom'
    broken = []
    for path in sorted(package.rglob('*.py')):
        parts = path.relative_to(package).parts
        if len(parts) < 2 or parts[0] == 'cli':
            continue
        here = parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
            names = ([node.module] if isinstance(node, ast.ImportFrom) and node.module
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [])
            for name in names:
                if not name.startswith('newsroom.'):
                    continue
                target = name.split('.')[1]
                # upstream/ (the contacts with Sphinx, MyST, furo) is no wing: every wing
                # and the core may import it; it imports nothing else of newsroom.
                allowed = ({'upstream'} if here == 'upstream' else
                           {'core', 'upstream'} if here == 'core' else {'core', 'upstream', here})
                if target not in allowed:
                    broken.append(f'{path.relative_to(package)}: {name}')
    assert broken == []

"""Translated doctrees hold only their own nodes: no scratch document, no build environment."""

from __future__ import annotations

import pickle
import shutil
from typing import TYPE_CHECKING

import pytest

from newsroom.bench import Article, generate, write_article

if TYPE_CHECKING:
    from pathlib import Path

    from docutils import nodes

ARTICLES = 20  # generated ones, on top of the root's three


def build(make_app, rootdir: Path, srcdir: Path, language: str, parallel: int = 0):
    """The news root plus generated articles (translations with inline markup), built."""
    shutil.copytree(rootdir / 'test-news', srcdir)
    articles = generate(ARTICLES, seed=7)
    for article in articles:
        write_article(srcdir, srcdir / 'locale', article)
    app = make_app('html', srcdir=srcdir, confoverrides={'language': language},
                   parallel=parallel)
    app.build()
    app.cleanup()  # Sphinx keeps loaded catalogs process-wide: the next build must not see them
    return app, articles


def doctrees(doctreedir: Path) -> dict[str, Path]:
    return {str(p.relative_to(doctreedir).with_suffix('')): p
            for p in sorted(doctreedir.rglob('*.doctree'))}


def foreign_nodes(doctree: nodes.document) -> list[str]:
    """Nodes whose ``document`` is not the doctree they are pickled in."""
    return [node.__class__.__name__ for node in doctree.findall()
            if node.document is not doctree]


def mean_article_size(doctreedir: Path) -> float:
    sizes = [path.stat().st_size for name, path in doctrees(doctreedir).items()
             if name.startswith('news/') and not name.endswith('/index')]
    return sum(sizes) / len(sizes)


def with_bold(articles: list[Article]) -> Article:
    return next(a for a in articles if any('**' in p.en for p in a.paragraphs))


@pytest.mark.parametrize('parallel', [0, 2])
def test_english_doctrees_refer_only_to_themselves(
    make_app, rootdir: Path, tmp_path: Path, parallel: int
) -> None:
    app, articles = build(make_app, rootdir, tmp_path / 'en', 'en', parallel)
    # the translations were applied, inline markup included (else this test proves nothing)
    sample = with_bold(articles)
    html = (app.outdir / f'{sample.docname}.html').read_text(encoding='utf-8')
    assert sample.title.en in html
    assert html.count('<strong>') == sum(p.en.count('**') // 2 for p in sample.paragraphs)
    pages = doctrees(app.doctreedir)
    assert {a.docname for a in articles} <= set(pages)
    offenders = {}
    for name, path in pages.items():
        with path.open('rb') as file:
            doctree = pickle.load(file)
        assert doctree.settings.env is None
        if foreign := foreign_nodes(doctree):
            offenders[name] = len(foreign)
    assert offenders == {}


def test_english_doctrees_are_as_small_as_russian_ones(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    english, articles = build(make_app, rootdir, tmp_path / 'en', 'en')
    russian, _articles = build(make_app, rootdir, tmp_path / 'ru', 'ru')
    sample = with_bold(articles)
    assert sample.title.en in (english.outdir / f'{sample.docname}.html').read_text('utf-8')
    assert sample.title.ru in (russian.outdir / f'{sample.docname}.html').read_text('utf-8')
    ratio = mean_article_size(english.doctreedir) / mean_article_size(russian.doctreedir)
    assert ratio < 1.5, f'English doctrees are {ratio:.1f}x the Russian ones'

"""Translated doctrees hold only their own nodes: no scratch document, no build environment."""

from __future__ import annotations

import datetime as dt
import pickle
import random
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

    from docutils import nodes

ARTICLES = 20  # generated ones, on top of the root's three

#: (Russian, English) words for the generated articles: each English word translates its
#: Russian one, so a translated page is the Russian one word for word.
WORDS = [
    ('порт', 'port'), ('море', 'sea'), ('страна', 'country'), ('груз', 'cargo'),
    ('проект', 'project'), ('встреча', 'meeting'), ('соглашение', 'agreement'),
    ('торговля', 'trade'), ('мост', 'bridge'), ('поезд', 'train'), ('рынок', 'market'),
    ('форум', 'forum'), ('выставка', 'exhibition'), ('делегация', 'delegation'),
]
#: Inline markup, the same in both languages: what a translated message is parsed into.
MARKUP = ['**{}**', '*{}*', '[{}](https://example.org/{})']


@dataclass
class Message:
    """One translatable message: the Russian source and its English translation."""

    ru: str
    en: str


@dataclass
class Article:
    """One generated article: its document name, title and paragraphs."""

    docname: str
    date: dt.date
    title: Message
    paragraphs: list[Message]


def sentence(rng: random.Random, number: int, *, markup: str | None) -> Message:
    """A few words in both languages, one span of them marked up if *markup* is given."""
    words = rng.sample(WORDS, 5)
    ru, en = [w[0] for w in words], [w[1] for w in words]
    if markup:
        start = rng.randrange(4)
        for side in (ru, en):
            span = ' '.join(side[start:start + 2])
            side[start:start + 2] = [markup.format(span, f'n{number}')]
    return Message(' '.join(ru).capitalize() + '.', ' '.join(en).capitalize() + '.')


def paragraph(rng: random.Random, number: int, markup: str) -> Message:
    """Three sentences: the first with *markup*, the last with any."""
    sentences = [sentence(rng, number, markup=kind) for kind in (markup, None, rng.choice(MARKUP))]
    return Message(' '.join(s.ru for s in sentences), ' '.join(s.en for s in sentences))


def generate(count: int, seed: int) -> list[Article]:
    """*count* articles on distinct days, with bold, emphasis and a link in every one."""
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        date = dt.date(2023, 1, 1) + dt.timedelta(days=11 * number)
        ru, en = rng.choice(WORDS)
        title = Message(f'Новость {number}: {ru}', f'News {number}: {en}')
        paragraphs = [paragraph(rng, number, markup) for markup in MARKUP]
        articles.append(Article(f'news/{date.year}/{date.isoformat()}-item-{number:02d}',
                                date, title, paragraphs))
    return articles


def po_string(text: str) -> str:
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def write_article(srcdir: Path, localedir: Path, article: Article) -> None:
    """The article's MyST source below *srcdir*, its English catalog below *localedir*."""
    source = srcdir / f'{article.docname}.md'
    source.parent.mkdir(parents=True, exist_ok=True)
    body = '\n\n'.join(p.ru for p in article.paragraphs)
    source.write_text(f'---\ndate: {article.date.isoformat()}\n---\n\n# {article.title.ru}'
                      f'\n\n{body}\n', encoding='utf-8')
    lines = ['msgid ""', 'msgstr ""', '"Language: en\\n"', '"MIME-Version: 1.0\\n"',
             '"Content-Type: text/plain; charset=UTF-8\\n"',
             '"Content-Transfer-Encoding: 8bit\\n"',
             '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', '']
    for message in [article.title, *article.paragraphs]:
        lines += [f'msgid {po_string(message.ru)}', f'msgstr {po_string(message.en)}', '']
    catalog = localedir / 'en' / 'LC_MESSAGES' / f'{article.docname}.po'
    catalog.parent.mkdir(parents=True, exist_ok=True)
    catalog.write_text('\n'.join(lines), encoding='utf-8')


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


@pytest.mark.parametrize('parallel', [0, 2])
def test_english_doctrees_refer_only_to_themselves(
    make_app, rootdir: Path, tmp_path: Path, parallel: int
) -> None:
    app, articles = build(make_app, rootdir, tmp_path / 'en', 'en', parallel)
    # the translations were applied, inline markup included (else this test proves nothing)
    sample = articles[len(articles) // 2]
    html = (app.outdir / f'{sample.docname}.html').read_text(encoding='utf-8')
    assert sample.title.en in html
    assert html.count('<strong>') == sum(p.en.count('**') // 2 for p in sample.paragraphs)
    assert 'href="https://example.org/n10"' in html
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
    sample = articles[0]
    assert sample.title.en in (english.outdir / f'{sample.docname}.html').read_text('utf-8')
    assert sample.title.ru in (russian.outdir / f'{sample.docname}.html').read_text('utf-8')
    ratio = mean_article_size(english.doctreedir) / mean_article_size(russian.doctreedir)
    assert ratio < 1.5, f'English doctrees are {ratio:.1f}x the Russian ones'

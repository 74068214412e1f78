"""Translated MyST messages parsed cheaply (fastlocale.py), with the very same output."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
import docutils.utils
from docutils import frontend
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

if TYPE_CHECKING:
    from pathlib import Path

#: (Russian, English) messages of each added article: emphasis, links, roles, code, a list.
MESSAGES = [
    ('Порт и **море** открыты, *груз* ждёт.', 'The port and the **sea** are open, *cargo* waits.'),
    ('Подробности [на сайте](https://example.org/n) и в {abbr}`UN (United Nations)`.',
     'Details [on the site](https://example.org/n) and at the {abbr}`UN (United Nations)`.'),
    ('Команда `make html` и H{sub}`2`O в одном абзаце.',
     'The command `make html` and H{sub}`2`O in one paragraph.'),
    ('Первый пункт', 'First item'),
    ('Второй пункт с [ссылкой](https://example.org/2)', 'Second item with a [link](https://example.org/2)'),
    # takes a serial number (index-N) in each parse: kept from the first pass, it would differ
    ('Порт {index}`Туркменбаши` открыт.', 'The {index}`Туркменбаши` port is open.'),
]
ARTICLES = 6


def po_string(text: str) -> str:
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def write_site(rootdir: Path, srcdir: Path) -> int:
    """The news root plus a few articles with their English catalogs; how many messages."""
    shutil.copytree(rootdir / 'test-news', srcdir)
    header = ['msgid ""', 'msgstr ""', '"Language: en\\n"', '"MIME-Version: 1.0\\n"',
              '"Content-Type: text/plain; charset=UTF-8\\n"',
              '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', '']
    for number in range(ARTICLES):
        docname = f'news/2025/2025-03-{number + 10:02d}-fast-{number}'
        title = (f'Новость номер {number}', f'News number {number}')
        para, link, code, first, second, index = MESSAGES
        body = (f'{para[0]}\n\n{link[0]}\n\n{code[0]}\n\n- {first[0]}\n- {second[0]}\n\n'
                f'{index[0]}\n')
        source = srcdir / f'{docname}.md'
        source.write_text(f'---\ndate: 2025-03-{number + 10:02d}\n---\n\n# {title[0]}\n\n'
                          f'{body}', encoding='utf-8')
        lines = list(header)
        for ru, en in [title, *MESSAGES]:
            lines += [f'msgid {po_string(ru)}', f'msgstr {po_string(en)}', '']
        catalog = srcdir / 'locale' / 'en' / 'LC_MESSAGES' / f'{docname}.po'
        catalog.write_text('\n'.join(lines), encoding='utf-8')
    return sum(p.read_text('utf-8').count('\nmsgid ') for p in srcdir.rglob('*.po'))


class Counter:
    """How often docutils built an option parser, MyST a renderer (one per md parser), and
    Sphinx a document for a translated message (one per parse)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.option_parsers = self.renderers = self.message_parses = 0
        option_parser_init, renderer_init = frontend.OptionParser.__init__, SphinxRenderer.__init__
        new_document = docutils.utils.new_document

        def count_message_parse(source_path: str, *args, **kwargs):
            self.message_parses += source_path.endswith(':<translated>')
            return new_document(source_path, *args, **kwargs)

        def count_option_parser(parser, *args, **kwargs) -> None:
            self.option_parsers += 1
            option_parser_init(parser, *args, **kwargs)

        def count_renderer(renderer, *args, **kwargs) -> None:
            self.renderers += 1
            renderer_init(renderer, *args, **kwargs)

        monkeypatch.setattr(frontend.OptionParser, '__init__', count_option_parser)
        monkeypatch.setattr(SphinxRenderer, '__init__', count_renderer)
        monkeypatch.setattr(docutils.utils, 'new_document', count_message_parse)


def build(make_app, rootdir: Path, srcdir: Path, counter: Counter | None = None,
          *, fast: bool) -> tuple[dict[str, bytes], int]:
    """The English build of the site, with or without the workaround: its files, messages."""
    messages = write_site(rootdir, srcdir)
    app = make_app('html', srcdir=srcdir,
                   confoverrides={'language': 'en', 'newsroom_fast_locale': fast})
    app.build()
    assert 'WARNING' not in app.warning.getvalue()  # every translation accepted and applied
    app.cleanup()  # Sphinx keeps loaded catalogs process-wide: the next build must not see them
    # .buildinfo holds a hash of the configuration, which differs by newsroom_fast_locale itself
    return {str(p.relative_to(app.outdir)): p.read_bytes() for p in sorted(app.outdir.rglob('*'))
            if p.is_file() and p.name != '.buildinfo'}, messages


def test_output_is_byte_identical_without_the_workaround(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    fast, _messages = build(make_app, rootdir, tmp_path / 'fast', fast=True)
    slow, _messages = build(make_app, rootdir, tmp_path / 'slow', fast=False)
    page = fast['news/2025/2025-03-11-fast-1.html'].decode()
    # the translations were applied, markup included (else this test proves nothing)
    for text in ('News number 1', '<strong>sea</strong>', 'href="https://example.org/n"',
                 '<abbr title="United Nations">UN</abbr>', 'The command <code', '<sub>2</sub>'):
        assert text in page
    assert sorted(fast) == sorted(slow)
    assert [name for name in fast if fast[name] != slow[name]] == []


def test_workaround_parses_messages_without_per_message_set_up(
    make_app, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = Counter(monkeypatch)
    _files, messages = build(make_app, rootdir, tmp_path / 'slow', slow, fast=False)
    fast = Counter(monkeypatch)
    build(make_app, rootdir, tmp_path / 'fast', fast, fast=True)
    # MyST alone: default settings (an OptionParser) and a markdown-it parser per message;
    # the OptionParsers left are Sphinx's own, one or so per document read
    assert slow.renderers >= messages
    assert slow.option_parsers - fast.option_parsers >= messages, (slow.option_parsers,
                                                                   fast.option_parsers)
    assert fast.renderers <= 2, fast.renderers  # one markdown-it parser for the whole build
    # and the pages' docutils settings made once for the build, not once per page read
    pages = len(list((tmp_path / 'fast').rglob('*.md')))
    assert pages > 5 and fast.option_parsers < pages, (pages, fast.option_parsers)
    # Sphinx parses a paragraph's message in both passes of Locale; the workaround once,
    # except where the parse takes a serial number (the index role): 5 of 6 per article,
    # and those of the test root's own pages
    assert slow.message_parses - fast.message_parses >= 5 * ARTICLES, (slow.message_parses,
                                                                       fast.message_parses)

"""The status page's termbase row follows the glossary: an incremental build after a change to
``locale/<lang>/glossary.po`` alone (no page, no page catalog) shows the new warning count."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from helpers import Page

#: A synthetic termbase for the tiny site: its articles are "test notes" (заметка).
GLOSSARY = '''\
msgid ""
msgstr ""
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "заметка"
msgstr "{target}"
'''


def termbase_row(outdir: Path) -> str:
    html = (outdir / 'status.html').read_text(encoding='utf-8')
    match = re.search(r'<tr class="newsroom-status-terms[^"]*">(.*?)</tr>', html, re.S)
    assert match, 'no termbase row on the status page'
    return Page(match.group(1)).text()


def with_term(srcdir: Path) -> int:
    """The English translated messages whose original has a form of «заметка»."""
    found = 0
    for path in (srcdir / 'locale' / 'en' / 'LC_MESSAGES').rglob('*.po'):
        found += sum('заметк' in entry.msgid.lower()
                     for entry in polib.pofile(str(path)).translated_entries())
    return found


def test_the_termbase_count_follows_a_glossary_only_change(make_app, news_copy: Path) -> None:  # noqa: ANN001
    glossary = news_copy / 'locale' / 'en' / 'glossary.po'
    expected = with_term(news_copy)
    assert expected >= 3
    build = {'language': 'en'}

    app = make_app('html', srcdir=news_copy, confoverrides=build)
    app.build()
    outdir = Path(app.outdir)
    assert termbase_row(outdir) == 'Termbase warnings —'  # no termbase yet
    article = outdir / 'news' / '2024' / '2024-01-15-alpha.html'
    written = article.stat().st_mtime_ns

    glossary.write_text(GLOSSARY.format(target='note'), encoding='utf-8')
    app = make_app('html', srcdir=news_copy, confoverrides=build)
    app.build()
    assert termbase_row(outdir) == 'Termbase warnings 0'  # every translation says "note"

    glossary.write_text(GLOSSARY.format(target='memo'), encoding='utf-8')
    app = make_app('html', srcdir=news_copy, confoverrides=build)
    app.build()
    assert termbase_row(outdir) == f'Termbase warnings {expected}'
    assert article.stat().st_mtime_ns == written, 'not an incremental build'

    glossary.unlink()
    app = make_app('html', srcdir=news_copy, confoverrides=build)
    app.build()
    assert termbase_row(outdir) == 'Termbase warnings —'

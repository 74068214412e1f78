"""The translation status page: per language, the source words translated out of all."""

from __future__ import annotations

import re
from pathlib import Path

import polib
from translate.tools.pocount import wordcount

from helpers import Page, en_catalog

BETA = 'news/2024/2024-03-02-beta'


def words_row(html: str) -> str:
    """The text of the status table's words row."""
    match = re.search(r'<tr class="newsroom-status-words[^"]*">(.*?)</tr>', html, re.S)
    assert match, 'no words row on the status page'
    return Page(match.group(1)).text()


def test_status_page_counts_the_words_of_each_language(make_app, news_copy: Path) -> None:  # noqa: ANN001
    catalog = polib.pofile(str(en_catalog(news_copy, BETA)))
    left = next(entry for entry in catalog if entry.msgstr and not entry.obsolete)
    left.msgstr = ''  # one paragraph of the beta article is no longer translated
    catalog.save()
    app = make_app('html', srcdir=news_copy, confoverrides={'language': 'en'})
    app.build()
    html = (Path(app.outdir) / 'status.html').read_text(encoding='utf-8')

    # the pages' source words, counted by translate-toolkit from the extracted templates
    gettext = make_app('gettext', srcdir=news_copy, freshenv=True)
    gettext.build(force_all=True)
    pots = [p for p in Path(gettext.outdir).rglob('*.pot')
            if p.name not in ('tags.pot', 'sphinx.pot')]  # tag labels and the theme's strings
    total = sum(wordcount(entry.msgid) for pot in pots for entry in polib.pofile(str(pot)))
    done = total - wordcount(left.msgid)
    assert 0 < done < total
    assert words_row(html) == f'Words {done * 100 // total}% {done} of {total}'
    assert f'<progress value="{done}" max="{total}"' in html

"""The status page's table printed straight from its data: escaped, linked and striped as the writer would."""

from __future__ import annotations

import pytest
from lxml import html

from newsroom.i18n.statuspage import render

ATTACKS = ['<script>alert(1)</script>', '<SCRIPT>alert(1)</SCRIPT>', '"><img src=x onerror=alert(1)>',
           "'><svg onload=alert(1)>", '&lt;script&gt;', 'a\u2028b<b>\r\n</b>', 'me@example.org']


def parsed(attack: str) -> str:
    """*attack* as an HTML parser reads text back (it reads a CR LF as LF)."""
    return attack.replace('\r\n', '\n')


def table(rows: list[dict], totals: list | None = None) -> html.HtmlElement:
    data = {'head': ['Page', 'English'], 'rows': rows, 'totals': totals or []}
    return html.fragment_fromstring(render(data))


def page(title: str, *, uri: str | None = 'a.html', lang: str = '') -> dict:
    return {'title': title, 'lang': lang, 'uri': uri, 'cells': [[1, 2, '1 of 2']]}


@pytest.mark.parametrize('attack', ATTACKS)
def test_a_translated_title_is_text_whatever_it_holds(attack: str) -> None:
    found = table([page(attack), page(attack, uri=None), page(attack, lang='ru')])
    assert found.xpath('//script | //img | //svg | //b') == []
    titles = [cell.text_content() for cell in found.xpath('//tbody/tr/td[1]')]
    assert titles == [parsed(attack)] * 3


@pytest.mark.parametrize('attack', ATTACKS)
def test_labels_and_cells_are_text_whatever_they_hold(attack: str) -> None:
    data = {'head': [attack, attack], 'rows': [
        {'title': 'T', 'lang': '', 'uri': 'a.html', 'cells': [[1, 2, attack]]}],
        'totals': [['newsroom-status-terms', attack, [[None, None, attack]]]]}
    found = html.fragment_fromstring(render(data))
    assert found.xpath('//script | //img | //svg | //b') == []
    assert [cell.text_content() for cell in found.xpath('//th')] == [parsed(attack)] * 2
    assert found.xpath('//tbody/tr[1]/td[2]')[0].text_content().endswith(f' {parsed(attack)}')
    assert [cell.text_content() for cell in found.xpath('//tbody/tr[2]/td')] == [
        parsed(attack)] * 2


def test_links_languages_and_stripes() -> None:
    found = table([page('Held back', uri=None), page('Here', uri=''),
                   page('Заголовок', uri='news/x.html', lang='ru')],
                  [['newsroom-status-words', 'Words', [[3, 4, '3 of 4']]]])
    rows = found.xpath('//tr')
    assert [row.get('class') for row in rows] == [
        'row-odd', 'row-even', 'row-odd', 'row-even', 'newsroom-status-words row-odd']
    assert rows[1].xpath('.//a') == []  # a page this language holds back is not linked
    assert rows[2].xpath('.//a/@href') == ['#']  # the status page itself
    assert rows[3].xpath('.//a/span/@lang') == ['ru']  # an untranslated title
    assert rows[3].xpath('.//a/@href') == ['news/x.html']
    progress = rows[4].xpath('.//progress')[0]
    assert (progress.get('value'), progress.get('max'), progress.get('aria-label')) == (
        '3', '4', '75%')
    assert found.get('class') == 'newsroom-status docutils align-default'

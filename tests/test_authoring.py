"""Authoring mistakes stop the build with file:line and what to do; none of them publishes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

BODY = '\n# Заголовок\n\nТекст новости.\n'

CASES = {
    'no-title': ('news/2025/2025-03-01-no-title.md', '---\ndate: 2025-03-01\n---\n\nТекст.\n',
                 1, 'the article has no title', '[newsroom.title]'),
    'wrong-folder': ('news/2024/2025-03-02-folder.md', '---\ndate: 2025-03-02\n---\n' + BODY,
                     2, 'lies in the folder 2024/; move it to 2025/', '[newsroom.date]'),
    'draft-da': ('news/2025/2025-03-03-da.md', '---\ndate: 2025-03-03\ndraft: да\n---\n' + BODY,
                 3, '"draft" must be true or false, not \'да\'', '[newsroom.draft]'),
    'draft-yes-please': ('news/2025/2025-03-04-yp.md',
                         '---\ndate: 2025-03-04\ndraft: yes please\n---\n' + BODY,
                         3, '"draft" must be true or false', '[newsroom.draft]'),
    'tags-string': ('news/2025/2025-03-05-tags.md',
                    '---\ndate: 2025-03-05\ntags: Каспийское море\n---\n' + BODY,
                    3, '"tags" must be a list, e.g. tags: [Каспийское море]', '[newsroom.tags]'),
    'unknown-key': ('news/2025/2025-03-06-tgas.md',
                    '---\ndate: 2025-03-06\ntgas: [порт]\n---\n' + BODY,
                    3, 'unknown front-matter key "tgas": did you mean "tags"?',
                    '[newsroom.front-matter]'),
    'open-directive': ('news/2025/2025-03-07-open.md',
                       '---\ndate: 2025-03-07\n---\n' + BODY + '\n:::{note}\nВнимание.\n\nЕщё.\n',
                       9, 'this directive {note} (:::) is never closed', '[newsroom.content]'),
    'open-fence': ('news/2025/2025-03-08-fence.md',
                   '---\ndate: 2025-03-08\n---\n' + BODY + '\n```\ncode\n',
                   9, 'this fence (```) is never closed', '[newsroom.content]'),
    'bad-yaml': ('news/2025/2025-03-09-yaml.md',
                 '---\ndate: 2025-03-09\ntags: [порт, море\n---\n' + BODY,
                 3, 'the front matter is not valid YAML: expected \',\' or \']\'', '[newsroom.front-matter]'),
    # a tab after "date:": libyaml would take it, MyST's YAML parser refuses it as we do
    'tab-in-yaml': ('news/2025/2025-03-11-tab.md', '---\ndate:\t2025-03-11\n---\n' + BODY,
                    2, 'the front matter is not valid YAML', '[newsroom.front-matter]'),
    'not-closed': ('news/2025/2025-03-10-open.md', '---\ndate: 2025-03-10\n' + BODY,
                   1, 'the front matter is not closed: add a line "---"',
                   '[newsroom.front-matter]'),
}


@pytest.mark.parametrize('case', CASES)
def test_an_authoring_mistake_is_an_error_with_file_and_line(
        make_app, rootdir: Path, tmp_path: Path, case: str) -> None:
    name, text, line, message, kind = CASES[case]
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
    (srcdir / name).write_text(text, encoding='utf-8')
    app = make_app('html', srcdir=srcdir)
    app.build()
    warnings = [w for w in app.warning.getvalue().splitlines() if 'WARNING' in w]
    ours = [w for w in warnings if kind in w]
    assert any(f'{name}:{line}: WARNING: ' in w and message in w for w in ours), warnings
    if case.startswith('draft'):  # unknown values fail closed: never published
        docname = name.removesuffix('.md')
        assert not (app.outdir / f'{docname}.html').exists()
        assert docname.rsplit('/', 1)[1] not in (app.outdir / 'index.html').read_text()


def test_one_article_in_two_files_is_an_error(make_app, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / 'site'
    shutil.copytree(rootdir / 'test-news', srcdir)
    copy = srcdir / 'news/2023/2024-01-15-alpha.md'
    copy.parent.mkdir()
    shutil.copy(srcdir / 'news/2024/2024-01-15-alpha.md', copy)
    app = make_app('html', srcdir=srcdir)
    app.build()
    warnings = app.warning.getvalue()
    assert ('2024-01-15-alpha is also news/2024/2024-01-15-alpha: the same article twice'
            in warnings), warnings
    assert 'lies in the folder 2023/; move it to 2024/' in warnings

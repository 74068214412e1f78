"""The everyday loop, with the Makefile on a copy of this project: a correction of a published
article never takes its translations off the site, one bad catalog holds back only its page."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import lxml.html
import polib
import pytest

from helpers import CYRILLIC, PUBLISHED, SITE_BASEURL, copy_project, read_page
from nginx import serve_nginx

ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region'
OTHER = 'news/2025/2025-06-20-geneva-neutrality'
#: Two words added to one sentence, and a paragraph added, by the editor.
SENTENCE = '24 августа 2023 года состоялась онлайн-встреча'
EDITED = '24 августа 2023 года в формате видеосвязи состоялась онлайн-встреча'
ADDED = 'Стороны договорились продолжить обсуждение на следующей встрече.'
TARGETS = PUBLISHED[1:]


def make(project: Path, *targets: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ['make', '--no-print-directory', *targets, f'VENV={Path(sys.prefix)}',
         f'BASEURL={SITE_BASEURL}'],
        cwd=project, capture_output=True, text=True, check=False)
    if ok:
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def po_path(project: Path, language: str, docname: str = ARTICLE) -> Path:
    return project / 'locale' / language / 'LC_MESSAGES' / f'{docname}.po'


def published_in_every_list(html: Path, language: str, docname: str) -> None:
    """*docname* is on the news page, its year's archive, a tag page, the feed, the sitemap
    and in the search index of *language*."""
    folder = html / language
    page = f'{docname}.html'
    assert (folder / page).is_file()
    name = page.rsplit('/', 1)[1]
    for listing in ('news/index.html', f'news/{docname.split("/")[1]}/index.html'):
        assert name in (folder / listing).read_text(encoding='utf-8'), listing
    assert any(name in tag.read_text(encoding='utf-8')
               for tag in (folder / 'news' / 'tags').glob('*.html')), 'no tag page lists it'
    for machine in ('atom.xml', 'sitemap.xml'):
        assert page in (folder / machine).read_text(encoding='utf-8'), machine
    assert any(page in shard.read_text(encoding='utf-8')
               for shard in (folder / '_static' / 'newsroom-search' / 'd').glob('*.json'))


def main_text(path: Path) -> str:
    """The text of a page's main content (furo's ``<article role="main">``) in the page's
    language: elements marked with another language (the switcher's names) left out."""
    root = lxml.html.fromstring(path.read_bytes())
    language = root.get('lang')
    [main] = root.xpath('//*[@role="main"]')
    for other in main.xpath('.//*[@lang]'):
        if other.get('lang') != language and other.getparent() is not None:
            other.drop_tree()
    return ' '.join(main.text_content().split())


def files(tree: Path) -> dict[str, bytes]:
    """Every file of a published tree (through its link), by relative path; Sphinx's
    ``.buildinfo`` (a hash of the configuration, with the checkout's absolute paths; never
    served) left out."""
    root = tree.resolve()
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in root.rglob('*') if path.is_file() and path.name != '.buildinfo'}


def not_published(html: Path, language: str, docname: str) -> None:
    folder = html / language
    page = f'{docname}.html'
    assert not (folder / page).exists()
    for path in folder.rglob('*'):
        if path.suffix in {'.html', '.xml', '.json'}:
            assert page.rsplit('/', 1)[1] not in path.read_text(encoding='utf-8'), path


@pytest.fixture(scope='module')
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, published, then corrected in Russian (two words in a sentence, one
    paragraph added), its catalogs updated and the site built again."""
    project = copy_project(tmp_path_factory.mktemp('loop') / 'project')
    make(project, 'html')
    source = project / 'docs' / f'{ARTICLE}.md'
    text = source.read_text(encoding='utf-8')
    assert SENTENCE in text
    source.write_text(text.replace(SENTENCE, EDITED) + f'\n{ADDED}\n', encoding='utf-8')
    make(project, 'update-po')
    make(project, 'html')
    return project


def test_update_po_marks_a_published_translation_as_under_revision(corrected: Path) -> None:
    for language in TARGETS:
        catalog = polib.pofile(str(po_path(corrected, language)))
        assert catalog.metadata.get('X-Newsroom-Revised'), language
        assert len(catalog.fuzzy_entries()) == 1 and len(catalog.untranslated_entries()) == 1
        subprocess.run(['msgfmt', '--check', '-o', '/dev/null',
                        str(po_path(corrected, language))], check=True)


@pytest.mark.parametrize('language', TARGETS)
def test_a_correction_keeps_the_translation_on_every_list(corrected: Path,
                                                          language: str) -> None:
    published_in_every_list(corrected / '_build' / 'html', language, ARTICLE)


def test_readers_see_the_last_reviewed_translation_and_a_notice(corrected: Path) -> None:
    path = corrected / '_build' / 'html' / 'en' / f'{ARTICLE}.html'
    page, english = read_page(path), main_text(path)
    assert 'On 24 August 2023, an online meeting was held' in english  # the fuzzy one's
    assert 'The original of this article was updated on' in english
    assert 'this translation is being revised' in english
    assert not CYRILLIC.search(english), CYRILLIC.findall(english)
    assert 'договорились' not in page.text()  # the added paragraph is not shown in Russian
    original = [link for link in page.links if link.get('hreflang') == 'ru'
                and link['href'].endswith(f'{ARTICLE.rsplit("/", 1)[1]}.html')]
    assert original, 'the notice links to the original'
    turkmen = main_text(corrected / '_build' / 'html' / 'tk' / f'{ARTICLE}.html')
    assert not CYRILLIC.search(turkmen), CYRILLIC.findall(turkmen)
    assert 'asyl nusgasy' in turkmen


def test_a_fresh_clone_publishes_the_same_tree(corrected: Path,
                                              tmp_path: Path) -> None:
    """What marks a translation as published lives in the sources: a clean build of the
    same sources publishes byte for byte what the incremental one did."""
    clone = copy_project(tmp_path / 'clone')
    for folder in ('docs', 'locale'):
        subprocess.run(['rm', '-rf', str(clone / folder)], check=True)
        subprocess.run(['cp', '-r', str(corrected / folder), str(clone / folder)], check=True)
    make(clone, 'html')
    before, after = files(corrected / '_build' / 'html'), files(clone / '_build' / 'html')
    assert before.keys() == after.keys()
    assert [name for name in before if before[name] != after[name]] == []


def test_reviewing_the_change_removes_the_notice(corrected: Path) -> None:
    path = po_path(corrected, 'en')
    catalog = polib.pofile(str(path))
    for entry in catalog.fuzzy_entries():
        entry.flags.remove('fuzzy')
        entry.previous_msgid = None
    [added] = catalog.untranslated_entries()
    added.msgstr = 'The parties agreed to continue the discussion at their next meeting.'
    catalog.save()
    make(corrected, 'html')
    english = main_text(corrected / '_build' / 'html' / 'en' / f'{ARTICLE}.html')
    assert 'being revised' not in english
    assert 'agreed to continue the discussion' in english
    assert not CYRILLIC.search(english)
    turkmen = main_text(corrected / '_build' / 'html' / 'tk' / f'{ARTICLE}.html')
    assert 'asyl nusgasy' in turkmen  # not reviewed in Turkmen yet


def test_a_broken_catalog_holds_back_only_its_page(corrected: Path, tmp_path: Path,
                                                   page) -> None:
    """One syntax error in one English catalog: make html publishes everything else (every
    Russian and Turkmen page, the other English ones); the page is held back in English,
    even where an old link leads (the 404 page); make check-po fails on it."""
    path = po_path(corrected, 'en', OTHER)
    path.write_text(path.read_text(encoding='utf-8') + '\nmsgid "unterminated\n',
                    encoding='utf-8')
    result = make(corrected, 'html')
    assert f'locale/en/LC_MESSAGES/{OTHER}.po:' in result.stdout + result.stderr
    html = corrected / '_build' / 'html'
    not_published(html, 'en', OTHER)
    published_in_every_list(html, 'ru', OTHER)
    published_in_every_list(html, 'tk', OTHER)
    published_in_every_list(html, 'en', ARTICLE)
    assert make(corrected, 'check-po', ok=False).returncode != 0
    with serve_nginx(html.resolve(), tmp_path / 'nginx', confdir=corrected) as base:
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(f'{base}/en/{OTHER}.html')  # noqa: S310 (loopback)
        assert answer.value.code == 404
        body = answer.value.read().decode('utf-8')
        assert 'lang="en"' in body and 'id="newsroom-original"' in body
        page.goto(f'{base}/en/{OTHER}.html')
        link = page.locator('#newsroom-original')
        assert link.get_attribute('href') == f'/ru/{OTHER}.html'
        assert page.request.get(f'{base}/ru/{OTHER}.html').status == 200

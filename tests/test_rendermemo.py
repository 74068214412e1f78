"""Generated pages (archives, tag pages) are rendered again only when what they print changed,
and an incremental build still writes exactly what a clean build of the same sources writes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.publishing.rendermemo import (Unfingerprintable, encode, fingerprint, record,
                                            replays)

YEAR_PAGE = 'news/2024/index'
BETA = Path('news', '2024', '2024-03-02-beta.md')


def unchanged(app) -> tuple[int, int]:  # noqa: ANN001 (Sphinx's test app)
    """What the build said: (generated pages not rendered again, generated pages)."""
    found = re.findall(r'newsroom: (\d+) of (\d+) generated pages unchanged',
                       app.status.getvalue())
    assert len(found) == 1, app.status.getvalue()[-2000:]
    return int(found[0][0]), int(found[0][1])


def generated(app) -> dict[str, bytes]:  # noqa: ANN001
    """The build's generated pages (not made from a source), by path."""
    pages = {}
    for path in Path(app.outdir).rglob('*.html'):
        name = path.relative_to(app.outdir).with_suffix('').as_posix()
        if name not in app.env.all_docs:
            pages[name] = path.read_bytes()
    assert YEAR_PAGE in pages, sorted(pages)
    return pages


def build(make_app, srcdir: Path, **overrides):  # noqa: ANN001, ANN201
    app = make_app('html', srcdir=srcdir, confoverrides=overrides)
    app.build()
    warnings = [line for line in app.warning.getvalue().splitlines()
                if 'WARNING' in line and 'already registered' not in line]  # a second app
    assert not warnings, warnings
    return app


def clean_build(make_app, srcdir: Path, tmp_path: Path, **overrides):  # noqa: ANN001, ANN201
    """The same sources built into a folder that has never held a build."""
    fresh = tmp_path / 'clean'
    shutil.copytree(srcdir, fresh, ignore=shutil.ignore_patterns('_build'))
    return build(make_app, fresh, **overrides)


def with_style_sheet(srcdir: Path, colour: str) -> None:
    (srcdir / '_static').mkdir(exist_ok=True)
    (srcdir / '_static' / 'site.css').write_text(f'body {{ color: {colour}; }}\n',
                                                 encoding='utf-8')


# -- Builds ------------------------------------------------------------------------------------


def test_an_unchanged_generated_page_is_not_rendered_again(make_app, news_copy: Path) -> None:
    first = build(make_app, news_copy)
    before = generated(first)
    times = {path: path.stat().st_mtime_ns for path in Path(first.outdir).rglob('*.html')}
    assert unchanged(first)[0] == 0
    second = build(make_app, news_copy)
    reused, total = unchanged(second)
    assert reused == total == len(before), (reused, total, sorted(before))
    assert generated(second) == before
    assert {path: path.stat().st_mtime_ns for path in times} == times


def test_a_changed_title_renders_the_pages_that_list_it_again(make_app, news_copy: Path,
                                                              tmp_path: Path) -> None:
    build(make_app, news_copy)
    build(make_app, news_copy)
    source = news_copy / BETA
    source.write_text(source.read_text(encoding='utf-8').replace(
        '# Тестовая заметка бета', '# Исправленный заголовок беты'), encoding='utf-8')
    edited = build(make_app, news_copy)
    reused, total = unchanged(edited)
    assert reused < total
    pages = generated(edited)
    assert 'Исправленный заголовок беты' in pages[YEAR_PAGE].decode()
    assert pages == generated(clean_build(make_app, news_copy, tmp_path))


def test_an_articles_listing_key_is_made_again_only_when_its_page_was_read_again(
        make_app, news_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each article's part of a listing's key is kept with the environment (``lists.
    kept_keys``): the next build makes it again only for an article read again, and the
    pages are those of a clean build."""
    from newsroom.core.domain import news
    from newsroom.news import lists

    build(make_app, news_copy)
    made: list[str] = []
    real = lists.made_key
    monkeypatch.setattr(lists, 'made_key', lambda article, env, source: made.append(
        article.docname) or real(article, env, source))
    source = news_copy / BETA
    source.write_text(source.read_text(encoding='utf-8').replace(
        '# Тестовая заметка бета', '# Исправленный заголовок беты'), encoding='utf-8')
    edited = build(make_app, news_copy)
    assert made == [BETA.with_suffix('').as_posix()]
    assert len(news(edited.env).articles) > 1
    assert 'Исправленный заголовок беты' in generated(edited)[YEAR_PAGE].decode()
    made.clear()
    clean = clean_build(make_app, news_copy, tmp_path)
    assert sorted(made) == sorted(news(clean.env).articles)  # a new environment keeps none
    assert generated(edited) == generated(clean)


def sphinx_build(srcdir: Path) -> tuple[str, dict[str, bytes]]:
    """``sphinx-build`` in a process of its own (Sphinx remembers each style sheet's checksum
    for the life of a process, as a command-line build lives): its log, its year page."""
    outdir = srcdir / '_build' / 'html'
    result = subprocess.run([sys.executable, '-m', 'sphinx', '-b', 'html', '-d',
                             str(srcdir / '_build' / 'doctrees'), str(srcdir), str(outdir)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout, {'year': (outdir / f'{YEAR_PAGE}.html').read_bytes()}


def test_a_changed_style_sheet_renders_every_page_again(news_copy: Path, tmp_path: Path) -> None:
    """The pages name each style sheet with its checksum (``site.css?v=…``): a recorded
    call (``css_tag``) that now returns another address."""
    with (news_copy / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write("html_static_path = ['_static']\nhtml_css_files = ['site.css']\n")
    with_style_sheet(news_copy, 'black')
    sphinx_build(news_copy)
    log, before = sphinx_build(news_copy)
    assert re.search(r'newsroom: (\d+) of \1 generated pages unchanged', log), log
    with_style_sheet(news_copy, 'navy')
    log, after = sphinx_build(news_copy)
    assert re.search(r'newsroom: 0 of \d+ generated pages unchanged', log), log
    link = re.compile(rb'site\.css\?v=\w+')
    assert link.findall(after['year']) and link.findall(after['year']) != link.findall(
        before['year'])
    fresh = tmp_path / 'clean'
    shutil.copytree(news_copy, fresh, ignore=shutil.ignore_patterns('_build'))
    assert sphinx_build(fresh)[1] == after


def test_a_lost_page_file_is_rendered_again(make_app, news_copy: Path) -> None:
    first = generated(build(make_app, news_copy))
    build(make_app, news_copy)
    page = Path(news_copy, '_build', 'html', f'{YEAR_PAGE}.html')
    page.write_text('<p>edited by hand</p>', encoding='utf-8')
    again = build(make_app, news_copy)
    assert unchanged(again)[0] == unchanged(again)[1] - 1
    assert generated(again) == first


# -- The fingerprint ---------------------------------------------------------------------------


class Sheet:
    """An object that says what it is, as Sphinx's style sheets do."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return f'Sheet({self.name})'


def test_a_recorded_call_is_made_again_with_the_contexts_own_objects() -> None:
    checksums = {'a.css': '1'}

    def css_tag(sheet: Sheet) -> str:
        return f'<link href="{sheet.name}?v={checksums[sheet.name]}">'

    context = {'css_files': [Sheet('a.css')], 'title': 'Новости', 'css_tag': css_tag}
    recorder = record(context)
    context['css_tag'](context['css_files'][0])
    key, objects = fingerprint(context, 'salt')
    assert replays(recorder.calls, {**context, 'css_tag': css_tag}, objects)
    checksums['a.css'] = '2'
    assert not replays(recorder.calls, {**context, 'css_tag': css_tag}, objects)
    assert not replays(recorder.calls, {**context, 'css_tag': css_tag}, {})  # object gone
    assert fingerprint({**context, 'title': 'News'}, 'salt')[0] != key
    assert fingerprint(context, 'other salt')[0] != key


@pytest.mark.parametrize('value', [object(), {1: 'a', 'b': 2}, {Sheet('x'): 1}])
def test_a_context_that_cannot_be_fingerprinted_is_refused(value: object) -> None:
    with pytest.raises(Unfingerprintable):
        fingerprint({'thing': value}, '')


def test_encode_tells_apart_what_a_template_prints() -> None:
    assert encode(['a', 1]) != encode(['a', '1'])
    assert encode({'a': (1, 2)}) == encode({'a': [1, 2]})  # a template prints both alike
    assert encode([Sheet('a')]) != encode([Sheet('b')])


# -- A listing's entries -----------------------------------------------------------------------


def test_a_listings_entries_are_made_only_to_render_and_their_key_follows_every_input(
        make_app, news_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``news.lists.ListingEntries``: made, they are ``article_entries``'s; as text (all the
    render memo's fingerprint takes of them), a digest that changes with each article's
    title, date, lead, translation state, image and place, with the page and with the
    images' folder."""
    import datetime as dt
    from dataclasses import replace

    from newsroom.core.domain import news
    from newsroom.core.pictures import Picture, Rendition
    from newsroom.news import lists

    app = build(make_app, news_copy)
    env, domain = app.env, news(app.env)
    articles = list(domain.index.articles)
    assert len(articles) >= 3

    def uri(docname: str) -> str:
        return app.builder.get_relative_uri(YEAR_PAGE, docname)

    def key(items: list, images: str = '../../_images/', page: str = YEAR_PAGE) -> str:
        for name in (lists.PARTS_DIGESTS, lists.ENTRY_PARTS):  # as in a new build
            domain._per_build.pop(name, None)
        return str(lists.ListingEntries(items, env, uri, images, page))

    entries = lists.ListingEntries(articles, env, uri, '../../_images/', YEAR_PAGE)
    assert len(entries) == len(articles) and entries._made is None  # not made to be counted
    assert list(entries) == lists.article_entries(articles, env, uri, '../../_images/')
    base = key(articles)
    assert key(list(articles)) == base
    first, rest = articles[0], articles[1:]
    picture = Picture('news/photo.jpg', (Rendition('photo-480.webp', 480, 320, 'image/webp', 900),))
    for variant in ([replace(first, title='Другой заголовок'), *rest],
                    [replace(first, date=first.date - dt.timedelta(days=1)), *rest],
                    [replace(first, summary='Совсем другое начало новости.'), *rest],
                    [replace(first, image=picture), *rest],
                    [replace(first, image=replace(picture, alt='Порт')), *rest],
                    [*rest, first], rest):
        assert key(variant) != base
    assert key(articles, images='../_images/') != base
    assert key(articles, page='news/index') != base
    percent = domain.percent
    monkeypatch.setattr(domain, 'percent',
                        lambda docname: 40 if docname == first.docname else percent(docname))
    assert key(articles) != base

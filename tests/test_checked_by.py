"""A build takes check-po's word for the catalogs it found clean, and only while unchanged."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import build_en
from helpers import en_catalog as catalog

from newsroom.cli import main
from newsroom.i18n import checked, status, views

BETA = 'news/2024/2024-03-02-beta'


def counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[Path]:
    """The catalogs ``module.name(path, …)`` is called with: the real function, counted."""
    seen: list[Path] = []
    real = getattr(module, name)

    def counting(source: Path, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(Path(source))
        return real(source, *args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return seen


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The catalogs the build runs the checks on (the real checks, counted)."""
    return counted(monkeypatch, checked, 'read_checked')


def check_po(srcdir: Path, record: Path) -> None:
    """``check-po`` as make html runs it, once its catalogs are old enough to be recorded."""
    past = time.time() - 60
    for path in (srcdir / 'locale').rglob('*.po'):
        os.utime(path, (past, past))
    time.sleep(2.1)  # the ctime too: a file changed within 2 s is never trusted (cache.py)
    assert main(['check-po', '--locale-dir', str(srcdir / 'locale'), '--cache', str(record),
                 '--report', 'en']) == 0
    assert record.is_file()


def broken_after_check_po(srcdir: Path, record: Path, tag: str) -> Path:
    """check-po's record, then BETA's English catalog given a *tag* (HTML, refused)."""
    check_po(srcdir, record)
    po = catalog(srcdir, BETA)
    po.write_text(po.read_text(encoding='utf-8').replace(
        'msgstr "Second paragraph of the test note."',
        f'msgstr "Second paragraph <{tag}>alert(1)</{tag}>."'), encoding='utf-8')
    return po


def test_catalogs_check_po_found_clean_are_not_checked_again(
        make_app, news_copy: Path, tmp_path: Path, reads: list[Path]) -> None:
    record = tmp_path / 'check-po.json'
    check_po(news_copy, record)
    app = build_en(make_app, news_copy, newsroom_checked_by=str(record))
    assert reads == []
    assert 'Second paragraph of the test note.' in (app.outdir / f'{BETA}.html').read_text(
        encoding='utf-8')


def test_a_catalog_changed_after_check_po_is_checked_by_the_build(
        make_app, news_copy: Path, tmp_path: Path, reads: list[Path]) -> None:
    record = tmp_path / 'check-po.json'
    po = broken_after_check_po(news_copy, record, 'script')
    app = build_en(make_app, news_copy, newsroom_checked_by=str(record))
    assert [path.name for path in reads] == [po.name]
    assert not (app.outdir / f'{BETA}.html').exists()  # refused: held back
    assert 'catalog refused' in app.status.getvalue()


def build_ru(make_app, srcdir: Path, record: Path):  # noqa: ANN001, ANN201 (Sphinx's fixture)
    """The source language's build, which reads every translation's catalog to know which
    languages publish which articles (the switcher, ``hreflang`` links)."""
    app = make_app('html', srcdir=srcdir, confoverrides={'newsroom_checked_by': str(record)})
    app.build()
    return app


def offers_english(app) -> bool:  # noqa: ANN001 (Sphinx's application)
    return 'hreflang="en"' in (app.outdir / f'{BETA}.html').read_text(encoding='utf-8')


def test_the_source_build_takes_check_pos_word_for_the_translations_too(
        make_app, news_copy: Path, tmp_path: Path, reads: list[Path]) -> None:
    record = tmp_path / 'check-po.json'
    check_po(news_copy, record)
    app = build_ru(make_app, news_copy, record)
    assert reads == []
    assert offers_english(app)


def test_the_source_build_checks_a_translation_changed_after_check_po(
        make_app, news_copy: Path, tmp_path: Path, reads: list[Path]) -> None:
    record = tmp_path / 'check-po.json'
    po = broken_after_check_po(news_copy, record, 'SCRIPT')
    app = build_ru(make_app, news_copy, record)
    assert po.name in [path.name for path in reads]
    assert not offers_english(app)  # refused: English holds the article back


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The other languages' catalogs a build parses for its reports (really, counted)."""
    return counted(monkeypatch, status, 'catalog_states')


def test_check_po_hands_the_builds_what_they_would_read_of_many_catalogs(
        make_app, news_copy: Path, tmp_path: Path, parsed: list[Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    record = tmp_path / 'check-po.json'
    check_po(news_copy, record)
    assert not views.views_path(record, 'en').exists()  # a few catalogs: the builds read them
    monkeypatch.setattr(views, 'HANDED_FROM', 1)  # a tiny site counted as a clean big one
    record.unlink()
    check_po(news_copy, record)
    handed = views.views_cache(record, 'en')
    locale = news_copy / 'locale'
    catalogs = sorted((locale / 'en' / 'LC_MESSAGES').rglob('*.po'))
    key = views.keys(locale)
    assert len(handed.entries) == len(catalogs) > 1
    for path in catalogs:  # the view each build would make of it itself
        assert handed.get(key(str(path)), path.stat()) == status.catalog_states(
            path, 'en', root=locale)
    parsed.clear()
    app = build_ru(make_app, news_copy, record)
    assert parsed == []
    assert offers_english(app)


def test_a_catalog_changed_after_check_po_handed_its_view_over_is_read_again(
        make_app, news_copy: Path, tmp_path: Path, parsed: list[Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, 'HANDED_FROM', 1)
    record = tmp_path / 'check-po.json'
    po = broken_after_check_po(news_copy, record, 'Script')
    app = build_ru(make_app, news_copy, record)
    assert [path.name for path in parsed] == [po.name]
    assert not offers_english(app)

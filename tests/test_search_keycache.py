"""Each word's index keys kept between builds with the index's state (``search.kept``):
the next index analyses only new words, and the kept keys are exactly what the analysis
finds, under the same settings only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsroom.search.analysis import Analyzer
from newsroom.search.index import State
from newsroom.search.kept import FILENAME, load, save, settings_stamp

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

WORDS = ['портами', 'порта', 'туркменбаши', 'делегация', 'сотрудничества', '2025']


def test_the_next_build_analyses_only_the_words_it_has_not_seen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Analyzer.for_language('ru')
    assert first.morphology, 'the Russian dictionary is installed'
    expected = {word: first.keys(word) for word in WORDS}
    path = tmp_path / FILENAME
    save(first, path, settings_stamp(first, 'code'), State())

    second = Analyzer.for_language('ru')
    assert len(load(second, path, settings_stamp(second, 'code')).keys) == len(WORDS)
    parsed: list[str] = []
    morph = second._morph  # noqa: SLF001 - the dictionary, watched
    real = morph.parse
    monkeypatch.setattr(morph, 'parse', lambda word: parsed.append(word) or real(word))
    assert {word: second.keys(word) for word in WORDS} == expected
    assert parsed == [], 'a kept word was analysed again'
    assert second.keys('переговорами') == first.keys('переговорами')
    assert 'переговорами' in parsed

    save(second, path, settings_stamp(second, 'code'), State())
    kept = load(Analyzer.for_language('ru'), path, settings_stamp(second, 'code')).keys
    assert set(kept) == {*WORDS, 'переговорами'}  # the words this build used, no others


def test_kept_keys_are_taken_only_under_the_same_settings(tmp_path: Path) -> None:
    first = Analyzer.for_language('ru')
    for word in WORDS:
        first.keys(word)
    path = tmp_path / FILENAME
    save(first, path, settings_stamp(first, 'code'), State())
    aliased = Analyzer.for_language('ru', aliases={'туркменбаши': 'Туркменбашы'})
    assert len(load(aliased, path, settings_stamp(aliased, 'code')).keys) == 0
    other = Analyzer.for_language('ru')
    assert len(load(other, path, settings_stamp(other, 'new code')).keys) == 0
    english = Analyzer.for_language('en')
    assert len(load(english, path, settings_stamp(english, 'code')).keys) == 0
    path.write_bytes(path.read_bytes()[:-40])  # a torn file is no cache
    assert len(load(other, path, settings_stamp(other, 'code')).keys) == 0

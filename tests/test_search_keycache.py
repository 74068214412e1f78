"""Each word's index keys kept between builds: the next index analyses only new words, and
the kept keys are exactly what the analysis finds, under the same settings only."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from newsroom.search import keycache
from newsroom.search.analysis import Analyzer

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

WORDS = ['портами', 'порта', 'туркменбаши', 'делегация', 'сотрудничества', '2025']


def test_the_next_build_analyses_only_the_words_it_has_not_seen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Analyzer.for_language('ru')
    assert first.morphology, 'the Russian dictionary is installed'
    expected = {word: first.keys(word) for word in WORDS}
    path = tmp_path / keycache.FILENAME
    keycache.save(first, path, keycache.settings_stamp(first, 'code'))

    second = Analyzer.for_language('ru')
    assert keycache.load(second, path, keycache.settings_stamp(second, 'code')) == len(WORDS)
    parsed: list[str] = []
    morph = second._morph  # noqa: SLF001 - the dictionary, watched
    real = morph.parse
    monkeypatch.setattr(morph, 'parse', lambda word: parsed.append(word) or real(word))
    assert {word: second.keys(word) for word in WORDS} == expected
    assert parsed == [], 'a kept word was analysed again'
    assert second.keys('переговорами') == first.keys('переговорами')
    assert 'переговорами' in parsed

    keycache.save(second, path, keycache.settings_stamp(second, 'code'))
    kept = json.loads(path.read_text(encoding='utf-8'))['keys']
    assert set(kept) == {*WORDS, 'переговорами'}  # the words this build used, no others


def test_kept_keys_are_taken_only_under_the_same_settings(tmp_path: Path) -> None:
    first = Analyzer.for_language('ru')
    for word in WORDS:
        first.keys(word)
    path = tmp_path / keycache.FILENAME
    keycache.save(first, path, keycache.settings_stamp(first, 'code'))
    aliased = Analyzer.for_language('ru', aliases={'туркменбаши': 'Туркменбашы'})
    assert keycache.load(aliased, path, keycache.settings_stamp(aliased, 'code')) == 0
    other = Analyzer.for_language('ru')
    assert keycache.load(other, path, keycache.settings_stamp(other, 'new code')) == 0
    english = Analyzer.for_language('en')
    assert keycache.load(english, path, keycache.settings_stamp(english, 'code')) == 0
    path.write_text('{"stamp": ', encoding='utf-8')  # a torn file is no cache
    assert keycache.load(other, path, keycache.settings_stamp(other, 'code')) == 0

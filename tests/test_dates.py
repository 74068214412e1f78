"""Front-matter dates: parsing, file-name agreement, localized display."""

from __future__ import annotations

import datetime as dt

import pytest

from newsroom.core.dates import DateError, check_filename, display_date, filename_date, parse_date


@pytest.mark.parametrize('value', ['2023-08-24', '2023-08-24T10:30', '"2023-08-24"'])
def test_parse_date_accepts_iso_dates(value: str) -> None:
    assert parse_date(value) == dt.date(2023, 8, 24)


@pytest.mark.parametrize('value', [None, '', '24.08.2023', '2023-13-01', 'вчера'])
def test_parse_date_rejects_with_a_hint(value: str | None) -> None:
    with pytest.raises(DateError, match='date'):
        parse_date(value)


def test_filename_date() -> None:
    assert filename_date('2025-06-20-geneva') == dt.date(2025, 6, 20)
    assert filename_date('geneva') is None
    assert filename_date('2025-02-30-bad') is None


def test_check_filename_names_both_dates() -> None:
    check_filename('2025-06-20-geneva', dt.date(2025, 6, 20))
    check_filename('geneva', dt.date(2025, 6, 20))
    with pytest.raises(DateError, match='2025-06-21.*2025-06-20'):
        check_filename('2025-06-20-geneva', dt.date(2025, 6, 21))


@pytest.mark.parametrize(('language', 'expected'), [
    ('ru', '24 августа 2023'),
    ('en', '24 August 2023'),
])
def test_display_date_is_localized(language: str, expected: str) -> None:
    assert display_date(dt.date(2023, 8, 24), language) == expected

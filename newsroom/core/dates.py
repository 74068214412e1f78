"""Pure functions for news dates: parsing front matter, checking file names, formatting."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel.dates import format_date

#: ``2025-06-20-some-slug`` — a news file name that starts with its date.
FILENAME_DATE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})(?:[-_.]|$)')

#: The pattern used for dates shown to readers: "24 августа 2023", "24 August 2023".
DISPLAY_PATTERN = 'd MMMM y'


class DateError(ValueError):
    """A front-matter date that cannot be used; the message says what to do."""


def parse_date(value: str | None) -> dt.date:
    """Parse a front-matter ``date`` (``YYYY-MM-DD``, optionally with a time)."""
    if value is None or not str(value).strip():
        raise DateError(
            'news article has no "date" in its front matter; '
            'add a line such as "date: 2025-06-20" between the "---" lines'
        )
    text = str(value).strip().strip('"\'')
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise DateError(
        f'front-matter date {text!r} is not a valid date; '
        'write it as YYYY-MM-DD, e.g. "date: 2025-06-20"'
    )


def filename_date(basename: str) -> dt.date | None:
    """Return the date a file name starts with, or ``None`` if it starts with none."""
    match = FILENAME_DATE.match(basename)
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def check_filename(basename: str, date: dt.date) -> None:
    """Raise :class:`DateError` if the file name's date contradicts *date*."""
    named = filename_date(basename)
    if named is not None and named != date:
        raise DateError(
            f'front-matter date {date.isoformat()} contradicts the file name '
            f'{basename!r} ({named.isoformat()}); the front matter is the truth: '
            'rename the file or correct the date'
        )


@lru_cache(maxsize=8192)  # every list and archive formats the same dates again
def display_date(date: dt.date, language: str) -> str:
    """Format *date* for readers of *language* with Babel (CLDR month names)."""
    return format_date(date, DISPLAY_PATTERN, locale=language.replace('-', '_'))

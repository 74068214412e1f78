"""pymorphy3's analyser of a language, loaded once per process (the warm process loads the site's before it forks a build)."""

from __future__ import annotations

import functools
import logging
from typing import Any


@functools.cache
def analyzer(code: str) -> Any | None:
    """pymorphy3's analyser for the language *code* (``ru``), or None without pymorphy3 or
    its dictionary for it. Loading one reads its dictionary (some 0.07 CPU s for Russian),
    so a process loads it once, for the termbase and the search index alike."""
    try:
        import pymorphy3  # noqa: PLC0415 - optional, and costly to import
    except ImportError:
        return None
    # pymorphy3 logs where it loads its dictionary from, at INFO, to stderr
    logging.getLogger('pymorphy3').setLevel(logging.WARNING)
    try:
        return pymorphy3.MorphAnalyzer(lang=code)
    except (ValueError, OSError, KeyError, ImportError):
        return None


def preload(languages: list[str]) -> None:
    """Load the analysers of *languages* (codes such as ``ru`` or ``pt-BR``) that have a
    dictionary, for the processes forked from this one."""
    for language in languages:
        analyzer(base(language))


def base(language: str) -> str:
    """The language of a code with a region or script: ``ru`` of ``ru-RU`` or ``ru_RU``."""
    return language.split('-')[0].split('_')[0]

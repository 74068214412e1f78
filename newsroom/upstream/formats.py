"""Text formats of Sphinx and MyST-Parser we read: a translated message's location, MyST's
configuration dump.

Touches: the source path Sphinx gives a translated message's scratch document
(``<source>:<line>:<translated>`` in ``sphinx.transforms.i18n``, with docutils' line
appended), and the log record MyST-Parser writes with its whole configuration (logger
``sphinx.myst_parser``, a message holding ``MdParserConfig(``).
Why: a warning about a translation should name its catalog, line and msgid, not a scratch
document (i18n/locations.py); MyST prints 700 characters of configuration on every build
(core/__init__.py). Neither changes what readers see: a changed format leaves the location
as Sphinx wrote it, or the dump in the log.
Delete when: Sphinx's warnings about a translated message carry the catalog's location
(``.po`` file and line), and MyST-Parser logs its configuration at debug level.
"""

from __future__ import annotations

import re

#: Sphinx parses each msgstr as ``<source>:<line>:<translated>`` and docutils adds its line.
TRANSLATED = re.compile(r'^(?P<source>.+?):(?P<line>\d+):<translated>(?::\d+)?$')


def translated_location(location: str) -> tuple[str, int] | None:
    """The page and line of the message a scratch document's *location* names, if any."""
    match = TRANSLATED.match(location)
    return (match['source'], int(match['line'])) if match else None


def is_myst_config_dump(logger_name: str, message: str) -> bool:
    """Whether a log record is MyST-Parser's dump of its configuration."""
    return logger_name.startswith('sphinx.myst_parser') and 'MdParserConfig(' in message

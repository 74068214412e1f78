"""The search page's page size: a count of results, checked when the configuration is read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def on_config_inited(app: Sphinx, config: Config) -> None:
    """A page size must be a count of results (0 lists them all, as plain Sphinx does)."""
    size = config.newsroom_search_page_size
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise ConfigError(
            f'newsroom_search_page_size must be a whole number of results, not {size!r}; '
            'use e.g. 20, or 0 to list every result at once')

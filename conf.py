"""Sphinx configuration of the news site: Russian sources, one build per language."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
if 'sphinx_intl' in sys.modules:  # sphinx-intl reads this file: only its `stat` is safe here
    from newsroom.i18n.sphinxintl import refuse_unsafe_commands
    refuse_unsafe_commands()

# -- Project -------------------------------------------------------------------
project = 'Официальный веб-сайт'  # the brand shown is the home page's (translated) title
copyright = '2023–2025'
root_doc = 'index'

# -- Languages: the one place that lists them; the first is the source language --
newsroom_languages = ['ru', 'en', 'tk']
language = newsroom_languages[0]  # each build overrides it: -D language=en
locale_dirs = [str(ROOT / 'locale')]
gettext_compact = False  # one catalog per page: locale/en/LC_MESSAGES/news/2025/….po
gettext_uuid = False
gettext_location = True

# -- Sources -------------------------------------------------------------------
extensions = [
    'myst_parser',
    'newsroom',
]
source_suffix = {'.md': 'markdown'}
exclude_patterns = ['_build', '.venv']
myst_enable_extensions = ['colon_fence', 'deflist']
myst_heading_anchors = 2
smartquotes = False  # articles are published verbatim: never retouch their quotation marks
newsroom_news_dir = 'news'

# -- HTML ----------------------------------------------------------------------
html_theme = 'furo'
html_static_path = [str(ROOT / '_static')]
# The site's public root; each language lives below it (…/ru/, …/en/). Feeds, sitemaps,
# sharing tags, canonical and hreflang links are built from it. Empty until the site has its
# real address: no placeholder ever reaches readers, and `make html` says what is left out.
# Set it here, or per build with `make html BASEURL=https://news.example.com/`.
html_baseurl = ''
html_last_updated_fmt = None
html_copy_source = False
html_use_index = False  # a news site has no general index
html_show_sourcelink = False
html_css_files = ['site.css']
# The masthead: the site's emblem and icons, files in _static/ ('' for none), and a tagline
# under the site's name. The tagline is written in the source language and translated with
# the home page (locale/<lang>/LC_MESSAGES/index.po, `make update-po` adds it there).
newsroom_emblem = 'emblem.svg'
newsroom_favicon = 'favicon.ico'
newsroom_touch_icon = 'apple-touch-icon.png'
newsroom_tagline = 'Новости и официальные сообщения'
# Maintainers' pages: linked from the footer, not from the readers' menu.
newsroom_footer_pages = ['status']

# -- Publishing ------------------------------------------------------------------
newsroom_feed_length = 20  # the latest N articles in each language's feed, <lang>/atom.xml
newsroom_show_drafts = False  # `make html DRAFTS=1` previews drafts and scheduled articles

# -- Search ----------------------------------------------------------------------
# Other spellings of names readers type -> the spelling our texts use, one word each; read as
# that name by the index and by the search page in every language.
newsroom_search_aliases = {
    'Berdymukhamedov': 'Berdimuhamedov', 'Berdymuhamedov': 'Berdimuhamedov',
    'Berdimuhamedow': 'Berdimuhamedov', 'Бердимухамедов': 'Бердымухамедов',
    'Turkmenbashy': 'Turkmenbashi',
}

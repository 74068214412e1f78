"""A tiny two-language news site for the extension tests."""

extensions = ['myst_parser', 'newsroom']
newsroom_languages = ['ru', 'en']
language = 'ru'
locale_dirs = ['locale']
gettext_compact = False
html_theme = 'furo'
smartquotes = False
exclude_patterns = ['_build']

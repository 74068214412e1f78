"""A tiny site for loading one wing at a time (tests/test_wings.py sets ``extensions``)."""

extensions = ['myst_parser', 'newsroom']
newsroom_languages = ['ru', 'en']
language = 'ru'
locale_dirs = ['locale']
gettext_compact = False
html_theme = 'furo'
html_baseurl = 'https://wings.example.net/'
smartquotes = False
exclude_patterns = ['_build']

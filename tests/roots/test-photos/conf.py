"""A tiny two-language news site whose newest article has a lead image (drawn by the tests)."""

extensions = ['myst_parser', 'newsroom']
newsroom_languages = ['ru', 'en']
language = 'ru'
locale_dirs = ['locale']
gettext_compact = False
html_theme = 'furo'
html_baseurl = 'https://photos.example.net/'
smartquotes = False
exclude_patterns = ['_build']

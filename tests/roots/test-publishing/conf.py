"""A tiny two-language news site with tags, a draft and a scheduled article."""

extensions = ['myst_parser', 'newsroom']
newsroom_languages = ['ru', 'en']
language = 'ru'
locale_dirs = ['locale']
gettext_compact = False
html_theme = 'furo'
html_baseurl = 'https://news.example.net/'
smartquotes = False
exclude_patterns = ['_build']

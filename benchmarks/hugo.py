"""Hugo on the benchmark's archive: the same articles, one content folder per language."""

from __future__ import annotations

import os
import subprocess
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from benchmarks.bench import Article

CONFIG = '''baseURL = "https://news.example/"
title = "News"
defaultContentLanguage = "{source}"
defaultContentLanguageInSubdir = true
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
tag = "tags"
[languages]
{languages}'''
LANGUAGE = '''[languages.{code}]
contentDir = "content/{code}"
weight = {weight}
'''
LAYOUTS = {
    '_default/baseof.html': '<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}"><head>'
                            '<meta charset="utf-8"><title>{{ .Title }}</title></head><body>'
                            '<nav>{{ range .Translations }}<a href="{{ .RelPermalink }}">'
                            '{{ .Language.LanguageName }}</a>{{ end }}</nav>'
                            '{{ block "main" . }}{{ end }}</body></html>',
    '_default/single.html': '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
                            '<time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}'
                            '</article>{{ end }}',
    '_default/list.html': '{{ define "main" }}<h1>{{ .Title }}</h1><ul>'
                          '{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">'
                          '{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}'
                          '</ul>{{ end }}',
    'index.html': '{{ define "main" }}<ul>{{ range first 10 (where .Site.RegularPages.ByDate.'
                  'Reverse "Section" "news") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}'
                  '</a></li>{{ end }}</ul>{{ end }}',
}


def page(article: Article, language: str, source: str) -> str:
    texts = [m.ru if language == source else m.en for m in (article.title, *article.paragraphs)]
    title = texts[0].replace('\\', '\\\\').replace('"', '\\"')
    tags = ', '.join(f'"{tag}"' for tag in article.tags)
    body = '\n\n'.join(texts[1:])
    return f'+++\ntitle = "{title}"\ndate = {article.date.isoformat()}\ntags = [{tags}]\n+++\n\n{body}\n'


def hugo_site(root: Path, articles: Sequence[Article], languages: Sequence[str]) -> Path:
    """The archive as a multilingual Hugo site in *root* (the same slugs in every language)."""
    languages_toml = ''.join(LANGUAGE.format(code=code, weight=n + 1)
                             for n, code in enumerate(languages))
    root.mkdir(parents=True, exist_ok=True)
    (root / 'hugo.toml').write_text(CONFIG.format(source=languages[0],
                                                  languages=languages_toml), encoding='utf-8')
    for name, text in LAYOUTS.items():
        (root / 'layouts' / name).parent.mkdir(parents=True, exist_ok=True)
        (root / 'layouts' / name).write_text(text, encoding='utf-8')
    for code in languages:
        for article in articles:
            path = root / 'content' / code / f'{article.docname}.md'
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page(article, code, languages[0]), encoding='utf-8')
    return root


def hugo_build(root: Path) -> tuple[float, float]:
    """Wall and CPU seconds of a clean ``hugo`` build of *root*."""
    start = time.perf_counter()
    process = subprocess.Popen(['hugo', '--quiet', '--destination', str(root / 'public'),
                                '--cleanDestinationDir'], cwd=root, env=dict(os.environ))
    _pid, status, usage = os.wait4(process.pid, 0)
    if code := os.waitstatus_to_exitcode(status):
        raise SystemExit(f'hugo failed ({code}) in {root}')
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime

"""Write a language's search index into ``_static/newsroom-search/`` as its pages are
written, with the Snowball stemmer the browser needs (the same algorithm as the index's)."""

from __future__ import annotations

import contextlib
import json
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from newsroom.core import aside
from newsroom.core.article import tag_slug
from newsroom.core.dates import display_date
from newsroom.core.domain import news
from newsroom.core.cache import signature
from newsroom.core.codestamp import code_stamp
from newsroom.core.files import files_below, write_atomically, write_if_changed
from newsroom.core.site import Site
from newsroom.core.tagaddresses import tag_slugs
from newsroom.core.taglabels import shown_labels
from newsroom.core.taglabels import shown_tags, tag_title
from newsroom.search import kept
from newsroom.search.analysis import JS_STEMMERS, Analyzer
from newsroom.search.index import Entry, TagResult, build
from newsroom.search.texts import SearchDomain, Text, plain_digest

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

logger = logging.getLogger(__name__)
FOLDER = '_static/newsroom-search'
STEMMER_JS = 'stemmer.js'
SEARCH_JS = 'search.js'
STATIC = Path(__file__).parent / 'static'
#: In the language's doctree folder: what the index in the output was made of.
MEMO = 'newsroom-search-memo.json'
#: The packages whose releases can change how words are indexed.
ANALYSIS_PACKAGES = ('snowballstemmer', 'pymorphy3', 'pymorphy3-dicts-ru', 'sphinx')
BUNDLED = ('newsroom-words.js', 'newsroom-search.js')
#: Without a Snowball algorithm the browser folds only, as the index does.
NO_STEMMER = 'var NewsroomStemmer = function () { this.stemWord = (word) => word; };\n'
LETTERS_STEMMER = ('var NewsroomStemmer = function () {{ const letters = {letters}; '
                   'this.stemWord = (word) => Array.from(word, (c) => letters[c] ?? c).join(""); '
                   '}};\n')


def entries(app: Sphinx) -> tuple[list[Entry], list[str]]:
    """The articles this build publishes, oldest first (the index's numbering), with their
    searchable text; and the digests of their texts."""
    domain = app.env.get_domain('newsroom-search')
    assert isinstance(domain, SearchDomain)
    language = app.config.language
    listed, digests = [], []
    for article in reversed(news(app.env).index.articles):
        text = domain.texts.get(article.docname) or Text(article.title, '', article.summary)
        tags = tuple((tag_slug(label), shown) for label, shown in shown_labels(app, article.tags))
        listed.append(Entry(app.builder.get_target_uri(article.docname), article.title,
                            display_date(article.date, language), article.year, tags, text))
        digests.append(entry_digest(listed[-1], domain.digest(article.docname, text)))
    return listed, digests


def entry_digest(entry: Entry, text: str) -> str:
    """A digest of everything the index takes from an article, its text by the text's
    digest *text*."""
    return plain_digest((entry.url, entry.title, entry.date, entry.year,
                         tuple((str(slug), str(label)) for slug, label in entry.tags), text))


def tag_results(app: Sphinx) -> list[TagResult]:
    """The tag pages this build writes (the news wing's, for the tags shown in its
    language), as results."""
    if 'newsroom.news' not in app.extensions:
        return []
    site, slugs = Site.from_config(app.config), tag_slugs(app)  # the pages' own addresses
    return [TagResult(shown, app.builder.get_target_uri(site.tag_page(slugs.get(slug, slug))),
                      tag_title(shown), len(tag.articles))
            for slug, tag, shown in shown_tags(app)]


def stemmer_js(algorithm: str, letters: dict[str, str] | None = None,
               stripper: Any = None) -> str:
    """Sphinx's JavaScript Snowball stemmer for *algorithm*, named ``NewsroomStemmer``; with
    no algorithm, the *stripper*'s own script, or one that reads the marked *letters* as
    their base letters, as the index does."""
    if stripper is not None:
        return stripper.script()
    if not algorithm:
        if not letters:
            return NO_STEMMER
        return LETTERS_STEMMER.format(letters=json.dumps(letters, ensure_ascii=True))
    code = (JS_STEMMERS / f'{algorithm}-stemmer.js').read_text(encoding='utf-8')
    name = re.search(r'var (\w+) = function', code)
    if name is None:
        raise RuntimeError(f'no stemmer class in {algorithm}-stemmer.js')
    base = (JS_STEMMERS / 'base-stemmer.js').read_text(encoding='utf-8')
    return f'{base}\n{code}\nvar NewsroomStemmer = {name.group(1)};\n'


def write(folder: Path, files: Iterable[tuple[str, str]], stemmer: str) -> dict[str, Any]:
    """Make *folder* hold the index's files (written as they are made, each only if its
    text changed, and no other file), the stemmer, and the search page's script: the
    stemmer, the word rules and the page's code in one file, run as soon as it loads.
    Returns the manifest."""
    stale = files_below(folder)
    manifest: dict[str, Any] = {}
    for name, text in files:
        write_if_changed(folder / name, text.encode())
        stale.discard(name)
        if name == 'manifest.json':
            manifest = json.loads(text)
    write_if_changed(folder / STEMMER_JS, stemmer.encode())
    scripts = [(STATIC / name).read_text(encoding='utf-8') for name in BUNDLED]
    script = '\n'.join([stemmer, lookup_parameters(manifest), *scripts])
    write_if_changed(folder / SEARCH_JS, script.encode())
    for name in stale - {STEMMER_JS, SEARCH_JS}:
        (folder / name).unlink()
        with contextlib.suppress(OSError):  # a folder left empty goes too
            (folder / name).parent.rmdir()
    return manifest


def lookup_parameters(manifest: dict[str, Any]) -> str:
    """What a query needs, given with the script: the shard count and the stop words (to
    fetch its shards), the records' file size, and the word lists' lengths (for a
    suggestion). Only a year needs the manifest."""
    wanted = {name: manifest[name] for name in ('shards', 'stop', 'chunk', 'words',
                                                'suggestFrom', 'prefixes', 'prefixFrom',
                                                'aliases')}
    return f'var NewsroomIndex = {json.dumps(wanted, ensure_ascii=True)};\n'


def inputs_digest(app: Sphinx, articles: list[str], tags: list[TagResult], code: str) -> str:
    """Everything the index is made of: its articles (by their digests, ``entry_digest``)
    and tag pages, the language's analysis settings, and the code and packages that make
    it (their stamp, *code*)."""
    pages = tuple((str(tag.label), tag.url, str(tag.title), tag.count) for tag in tags)
    aliases = tuple(sorted((str(k), str(v))
                           for k, v in (app.config.newsroom_search_aliases or {}).items()))
    return plain_digest((str(app.config.language), aliases, tuple(articles), pages, code))


def folder_signature(folder: Path) -> dict[str, list[int] | None]:
    """Each file of the index folder with its stat signature (``core.cache``)."""
    return {name: signature((folder / name).stat(), trust_recent=True)
            for name in files_below(folder)}


def unchanged(memo: Path, digest: str, folder: Path) -> bool:
    """Whether the index in *folder* is the one the last build made of the same inputs."""
    try:
        found = json.loads(memo.read_text(encoding='utf-8'))
    except (OSError, ValueError):
        return False
    return (isinstance(found, dict) and found.get('inputs') == digest
            and found.get('files') == folder_signature(folder))


def write_index(app: Sphinx) -> None:
    """Write the index of this build (every language has its own), unless the last build
    wrote it from the same inputs and its files are as it left them."""
    start, cpu = time.perf_counter(), time.process_time()
    (listed, digests), tags = entries(app), tag_results(app)
    folder, memo = Path(app.outdir, FOLDER), Path(app.doctreedir, MEMO)
    code = code_stamp(ANALYSIS_PACKAGES)
    digest = inputs_digest(app, digests, tags, code)
    if unchanged(memo, digest, folder):
        logger.info('newsroom: search index of %d articles unchanged (%.2f s CPU to check)',
                    len(listed), time.process_time() - cpu)
        return
    analyzer = Analyzer.for_language(app.config.language,
                                     aliases=app.config.newsroom_search_aliases)
    path, stamp = Path(app.doctreedir, kept.FILENAME), kept.settings_stamp(analyzer, code)
    state = kept.load(analyzer, path, stamp)  # the last index's, and its words' keys
    manifest = write(folder, build(listed, analyzer, tags, digests=digests, state=state),
                     stemmer_js(analyzer.algorithm, analyzer.letters, analyzer.stripper))
    kept.save(analyzer, path, stamp, state)
    write_atomically(memo, json.dumps({'inputs': digest, 'files': folder_signature(folder)},
                                      sort_keys=True).encode())
    logger.info('newsroom: search index of %d articles (%d shards%s) in %.2f s (%.2f s CPU)',
                len(listed), manifest['shards'],
                ', with a dictionary' if analyzer.morphology else '',
                time.perf_counter() - start, time.process_time() - cpu)


def on_write_started(app: Sphinx, builder: Builder) -> None:
    """Everything the index is made of is read by now: it is written as the pages are,
    beside them on a second core if the build may (``core.aside``), so a build writes it
    even if writing a page fails later (the workshop is then marked failed)."""
    if builder.format == 'html' and is_ours(app):
        aside.when_writing(app, 'the search index', lambda: write_index(app))


def is_ours(app: Sphinx) -> bool:
    """Whether this build searches with our index (``newsroom_search_engine = 'newsroom'``)."""
    return app.config.newsroom_search_engine == 'newsroom'


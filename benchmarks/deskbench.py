"""The translator's desk on a generated archive: the termbase check, the translation memory, make spell.

``python -m benchmarks.deskbench --articles 1000``: English catalogs of generated articles
(``bench.generate``, fully translated) with the repository's English termbase, then

- the termbase check of ``make check-po`` over every catalog;
- ``update-po``'s memory step for a tenth as many new articles: the snapshot before the
  update, then the offers for their messages (each new catalog holds one repeated and one
  edited paragraph of an old article and one of its own);
- ``make spell`` over every catalog (when Debian's hunspell-en-us is installed).

Each step prints its wall and CPU time in seconds (CPU time is steadier on a busy machine).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import polib

from benchmarks.bench import catalog, generate, paragraph, write
from newsroom.i18n import memory, termbase
from newsroom.i18n.spelling import Checker, check_catalog, dictionary_path, known_words

REPO = Path(__file__).resolve().parent.parent


def timed(label: str, function, *args, **kwargs):  # noqa: ANN001, ANN201
    start, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    print(f'{label:<48} {time.perf_counter() - start:7.2f} s wall '
          f'{time.process_time() - cpu:7.2f} s CPU')
    return result


def new_catalogs(active: Path, articles: list, count: int, rng: random.Random) -> None:
    """*count* catalogs as update-po would start them: untranslated, one repeated and one
    edited paragraph of an old article, and a paragraph of their own."""
    for number in range(count):
        old = rng.choice(articles).messages[-1].ru
        messages = [old, f'{old} Итак.',
                    paragraph(rng).ru]
        new = polib.POFile()
        new.metadata = {'Language': 'en', 'Content-Type': 'text/plain; charset=UTF-8'}
        for message in dict.fromkeys(messages):
            new.append(polib.POEntry(msgid=message, msgstr=''))
        path = active / 'news' / 'new' / f'{number}.po'
        path.parent.mkdir(parents=True, exist_ok=True)
        new.save(str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--articles', type=int, default=1000)
    args = parser.parse_args(argv)
    articles = generate(args.articles)
    with tempfile.TemporaryDirectory() as scratch:
        locale_dir = Path(scratch) / 'locale'
        active = locale_dir / 'en' / 'LC_MESSAGES'
        for article in articles:
            write(active / f'{article.docname}.po', catalog(article.messages))
        shutil.copy2(REPO / 'locale' / 'en' / 'glossary.po', locale_dir / 'en')
        messages = sum(len(a.messages) for a in articles)
        print(f'{args.articles} articles, {messages} English messages')
        problems = timed('termbase check (make check-po)', termbase.check, locale_dir,
                         ['en'], 'ru')
        print(f'  {len(problems)} warnings')
        before = timed('memory: snapshot before update-po', memory.snapshot, active)
        new_catalogs(active, articles, max(1, args.articles // 10), random.Random(1))
        lines = timed(f'memory: offers for {max(1, args.articles // 10)} new catalogs',
                      memory.fill, active, locale_dir / 'en' / 'obsolete', before)
        print(f'  {len(lines)} catalogs given offers')
        if (path := dictionary_path('en')) is not None:
            from spylls.hunspell import Dictionary

            checker = timed('spell: load en_US', lambda: Checker(
                Dictionary.from_files(str(path)), known_words(locale_dir, 'en')))
            paths = sorted(active.rglob('*.po'))
            timed('spell: every catalog', lambda: [check_catalog(p, checker) for p in paths])
            print(f'  {checker.unknown} unknown words')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())

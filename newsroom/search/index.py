"""The static search index of one language: a manifest, key shards, article records, word
lists; a pure function of the articles, written as JSON files the browser fetches on demand.

Articles are numbered oldest first, so a number's order is the date order, each year is a
range of numbers, and a new article takes the next number: the files it changes are the
shards of its own keys, the last record chunk and the lists, not every file of the index.
A key (a stem a query word may have) lives in shard ``fnv1a(key) % shards`` with the
article numbers whose title has one of its words, those whose text has one (both
delta-coded), the stems of those words as they are written in the texts (to highlight
every form of a query word without a dictionary in the browser), and the number and record
of the article a one-word query shows first (title matches first, then the newest), so
that the first result needs no other file, and the tag pages whose label has one of its
words (a query finds a tag page when every word of it is in the label, and the tag has
more than one article). A query word with no key is looked up by the words that begin with
its stem, and so is a word a suffix stripper reads nothing off that no text writes (a stem
typed alone, whose keys may be other words' readings only): ``p/<n>.json`` list the
indexed words (their marked letters read as base letters) by their first three letters,
in file ``fnv1a(first three) % prefixes``. Records ``d/<n>.json``
carry what a result shows; ``t/<n>.json`` the text after each lead, fetched only for a
result whose lead lacks the query's words, to show them in context.
"""

from __future__ import annotations

import bisect
import json
import operator
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsroom.search.analysis import fold, words

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from newsroom.search.analysis import Analyzer
    from newsroom.search.texts import Text

FORMAT = 4
#: Aim for shards and record chunks about this size (bytes of JSON before compression).
SHARD_BYTES = 48_000
CHUNK = 10  # article records per file: a first page of results fetches about 10 of them
#: Did-you-mean looks one edit away from a word of at least this many letters.
SUGGEST_FROM = 3
#: A query word with no key finds the words beginning with its stem of this many letters.
PREFIX_FROM = 3
#: A tag's page is a result once it has this many articles (with one, it repeats it).
TAG_FROM = 2


@dataclass(frozen=True)
class Entry:
    """One article as the index lists it."""

    url: str  # relative to the language's root
    title: str
    date: str  # as readers of this language see it
    year: str
    tags: tuple[tuple[str, str], ...]  # (slug, label shown)
    text: Text


@dataclass(frozen=True)
class TagResult:
    """A tag's page as the index lists it: found by the words of its label."""

    label: str  # as readers of this language see it
    url: str  # relative to the language's root
    title: str  # the page's title
    count: int  # its articles


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over UTF-16 code units, as JavaScript's ``charCodeAt`` sees a string."""
    value = 0x811C9DC5
    data = key.encode('utf-16-le')
    for i in range(0, len(data), 2):
        value ^= data[i] | data[i + 1] << 8
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def deltas(numbers: Iterable[int]) -> list[int]:
    """Sorted numbers as differences from the previous one (the first from zero)."""
    ordered = sorted(numbers)
    return list(map(operator.sub, ordered, [0, *ordered[:-1]]))


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(',', ':'), sort_keys=True)


def merged(lists: list[list[int]]) -> list[int]:
    """The sorted union of sorted lists of numbers."""
    return lists[0] if len(lists) == 1 else sorted(set().union(*lists))


def row(entry: Entry) -> list[Any]:
    """What a result shows of an article: ``d/<n>.json`` holds ``CHUNK`` of them."""
    return [entry.url, entry.title, entry.date, entry.text.lead,
            [slug for slug, _label in entry.tags]]


def tag_keys(tags: Iterable[TagResult], analyzer: Analyzer) -> dict[str, list[list[Any]]]:
    """Each key of a word of a tag's label -> what a result shows of those tags (with
    ``TAG_FROM`` articles or more), the tags with more articles first."""
    found: dict[str, list[list[Any]]] = defaultdict(list)
    for tag in sorted(tags, key=lambda t: (-t.count, fold(t.label))):
        if tag.count < TAG_FROM:
            continue
        label = {w for w in words(tag.label) if w not in analyzer.stop and analyzer.indexed(w)}
        for key in sorted({key for word in label for key in analyzer.keys(word)}):
            found[key].append([tag.url, tag.title, tag.count])
    return found


def prefix_lists(found: dict[str, list[int]], analyzer: Analyzer
                 ) -> tuple[int, list[tuple[str, str]]]:
    """The files of the indexed words (plain letters, the most frequent first) by their
    first ``PREFIX_FROM`` letters, and how many there are."""
    by_prefix: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    for word in sorted(found, key=lambda w: (-len(found[w]), w)):
        plain = analyzer.plain(word)
        if len(plain) >= PREFIX_FROM and plain.isalpha() and plain not in seen:
            seen.add(plain)
            by_prefix[plain[:PREFIX_FROM]].append(plain)
    size = sum(len(dumps(words)) + 8 for words in by_prefix.values())
    count = max(1, -(-size // SHARD_BYTES))
    files: list[dict[str, list[str]]] = [{} for _ in range(count)]
    for prefix in sorted(by_prefix):
        files[fnv1a(prefix) % count][prefix] = by_prefix[prefix]
    return count, [(f'p/{n}.json', dumps(listed)) for n, listed in enumerate(files)]


@dataclass
class State:
    """What an index was made of, for the next one (``kept`` keeps it between builds):
    each article's digest (``writer.entry_digest``) in number order, the article numbers
    of each word in titles and anywhere, each key's record, the tag results by key, and
    each word's keys. A new index reads again only the articles from the first that
    differs, and makes again only the records of the words those articles had or have."""

    entries: list[str] = field(default_factory=list)
    in_title: dict[str, list[int]] = field(default_factory=dict)
    anywhere: dict[str, list[int]] = field(default_factory=dict)
    records: dict[str, str] = field(default_factory=dict)
    tags: dict[str, list[list[Any]]] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)


def first_change(old: Sequence[str], new: Sequence[str | None]) -> int:
    """The number of the first article that is not the one of the same number before
    (an article without a digest is never the same)."""
    for number, (was, now) in enumerate(zip(old, new)):
        if now is None or was != now:
            return number
    return min(len(old), len(new))


def forget_from(state: State, start: int) -> set[str]:
    """Take the articles numbered *start* and above out of *state*'s word lists; the words
    that had one."""
    dirty = set()
    for table in (state.in_title, state.anywhere):
        for word, numbers in list(table.items()):
            if numbers[-1] >= start:
                dirty.add(word)
                if kept := numbers[:bisect.bisect_left(numbers, start)]:
                    table[word] = kept
                else:
                    del table[word]
    return dirty


def read_from(state: State, entries: Sequence[Entry], start: int, analyzer: Analyzer
              ) -> set[str]:
    """Add the words of the articles numbered *start* and above to *state*'s word lists
    (visited in number order, so each list stays sorted and ends with its newest article);
    the words they have."""
    in_title, anywhere, dirty = state.in_title, state.anywhere, set()
    for number in range(start, len(entries)):
        entry = entries[number]
        title_words = set(words(entry.title)) - analyzer.stop
        for word in title_words:
            in_title.setdefault(word, []).append(number)
        body = set(entry.text.words.split())
        body.update(w for _slug, label in entry.tags for w in words(label))  # shown on it
        found = title_words.union(body - analyzer.stop)
        for word in found:
            anywhere.setdefault(word, []).append(number)
        dirty |= found
    for word in [word for word in dirty if word in anywhere and not analyzer.indexed(word)]:
        del anywhere[word]  # one letter
        in_title.pop(word, None)
    return dirty


def build(entries: Sequence[Entry], analyzer: Analyzer,
          tags: Iterable[TagResult] = (), *, digests: Sequence[str | None] | None = None,
          state: State | None = None) -> Iterator[tuple[str, str]]:
    """Every file of the index of *entries* (oldest first): its path relative to the index
    folder and its JSON text, made one at a time (the texts of a large archive are never
    all in memory at once). With the *state* of the last index and the articles' *digests*,
    only what changed is worked out again; *state* is then the new index's. The files are
    the same either way."""
    state = State() if state is None else state
    digests = [None] * len(entries) if digests is None else list(digests)
    start = first_change(state.entries, digests)
    dirty = forget_from(state, start) | read_from(state, entries, start, analyzer)
    state.entries = digests
    in_title, anywhere = state.in_title, state.anywhere

    key_words: dict[str, list[str]] = defaultdict(list)
    for word in anywhere:
        for key in analyzer.keys(word):
            key_words[key].append(word)
    changed = {key for word in dirty for key in analyzer.keys(word, asked=word in anywhere)}
    tag_results = tag_keys(tags, analyzer)
    changed.update(key for key in tag_results.keys() | state.tags.keys()
                   if tag_results.get(key) != state.tags.get(key))
    state.tags = tag_results
    records = state.records  # key -> its record's JSON text
    for key in changed:
        if (listed := key_words.get(key)) is None:
            records.pop(key, None)
            continue
        titles = [in_title[word] for word in listed if word in in_title]
        found = [anywhere[word] for word in listed]
        first = max(numbers[-1] for numbers in (titles or found))  # the newest
        records[key] = dumps([sorted({analyzer.stem(word) for word in listed}),
                              deltas(merged(titles)) if titles else [],
                              deltas(merged(found)), [first, row(entries[first])],
                              tag_results.get(key, [])])
    del key_words
    # the aliases of names this language's texts use (a Cyrillic spelling finds nothing
    # in English: it would only put Russian into the English index)
    aliases = {spelling: name for spelling, name in sorted(analyzer.aliases.items())
               if name in records}
    size = sum(len(key) + len(value) + 4 for key, value in records.items())
    count = max(1, -(-size // SHARD_BYTES))
    shards: list[list[str]] = [[] for _ in range(count)]
    for key in sorted(records):
        shards[fnv1a(key) % count].append(key)
    for n, keys in enumerate(shards):
        yield f's/{n}.json', '{%s}' % ','.join(f'{dumps(key)}:{records[key]}' for key in keys)

    for start in range(0, len(entries), CHUNK):
        chunk = entries[start:start + CHUNK]
        yield f'd/{start // CHUNK}.json', dumps([row(e) for e in chunk])
        yield f't/{start // CHUNK}.json', dumps([e.text.rest for e in chunk])

    by_length: dict[int, list[str]] = defaultdict(list)
    for word in sorted(anywhere, key=lambda w: (-len(anywhere[w]), w)):
        if len(word) >= SUGGEST_FROM - 1 and not any(c.isdigit() for c in word):
            by_length[len(word)].append(word)
    for length, listed in by_length.items():
        yield f'w/{length}.json', dumps(listed)
    prefixes, prefix_files = prefix_lists(anywhere, analyzer)
    yield from prefix_files

    years: dict[str, list[int]] = {}
    tags: dict[str, dict[str, Any]] = {}
    for number, entry in enumerate(entries):
        years.setdefault(entry.year, [number, number])[1] = number + 1
        for slug, label in entry.tags:
            tags.setdefault(slug, {'label': label, 'articles': []})['articles'].append(number)
    for tag in tags.values():
        tag['articles'] = deltas(tag['articles'])
    yield 'tags.json', dumps(tags)
    yield 'manifest.json', dumps({
        'format': FORMAT,
        'language': analyzer.language,
        'articles': len(entries),
        'shards': count,
        'chunk': CHUNK,
        'years': years,
        'tags': sorted(([slug, tag['label'], len(tag['articles'])] for slug, tag in tags.items()),
                       key=lambda t: (-t[2], fold(t[1]))),
        'words': sorted(by_length),
        'suggestFrom': SUGGEST_FROM,
        'prefixes': prefixes,
        'prefixFrom': PREFIX_FROM,
        'aliases': aliases,
        'stop': sorted(analyzer.stop),
        'stemmer': bool(analyzer.algorithm),
    })

"""The search index made from the last one's state equals the index made whole, and works
out again only what an added, edited or deleted article changed."""

from __future__ import annotations

import dataclasses
import random

import pytest

from newsroom.search.analysis import Analyzer, fold, words
from newsroom.search.index import Entry, State, TagResult, build
from newsroom.search.texts import Text, text_digest
from newsroom.search.writer import entry_digest

WORDS = ('порт туркменбаши балканский велаят астраханская область транспортный коридор '
         'север юг грузоперевозки судно суда портами паром контейнер переговоры министр '
         'делегация сотрудничество торговля энергетика каспийское море форум выставка '
         'соглашение подписали обсудили встреча визит посол культура наука образование '
         '2024 2025 туркмено-российской и в на с').split()
TAGS = ('Каспийское море', 'транспорт', 'торговля', 'дипломатия')


def article(rng: random.Random, number: int) -> Entry:
    title = ' '.join(rng.sample(WORDS, 5)).capitalize()
    body = ' '.join(rng.choices(WORDS, k=40))
    text = Text(title, ' '.join(dict.fromkeys(w for w in words(fold(body)))), body[:120],
                body[120:])
    tags = tuple((f'tag-{TAGS.index(label)}', label) for label in rng.sample(TAGS, 2))
    return Entry(f'news/{number:03d}.html', title, f'{number} июня', str(2020 + number // 20),
                 tags, text)


def tag_pages(entries: list[Entry]) -> list[TagResult]:
    counts: dict[str, int] = {}
    for entry in entries:
        for _slug, label in entry.tags:
            counts[label] = counts.get(label, 0) + 1
    return [TagResult(label, f'tags/{TAGS.index(label)}.html', f'Тег «{label}»', count)
            for label, count in counts.items()]


def digests(entries: list[Entry]) -> list[str]:
    return [entry_digest(entry, text_digest(entry.text)) for entry in entries]


def edited(entry: Entry, words_added: str) -> Entry:
    text = entry.text._replace(words=f'{entry.text.words} {fold(words_added)}',
                               rest=entry.text.rest + words_added)
    return dataclasses.replace(entry, text=text)


@pytest.fixture(scope='module')
def whole() -> Analyzer:
    return Analyzer.for_language('ru')


def changes(rng: random.Random, entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """A newsroom's week: each step's name and the articles after it."""
    steps = []

    def step(name: str, new: list[Entry]) -> None:
        steps.append((name, new))
        entries[:] = new

    step('nothing changed', list(entries))
    step('an article added', [*entries, article(rng, 900)])
    step('two articles added', [*entries, article(rng, 901), article(rng, 902)])
    step('an old article edited', [*entries[:10], edited(entries[10], 'паром портами'),
                                   *entries[11:]])
    step('the newest article edited', [*entries[:-1], edited(entries[-1], 'визит посла')])
    step('an article back-dated into the middle', [*entries[:20], article(rng, 903),
                                                   *entries[20:]])
    step('the newest article deleted', entries[:-1])
    step('the oldest article deleted', entries[1:])
    step('a word only one article had, gone', [
        dataclasses.replace(e, text=e.text._replace(words=e.text.words.replace('посла', '')))
        if 'посла' in e.text.words.split() else e for e in entries])
    step('every article deleted but one', entries[:1])
    step('articles again', [*entries, *(article(rng, 910 + n) for n in range(30))])
    return steps


def test_an_index_made_from_the_last_ones_state_is_the_index_made_whole(
    whole: Analyzer,
) -> None:
    rng = random.Random(7)
    entries = [article(rng, number) for number in range(60)]
    state = State()
    files = dict(build(entries, Analyzer.for_language('ru'), tag_pages(entries),
                       digests=digests(entries), state=state))
    assert files == dict(build(entries, whole, tag_pages(entries)))
    for name, now in changes(rng, entries):
        records = dict(state.records)
        made = dict(build(now, Analyzer.for_language('ru'), tag_pages(now),
                          digests=digests(now), state=state))
        assert made == dict(build(now, whole, tag_pages(now))), name
        kept = [key for key, text in state.records.items() if records.get(key) is text]
        if name == 'nothing changed':
            assert len(kept) == len(records) == len(state.records)
        elif name == 'an article added':
            # the keys of the new article's words (and of the tags whose count changed)
            # are made again; every other record is the same object as before
            new_keys = {key for word in words(fold(now[-1].title + ' ' + now[-1].text.words))
                        for key in whole.keys(word)}
            assert kept and set(state.records) - set(kept) <= new_keys | {
                key for label in TAGS for word in words(fold(label)) for key in whole.keys(word)}


def test_a_state_without_digests_or_of_other_articles_makes_the_index_whole(
    whole: Analyzer,
) -> None:
    rng = random.Random(3)
    entries = [article(rng, number) for number in range(30)]
    state = State()
    dict(build(entries, whole, tag_pages(entries), digests=digests(entries), state=state))
    others = [article(rng, 500 + number) for number in range(25)]
    assert (dict(build(others, whole, tag_pages(others), digests=digests(others), state=state))
            == dict(build(others, whole, tag_pages(others))))
    # the same articles, their tag pages retitled
    retitled = [dataclasses.replace(tag, title=f'Новости: {tag.label}') for tag in tag_pages(others)]
    assert (dict(build(others, whole, retitled, digests=digests(others), state=state))
            == dict(build(others, whole, retitled)))
    # without digests nothing is taken as unchanged
    changed = [edited(entries[0], 'контейнер'), *entries[1:]]
    assert (dict(build(changed, whole, tag_pages(changed), state=state))
            == dict(build(changed, whole, tag_pages(changed))))


def test_a_torn_or_foreign_state_is_not_used(tmp_path, whole: Analyzer) -> None:  # noqa: ANN001
    import pickle

    from newsroom.search.kept import KIND, load

    rng = random.Random(5)
    entries = [article(rng, number) for number in range(12)]
    state = State()
    dict(build(entries, whole, tag_pages(entries), digests=digests(entries), state=state))
    path = tmp_path / 'state.pickle'
    path.write_bytes(pickle.dumps((KIND, 'stamp', state)))
    assert load(whole, path, 'stamp').entries == state.entries
    assert load(whole, path, 'another stamp') == State()  # other settings or code
    path.write_bytes(pickle.dumps((KIND, 'stamp', state))[:-40])  # torn
    assert load(whole, path, 'stamp') == State()
    path.write_bytes(pickle.dumps(((0, 0), 'stamp', state)))  # another format
    assert load(whole, path, 'stamp') == State()

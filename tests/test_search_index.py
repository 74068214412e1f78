"""The search index in pure Python: words, Russian forms from the dictionary, shards, records."""

from __future__ import annotations

import json

import pytest
from docutils.core import publish_doctree

from newsroom.search.analysis import Analyzer, fold, tokens, words
from newsroom.search.index import CHUNK, Entry, TagResult, build, deltas, fnv1a
from newsroom.search.writer import stemmer_js
from newsroom.search.texts import Text, cut, page_text


@pytest.fixture(scope='module')
def russian() -> Analyzer:
    return Analyzer.for_language('ru')


def test_tokens_keep_hyphenated_words_whole_and_words_adds_their_parts() -> None:
    text = 'Туркмено-российской комиссии 2025-06-19, в Санкт-Петербурге; ёлка'
    assert tokens(text) == ['туркмено-российской', 'комиссии', '2025-06-19', 'в',
                            'санкт-петербурге', 'елка']
    assert list(words('онлайн-встреча 2024')) == ['онлайн-встреча', 'онлайн', 'встреча', '2024']


def test_folding_reads_yo_as_ye() -> None:
    assert fold('Ещё ЁЛКА') == 'еще елка'


@pytest.mark.parametrize(('typed', 'written'), [
    ('грузоперевозки', 'грузоперевозок'),  # Snowball alone: грузоперевозк / грузоперевозок
    ('суда', 'судно'),                      # a stem alternation
    ('судов', 'судно'),
    ('порта', 'портами'),
    ('российская', 'российской'),
    ('провели', 'провести'),
    ('туркмено-российская', 'туркмено-российской'),
])
def test_a_typed_form_finds_the_written_one(russian: Analyzer, typed: str, written: str) -> None:
    """The browser looks a typed word up by its Snowball stem alone: that stem must be one
    of the keys the written word is indexed under."""
    assert russian.stem(fold(typed)) in russian.keys(fold(written))


def test_snowball_alone_misses_the_form_the_dictionary_finds(russian: Analyzer) -> None:
    assert russian.stem('грузоперевозки') != russian.stem('грузоперевозок')


def test_numbers_are_their_own_key(russian: Analyzer) -> None:
    assert russian.keys('2025') == {'2025'}
    assert russian.indexed('2') and not russian.indexed('в') and not russian.indexed('и')


def test_english_uses_snowball_without_a_dictionary() -> None:
    english = Analyzer.for_language('en')
    assert english.algorithm == 'english' and not english.morphology
    assert english.keys('ports') == {english.stem('port')} == {'port'}


def test_a_language_without_snowball_folds_only() -> None:
    """A language with neither a Snowball algorithm nor a stripper of ours folds case, and
    the letters it reads with or without their marks."""
    kazakh = Analyzer.for_language('kk')
    assert kazakh.algorithm == '' and kazakh.stripper is None
    assert kazakh.keys('қазақстанның') == {'қазақстанның'}
    assert not kazakh.stop  # no English stop words for a language Sphinx lacks
    # A language with a stemmer leaves its letters to Snowball's algorithm.
    assert Analyzer.for_language('de').letters == {} == Analyzer.for_language('en').letters


def test_turkmen_has_its_stripper_marks_or_not() -> None:
    turkmen = Analyzer.for_language('tk')
    assert turkmen.algorithm == '' and turkmen.stripper is not None and not turkmen.stop
    # Readers type Turkmen with or without the marks: both find the same words.
    assert turkmen.stem('turkmenbasy') == turkmen.stem('türkmenbaşy')
    assert turkmen.keys('türkmenistanyň') == turkmen.keys('turkmenistanyn')


def test_the_browser_reads_marked_letters_as_the_index_does(page) -> None:
    turkmen = Analyzer.for_language('tk')
    page.add_script_tag(content=stemmer_js(turkmen.algorithm, turkmen.letters,
                                           turkmen.stripper))
    words = ['türkmenbaşy', 'hyzmatdaşlygyň', 'ýük', 'žurnal', 'öňräk', 'çäre', '2024']
    stems = page.evaluate('(words) => { const s = new NewsroomStemmer(); '
                          'return words.map((w) => s.stemWord(w)); }', words)
    assert stems == [turkmen.stem(w) for w in words]


def entry(number: int, title: str, body: str, year: str = '2025',
          tags: tuple[tuple[str, str], ...] = ()) -> Entry:
    return Entry(f'news/{year}/a{number}.html', title, f'{number} June {year}', year, tags,
                 Text(title, ' '.join(words(f'{title} {body}')), body[:50]))


@pytest.fixture(scope='module')
def files(russian: Analyzer) -> dict:
    entries = [  # oldest first, as the index numbers them: a2 is 0, a0 (the newest) 2
        entry(2, 'Судно спущено на воду', 'Туркмено-российской верфи 2023 года.', '2023',
              (('kaspiy', 'Каспий'),)),
        entry(1, 'Встреча министров', 'Говорили о портах и судах.', '2025'),
        entry(0, 'Порты Каспия', 'Обсудили грузоперевозки.', '2025', (('kaspiy', 'Каспий'),)),
    ]
    return {name: json.loads(text) for name, text in build(entries, russian)}


def lookup(files: dict, analyzer: Analyzer, typed: str) -> tuple[list[str], set[int], set[int]]:
    """What the browser does: the key of the typed word, its shard, its record."""
    key = analyzer.stem(fold(typed))
    shard = files[f's/{fnv1a(key) % files["manifest.json"]["shards"]}.json']
    if key not in shard:
        return [], set(), set()
    stems, title, anywhere, _first, _tags = shard[key]

    def numbers(coded: list[int]) -> set[int]:
        total, out = 0, set()
        for delta in coded:
            total += delta
            out.add(total)
        return out

    return stems, numbers(title), numbers(anywhere)


def test_the_index_finds_forms_titles_and_numbers(files: dict, russian: Analyzer) -> None:
    assert lookup(files, russian, 'порт')[1:] == ({2}, {1, 2})
    assert lookup(files, russian, 'грузоперевозок')[2] == {2}
    assert lookup(files, russian, 'суда')[1:] == ({0}, {0, 1})
    assert lookup(files, russian, '2023')[2] == {0}
    assert lookup(files, russian, 'российская')[2] == {0}
    assert lookup(files, russian, 'туркмено-российскую')[2] == {0}
    assert lookup(files, russian, 'зюквярщ') == ([], set(), set())


@pytest.mark.parametrize(('typed', 'first'), [
    ('порт', 2),            # in the titles of 2, the text of 1 and 2
    ('суда', 0),            # a title match (0) before a newer text match (1)
    ('грузоперевозок', 2),  # no title has it: the newest article
])
def test_a_key_carries_the_record_of_its_first_result(files: dict, russian: Analyzer,
                                                      typed: str, first: int) -> None:
    """A one-word query's first result (title matches first, then the newest) needs no
    record file: its key carries its number and the very record ``d/<n>.json`` holds."""
    key = russian.stem(fold(typed))
    number, record = files[f's/{fnv1a(key) % files["manifest.json"]["shards"]}.json'][key][3]
    assert number == first
    assert record == files[f'd/{first // CHUNK}.json'][first % CHUNK]


def test_a_tag_page_is_found_by_every_form_of_the_words_of_its_label(
        russian: Analyzer) -> None:
    """A key of a word of a tag's label carries what its result shows (address, title,
    number of articles), the tag with more articles first; other keys carry none."""
    kaspiy = TagResult('Каспий', 'news/tags/kaspiy.html', 'Новости с тегом «Каспий»', 2)
    sea = TagResult('Каспийское море', 'news/tags/kaspiyskoe-more.html',
                    'Новости с тегом «Каспийское море»', 5)
    entries = [entry(0, 'Порты', 'Суда.', tags=(('kaspiy', 'Каспий'),)),
               entry(1, 'Море и порты', 'Суда.', tags=(('kaspiyskoe-more', 'Каспийское море'),
                                                       ('kaspiy', 'Каспий')))]
    files = {name: json.loads(text) for name, text in build(entries, russian, [kaspiy, sea])}

    def tags(typed: str) -> list:
        key = russian.stem(fold(typed))
        return files[f's/{fnv1a(key) % files["manifest.json"]["shards"]}.json'][key][4]

    assert tags('Каспия') == tags('каспием') == [[kaspiy.url, kaspiy.title, 2]]
    assert tags('каспийского') == tags('моря') == tags('МОРЕ') == [[sea.url, sea.title, 5]]
    assert tags('порты') == tags('судно') == []
    both = TagResult('Море', 'news/tags/more.html', 'Новости с тегом «Море»', 9)
    alone = TagResult('Порты', 'news/tags/porty.html', 'Новости с тегом «Порты»', 1)
    files = {name: json.loads(text) for name, text in build(entries, russian,
                                                            [sea, both, alone])}
    assert [url for url, _title, _count in tags('морем')] == [both.url, sea.url]
    assert tags('порты') == []  # a tag of one article would only repeat it


def test_records_carry_the_written_stems_for_highlighting(files: dict, russian: Analyzer) -> None:
    stems = lookup(files, russian, 'порт')[0]
    assert russian.stem('порты') in stems and russian.stem('портах') in stems


def test_manifest_years_tags_and_records(files: dict) -> None:
    manifest = files['manifest.json']
    assert manifest['articles'] == 3
    assert manifest['years'] == {'2023': [0, 1], '2025': [1, 3]}
    assert manifest['tags'] == [['kaspiy', 'Каспий', 2]]
    assert files['tags.json']['kaspiy']['articles'] == deltas([0, 2])
    assert files['d/0.json'][0][:3] == ['news/2023/a2.html', 'Судно спущено на воду',
                                        '2 June 2023']


def test_did_you_mean_lists_words_by_length_most_frequent_first(files: dict) -> None:
    assert 'грузоперевозки' in files['w/14.json']
    assert all(len(word) == 5 for word in files['w/5.json'])
    assert not any(word.isdigit() for name, listed in files.items() if name.startswith('w/')
                   for word in listed)


def test_words_are_listed_by_their_first_three_plain_letters() -> None:
    """A query word with no key is looked up by the words that begin with it: the index
    lists them by their first three letters (marked letters read as base letters), the
    most frequent first, in file fnv1a(letters) % prefixes."""
    turkmen = Analyzer.for_language('tk')
    entries = [entry(0, 'Türkmenbaşy porty', 'Portlary we Türkmenistanyň 2025 ýyl.'),
               entry(1, 'Portuna', 'Porty täze.')]
    files = {name: json.loads(text) for name, text in build(entries, turkmen)}
    manifest = files['manifest.json']
    assert manifest['prefixFrom'] == 3 and manifest['prefixes'] >= 1

    def listed(letters: str) -> list[str]:
        return files[f'p/{fnv1a(letters) % manifest["prefixes"]}.json'].get(letters, [])

    assert listed('por') == ['porty', 'portlary', 'portuna']  # "porty" is in both
    assert listed('tur') == ['turkmenbasy', 'turkmenistanyn']
    assert listed('yyl') == ['yyl'] and listed('202') == []  # ýyl; no numbers
    prefixes = [key for name, keys in files.items() if name.startswith('p/') for key in keys]
    assert all(len(key) == 3 for key in prefixes) and 'we' not in ' '.join(
        word for name, keys in files.items() if name.startswith('p/')
        for words in keys.values() for word in words).split()


def test_shards_split_a_large_index(russian: Analyzer) -> None:
    many = [entry(n, f'Заголовок {n}', ' '.join(f'слово{n}x{i}' for i in range(300)))
            for n in range(30)]
    files = {name: json.loads(text) for name, text in build(many, russian)}
    shards = files['manifest.json']['shards']
    assert shards > 1
    assert all(f's/{n}.json' in files for n in range(shards))
    assert len({tuple(sorted(files[f's/{n}.json'])) for n in range(shards)}) == shards


def test_fnv1a_matches_the_reference_values() -> None:
    assert fnv1a('') == 0x811C9DC5
    assert fnv1a('a') == 0xE40C292C


def test_a_lead_is_cut_at_a_word_boundary() -> None:
    text = 'слово ' * 100
    lead = cut(text, 50)
    assert lead.endswith('слово…') and len(lead) <= 52
    assert cut('коротко') == 'коротко'


def test_page_text_takes_title_words_and_lead_but_no_comments() -> None:
    doctree = publish_doctree('Заголовок статьи\n================\n\nПервый абзац текста.\n\n'
                              '.. секретный комментарий\n\nВторой абзац.\n')
    text = page_text(doctree)
    assert text.title == 'Заголовок статьи'
    assert text.lead == 'Первый абзац текста. Второй абзац.'
    assert 'секретный' not in text.words.split() and 'второй' in text.words.split()


def test_the_text_after_a_long_lead_is_kept_for_summaries() -> None:
    doctree = publish_doctree('Заголовок\n=========\n\n' + 'Слово за словом. ' * 30
                              + '\n\nВ конце стоит судно.\n')
    text = page_text(doctree)
    assert text.lead.endswith('…') and 'судно' not in text.lead
    assert text.rest.endswith('В конце стоит судно.')
    assert page_text(publish_doctree('Т\n=\n\nКоротко.\n')).rest == ''


def test_a_headline_only_item_has_no_lead() -> None:
    assert page_text(publish_doctree('Только заголовок\n================\n')).lead == ''

"""Translation memory: make update-po offers a new message the best earlier translation of its
language as fuzzy (exact, or 75% similar with #| msgid), never published until reviewed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from helpers import copy_project, run_update
from newsroom.cli import main as newsroom_main
from newsroom.i18n.memory import MIN_SIMILARITY, Memory

# Synthetic sentences: an exact repeat, a close one (one word changed), an unrelated one.
S1 = 'Делегация осмотрела новый терминал синтетического порта.'
S2 = 'Стороны обсудили расписание паромов между синтетическими городами на следующий год.'
S2_CLOSE = 'Стороны обсудили расписание паромов между синтетическими городами на текущий год.'
S3 = 'Завершилась проверка памяти переводов.'
OTHER = 'Совсем иной текст о погоде в горах.'
X = 'Заголовок синтетической статьи'
TRANSLATIONS = {S1: 'The delegation inspected the new terminal of the synthetic port.',
                S2: 'The parties discussed the ferry timetable between the synthetic cities '
                    'for next year.',
                S3: 'The translation memory check is over.'}


def pot_of(*messages: str) -> polib.POFile:
    pot = polib.POFile()
    for message in messages:
        pot.append(polib.POEntry(msgid=message, msgstr=''))
    return pot


def translate(path: Path, translations: dict[str, str]) -> None:
    catalog = polib.pofile(str(path))
    for entry in catalog:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    catalog.save()


def two_steps(root: Path, *, memory: bool) -> Path:
    """a.po translated (or not, for a memory with nothing in it), b.po gaining messages."""
    run_update(root, {'news/a': pot_of(S1, S2, S3), 'news/b': pot_of(X, S3)})
    catalogs = root / 'locale' / 'en' / 'LC_MESSAGES' / 'news'
    if memory:
        translate(catalogs / 'a.po', TRANSLATIONS)
    translate(catalogs / 'b.po', {X: 'Headline of a synthetic article'})
    errors, _lines = run_update(root, {'news/a': pot_of(S1, S2, S3),
                                       'news/b': pot_of(X, S3, S1, S2_CLOSE, OTHER)})
    assert errors == 0
    return catalogs / 'b.po'


def test_new_messages_are_offered_earlier_translations_and_nothing_else_changes(
        tmp_path: Path) -> None:
    b = two_steps(tmp_path / 'with', memory=True)
    catalog = polib.pofile(str(b))
    exact, close = catalog.find(S1), catalog.find(S2_CLOSE)
    # the same original: its translation, fuzzy, no #| (nothing else was translated)
    assert exact.msgstr == TRANSLATIONS[S1] and exact.fuzzy and exact.previous_msgid is None
    assert 'translation memory: 100%' in exact.tcomment and 'from news/a.po:' in exact.tcomment
    # a similar one: the translation of the original it was made for, shown as #| msgid
    assert close.msgstr == TRANSLATIONS[S2] and close.fuzzy and close.previous_msgid == S2
    assert '#| msgid' in b.read_text(encoding='utf-8')
    assert not exact.translated() and not close.translated()
    assert len(catalog.translated_entries()) == 1  # X: the memory counts for nothing
    # below 75%, nothing; a message that was already there untranslated is left alone
    assert catalog.find(OTHER).msgstr == '' and not catalog.find(OTHER).fuzzy
    assert catalog.find(S3).msgstr == '' and not catalog.find(S3).fuzzy

    # the same update with an empty memory: every other line of the catalog is the same
    plain = polib.pofile(str(two_steps(tmp_path / 'without', memory=False)))
    assert catalog.metadata == plain.metadata and catalog.header == plain.header
    offered = {S1, S2_CLOSE}
    assert [e.msgid for e in catalog] == [e.msgid for e in plain]
    assert [str(e) for e in catalog if e.msgid not in offered] == \
        [str(e) for e in plain if e.msgid not in offered]
    for msgid in offered:
        entry, bare = catalog.find(msgid), plain.find(msgid)
        assert (entry.occurrences, entry.comment) == (bare.occurrences, bare.comment)
        assert bare.msgstr == '' and not bare.fuzzy
    subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(b)], check=True)


def test_an_offer_edited_again_before_review_stays_an_offer(tmp_path: Path) -> None:
    """The merge offers the offered translation again for the edited original: it keeps the
    memory's note, so that a published page under revision does not show it."""
    from newsroom.i18n.checked import reviewable_messages
    from newsroom.i18n.memory import offered

    b = two_steps(tmp_path, memory=True)
    edited = S2_CLOSE.replace('текущий', 'будущий')
    errors, _lines = run_update(tmp_path, {'news/a': pot_of(S1, S2, S3),
                                           'news/b': pot_of(X, S3, S1, edited, OTHER)})
    assert errors == 0
    catalog = polib.pofile(str(b))
    entry = catalog.find(edited)
    assert entry.fuzzy and entry.msgstr == TRANSLATIONS[S2] and offered(entry)
    assert entry.tcomment.count('translation memory:') == 1
    assert reviewable_messages(catalog) == {}  # neither offer is shown as reviewed text
    # a translation the translator made is still shown while under revision
    catalog.find(X).flags.append('fuzzy')
    assert reviewable_messages(catalog) == {X: 'Headline of a synthetic article'}


def test_the_similarity_threshold_is_the_matchers(tmp_path: Path) -> None:
    """75% is translate-toolkit's score: a 76% match is offered, a 74% one is not."""
    base = 'абвгдежзий' * 10  # 100 characters
    near, far = base[:76] + 'ю' * 24, base[:74] + 'ю' * 26
    catalog = polib.POFile()
    catalog.metadata = {'Content-Type': 'text/plain; charset=UTF-8', 'Language': 'en'}
    catalog.append(polib.POEntry(msgid=base, msgstr='base'))
    catalog.save(str(tmp_path / 'page.po'))
    memory = Memory([tmp_path / 'page.po'], tmp_path)
    assert MIN_SIMILARITY == 75
    assert [(c.score, c.target) for c in memory.candidates(near)] == [(76, 'base')]
    assert memory.candidates(far) == []
    assert memory.best(base).score == 100
    # through make update-po's step: the 76% one carries #| msgid, the 74% one gets nothing
    run_update(tmp_path, {'news/a': pot_of(base)})
    translate(tmp_path / 'locale' / 'en' / 'LC_MESSAGES' / 'news' / 'a.po', {base: 'base'})
    run_update(tmp_path, {'news/a': pot_of(base), 'news/b': pot_of(near, far)})
    b = polib.pofile(str(tmp_path / 'locale' / 'en' / 'LC_MESSAGES' / 'news' / 'b.po'))
    assert (b.find(near).msgstr, b.find(near).previous_msgid, b.find(near).fuzzy) == \
        ('base', base, True)
    assert 'translation memory: 76%' in b.find(near).tcomment
    assert (b.find(far).msgstr, b.find(far).fuzzy) == ('', False)


def test_suggest_prints_the_candidates_with_scores(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    b = two_steps(tmp_path, memory=True)
    a = b.parent / 'a.po'
    assert newsroom_main(['suggest', str(b)]) == 0
    out = capsys.readouterr().out
    line = polib.pofile(str(a)).find(S2).linenum
    assert f'{b}:{polib.pofile(str(b)).find(S2_CLOSE).linenum}: fuzzy:' in out
    assert f'   95%  {TRANSLATIONS[S2]}  ({a}:{line}, the fuzzy one in the catalog)' in out
    assert f'  100%  {TRANSLATIONS[S3]}  ({a}:' in out  # an older open message too
    assert f'for {S2!r}' in out
    assert f"untranslated: {OTHER!r}\n  no earlier translation at 75% or more" in out
    assert newsroom_main(['suggest', str(tmp_path / 'nothing.po')]) == 2


def make(project: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(['make', '--no-print-directory', *targets,
                             f'VENV={Path(sys.prefix)}'], cwd=project, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result


ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region'
REPEAT = 'news/2025/2025-06-21-synthetic-repeat'
EU = 'Туркменистан и ЕС провели очередной Диалог по правам человека в Брюсселе'
EU_EN = 'Turkmenistan and the EU held another round of the Human Rights Dialogue in Brussels'
HONDURAS = ('Туркменистан и Гондурас подписали Совместное коммюнике об установлении '
            'дипломатических отношений')
HONDURAS_EN = 'Turkmenistan and Honduras signed a Joint Communiqué'


def test_an_offered_translation_is_not_published_until_reviewed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / 'project')
    # a new article repeating a headline, and a published one gaining a paragraph close to
    # another article's headline (synthetic texts)
    (project / 'docs' / f'{REPEAT}.md').write_text(
        f'---\ndate: 2025-06-21\ntags: []\n---\n\n# {EU}\n', encoding='utf-8')
    article = project / 'docs' / f'{ARTICLE}.md'
    article.write_text(article.read_text(encoding='utf-8') + '\n' +
                       HONDURAS.replace('отношений', 'связей') + '\n', encoding='utf-8')
    make(project, 'update-po')
    en = project / 'locale' / 'en' / 'LC_MESSAGES'
    headline = polib.pofile(str(en / f'{REPEAT}.po')).find(EU)
    assert headline.fuzzy and headline.msgstr == EU_EN and not headline.previous_msgid
    added = polib.pofile(str(en / f'{ARTICLE}.po')).find(HONDURAS.replace('отношений',
                                                                           'связей'))
    assert added.fuzzy and added.previous_msgid == HONDURAS
    assert added.msgstr.startswith(HONDURAS_EN)

    make(project, 'html-en')
    site = project / '_build' / 'work' / 'en' / 'html'
    published = (site / f'{ARTICLE}.html').read_text(encoding='utf-8')
    assert 'Balkan velayat' in published  # the page is published, under revision
    assert HONDURAS_EN not in published and 'Гондурас' not in published
    repeat = site / f'{REPEAT}.html'
    assert not repeat.exists() or EU_EN not in repeat.read_text(encoding='utf-8')

    # the translator reviews the headline: now it is published
    catalog = polib.pofile(str(en / f'{REPEAT}.po'))
    catalog.find(EU).flags.remove('fuzzy')
    catalog.save()
    make(project, 'html-en')
    assert EU_EN in (site / f'{REPEAT}.html').read_text(encoding='utf-8')
    shutil.rmtree(project / '_build')


def test_the_memorys_note_goes_once_the_offer_is_reviewed(tmp_path: Path) -> None:
    """Suggestion, review (the fuzzy flag cleared with polib, as an editor does), update-po:
    the note is gone, the translation stays; an offer not reviewed yet keeps its note."""
    b = two_steps(tmp_path, memory=True)
    catalog = polib.pofile(str(b))
    catalog.find(S1).tcomment = f'checked with the desk\n{catalog.find(S1).tcomment}'
    catalog.find(S1).flags.remove('fuzzy')  # reviewed; S2_CLOSE is not
    catalog.save()
    reviewed = b.read_text(encoding='utf-8')
    assert reviewed.count('# translation memory: ') == 2

    errors, lines = run_update(tmp_path, {'news/a': pot_of(S1, S2, S3),
                                          'news/b': pot_of(X, S3, S1, S2_CLOSE, OTHER)})
    assert errors == 0 and any(str(b) in line for line in lines)
    catalog = polib.pofile(str(b))
    exact, close = catalog.find(S1), catalog.find(S2_CLOSE)
    assert exact.msgstr == TRANSLATIONS[S1] and exact.translated()
    assert exact.tcomment == 'checked with the desk'  # the translator's own comment stays
    assert close.fuzzy and 'translation memory: ' in close.tcomment \
        and 'from news/a.po:' in close.tcomment
    # nothing else changed: the same file but for the two lines of the note
    after = b.read_text(encoding='utf-8').splitlines()
    gone = [line for line in reviewed.splitlines() if line not in after]
    assert len(gone) == 2 and gone[0] == '# translation memory: 100%' \
        and gone[1].startswith('# from news/a.po:'), gone
    assert [line for line in after if line not in reviewed.splitlines()] == []
    subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(b)], check=True)

    # another update finds nothing left to do
    errors, lines = run_update(tmp_path, {'news/a': pot_of(S1, S2, S3),
                                          'news/b': pot_of(X, S3, S1, S2_CLOSE, OTHER)})
    assert errors == 0 and not any(str(b) in line for line in lines)

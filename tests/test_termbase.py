"""The termbase (locale/<lang>/glossary.po): make check-po warns of a translation that leaves out
a term's required translation or uses a forbidden one, in any form of the Russian term."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from helpers import copy_project, read_page
from newsroom.cli import main as newsroom_main
from newsroom.i18n import postats
from newsroom.i18n.catalogs import source_catalogs
from newsroom.i18n.pomerge import update_language
from newsroom.i18n.terms import Lemmatizer, has_sequence, has_words, words

REPO = Path(__file__).resolve().parent.parent
LOCALE = REPO / 'locale'
ARTICLE = 'news/2023/2023-08-24-balkan-velayat-astrakhan-region'


def check_po(locale_dir: Path, capsys: pytest.CaptureFixture[str], *options: str
             ) -> tuple[int, list[str]]:
    status = newsroom_main(['check-po', '--locale-dir', str(locale_dir), *options, 'en'])
    captured = capsys.readouterr()
    return status, [line for line in (captured.err + captured.out).splitlines() if line]


def locale_copy(tmp_path: Path) -> Path:
    target = tmp_path / 'locale'
    shutil.copytree(LOCALE, target)
    return target


def rewrite(path: Path, old: str, new: str) -> list[int]:
    """Replace *old* by *new* in the translations of a catalog; the lines of the entries."""
    catalog = polib.pofile(str(path), wrapwidth=78)
    changed = [entry for entry in catalog if old in entry.msgstr]
    assert changed, f'{old!r} is not in {path}'
    for entry in changed:
        entry.msgstr = entry.msgstr.replace(old, new)
    catalog.save(str(path))
    return [entry.linenum for entry in polib.pofile(str(path)) if new in entry.msgstr]


def test_the_seed_catalogs_follow_their_termbase(capsys: pytest.CaptureFixture[str]) -> None:
    for language in ('en', 'tk'):
        status = newsroom_main(['check-po', '--locale-dir', str(LOCALE), language])
        captured = capsys.readouterr()
        assert status == 0
        assert '0 errors, 0 warnings' in captured.out, captured.err


@pytest.mark.parametrize('language', ['en', 'tk'])
def test_every_seed_term_is_the_translation_a_catalog_uses(language: str) -> None:
    """No term is invented: each required translation is found in a translated message of
    the language whose original has the term."""
    lemmatizer = Lemmatizer('ru')
    messages = [(lemmatizer.sequence(entry.msgid), words(entry.msgstr))
                for path in (LOCALE / language / 'LC_MESSAGES').rglob('*.po')
                for entry in polib.pofile(str(path)).translated_entries()]
    glossary = polib.pofile(str(LOCALE / language / 'glossary.po'))
    assert len(glossary.translated_entries()) >= 20
    for term in glossary.translated_entries():
        used = [target for source, target in messages
                if has_sequence(source, lemmatizer.sequence(term.msgid))]
        assert used, f'{term.msgid!r} is in no {language} message'
        assert any(has_words(target, words(term.msgstr)) for target in used), term.msgid


def test_a_wrong_term_in_the_genitive_is_a_warning_with_the_expected_term(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locale_dir = locale_copy(tmp_path)
    catalog = locale_dir / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'
    lines = rewrite(catalog, 'Balkan velayat', 'Balkan province')
    status, output = check_po(locale_dir, capsys)
    assert status == 0  # a warning: the build and the gate go on
    reported = [line for line in output if 'Balkan velayat' in line]
    # "Балканского велаята" (genitive) in the lead, "хаким Балканского велаята" twice more
    assert sorted(int(line.split(':')[1]) for line in reported
                  if line.startswith(f'{catalog}:') and 'lacks' in line) == lines
    lead = next(line for line in reported if line.startswith(f'{catalog}:{lines[0]}:'))
    assert ': warning: ' in lead
    assert "the original has the term «Балканский велаят»" in lead
    assert "translation lacks «Balkan velayat»" in lead
    assert "msgid '24 августа 2023 года состоялась онлайн-встреча" in lead
    assert 'glossary.po:' in lead  # where the term is defined
    # "Balkan province" is also one of the variants the termbase forbids
    assert any('«Balkan province», which the termbase forbids' in line for line in output)
    assert output[-1].endswith(f'0 errors, {len(output) - 1} warnings'), output


def test_the_right_term_in_any_form_is_no_warning(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    locale_dir = locale_copy(tmp_path)
    catalog = locale_dir / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'
    # the translation may inflect the term: "Balkan velayat's" keeps it
    rewrite(catalog, 'the hakim of Balkan velayat', "Balkan velayat's hakim")
    status, output = check_po(locale_dir, capsys)
    assert status == 0
    assert output[-1].endswith('0 errors, 0 warnings'), output


def write(path: Path, language: str, entries: list[tuple[str, str, str]]) -> Path:
    """A catalog of (msgid, msgstr, translator comment) entries."""
    catalog = polib.POFile(wrapwidth=78)
    catalog.metadata = {
        'Project-Id-Version': 'test', 'PO-Revision-Date': '2026-01-01 00:00+0000',
        'Last-Translator': 'test', 'Language-Team': 'test', 'Language': language,
        'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=UTF-8',
        'Content-Transfer-Encoding': '8bit', 'Plural-Forms': 'nplurals=2; plural=(n != 1);'}
    for msgid, msgstr, comment in entries:
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr, tcomment=comment))
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))
    return path


def test_a_term_inside_a_longer_word_is_no_hit(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    locale_dir = tmp_path / 'locale'
    write(locale_dir / 'en' / 'glossary.po', 'en', [('порт', 'port', '')])
    page = write(locale_dir / 'en' / 'LC_MESSAGES' / 'page.po', 'en', [
        ('Спортивный праздник прошёл в субботу.', 'A sports festival took place on Saturday.',
         ''),
        ('Судно зашло в порт.', 'The ship called at the harbour.', ''),
        ('Грузы прибыли из порта.', 'The cargo arrived from the ports.', ''),
    ])
    status, output = check_po(locale_dir, capsys)
    assert status == 0
    # "порт" inside "Спортивный" is no term, and "sports" is no "port"; "ports" is
    harbour = next(e.linenum for e in polib.pofile(str(page)) if e.msgid.startswith('Судно'))
    lacking = [line for line in output if 'lacks «port»' in line]
    assert len(lacking) == 1, output
    assert lacking[0].startswith(f'{page}:{harbour}: warning:')


def test_strict_turns_the_warnings_into_errors(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    locale_dir = locale_copy(tmp_path)
    rewrite(locale_dir / 'en' / 'LC_MESSAGES' / 'tags.po', 'Turkmenbashi', 'Turkmenbashy')
    status, output = check_po(locale_dir, capsys)
    # the ending may change (Türkmenbaşa), so the forbidden variant is what names it; the
    # renamed tag's new address is not in the ledger yet (tagrecord.py), a second warning
    assert status == 0 and output[-1].endswith('0 errors, 2 warnings'), output
    status, output = check_po(locale_dir, capsys, '--strict')
    assert status == 1 and output[-1].endswith('2 errors, 0 warnings'), output
    assert all(': error: ' in line for line in output[:-1])
    # through make, as CI runs it
    project = copy_project(tmp_path / 'project')
    rewrite(project / 'locale' / 'en' / 'LC_MESSAGES' / 'tags.po', 'Turkmenbashi',
            'Turkmenbashy')
    make = ['make', '--no-print-directory', 'check-po', f'VENV={sys.prefix}']
    assert subprocess.run(make, cwd=project, capture_output=True, check=False).returncode == 0
    strict = subprocess.run([*make, 'STRICT=1'], cwd=project, capture_output=True, text=True,
                            check=False)
    assert strict.returncode != 0
    assert "error: the translation has «Turkmenbashy»" in strict.stderr


def test_a_broken_glossary_is_an_error(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    locale_dir = locale_copy(tmp_path)
    glossary = locale_dir / 'en' / 'glossary.po'
    glossary.write_text(glossary.read_text(encoding='utf-8').replace(
        'msgstr "Balkan velayat"', 'msgstr "Balkan velayat'), encoding='utf-8')
    status, output = check_po(locale_dir, capsys)
    assert status == 1
    assert any(line.startswith(f'{glossary}:') and 'unterminated' in line for line in output)


def test_the_glossary_is_no_page_catalog(tmp_path: Path) -> None:
    """The build, make update-po and make stats read LC_MESSAGES only."""
    locale_dir = locale_copy(tmp_path)
    before = (locale_dir / 'en' / 'glossary.po').read_bytes()
    assert not [name for name in source_catalogs([locale_dir], 'en') if 'glossary' in name]
    assert not [page for page, _counts, _todos in postats.collect(None, locale_dir, 'en')
                if 'glossary' in page]
    pots = tmp_path / 'gettext'
    pots.mkdir()
    template = polib.POFile()
    template.append(polib.POEntry(msgid='Новости'))
    template.save(str(pots / 'index.pot'))
    errors, _lines = update_language(pots, locale_dir, 'en')
    assert errors == 0
    assert (locale_dir / 'en' / 'glossary.po').read_bytes() == before
    assert not (locale_dir / 'en' / 'obsolete' / 'glossary.po').exists()


def test_the_status_page_counts_the_termbase_warnings(tmp_path: Path) -> None:
    project = copy_project(tmp_path / 'project')
    catalog = project / 'locale' / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'
    lines = rewrite(catalog, 'Balkan velayat', 'Balkan province')
    result = subprocess.run(['make', '--no-print-directory', 'html-en', f'VENV={sys.prefix}'],
                            cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    page = read_page(project / '_build' / 'work' / 'en' / 'html' / 'status.html')
    text = ' '.join(page.text().split())
    # one warning for the required term and one for the forbidden variant, per message
    assert f'Termbase warnings {2 * len(lines)} 0 ' in text, text[-300:]  # en, tk


def test_the_status_counts_read_only_what_changed_and_equal_a_full_check(
        tmp_path: Path) -> None:
    """The status page's count is kept per catalog: a build with nothing changed loads no
    dictionary and reads no catalog, and after a catalog or the glossary changes the count
    is what the whole check finds."""
    import time

    from newsroom.core.cache import StatCache
    from newsroom.i18n.termbase import glossary_path, term_problems, warning_count

    locale_dir = locale_copy(tmp_path)
    made: list[Lemmatizer] = []

    def lemmatizer() -> Lemmatizer:
        made.append(Lemmatizer('ru'))
        return made[-1]

    def counted() -> int:
        made.clear()
        cache, seen = StatCache(tmp_path / 'cache.json', 'termbase-warnings'), set()
        count = warning_count(locale_dir, 'en', lemmatizer, cache, seen)
        cache.keep_only(seen)
        cache.save()
        assert count == len(term_problems(locale_dir, 'en', Lemmatizer('ru')))
        return count

    time.sleep(2.1)  # files this recent are read again (core/cache.py's racy rule)
    clean = counted()
    assert made, 'the first count checks every catalog'
    assert counted() == clean and not made, 'nothing changed, yet the catalogs were read'
    lines = rewrite(locale_dir / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po', 'Balkan velayat',
                    'Balkan province')
    assert counted() == clean + 2 * len(lines)
    glossary = glossary_path(locale_dir, 'en')
    glossary.write_text(glossary.read_text(encoding='utf-8').replace(
        'msgstr "Balkan velayat"', 'msgstr "Balkan province"'), encoding='utf-8')
    assert counted() != clean + 2 * len(lines), 'the new glossary allows the new wording'


def test_the_glossary_is_checked_again_only_when_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every build's status page and check-po count with the glossary's verdict: kept while
    the glossary (and its real path) is unchanged, taken again after any change, so a
    glossary broken since counts nothing and, repaired, counts again."""
    import time

    from newsroom.core.cache import StatCache
    from newsroom.i18n import termbase

    locale_dir = locale_copy(tmp_path)
    glossary = termbase.glossary_path(locale_dir, 'en')
    checks: list[Path] = []
    real = termbase.check_catalog
    monkeypatch.setattr(termbase, 'check_catalog',
                        lambda path, *a, **k: checks.append(path) or real(path, *a, **k))

    def stamp() -> tuple[Path, str] | None:
        cache, seen = StatCache(tmp_path / 'cache.json', 'termbase-warnings'), set[str]()
        found = termbase.glossary_stamp(locale_dir, 'en', cache, seen)
        assert len(seen) == 1  # kept by warning_counts' keep_only
        cache.keep_only(seen)
        cache.save()
        return found

    time.sleep(2.1)  # files this recent are read again (core/cache.py's racy rule)
    first = stamp()
    assert first is not None and checks == [glossary]
    assert stamp() == first and checks == [glossary], 'an unchanged glossary checked again'
    text = glossary.read_text(encoding='utf-8')
    glossary.write_text(text + '\nmsgid "broken\n', encoding='utf-8')
    time.sleep(2.1)
    assert stamp() is None and len(checks) == 2
    assert stamp() is None and len(checks) == 2, 'a broken glossary kept is not checked again'
    glossary.write_text(text.replace('msgstr "Balkan velayat"', 'msgstr "Balkan province"'),
                        encoding='utf-8')
    time.sleep(2.1)
    again = stamp()
    assert again is not None and again != first and len(checks) == 3
    assert termbase.glossary_stamp(locale_dir, 'en') == again  # without a cache: the same


@pytest.mark.parametrize('language', ['en', 'tk'])
def test_gettext_reads_the_glossary_without_a_word(language: str) -> None:
    result = subprocess.run(['msgfmt', '--check', '-o', '/dev/null',
                             str(LOCALE / language / 'glossary.po')],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == '', result.stderr


def test_check_po_counts_the_status_pages_warnings_once_for_every_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``make html``'s ``check-po --report`` (from the project's folder, a relative locale
    folder) counts each catalog's termbase warnings beside its record; a build then (by
    conf.py's absolute locale folder) finds every count kept, loads no dictionary, and the
    count is the whole check's. Counted on every core, the counts are those of one
    process."""
    import time

    from newsroom.core.cache import StatCache
    from newsroom.i18n.termbase import (COUNTS, COUNTS_KIND, counts_with, glossary_path,
                                        parallel_counter, term_problems, warning_count)

    locale_dir = locale_copy(tmp_path)
    lines = rewrite(locale_dir / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po', 'Balkan velayat',
                    'Balkan province')
    time.sleep(2.1)  # files this recent are read again (core/cache.py's racy rule)
    monkeypatch.chdir(tmp_path)
    record = tmp_path / '_build' / 'check-po.json'
    record.parent.mkdir()
    assert newsroom_main(['--confdir', str(REPO), 'check-po', '--locale-dir', 'locale',
                          '--cache', str(record), '--report']) == 0
    capsys.readouterr()
    assert (record.parent / COUNTS).is_file()

    made: list[Lemmatizer] = []

    def lemmatizer() -> Lemmatizer:
        made.append(Lemmatizer('ru'))
        return made[-1]

    cache = StatCache(record.parent / COUNTS, COUNTS_KIND)
    for language in ('en', 'tk'):
        count = warning_count(locale_dir.resolve(), language, lemmatizer, cache, set())
        assert count == len(term_problems(locale_dir, language, Lemmatizer('ru')))
        assert count >= 2 * len(lines) if language == 'en' else True
    assert not made, 'check-po counted them: the build must not read a catalog again'

    catalogs = sorted(str(path) for path in (locale_dir / 'en').rglob('*.po')
                      if path.name != 'glossary.po')
    names = (catalogs * (130 // len(catalogs) + 1))[:130]  # enough for two workers
    glossary = glossary_path(locale_dir, 'en')
    assert parallel_counter('ru')(glossary, names) == counts_with(
        lambda: Lemmatizer('ru'))(glossary, names)

    # a catalog saved a moment ago cannot be kept yet (core/cache.py's racy rule): check-po
    # leaves it to the builds instead of loading a dictionary for it
    edited = locale_dir / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po'
    rewrite(edited, 'Balkan province', 'Balkan velayat')
    asked: list[str] = []

    def spy(glossary: Path, names: list[str]) -> list[int]:
        asked.extend(names)
        return [0] * len(names)

    warning_count(locale_dir.resolve(), 'en', lemmatizer, cache, set(), counter=spy,
                  only_kept=True)
    assert asked == []
    warning_count(locale_dir.resolve(), 'en', lemmatizer, cache, set(), counter=spy)
    assert asked == [str(edited.resolve())]


def test_a_clean_check_po_counts_the_warnings_in_the_parse_of_its_checks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """With many catalogs to check (a clean build; the threshold lowered for this locale
    folder), ``make html``'s check-po counts each catalog's termbase warnings in the parse
    its checks made: none is read again for the count, and a build finds every count kept,
    the whole check's."""
    import time

    from newsroom.core.cache import StatCache
    from newsroom.i18n import checkpo, termbase

    locale_dir = locale_copy(tmp_path)
    lines = rewrite(locale_dir / 'en' / 'LC_MESSAGES' / f'{ARTICLE}.po', 'Balkan velayat',
                    'Balkan province')
    time.sleep(2.1)  # files this recent are read again (core/cache.py's racy rule)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(checkpo, 'COUNT_WITH_CHECKS_FROM', 1)
    read_again: list[Path] = []
    real = termbase.catalog_problems
    monkeypatch.setattr(termbase, 'catalog_problems',
                        lambda path, *rest: read_again.append(path) or real(path, *rest))
    record = tmp_path / '_build' / 'check-po.json'
    record.parent.mkdir()
    assert newsroom_main(['--confdir', str(REPO), 'check-po', '--locale-dir', 'locale',
                          '--cache', str(record), '--report']) == 0
    capsys.readouterr()
    assert read_again == [], 'the count read the catalogs again'
    cache = StatCache(record.parent / termbase.COUNTS, termbase.COUNTS_KIND)
    made: list[Lemmatizer] = []
    for language in ('en', 'tk'):
        count = termbase.warning_count(locale_dir.resolve(), language,
                                       lambda: made.append(Lemmatizer('ru')) or made[-1],
                                       cache, set())
        assert count == len(termbase.term_problems(locale_dir, language, Lemmatizer('ru')))
        assert count >= 2 * len(lines) if language == 'en' else True
    assert not made, 'a count was missing: the build would read catalogs again'


def test_a_message_is_compared_only_with_the_terms_it_may_hold() -> None:
    """The index of the terms' first words leaves out no term a message holds: on every
    message of the seed's catalogs, in both languages, against the glossary and a termbase
    grown with a term for each pair of its messages' neighbouring words, the problems
    found with it equal those of comparing the message with every term."""
    from newsroom.i18n.termbase import Term, first_words, message_problems, read_terms

    lemmatizer = Lemmatizer('ru')
    for language in ('en', 'tk'):
        glossary = LOCALE / language / 'glossary.po'
        terms = read_terms(polib.pofile(str(glossary)), lemmatizer)
        catalogs = [polib.pofile(source) for source in
                    source_catalogs([LOCALE], language).values()]
        entries = [entry for catalog in catalogs for entry in catalog.translated_entries()]
        pairs = {' '.join(found[start:start + 2]) for entry in entries
                 for found in [words(entry.msgid)] for start in range(0, len(found) - 1, 3)}
        terms += [Term(pair, pair.split()[0][:6], (), 1, lemmatizer.sequence(pair))
                  for pair in sorted(pairs)]
        every = {lemma: list(range(len(terms))) for term in terms
                 for word in term.lemmas for lemma in word}
        found = 0
        for entry in entries:
            indexed = message_problems(glossary, entry, terms, lemmatizer, glossary, 'warning')
            assert indexed == message_problems(glossary, entry, terms, lemmatizer, glossary,
                                               'warning', every)
            found += len(indexed)
        assert len(terms) > 150 and found > 100, (len(terms), found)
        assert first_words(terms) != every

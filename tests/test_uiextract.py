"""``python -m newsroom update-ui``: the interface template is read from the code (modules,
templates, scripts), and each language keeps every translation through a change."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib

from newsroom.cli import main
from newsroom.core.readiness import UI_LOCALE
from newsroom.i18n.uiextract import annotate_theirs, template, update

MODULE = '''
from sphinx.locale import get_translation
_ = get_translation('newsroom')
LABEL = _('Published')
TITLE = _('News of %(year)s')
'''
PAGE = '''<p>{{ _("Earlier")|e }}</p>
<p>{% trans %}Back to top{% endtrans %}</p>
'''
SCRIPT = '''say(Documentation.gettext("Searching…"));
say(Documentation.ngettext("Show one more result", "Show ${count} more results", n));
'''


def package(root: Path, module: str = MODULE) -> Path:
    """A small extension package with a module, a template and a script."""
    (root / 'templates').mkdir(parents=True)
    (root / 'static').mkdir()
    (root / 'labels.py').write_text(module, encoding='utf-8')
    (root / 'templates' / 'page.html').write_text(PAGE, encoding='utf-8')
    (root / 'static' / 'search.js').write_text(SCRIPT, encoding='utf-8')
    return root


def test_every_kind_of_source_is_read(tmp_path: Path) -> None:
    pot = template(package(tmp_path / 'ext'), {'Back to top'}, '')
    assert sorted((e.msgid, e.msgid_plural) for e in pot) == [
        ('Earlier', ''), ('News of %(year)s', ''), ('Published', ''), ('Searching…', ''),
        ('Show one more result', 'Show ${count} more results')]
    assert pot.find('News of %(year)s').flags == ['python-format']
    assert pot.find('Searching…').occurrences == [('ext/static/search.js', '1')]


def test_a_changed_message_keeps_its_translation_as_fuzzy(tmp_path: Path) -> None:
    before = template(package(tmp_path / 'a'), set(), '')
    catalog = polib.POFile(wrapwidth=78)
    catalog.metadata = {'Language': 'ru', 'Plural-Forms': 'nplurals=3; plural=(n%10==1 && '
                        'n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);',
                        'Content-Type': 'text/plain; charset=UTF-8'}
    update(catalog, before)
    catalog.find('News of %(year)s').msgstr = 'Новости %(year)s года'
    catalog.find('Published').msgstr = 'Опубликовано'
    assert len(catalog.find('Show one more result').msgstr_plural) == 3

    after = template(package(tmp_path / 'b', MODULE.replace("_('Published')", "'Published'")
                             .replace('News of %(year)s', 'All news of %(year)s')), set(), '')
    new, fuzzy, obsolete = update(catalog, after)
    # The old message is kept as obsolete too, beside its fuzzy successor.
    assert (new, fuzzy, obsolete) == (0, 1, 2)
    changed = catalog.find('All news of %(year)s')
    assert changed.msgstr == 'Новости %(year)s года' and 'fuzzy' in changed.flags
    assert changed.previous_msgid == 'News of %(year)s'
    assert 'python-format' in changed.flags
    gone = [e for e in catalog if e.obsolete]
    assert sorted((e.msgid, e.msgstr) for e in gone) == [
        ('News of %(year)s', 'Новости %(year)s года'), ('Published', 'Опубликовано')]
    path = tmp_path / 'ru.po'
    catalog.save(str(path))
    subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(path)], check=True)


def test_the_committed_interface_catalogs_follow_the_code() -> None:
    """The shipped ``newsroom.pot`` and every language's ``newsroom.po`` are what
    ``make update-po`` would write now: no message of the code is missing from them."""
    assert main(['update-ui', '--check']) == 0


def test_the_update_writes_only_what_changed(tmp_path: Path) -> None:
    locale = tmp_path / 'locale'
    shutil.copytree(UI_LOCALE, locale)
    catalog_path = locale / 'ru' / 'LC_MESSAGES' / 'newsroom.po'
    catalog = polib.pofile(str(catalog_path))
    catalog.remove(catalog.find('Published'))
    catalog.save()
    assert main(['update-ui', '--ui-locale-dir', str(locale), '--check']) == 1
    assert polib.pofile(str(catalog_path)).find('Published') is None  # --check wrote nothing
    assert main(['update-ui', '--ui-locale-dir', str(locale)]) == 0
    assert polib.pofile(str(catalog_path)).find('Published') is not None
    assert main(['update-ui', '--ui-locale-dir', str(locale), '--check']) == 0


SPHINX_CATALOGS = [UI_LOCALE / 'sphinx.pot', *sorted(UI_LOCALE.glob('*/LC_MESSAGES/sphinx.po'))]


def what_translators_read(catalog: polib.POFile) -> list[tuple[object, ...]]:
    """Everything of each entry but its ``#.`` comment."""
    return [(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, sorted(e.msgstr_plural.items()),
             e.flags, e.occurrences, e.tcomment, e.previous_msgid, e.obsolete) for e in catalog]


def entries(path: Path) -> list[str]:
    return [str(entry) for entry in polib.pofile(str(path))]


def test_sphinx_and_furo_messages_say_they_are_interface_text_and_where() -> None:
    assert len(SPHINX_CATALOGS) >= 3
    for path in SPHINX_CATALOGS:
        catalog = polib.pofile(str(path))
        assert len(catalog) >= 10
        for entry in catalog:
            assert entry.comment.startswith('interface'), (path, entry.msgid)
        assert catalog.find('Back to top').comment == 'interface (page template): on every page'
        searched = next(e for e in catalog if e.msgid_plural)
        assert searched.occurrences[0][0].endswith('searchtools.js')
        assert searched.comment == 'interface (script): on the search page'


def test_update_ui_writes_the_role_comments_of_the_sphinx_catalogs_and_nothing_else(
        tmp_path: Path) -> None:
    locale = tmp_path / 'locale'
    shutil.copytree(UI_LOCALE, locale)
    bare = {}
    for path in [locale / 'sphinx.pot', *locale.glob('*/LC_MESSAGES/sphinx.po')]:
        catalog = polib.pofile(str(path), wrapwidth=78)
        for entry in catalog:
            entry.comment = ''
        catalog.save()
        bare[path] = polib.pofile(str(path), wrapwidth=78)
    others = {p: entries(p) for p in locale.rglob('newsroom.po*')}
    assert main(['update-ui', '--ui-locale-dir', str(locale), '--check']) == 1

    assert main(['update-ui', '--ui-locale-dir', str(locale)]) == 0
    for path, before in bare.items():
        after = polib.pofile(str(path))
        assert what_translators_read(after) == what_translators_read(before), path
        assert after.metadata == before.metadata and after.header == before.header
        assert [e.comment for e in after] == [
            e.comment for e in polib.pofile(str(UI_LOCALE / path.relative_to(locale)))]
        if path.suffix == '.po':
            subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(path)], check=True)
    assert {p: entries(p) for p in locale.rglob('newsroom.po*')} == others
    assert main(['update-ui', '--ui-locale-dir', str(locale), '--check']) == 0


def test_a_message_of_several_kinds_of_file_names_each() -> None:
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid='Search', occurrences=[
        ('furo/theme/furo/search.html', ''), ('sphinx/themes/basic/static/searchtools.js', ''),
        ('furo/theme/furo/partials/sidebar.html', '')]))
    catalog.append(polib.POEntry(msgid='Unknown', comment='kept'))
    annotate_theirs(catalog)
    assert catalog.find('Search').comment == (
        'interface (page template): on the search page; interface (script): on the search '
        'page; interface (page template)')
    assert catalog.find('Unknown').comment == 'interface'  # no reference: no more is known

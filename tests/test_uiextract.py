"""``python -m newsroom update-ui``: the interface template is read from the code (modules,
templates, scripts), and each language keeps every translation through a change."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib

from newsroom.cli import main
from newsroom.core.readiness import UI_LOCALE
from newsroom.i18n.uiextract import template, update

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

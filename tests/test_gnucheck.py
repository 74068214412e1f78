"""check-po's GNU gettext verdict on many catalogs at once (one ``msgcat`` for a batch,
``msgfmt --check`` where it judges more) equals ``msgfmt --check`` run on each catalog:
on mutants of a real catalog, and on the committed broken ones."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from newsroom.i18n import checkpo
from newsroom.i18n.gnucheck import msgcat_refusals, needs_msgfmt
from newsroom.i18n.pocheck import read_checked

pytestmark = pytest.mark.skipif(shutil.which('msgfmt') is None or shutil.which('msgcat') is None,
                                reason='GNU gettext is not installed')

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / 'data' / 'po'
BASE = (ROOT / 'locale' / 'en' / 'LC_MESSAGES' / 'news' / '2025'
        / '2025-06-18-turkmenbashi-pakistan-ports.po')
#: What a translator's slip, an editor or an attacker can put into a catalog, each a way
#: gettext reads differently than a glance does.
PIECES = [b'"', b'\\', b'\n', b'\\n', b'\\012', b'\\x0a', b'\\r', b'\r', b'\t', b'#',
          b'#, c-format\n', b'#, python-format\n', b'#,fuzzy,c-format\n', b'#, fuzzy\n',
          b'#= c-format\n', b'#, range: 0..5\n', b'msgid_plural "xs"\n', b'msgstr[0] "y"\n',
          b'msgstr[1] "y"\n', b'%s', b'%(x)s', b'{0}', b'msgid "dup"\nmsgstr "d"\n',
          b'msgctxt "c"\n', b'#~ ', b'domain "x"\n', b'\xe2\x80\xa8', b'\xef\xbb\xbf',
          b'\xff', b'msgid ""\nmsgstr ""\n', b'msgstr ', b'msgid ', b'  ']


def mutant(data: bytes, rng: random.Random) -> bytes:
    """*data* with one to three random edits: a piece inserted, a byte or line deleted, a
    line repeated."""
    for _ in range(rng.randint(1, 3)):
        lines = data.split(b'\n')
        kind = rng.randrange(4)
        if kind == 0:
            at = rng.randrange(len(data) + 1)
            data = data[:at] + rng.choice(PIECES) + data[at:]
        elif kind == 1 and data:
            at = rng.randrange(len(data))
            data = data[:at] + data[at + 1:]
        elif kind == 2:
            del lines[rng.randrange(len(lines))]
            data = b'\n'.join(lines)
        else:
            at = rng.randrange(len(lines))
            lines.insert(at, lines[at])
            data = b'\n'.join(lines)
    return data


#: Edits of one message that only ``msgfmt --check`` judges: a format string the
#: translation drops, a newline at one end, a plural with too few forms.
MESSAGE_EDITS = [
    lambda block: '#, c-format\n' + block.replace('msgid "', 'msgid "%d ', 1),
    lambda block: '#, python-format\n' + block.replace('msgid "', 'msgid "%(n)s ', 1),
    lambda block: block.replace('msgstr "', 'msgstr "\\n', 1),
    lambda block: block.replace('msgid "', 'msgid "\\n', 1),
    lambda block: block.rstrip('"') + '\\012"',
    lambda block: block.replace('msgstr ', 'msgid_plural "x"\nmsgstr[0] ', 1),
]


#: Edits of the header that make it none to msgfmt: under a context, obsolete; and one
#: that does not (the header after the messages).
HEADER_EDITS = [
    lambda text: text.replace('msgid ""', 'msgctxt "x"\nmsgid ""', 1),
    lambda text: text.replace('msgid ""', '#, fuzzy\nmsgctxt ""\nmsgid ""', 1),
    lambda text: '\n'.join(f'#~ {line}' if line.startswith(('msgid ""', 'msgstr ""', '"'))
                           and number < 16 else line
                           for number, line in enumerate(text.split('\n'))),
    lambda text: text[text.index('#.'):] + '\n' + text[:text.index('#.')],
]


def message_edited(text: str, rng: random.Random) -> str:
    """*text* with one of its messages edited by one of :data:`MESSAGE_EDITS`."""
    blocks = text.rstrip('\n').split('\n\n')
    number = rng.randrange(1, len(blocks))
    blocks[number] = rng.choice(MESSAGE_EDITS)(blocks[number])
    return '\n\n'.join(blocks) + '\n'


@pytest.fixture(scope='module')
def mutants(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp('mutants')
    rng, base = random.Random(25), BASE.read_bytes()
    paths = []
    for number in range(150):
        path = folder / f'm{number:03}.po'
        path.write_bytes(mutant(base, rng))
        paths.append(path)
    for number in range(30):
        path = folder / f'e{number:03}.po'
        path.write_text(message_edited(base.decode(), rng), encoding='utf-8')
        paths.append(path)
    for number, edit in enumerate(HEADER_EDITS):
        path = folder / f'h{number:03}.po'
        path.write_text(edit(base.decode()), encoding='utf-8')
        paths.append(path)
    for broken in sorted(DATA.glob('*.po')):
        shutil.copyfile(broken, folder / broken.name)
        paths.append(folder / broken.name)
    return paths


@pytest.fixture(scope='module')
def one_by_one(mutants: list[Path]) -> list[list[str]]:
    """Our checks and ``msgfmt --check`` on each catalog alone."""
    return [[str(problem) for problem in read_checked(path, 'en')[0]] for path in mutants]


@pytest.mark.parametrize('batch', [7, checkpo.BATCH])
def test_the_batch_verdict_equals_msgfmt_on_each_catalog(
        mutants: list[Path], one_by_one: list[list[str]], batch: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checkpo, 'BATCH', batch)
    expected = one_by_one
    found = [[str(problem) for problem in problems] for problems, _view, _count
             in checkpo.checked_all([('en', path) for path in mutants], interface=False)]
    assert found == expected
    # the mutants reach what only msgfmt judges, and what msgcat refuses
    ours = [[str(p) for p in read_checked(path, 'en', msgfmt=False)[0]] for path in mutants]
    only_msgfmt = [path.name for path, mine, theirs in zip(mutants, ours, expected, strict=True)
                   if not mine and theirs]
    assert len(only_msgfmt) >= 8, only_msgfmt
    assert sum(map(bool, expected)) < len(mutants) - 20  # and many are still clean


def test_msgcat_refuses_each_broken_catalog_of_a_batch_and_reads_on(tmp_path: Path) -> None:
    names = []
    for number in range(6):
        path = tmp_path / f'{number}.po'
        shutil.copyfile(DATA / ('unterminated.po' if number in (1, 4) else 'good.po'), path)
        names.append(str(path))
    assert msgcat_refusals(names) == {names[1], names[4]}
    assert msgcat_refusals([names[0], names[2]]) == set()


@pytest.mark.parametrize(('text', 'more'), [
    ('msgid "a"\nmsgstr "b"\n', False),
    ('#, fuzzy\nmsgid "a"\nmsgstr "b"\n', False),
    ('#, fuzzy, c-format\nmsgid "a"\nmsgstr "b"\n', True),
    ('#= c-format\nmsgid "a"\nmsgstr "b"\n', True),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', True),
    ('#~ msgid "a"\n#~ msgid_plural "as"\n#~ msgstr[0] "b"\n', True),
    ('msgid "a"\nmsgstr "b\\012"\n', True),
    ('msgctxt "x"\nmsgid "a"\nmsgstr "b"\n', True),
    ('msgid "a"\nmsgstr "b\\n"\n', True),
    ('msgid "a"\nmsgstr ""\n"\\nb"\n', True),
])
def test_msgfmt_judges_plurals_flags_escapes_and_edge_newlines(text: str, more: bool) -> None:
    import polib

    # polib reads no sticky flags (#=); its catalog is what it reads without them
    catalog = polib.pofile(re.sub(r'^#=.*\n', '', text, flags=re.MULTILINE))
    assert needs_msgfmt(text, catalog) is more
    assert needs_msgfmt(text, None) is True

"""Hostile interface translations, every one at once, on the site as nginx serves it.

Each attack class of the red team's interface cases goes into a different message of the
Russian and Turkmen interface catalogs of a copy of the project; `make html` publishes it,
nginx serves it with the site's security policy, and Chromium opens every kind of page:
no dialog, no navigation away, no event handler, no overlay, no policy violation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest
from helpers import SITE_BASEURL, copy_project
from nginx import serve_nginx

#: The red team's shapes (tests/test_interface_catalogs.py has each one alone).
ATTACKS = ['<img src=x onerror=alert(1)>', '</span><script>alert(1)</script>',
           '" autofocus onfocus="alert(1)" style="position:fixed;inset:0"',
           "' onmouseover='alert(1)", ' <img src=x onerror=alert(1)',
           ' <meta http-equiv=refresh content="0;url=https://evil.example/"', ' <!--',
           ' <A HREF="https://evil.example/">!</A>', ' <svg><script>alert(1)</script>',
           ' &lt;img src=x onerror=alert(1)&gt;', '\u202e<img src=x onerror=alert(1)>']
POISONED = ('ru', 'tk')
PAGES = ['index.html', 'news/index.html', 'news/2025/index.html', 'news/tags/index.html',
         'status.html', 'search.html?q=port', 'no-such-page.html']
WATCH = """
window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
HANDLERS = """() => [...document.querySelectorAll('*')].flatMap((element) =>
  [...element.attributes].filter((a) => a.name.toLowerCase().startsWith('on')
    || /^\\s*javascript:/i.test(a.value)).map((a) => `${element.tagName} ${a.name}`))"""
OVERLAY = """() => [...document.querySelectorAll('body *')].filter((element) => {
  const style = getComputedStyle(element), box = element.getBoundingClientRect();
  return style.position === 'fixed' && box.width >= innerWidth * 0.9
    && box.height >= innerHeight * 0.9 && style.visibility !== 'hidden'
    && style.display !== 'none';
}).map((element) => element.outerHTML.slice(0, 120))"""


def poison(locale: Path, language: str) -> int:
    """Every attack, each in another translated message of *language*'s interface
    catalogs (the one printed on every page first); how many were planted."""
    planted = 0
    for name in ('sphinx.po', 'newsroom.po'):
        path = locale / language / 'LC_MESSAGES' / name
        catalog = polib.pofile(str(path))
        for entry in catalog.translated_entries():
            if planted == len(ATTACKS):
                break
            if entry.msgid_plural or '%' in entry.msgid or '$' in entry.msgid:
                continue
            entry.msgstr = entry.msgstr + ATTACKS[planted]
            planted += 1
        catalog.save(str(path))
    return planted


@pytest.fixture(scope='module')
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp('attacked') / 'project')
    for language in POISONED:
        assert poison(project / 'newsroom' / 'core' / 'locale', language) == len(ATTACKS)
    result = subprocess.run(
        ['make', '--no-print-directory', 'html', f'BASEURL={SITE_BASEURL}',
         f'VENV={Path(sys.prefix)}'], cwd=project, capture_output=True, text=True,
        check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert 'check-po' in result.stdout  # the refused translations are reported
    return project


@pytest.fixture(scope='module')
def base(poisoned_site: Path, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    with serve_nginx(poisoned_site / '_build' / 'html', tmp_path_factory.mktemp('nginx'),
                     confdir=poisoned_site) as url:
        yield url


@pytest.mark.parametrize('language', POISONED)
def test_no_interface_translation_acts_on_a_page(page, base: str, poisoned_site: Path,
                                                 language: str) -> None:
    article = next((poisoned_site / '_build' / 'html' / language / 'news' / '2025').glob(
        '2025-*.html')).relative_to(poisoned_site / '_build' / 'html' / language)
    dialogs: list[str] = []
    away: list[str] = []
    page.on('dialog', lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on('request', lambda request: away.append(request.url)
            if not request.url.startswith(base) and not request.url.startswith('data:')
            else None)
    page.add_init_script(WATCH)
    for path in [*PAGES, article.as_posix()]:
        page.goto(f'{base}/{language}/{path}', wait_until='load')
        page.wait_for_timeout(150)
        assert page.url.startswith(f'{base}/{language}/'), (path, page.url)
        assert page.evaluate(HANDLERS) == [], path
        assert page.evaluate(OVERLAY) == [], path
        assert page.evaluate('window.violations') == [], path
        page.mouse.move(200, 200)
        page.keyboard.press('Tab')
    assert dialogs == [] and away == []

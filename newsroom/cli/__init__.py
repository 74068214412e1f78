"""The toolkit's command line: ``python -m newsroom <command>`` (the Makefile's targets)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.core.site import Site
from newsroom.cli import buildlog, nginxconf, preview
from newsroom.i18n import addlanguage, checkpo, pomerge, postats, spelling, suggest, uiextract
from newsroom.news import scaffold
from newsroom.publishing import publish
from newsroom.publishing.siteroot import write_site_root

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


def languages(args: argparse.Namespace) -> int:
    """Print the site's languages, source first (only the targets with ``--targets``)."""
    print(' '.join(args.site.targets if args.targets else args.site.languages))
    return 0


def root(args: argparse.Namespace) -> int:
    """Write the root files of the built site (after every language is built)."""
    for note in write_site_root(args.site, args.outdir):
        print(f'newsroom root: {note}')
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog='python -m newsroom', description=__doc__)
    main.add_argument('--confdir', type=Path, default=Path(),
                      help='the folder of conf.py (default: the current one)')
    main.add_argument('--baseurl', help="override conf.py's html_baseurl ('' for none)")
    commands = main.add_subparsers(dest='command', required=True, metavar='command')

    def command(name: str, run: Callable[[argparse.Namespace], int], help_text: str,
                ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    listing = command('languages', languages, 'print the site languages, source first')
    listing.add_argument('--targets', action='store_true', help='only translation languages')
    command('root', root, 'write index.html, 404.html, the sitemap index and robots.txt '
            'at the root of the built site').add_argument('outdir', type=Path)
    publish.add_arguments(command('publish', publish.run, 'publish the built languages and '
                                  'the root files as a new tree, switched to in one step'))
    preview.add_arguments(command('preview', preview.run, 'serve the site on 127.0.0.1, '
                                  'rebuilt and reloaded on every change'))
    nginxconf.add_arguments(command('nginx-conf', nginxconf.run, 'write the nginx '
                                    'configuration that serves the published site'))
    buildlog.add_arguments(command('warnings', buildlog.run, "every language's warnings once, "
                                   'with the languages they apply to, and a summary line'))
    buildlog.add_progress_arguments(command('progress', buildlog.run_progress, 'the line of '
                                            "a language whose build just ended"))
    buildlog.add_summary_arguments(command('summary', buildlog.run_summary, 'after a build: '
                                           'what each language publishes and holds back, '
                                           'the warnings, and whether anything failed'))
    checkpo.add_arguments(command('check-po', checkpo.run, 'check translation catalogs'))
    pomerge.add_arguments(command('update-po', pomerge.run,
                                  'update catalogs from the extracted templates'))
    uiextract.add_arguments(command('update-ui', uiextract.run, 'the interface template '
                                    'from the code, merged into each language'))
    addlanguage.add_arguments(command('add-language', addlanguage.run, 'add a language: '
                                      "conf.py's list, its page and interface catalogs"))
    postats.add_arguments(command('stats', postats.run, 'translation progress per page'))
    postats.add_arguments(command('todo', postats.run, 'every message left to translate '
                                  'or review (file:line)'), listing='all')
    postats.add_arguments(command('fuzzy', postats.run, 'the fuzzy messages left to review '
                                  '(file:line)'), listing='fuzzy')
    suggest.add_arguments(command('suggest', suggest.run, "the translation memory's "
                                  "candidates for a catalog's open messages, with scores"))
    spelling.add_arguments(command('spell', spelling.run, 'check the spelling of every '
                                   'translated message (hunspell)'))
    scaffold.add_arguments(command('article', scaffold.run, 'start a news article (a draft)'))
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit status (2 for a usage error, as argparse has it)."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2): return, never exit
        return int(exc.code or 0)
    overrides = {'html_baseurl': args.baseurl} if args.baseurl is not None else {}
    try:
        args.site = Site.from_confdir(args.confdir, overrides)
    except Exception as exc:  # noqa: BLE001 - conf.py missing, broken, or no languages
        print(f'error: {args.confdir / "conf.py"}: {exc}', file=sys.stderr)
        return 2
    if getattr(args, 'languages', None) == []:
        args.languages = list(args.site.targets)
    if getattr(args, 'news_dir', '') is None:
        args.news_dir = args.site.news_dir
    return args.run(args)

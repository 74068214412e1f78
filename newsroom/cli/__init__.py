"""The toolkit's command line: ``python -m newsroom <command>`` (the Makefile's targets)."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.core.site import Site

if TYPE_CHECKING:
    from collections.abc import Sequence, Set


def languages(args: argparse.Namespace) -> int:
    """Print the site's languages, source first (only the targets with ``--targets``)."""
    print(' '.join(args.site.targets if args.targets else args.site.languages))
    return 0


def languages_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('--targets', action='store_true', help='only translation languages')


def root(args: argparse.Namespace) -> int:
    """Write the root files of the built site (after every language is built)."""
    from newsroom.publishing.siteroot import write_site_root  # noqa: PLC0415

    for note in write_site_root(args.site, args.outdir):
        print(f'newsroom root: {note}')
    return 0


def root_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('outdir', type=Path)


#: Each command: its help, and where its code is — module, run function, the function that
#: adds its arguments, and that function's keywords. A command's module is imported only
#: when that command runs (or for --help): `make html` runs several of them, and each
#: would otherwise import every wing, and Sphinx with them, at every start.
COMMANDS: dict[str, tuple[str, str, str, str, dict[str, str]]] = {
    'languages': ('print the site languages, source first',
                  'newsroom.cli', 'languages', 'languages_arguments', {}),
    'root': ('write index.html, 404.html, the sitemap index and robots.txt at the root of '
             'the built site', 'newsroom.cli', 'root', 'root_arguments', {}),
    'publish': ('publish the built languages and the root files as a new tree, switched '
                'to in one step', 'newsroom.publishing.publish', 'run', 'add_arguments', {}),
    'preview': ('serve the site on 127.0.0.1, rebuilt and reloaded on every change',
                'newsroom.cli.preview', 'run', 'add_arguments', {}),
    'nginx-conf': ('write the nginx configuration that serves the published site',
                   'newsroom.cli.nginxconf', 'run', 'add_arguments', {}),
    'warnings': ("every language's warnings once, with the languages they apply to, and a "
                 'summary line', 'newsroom.cli.buildlog', 'run', 'add_arguments', {}),
    'progress': ('the line of a language whose build just ended',
                 'newsroom.cli.buildlog', 'run_progress', 'add_progress_arguments', {}),
    'summary': ('after a build: what each language publishes and holds back, the warnings, '
                'and whether anything failed',
                'newsroom.cli.buildlog', 'run_summary', 'add_summary_arguments', {}),
    'check-po': ('check translation catalogs', 'newsroom.i18n.checkpo', 'run',
                 'add_arguments', {}),
    'update-po': ('update catalogs from the extracted templates', 'newsroom.i18n.pomerge',
                  'run', 'add_arguments', {}),
    'update-ui': ('the interface template from the code, merged into each language',
                  'newsroom.i18n.uiextract', 'run', 'add_arguments', {}),
    'add-language': ("add a language: conf.py's list, its page and interface catalogs",
                     'newsroom.i18n.addlanguage', 'run', 'add_arguments', {}),
    'stats': ('translation progress per page', 'newsroom.i18n.postats', 'run',
              'add_arguments', {}),
    'todo': ('every message left to translate or review (file:line)',
             'newsroom.i18n.postats', 'run', 'add_arguments', {'listing': 'all'}),
    'fuzzy': ('the fuzzy messages left to review (file:line)', 'newsroom.i18n.postats',
              'run', 'add_arguments', {'listing': 'fuzzy'}),
    'suggest': ("the translation memory's candidates for a catalog's open messages, with "
                'scores', 'newsroom.i18n.suggest', 'run', 'add_arguments', {}),
    'spell': ('check the spelling of every translated message (hunspell)',
              'newsroom.i18n.spelling', 'run', 'add_arguments', {}),
    'article': ('start a news article (a draft)', 'newsroom.news.scaffold', 'run',
                'add_arguments', {}),
}


def chosen(argv: Sequence[str]) -> set[str]:
    """The commands whose modules the parser needs: those named on the command line (the
    one to run is among them), or every one (for --help, or a usage error to report)."""
    named = [word for word in argv if word in COMMANDS]
    if not named or {'-h', '--help'} & set(argv[:argv.index(named[0])]):
        return set(COMMANDS)
    return set(named)


def parser(names: Set[str] = frozenset(COMMANDS)) -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog='python -m newsroom', description=__doc__)
    main.add_argument('--confdir', type=Path, default=Path(),
                      help='the folder of conf.py (default: the current one)')
    main.add_argument('--baseurl', help="override conf.py's html_baseurl ('' for none)")
    commands = main.add_subparsers(dest='command', required=True, metavar='command')
    for name, (help_text, module_name, run, add, keywords) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        if name in names:
            module = importlib.import_module(module_name)
            sub.set_defaults(run=getattr(module, run))
            getattr(module, add)(sub, **keywords)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit status (2 for a usage error, as argparse has it)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parser(chosen(argv)).parse_args(argv)
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

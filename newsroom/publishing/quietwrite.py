"""Pages are rewritten only when their HTML changes, so incremental builds touch what changed."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder

from newsroom.core.domain import news
from newsroom.publishing.rendermemo import RenderMemo, code_salt

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def replace_if_changed(scratch: Path, target: Path) -> bool:
    """Move *scratch* over *target* unless both hold the same bytes; True if replaced."""
    if target.is_file() and target.read_bytes() == scratch.read_bytes():
        scratch.unlink()
        return False
    scratch.replace(target)
    return True


def held_back(env: BuildEnvironment) -> frozenset[str]:
    """The articles this build's language does not publish, computed once per build."""
    domain = news(env)
    return domain.per_build('held-back', lambda: frozenset(domain.held_back))


class HTMLBuilder(StandaloneHTMLBuilder):
    """Sphinx's HTML builder, except that a page rendered identically keeps its file (and
    time stamp): an incremental build then touches only the pages that really changed,
    which deployments and caches rely on.

    A document's page is still rewritten when its file is older than its source or the
    templates, because that is how Sphinx decides what is out of date."""

    @functools.cached_property
    def newest_template(self) -> float:
        """The templates' newest modification time, read once per build: Sphinx's loader
        walks every template folder at each call (some 100 files, so 500,000 ``stat``s
        when every page of a 5,000-article site is written again)."""
        return self.templates.newest_template_mtime()

    @functools.cached_property
    def render_memo(self) -> RenderMemo:
        """What this build's generated pages were rendered from (``rendermemo``)."""
        info = getattr(self, 'build_info', None)
        salt = f'{code_salt(self.newest_template)}:{getattr(info, "config_hash", "")}'
        return RenderMemo(Path(self.doctreedir), salt)

    #: The file of the generated page being handled, while its context is made.
    memo_target: Path | None = None

    @functools.cached_property
    def target_uris(self) -> dict[str, str]:
        """Each page's address, once asked for (``get_target_uri``)."""
        return {}

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """Sphinx's address of *docname*, quoted once per build: the listings, the status
        table and the search index ask for every article's (some 60,000 times a build at
        5,000 articles)."""
        if typ is not None:
            return super().get_target_uri(docname, typ)
        found = self.target_uris.get(docname)
        if found is None:
            found = self.target_uris[docname] = super().get_target_uri(docname)
        return found

    def prepare_writing(self, docnames: set[str]) -> None:
        for name in ('newest_template', 'render_memo'):  # both may change between builds
            self.__dict__.pop(name, None)
        super().prepare_writing(docnames)

    def dump_inventory(self) -> None:
        """Sphinx's ``objects.inv`` (what other Sphinx projects link to with intersphinx)
        only when ``newsroom_inventory`` asks for it: a news site's readers never use it,
        and at 5,000 articles it costs each build 0.1–0.2 CPU seconds, however little
        changed."""
        if self.config.newsroom_inventory:
            super().dump_inventory()

    def up_to_date(self, pagename: str, target: Path) -> bool:
        if pagename not in self.env.all_docs:
            return True  # generated pages: Sphinx rebuilds them every time anyway
        if not target.is_file():
            return False
        newest = max(self.env.doc2path(pagename).stat().st_mtime, self.newest_template)
        return target.stat().st_mtime >= newest

    def handle_page(self, pagename: str, addctx: dict[str, Any],
                    templatename: str = 'page.html', *, outfilename: Path | None = None,
                    event_arg: Any = None) -> None:
        target = Path(outfilename or self.get_output_path(pagename))
        if pagename in held_back(self.env):
            # not published in this language: no page to reach (its 404 instead), not even
            # an earlier build's
            target.unlink(missing_ok=True)
            return
        if outfilename is not None or not self.up_to_date(pagename, target):
            super().handle_page(pagename, addctx, templatename,
                                outfilename=outfilename, event_arg=event_arg)
            return
        scratch = target.with_name(f'.{target.name}.new')
        generated = pagename not in self.env.all_docs
        self.memo_target = target if generated else None
        try:
            super().handle_page(pagename, addctx, templatename,
                                outfilename=scratch, event_arg=event_arg)
        finally:
            self.memo_target = None
        if scratch.is_file():
            replace_if_changed(scratch, target)
        if generated:
            self.render_memo.written(pagename, target)

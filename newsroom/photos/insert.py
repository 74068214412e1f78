"""The front matter's lead image under the headline: alt text and caption become page messages."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from newsroom.core import frontmatter
from newsroom.core.pictures import declared, image_problems, within_sources
from newsroom.core.site import Site
from newsroom.photos.nodes import lead_photo, photo_alt, photo_caption


class InsertLeadPhoto(SphinxTransform):
    """Before messages are noted (19) and translated (20): the lead image's figure. A
    declaration the core's checks refuse (no alt text, an SVG, a path outside the sources)
    is left out; the source-language build reports it."""

    default_priority = 15

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        if not Site.from_config(self.config).is_article(docname):
            return
        path = self.env.doc2path(docname)
        matter = frontmatter.read(path)
        found = declared(matter)
        title = self.document.next_node(nodes.title)
        if found is None or title is None or image_problems(matter, docname):
            return
        source = within_sources(docname, found.path)
        if source is None:
            return
        figure = lead_photo(source=source, credit=found.credit)
        figure.source, figure.line = str(path), found.line
        alt = photo_alt(found.alt, found.alt)
        alt.source, alt.line = str(path), found.alt_line
        figure += alt
        if found.caption:
            caption = photo_caption(found.caption, found.caption)
            caption.source, caption.line = str(path), found.caption_line
            figure += caption
        title.parent.insert(title.parent.index(title) + 1, figure)

"""What a renderer of generated content may use: the state, what follows from
all pages, and links relative to the page being written."""

from __future__ import annotations

from dataclasses import dataclass

from sphinx.application import Sphinx
from sphinx.errors import NoUri

from ..after_reading.derived import Derived, derived_of
from ..state.domain import PodcastState


def is_web_build(app: Sphinx) -> bool:
    """Web pages (not an e-book): remote images, player scripts, feeds and head tags."""
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


@dataclass
class Context:
    """What a renderer may use: the domain, and links relative to the page."""

    app: Sphinx
    docname: str
    domain: PodcastState

    @property
    def derived(self) -> Derived:
        return derived_of(self.domain)

    def uri(self, target: str, anchor: str = "") -> str:
        try:
            uri = self.app.builder.get_relative_uri(self.docname, target)
        except NoUri:  # a page the builder leaves out (LaTeX before writing, say)
            uri = ""
        return f"{uri}#{anchor}" if anchor else uri

    @property
    def html(self) -> bool:
        return is_web_build(self.app)

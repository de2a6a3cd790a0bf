"""Cross-references: ``{person}``, ``{book}`` and ``{episode}``, and links to
the Jekyll site's old URLs of posts.

Sphinx asks the domain to resolve them and to list its objects (the
inventory); the answers come from what follows from all pages, so the domain
registered is this subclass of the state's, which holds the data alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from ..core.post.jekyll import lookup
from ..state.domain import PodcastState
from .derived import derived_of


class PodcastDomain(PodcastState):
    object_types = {
        "person": ObjType("person", "person"),
        "book": ObjType("book", "book"),
        "episode": ObjType("episode", "episode"),
    }
    roles = {
        "person": XRefRole(innernodeclass=nodes.inline, warn_dangling=True),
        "book": XRefRole(innernodeclass=nodes.inline, warn_dangling=True),
        "episode": XRefRole(innernodeclass=nodes.inline, warn_dangling=True),
    }

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                     typ: str, target: str, node: pending_xref,
                     contnode: nodes.Element) -> nodes.reference | None:
        found = derived_of(self).find(typ, target)
        if found is None:
            return None
        docname, anchor, title = found
        if typ == "episode" and not node.get("refexplicit"):
            contnode = nodes.inline("", title, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, docname, anchor, contnode, title)

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                         target: str, node: pending_xref,
                         contnode: nodes.Element) -> list[tuple[str, nodes.reference]]:
        old = lookup(target, derived_of(self).old_urls, env.config.podcast_jekyll_baseurl)
        if old is not None:  # a link to the Jekyll site's URL of a post
            title = self.episodes[old].title
            return [("podcast:episode",
                     make_refnode(builder, fromdocname, old, "", contnode, title))]
        results = []
        for typ in self.object_types:
            reference = self.resolve_xref(env, fromdocname, builder, typ, target, node,
                                          contnode)
            if reference is not None:
                results.append((f"podcast:{typ}", reference))
        return results

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        yield from derived_of(self).objects()


class ShortRole(XRefRole):
    """``{person}``, ``{book}`` and ``{episode}`` without the ``podcast:`` prefix."""

    def run(self):
        self.name = f"podcast:{self.name.rsplit(':', 1)[-1]}"
        return super().run()


def setup(app: Sphinx) -> None:
    app.add_domain(PodcastDomain)
    app.add_config_value("podcast_jekyll_baseurl", "", "env", str)
    for name in ("person", "book", "episode"):
        app.add_role(name, ShortRole(innernodeclass=nodes.inline, warn_dangling=True))

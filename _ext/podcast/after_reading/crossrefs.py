"""Cross-references: ``{person}``, ``{book}`` and ``{episode}``, links to
the Jekyll site's old URLs of posts, and links to a person's page by its path
(``{doc}`` or Markdown), which is no document (``writing.people_pages``), and
``{doc}`` to a transcript's page, no document either (``writing.transcript_pages``).

Sphinx asks the domain to resolve them and to list its objects (the
inventory); the answers come from what follows from all pages, so the domain
registered is this subclass of the state's, which holds the data alone.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join
from sphinx.util.nodes import make_refnode

from ..before_reading.page_kinds import person_of_page
from ..core.people.directory import Person
from ..core.post.jekyll import lookup
from ..core.transcripts.files import page_title
from ..state.domain import PodcastState, state_of
from .derived import derived_of

ANCHOR = "podcast_anchor"  # on a reference to a person's page: the anchor linked


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
        anchor = node.get(ANCHOR) or anchor  # a Markdown link's to a person's page
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


def person_named(env: BuildEnvironment, docname: str) -> Person | None:
    """The person whose page (drawn, no document) ``docname`` is; None otherwise."""
    if docname in env.all_docs:
        return None
    return person_of_page(state_of(env).directory, docname)


def transcript_title(env: BuildEnvironment, docname: str) -> str | None:
    """The title of the transcript page (drawn, no document) ``docname``; None
    for any other page."""
    state = state_of(env)
    transcript = state.transcripts.get(docname) if docname not in env.all_docs else None
    episode = state.episodes.get(transcript.episode) if transcript else None
    return page_title(episode.title) if episode else None


def link_to_drawn_page(app: Sphinx, env: BuildEnvironment, node: pending_xref,
                       contnode: nodes.Element) -> nodes.reference | None:
    """``missing-reference``: ``{doc}`` to a person's or a transcript's page,
    which is no document."""
    if node.get("refdomain") != "std" or node.get("reftype") != "doc":
        return None
    docname = docname_join(node.get("refdoc", ""), node["reftarget"])
    person = person_named(env, docname)
    if person is None:
        title = transcript_title(env, docname)
        if title is None:
            return None
        caption = node.astext() if node.get("refexplicit") else title
        # as Sphinx links a document
        return make_refnode(app.builder, node.get("refdoc", ""), docname, None,
                            nodes.inline(caption, caption, classes=["doc"]))
    if not node.get("refexplicit"):
        contnode = nodes.inline("", person.name, classes=["std", "std-doc"])
    return make_refnode(app.builder, node.get("refdoc", ""), docname, "", contnode, person.name)


class PersonPageLinks(SphinxPostTransform):
    """A Markdown link to a person's page (``people/ada-lovelace.md``), which is
    no document: made a ``{person}`` reference (its text and anchor kept) before
    MyST's resolver, which knows documents alone, would find it missing."""

    default_priority = 8  # MystReferenceResolver's is 9

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(pending_xref)):
            if node.get("reftype") != "myst":
                continue
            refdoc = node.get("refdoc", self.env.docname)
            if node.get("refdomain") == "doc":
                docname, anchor = node["reftarget"], node.get("reftargetid") or ""
            else:  # a path MyST found no source at: the page is made, not read
                path, _, anchor = node["reftarget"].partition("#")
                stem, suffix = posixpath.splitext(path)
                if suffix not in self.config.source_suffix:
                    continue
                docname = posixpath.normpath(posixpath.join(posixpath.dirname(refdoc), stem))
            person = person_named(self.env, docname)
            if person is None:
                continue
            if not node.astext():
                node[:] = [nodes.inline("", person.name)]
            node.update_all_atts({"refdomain": "podcast", "reftype": "person",
                                  "reftarget": person.name, "refexplicit": True,
                                  ANCHOR: anchor}, replace=True)


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
    app.connect("missing-reference", link_to_drawn_page)
    app.add_post_transform(PersonPageLinks)

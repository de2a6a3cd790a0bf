"""The ``podcast`` domain: every piece of state that spans documents.

What reading a page finds is stored per docname (``clear_doc`` and
``merge_domaindata`` keep incremental and parallel builds equal to a clean
serial one). What is derived from all pages together (who mentions whom, the
order of episodes) is computed when first asked for after reading, never
stored twice.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Set
from dataclasses import replace
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .episode import Episode
from .mentions import Directory, ItemFacts
from .redirects import lookup

PER_DOCUMENT = ("episodes", "items", "placeholders", "labels")


class PodcastDomain(Domain):
    name = "podcast"
    label = "Podcast"
    data_version = 3
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
    initial_data: dict[str, Any] = {
        "episodes": {},  # docname -> Episode
        "items": {},  # docname -> [ItemFacts]: the list items of its reference lists
        "placeholders": {},  # docname -> [options of each placeholder in that page]
        "published": {},  # docname -> digest of the filled-in content last written
        "labels": {},  # docname -> [(anchor, text)]: its chapters, as {ref} targets
        "directory": "",  # digest of the directory of people and books last published
    }
    # The directory of people and books: made anew by every build before reading.
    directory: Directory = Directory()

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._derived = None
        # docname -> its placeholders, rendered after reading and kept until written
        self.rendered: dict[str, dict[str, list]] = {}
        # docname -> what other pages showed of it, before it was read again
        self.before: dict[str, bytes] = {}
        self.config_changed = True

    @property
    def episodes(self) -> dict[str, Episode]:
        return self.data["episodes"]

    @property
    def items(self) -> dict[str, list[ItemFacts]]:
        return self.data["items"]

    @property
    def placeholders(self) -> dict[str, list[dict[str, Any]]]:
        return self.data["placeholders"]

    @property
    def published(self) -> dict[str, str]:
        return self.data["published"]

    def add_episode(self, episode: Episode) -> None:
        self.episodes[episode.docname] = episode

    def add_placeholder(self, docname: str, options: dict[str, Any]) -> None:
        self.placeholders.setdefault(docname, []).append(options)

    def add_items(self, docname: str, items: list[ItemFacts]) -> None:
        if items:
            self.items[docname] = items

    @property
    def labels(self) -> dict[str, list[tuple[str, str]]]:
        return self.data["labels"]

    def add_labels(self, docname: str, labels: list[tuple[str, str]]) -> None:
        if labels:
            self.labels[docname] = labels

    def shown_elsewhere(self, docname: str) -> bytes:
        """What other pages may show of a page: its episode record and list items
        (their line numbers aside)."""
        items = [replace(item, line=0) for item in self.items.get(docname, ())]
        return pickle.dumps((self.episodes.get(docname), items), pickle.HIGHEST_PROTOCOL)

    def clear_doc(self, docname: str) -> None:
        for key in PER_DOCUMENT:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in PER_DOCUMENT:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    # -- derived from all pages ---------------------------------------------------

    @property
    def derived(self):
        """Everything computed across pages; made once per build, after reading."""
        if self._derived is None:
            from .references import Derived

            self._derived = Derived(self)
        return self._derived

    def forget_derived(self) -> None:
        self._derived = None

    def chronological(self) -> list[Episode]:
        """All episodes, oldest first."""
        return self.derived.chronological

    def newest_first(self) -> list[Episode]:
        return self.chronological()[::-1]

    def neighbours(self) -> dict[str, tuple[Episode | None, Episode | None]]:
        """docname -> (previous, next) episode in date order."""
        return self.derived.neighbours

    # -- cross-references: {person}, {book}, {episode} -------------------------------

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                     typ: str, target: str, node: pending_xref,
                     contnode: nodes.Element) -> nodes.reference | None:
        found = self.derived.find(typ, target)
        if found is None:
            return None
        docname, anchor, title = found
        if typ == "episode" and not node.get("refexplicit"):
            contnode = nodes.inline("", title, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, docname, anchor, contnode, title)

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                         target: str, node: pending_xref,
                         contnode: nodes.Element) -> list[tuple[str, nodes.reference]]:
        old = lookup(target, self.derived.old_urls, env.config.podcast_jekyll_baseurl)
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
        yield from self.derived.objects()

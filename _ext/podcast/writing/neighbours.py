"""Pages rewritten when their neighbours change.

Every page's head names its previous and next pages and its breadcrumbs name
its parents, with their titles, all from the table of contents. Sphinx writes
again only the pages that were read again: when a person's page comes or goes,
or a year page is retitled, the pages around it would keep stale links. After
reading, each page's neighbours (and their titles) are compared with those it
was last written with.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..state.domain import state_of


def neighbours(env: BuildEnvironment) -> dict[str, tuple]:
    """Each page's parents, previous and next page, each with its title."""
    relations = env.collect_relations()

    def titled(docname: str | None) -> tuple[str, str] | None:
        title = env.titles.get(docname) if docname else None
        return (docname, title.astext()) if title is not None else None

    shown = {}
    for docname in env.found_docs:
        parent, previous, following = relations.get(docname, (None, None, None))
        parents, seen = [], {docname}
        while parent and parent not in seen:
            seen.add(parent)
            parents.append(titled(parent))
            parent = relations.get(parent, (None,))[0]
        shown[docname] = (tuple(parents), titled(previous), titled(following))
    return shown


def moved_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose neighbours differ from the last build's."""
    state = state_of(env)
    now = neighbours(env)
    before = state.data.get("neighbours", {})
    state.data["neighbours"] = now
    return sorted(docname for docname, shown in now.items() if before.get(docname) != shown)


def setup(app: Sphinx) -> None:
    app.connect("env-get-updated", moved_pages)

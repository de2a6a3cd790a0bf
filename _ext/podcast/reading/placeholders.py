"""Placeholders: where a page will show other pages' data.

Reading a page never depends on another page, so ``-j`` builds read in any
order: where a page shows what follows from all posts (a listing, the people
of an episode, a mention's link), reading leaves a ``placeholder`` node of a
*kind*, noted in the state; ``pages.placeholders`` fills it once all is read.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..state.domain import state_of


class placeholder(nodes.General, nodes.Element):
    """Filled at ``doctree-resolved`` by the renderer of its ``kind``."""


def make(env: BuildEnvironment, kind: str, *children: nodes.Node, **options: Any) -> placeholder:
    """A placeholder for the page being read, noted in the state."""
    state_of(env).add_placeholder(env.docname, {"kind": kind, **options})
    return placeholder("", *children, kind=kind, **options)


def setup(app: Sphinx) -> None:
    app.add_node(placeholder)

"""Content made from other pages' data: placeholders filled once all is read.

A page holds ``placeholder`` nodes; each names a *kind* whose renderer turns
it into docutils nodes at ``doctree-resolved``, from the domain. Reading a
page never depends on another page, so ``-j`` builds read in any order.

After reading, ``env-get-updated`` renders every placeholder again and names
the pages whose filled-in content differs from what was last written: an
incremental build rewrites exactly the pages that show what changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri

if TYPE_CHECKING:  # the domain imports modules that import this one
    from .domain import PodcastDomain


class placeholder(nodes.General, nodes.Element):
    """Filled at ``doctree-resolved`` by the renderer of its ``kind``."""


@dataclass
class Context:
    """What a renderer may use: the domain, and links relative to the page."""

    app: Sphinx
    docname: str
    domain: PodcastDomain

    def uri(self, target: str, anchor: str = "") -> str:
        try:
            uri = self.app.builder.get_relative_uri(self.docname, target)
        except NoUri:  # a page the builder leaves out (LaTeX before writing, say)
            uri = ""
        return f"{uri}#{anchor}" if anchor else uri

    @property
    def html(self) -> bool:
        return is_web_build(self.app)


def is_web_build(app: Sphinx) -> bool:
    """Web pages (not an e-book): remote images, player scripts, feeds and head tags."""
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


Renderer = Callable[[Context, placeholder], list[nodes.Node]]
RENDERERS: dict[str, Renderer] = {}


def renderer(kind: str) -> Callable[[Renderer], Renderer]:
    def register(function: Renderer) -> Renderer:
        RENDERERS[kind] = function
        return function

    return register


def make(env: BuildEnvironment, kind: str, *children: nodes.Node, **options: Any) -> placeholder:
    """A placeholder for the page being read, noted in the domain."""
    domain: PodcastDomain = env.get_domain("podcast")
    domain.add_placeholder(env.docname, {"kind": kind, **options})
    return placeholder("", *children, kind=kind, **options)


def fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: every placeholder becomes its content."""
    context = Context(app, docname, app.env.get_domain("podcast"))
    for node in list(doctree.findall(placeholder)):
        node.replace_self(RENDERERS[node["kind"]](context, node) or [])


def _digest(context: Context, options_list: list[dict[str, Any]]) -> str:
    rendered = []
    for options in options_list:
        for node in RENDERERS[options["kind"]](context, placeholder("", **options)):
            rendered.append(node.pformat() if isinstance(node, nodes.Element) else str(node))
    return hashlib.sha1("\n".join(rendered).encode()).hexdigest()


def outdated_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose filled-in content changed since last written."""
    domain: PodcastDomain = env.get_domain("podcast")
    domain.forget_derived()
    digests = {
        docname: _digest(Context(app, docname, domain), options_list)
        for docname, options_list in domain.placeholders.items()
    }
    changed = sorted(
        docname for docname, digest in digests.items() if domain.published.get(docname) != digest
    )
    domain.published.clear()
    domain.published.update(digests)
    return changed


def setup(app: Sphinx) -> None:
    app.add_node(placeholder)
    app.connect("doctree-resolved", fill)
    app.connect("env-get-updated", outdated_pages)

"""Each page title rendered to HTML once per build, not once per page showing it.

For every page it writes, Sphinx renders the titles of the page, of its parents
(the breadcrumbs) and of its previous and next pages with ``render_partial``: a
whole docutils publish each, six or seven per page, and nearly always the same
few titles (a year page is the parent of each of its episodes). The builder's
method is wrapped with a cache keyed by the title node's content, so the HTML
is the same, only made once.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder


def cache_title_rendering(app: Sphinx) -> None:
    """``builder-inited``: wrap the HTML builder's ``render_partial``."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return
    render = builder.render_partial
    rendered: dict[str, dict[str, str]] = {}

    def render_partial(node: nodes.Node | None) -> dict[str, str]:
        if not isinstance(node, nodes.title):  # tables of contents differ per page
            return render(node)
        key = node.pformat()
        if key not in rendered:
            rendered[key] = render(node)
        return dict(rendered[key])  # the caller's own copy

    builder.render_partial = render_partial


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", cache_title_rendering)

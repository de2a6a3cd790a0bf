"""Directives that place a listing: ``{episode-list}``, and the people and books
pages' own (``{podcast-person}``, ``{podcast-people}``, ``{podcast-guests}``,
``{podcast-books}``). Each leaves one placeholder, filled once every page is read
(``writing.listings``, ``writing.people``).
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..core.post.episode import UNDATED
from . import placeholders


def year_option(argument: str) -> str:
    value = directives.unchanged_required(argument).strip()
    if value != UNDATED and not (value.isdigit() and len(value) == 4):
        raise ValueError(f"a year such as 2023, or {UNDATED!r}")
    return value


class EpisodeListDirective(SphinxDirective):
    """``{episode-list}``: the episodes, newest first, as cards or as a list.

    Options: ``:limit: N`` (the latest N), ``:year: YYYY``, ``:style: cards|list``.
    """

    option_spec = {
        "limit": directives.positive_int,
        "year": year_option,
        "style": lambda argument: directives.choice(argument, ("cards", "list")),
    }

    def run(self) -> list[nodes.Node]:
        return [placeholders.make(
            self.env, "episodes",
            limit=self.options.get("limit"),
            year=self.options.get("year"),
            style=self.options.get("style", "cards"),
        )]


def placeholder_directive(kind: str, options: dict | None = None):
    class PlaceholderDirective(SphinxDirective):
        option_spec = options or {}

        def run(self) -> list[nodes.Node]:
            return [placeholders.make(self.env, kind, **self.options)]

    PlaceholderDirective.__name__ = f"{kind.title().replace('-', '')}Directive"
    return PlaceholderDirective


def setup(app: Sphinx) -> None:
    app.add_directive("episode-list", EpisodeListDirective)
    app.add_directive("podcast-person", placeholder_directive(
        "person", {"slug": directives.unchanged_required}))
    app.add_directive("podcast-people", placeholder_directive(
        "people", {"letter": directives.unchanged_required}))
    app.add_directive("podcast-guests", placeholder_directive("guests"))
    app.add_directive("podcast-books", placeholder_directive("books"))

"""Episode listings and previous / next links.

Both are placeholders (left by ``reading.listing_directives`` and
``reading.header``), filled once every episode is known.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes

from ..core.post.episode import Episode, format_date, year_key
from .context import Context
from .renderers import renderer


def select(context: Context, options: dict[str, Any]) -> list[Episode]:
    episodes = context.derived.newest_first
    if options.get("year"):
        episodes = [episode for episode in episodes if year_key(episode) == options["year"]]
    if options.get("limit"):
        episodes = episodes[: options["limit"]]
    return episodes


def card_facts(episode: Episode) -> str:
    """``#4 · March 26, 2023 · Sebastian Raschka``"""
    facts = []
    if episode.number is not None:
        facts.append(f"#{episode.number}")
    if episode.published is not None:
        facts.append(format_date(episode.published))
    if episode.guests:
        facts.append(", ".join(episode.guests))
    return " · ".join(facts)


def internal_link(text: str, refuri: str, classes: Iterable[str] = ()) -> nodes.reference:
    return nodes.reference("", text, refuri=refuri, internal=True, classes=list(classes))


def render_cards(episodes: list[Episode], context: Context) -> nodes.Element:
    """Cards: one link each, its title's, which the stylesheet stretches over the
    whole card (a click anywhere opens the episode; a keyboard or a screen reader
    meets one named link). The thumbnail is decoration."""
    cards = nodes.container(classes=["podcast-cards"])
    for episode in episodes:
        card = nodes.container(classes=["podcast-card"])
        uri = context.uri(episode.docname)
        if context.html and episode.thumbnail_url:
            thumb = nodes.paragraph(classes=["podcast-card-thumb"])
            # "?" marks a remote image, as Sphinx's own image collector does.
            thumb += nodes.image(uri=episode.thumbnail_url, alt="", loading="lazy",
                                 candidates={"?": episode.thumbnail_url})
            card += thumb
        title = nodes.paragraph(classes=["podcast-card-title"])
        title += internal_link(episode.title, uri, ["podcast-card-link"])
        card += title
        card += nodes.paragraph("", card_facts(episode), classes=["podcast-card-facts"])
        if episode.excerpt:
            card += nodes.paragraph("", episode.excerpt, classes=["podcast-card-excerpt"])
        cards += card
    return cards


def render_list(episodes: list[Episode], context: Context) -> nodes.Element:
    items = nodes.bullet_list(classes=["podcast-episode-list"])
    for episode in episodes:
        paragraph = nodes.paragraph()
        paragraph += internal_link(episode.title, context.uri(episode.docname))
        facts = card_facts(episode)
        if facts:
            paragraph += nodes.inline("", f" — {facts}", classes=["podcast-list-facts"])
        items += nodes.list_item("", paragraph)
    return items


@renderer("episodes")
def render_episodes(context: Context, node: nodes.Element) -> list[nodes.Node]:
    episodes = select(context, node.attributes)
    if not episodes:
        return [nodes.paragraph("", "No episodes yet.", classes=["podcast-empty"])]
    if node["style"] == "list":
        return [render_list(episodes, context)]
    return [render_cards(episodes, context)]


@renderer("pager")
def render_pager(context: Context, node: nodes.Element) -> list[nodes.Node]:
    previous, following = context.derived.neighbours.get(context.docname, (None, None))
    pager = nodes.container(classes=["podcast-pager"])
    for episode, rel, label in ((previous, "prev", "Previous episode"),
                                (following, "next", "Next episode")):
        if episode is None:
            continue
        paragraph = nodes.paragraph(classes=[f"podcast-pager-{rel}"])
        paragraph += nodes.inline("", label, classes=["podcast-pager-label"])
        paragraph += internal_link(episode.title, context.uri(episode.docname))
        pager += paragraph
    return [pager]

"""Content built from other pages' data: episode listings and previous/next links.

Pages hold placeholders; they are filled at ``doctree-resolved`` from the
domain, when every episode is known. ``env-get-updated`` names the pages whose
filled-in content changed since they were last written, so an incremental build
rewrites exactly those (a new episode: the listings and its neighbours).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .domain import PodcastDomain
from .episode import Episode, format_date

UNDATED = "undated"


class episode_listing(nodes.General, nodes.Element):
    """Placeholder for a list of episodes; its options are its attributes."""


class episode_pager(nodes.General, nodes.Element):
    """Placeholder for an episode's previous / next links."""


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
        options = {
            "limit": self.options.get("limit"),
            "year": self.options.get("year"),
            "style": self.options.get("style", "cards"),
        }
        domain: PodcastDomain = self.env.get_domain("podcast")
        domain.add_listing(self.env.docname, options)
        return [episode_listing("", **options)]


def select(domain: PodcastDomain, options: dict[str, Any]) -> list[Episode]:
    episodes = domain.newest_first()
    if options.get("year"):
        episodes = [episode for episode in episodes if year_key(episode) == options["year"]]
    if options.get("limit"):
        episodes = episodes[: options["limit"]]
    return episodes


def year_key(episode: Episode) -> str:
    return str(episode.year) if episode.year else UNDATED


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


def _link(text: str, refuri: str, classes: Iterable[str] = ()) -> nodes.reference:
    return nodes.reference("", text, refuri=refuri, internal=True, classes=list(classes))


def render_cards(episodes: list[Episode], uri_of, with_images: bool) -> nodes.Element:
    cards = nodes.container(classes=["podcast-cards"])
    for episode in episodes:
        card = nodes.container(classes=["podcast-card"])
        uri = uri_of(episode.docname)
        if with_images and episode.thumbnail_url:
            thumb = nodes.paragraph(classes=["podcast-card-thumb"])
            link = _link("", uri)
            # "?" marks a remote image, as Sphinx's own image collector does.
            link += nodes.image(uri=episode.thumbnail_url, alt="", loading="lazy",
                                candidates={"?": episode.thumbnail_url})
            thumb += link
            card += thumb
        title = nodes.paragraph(classes=["podcast-card-title"])
        title += _link(episode.title, uri)
        card += title
        card += nodes.paragraph("", card_facts(episode), classes=["podcast-card-facts"])
        if episode.excerpt:
            card += nodes.paragraph("", episode.excerpt, classes=["podcast-card-excerpt"])
        cards += card
    return cards


def render_list(episodes: list[Episode], uri_of) -> nodes.Element:
    items = nodes.bullet_list(classes=["podcast-episode-list"])
    for episode in episodes:
        paragraph = nodes.paragraph()
        paragraph += _link(episode.title, uri_of(episode.docname))
        facts = card_facts(episode)
        if facts:
            paragraph += nodes.inline("", f" — {facts}", classes=["podcast-list-facts"])
        items += nodes.list_item("", paragraph)
    return items


def render_pager(previous: Episode | None, following: Episode | None, uri_of) -> nodes.Element:
    pager = nodes.container(classes=["podcast-pager"])
    for episode, rel, label in ((previous, "prev", "Previous episode"),
                                (following, "next", "Next episode")):
        if episode is None:
            continue
        paragraph = nodes.paragraph(classes=[f"podcast-pager-{rel}"])
        paragraph += nodes.inline("", label, classes=["podcast-pager-label"])
        paragraph += _link(episode.title, uri_of(episode.docname))
        pager += paragraph
    return pager


def listen_links(links: list[dict[str, str]]) -> nodes.paragraph:
    """The show's listen links, set once in ``podcast_listen_links``."""
    paragraph = nodes.paragraph(classes=["podcast-listen"])
    if not links:
        return paragraph
    paragraph += nodes.inline("", "Listen on ", classes=["podcast-listen-label"])
    for index, link in enumerate(links):
        if index:
            paragraph += nodes.Text(" · ")
        paragraph += nodes.reference("", link["name"], refuri=link["url"])
    return paragraph


class ListenLinksDirective(SphinxDirective):
    """``{listen-links}``: the show's listen links, as on every episode page."""

    def run(self) -> list[nodes.Node]:
        return [listen_links(self.config.podcast_listen_links)]


def fill_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain: PodcastDomain = app.env.get_domain("podcast")

    def uri_of(target: str) -> str:
        return app.builder.get_relative_uri(docname, target)

    with_images = app.builder.format == "html" and not app.builder.name.startswith("epub")
    for node in list(doctree.findall(episode_listing)):
        episodes = select(domain, node.attributes)
        if not episodes:
            replacement = nodes.paragraph("", "No episodes yet.", classes=["podcast-empty"])
        elif node["style"] == "list":
            replacement = render_list(episodes, uri_of)
        else:
            replacement = render_cards(episodes, uri_of, with_images)
        node.replace_self(replacement)
    neighbours = None
    for node in list(doctree.findall(episode_pager)):
        neighbours = neighbours or domain.neighbours()
        previous, following = neighbours.get(docname, (None, None))
        node.replace_self(render_pager(previous, following, uri_of))


def _digest(value: Any) -> str:
    return hashlib.sha1(repr(value).encode()).hexdigest()


def _shown(episode: Episode | None) -> tuple:
    """What a listing or pager shows of an episode: a change here means a rewrite."""
    if episode is None:
        return ()
    return (episode.docname, episode.title, card_facts(episode), episode.excerpt,
            episode.thumbnail_url)


def derived_digests(domain: PodcastDomain) -> dict[str, str]:
    """docname -> digest of the content filled into its placeholders."""
    digests = {
        docname: _digest([[_shown(episode) for episode in select(domain, options)]
                          for options in option_list])
        for docname, option_list in domain.listings.items()
    }
    for docname, (previous, following) in domain.neighbours().items():
        digests[docname] = _digest((digests.get(docname), _shown(previous), _shown(following)))
    return digests


def outdated_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose derived content changed since last written."""
    domain: PodcastDomain = env.get_domain("podcast")
    digests = derived_digests(domain)
    changed = sorted(
        docname for docname, digest in digests.items() if domain.published.get(docname) != digest
    )
    domain.published.clear()
    domain.published.update(digests)
    return changed


def setup(app: Sphinx) -> None:
    app.add_node(episode_listing)
    app.add_node(episode_pager)
    app.add_directive("episode-list", EpisodeListDirective)
    app.add_directive("listen-links", ListenLinksDirective)
    app.connect("doctree-resolved", fill_placeholders)
    app.connect("env-get-updated", outdated_pages)

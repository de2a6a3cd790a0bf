"""Mentions made links: a list item's known name links to the person's page
(the post's own link stays, with a small person icon beside it), a book to the
book index, a video of another episode to that episode's page."""

from __future__ import annotations

from docutils import nodes

from ..derive.index import BOOKS_PAGE, person_page
from .context import Context
from .placeholders import renderer


def _icon_link(uri: str, icon: str, label: str, classes: str) -> nodes.reference:
    """A small icon link whose words are there for screen readers."""
    link = nodes.reference("", "", refuri=uri, internal=True, classes=[classes])
    link += nodes.inline("", "", classes=["fa-solid", icon])
    link += nodes.inline("", label, classes=["visually-hidden"])
    return link


@renderer("mention")
def render_mention(context: Context, node: nodes.Element) -> list[nodes.Node]:
    derived = context.derived
    mention = derived.mention(context.docname, node["item"])
    words = list(node.children)
    person = context.domain.directory.people.get(mention.target) if (
        mention.kind == "person") else None
    if node["role"] == "name":
        if person and not mention.in_link:
            link = nodes.reference("", "", refuri=context.uri(person_page(person.slug)),
                                   internal=True, classes=["podcast-person"])
            link.extend(words)
            return [link]
        return words
    if person and (mention.in_link or not node["wrapped"]):
        return [nodes.Text(" "), _icon_link(context.uri(person_page(person.slug)), "fa-user",
                                            f"{person.name} on this site", "podcast-person")]
    if mention.kind == "book":
        book = derived.books.get(mention.target)
        title = book.title if book else "this book"
        return [nodes.Text(" "), _icon_link(context.uri(BOOKS_PAGE, mention.target), "fa-book",
                                            f"{title} in the book index", "podcast-book")]
    if mention.kind == "episode":
        episode = context.domain.episodes.get(mention.target)
        if episode:
            return [nodes.Text(" "), _icon_link(context.uri(episode.docname), "fa-podcast",
                                                f"Episode page: {episode.title}",
                                                "podcast-episode-ref")]
    return words

"""Mentions made links: a list item's known name links to the person's page
(the post's own link stays, with a small person icon beside it), a book to the
book index, a video of another episode to that episode's page."""

from __future__ import annotations

from docutils import nodes

from ..before_reading.page_kinds import BOOKS_PAGE, person_page
from .context import Context
from .renderers import renderer


def _icon_link(uri: str, icon: str, label: str, classes: str) -> nodes.reference:
    """A small icon link whose words are there for screen readers."""
    link = nodes.reference("", "", refuri=uri, internal=True, classes=[classes])
    link += nodes.inline("", "", classes=["fa-solid", icon])
    link += nodes.inline("", label, classes=["visually-hidden"])
    return link


def _linked_names(words: list[nodes.Node], people: list, context: Context) -> list[nodes.Node]:
    """The item's first words with each person's name in them a link to their page."""
    text = "".join(node.astext() for node in words)
    pieces: list[nodes.Node] = []
    at = 0
    for mention, person in people:
        start = text.find(mention.name, at)
        if start < 0:
            continue
        if start > at:
            pieces.append(nodes.Text(text[at:start]))
        link = nodes.reference("", "", refuri=context.uri(person_page(person.slug)),
                               internal=True, classes=["podcast-person"])
        link += nodes.Text(mention.name)
        pieces.append(link)
        at = start + len(mention.name)
    if at < len(text):
        pieces.append(nodes.Text(text[at:]))
    return pieces if at else words


@renderer("mention")
def render_mention(context: Context, node: nodes.Element) -> list[nodes.Node]:
    """Around an item's first words (role ``name``): its people's names linked.
    After its link (role ``marker``): an icon for each thing it names that its
    words do not already link."""
    derived = context.derived
    people = context.domain.directory.people
    mentions = derived.mentions_in(context.docname, node["item"])
    words = list(node.children)
    if node["role"] == "name":
        inline = [(mention, people[mention.target]) for mention in mentions
                  if mention.kind == "person" and not mention.in_link]
        return _linked_names(words, inline, context) if inline else words
    icons: list[nodes.Node] = []
    for mention in mentions:
        if mention.kind == "person" and (mention.in_link or mention.name not in node["wrapped"]):
            person = people[mention.target]
            icons += [nodes.Text(" "), _icon_link(context.uri(person_page(person.slug)),
                                                  "fa-user", f"{person.name} on this site",
                                                  "podcast-person")]
        elif mention.kind == "book":
            book = derived.books.get(mention.target)
            title = book.title if book else "this book"
            icons += [nodes.Text(" "), _icon_link(context.uri(BOOKS_PAGE, mention.target),
                                                  "fa-book", f"{title} in the book index",
                                                  "podcast-book")]
        elif mention.kind == "episode":
            episode = context.domain.episodes[mention.target]
            icons += [nodes.Text(" "), _icon_link(context.uri(episode.docname), "fa-podcast",
                                                  f"Episode page: {episode.title}",
                                                  "podcast-episode-ref")]
    return icons or words

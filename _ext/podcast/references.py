"""People, books and episodes named in the items of a post's lists.

Reading records what each list item says (``ItemFacts``) and leaves two
placeholders in it: one around its leading words, one after its link. Once
every page is read, ``Derived`` decides what each item refers to, using the
directory of known people, and the placeholders become links: a known name
links to the person's page (the post's own link stays), a book to the book
index, a video of another episode to that episode.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from . import placeholders
from .chapters import CHAPTERS_CLASS
from .collect import is_episode
from .episode import Episode, is_web_url
from .mentions import (
    Book,
    ItemFacts,
    Mention,
    Person,
    classify,
    connect_person,
    lead,
    name_key,
)
from .placeholders import Context, placeholder, renderer
from .redirects import old_urls

logger = logging.getLogger(__name__)

PEOPLE_DIR = "people"
BOOKS_PAGE = "books/index"


def person_page(slug: str) -> str:
    return f"{PEOPLE_DIR}/{slug}"


def same_page(url: str) -> str:
    """What two links to one page share: ``http://Ann.example/`` is ``https://ann.example``."""
    parts = urlsplit(url.strip())
    return f"{parts.netloc.casefold().removeprefix('www.')}{parts.path.rstrip('/')}?{parts.query}"


class Derived:
    """What follows from all pages together, computed once per build."""

    def __init__(self, domain) -> None:
        directory = self._directory = domain.directory
        self.chronological: list[Episode] = sorted(domain.episodes.values(),
                                                   key=lambda episode: episode.sort_key)
        padded = [None, *self.chronological, None]
        self.neighbours = {episode.docname: (padded[index], padded[index + 2])
                           for index, episode in enumerate(self.chronological)}
        self.videos: dict[str, str] = {}
        for episode in self.chronological:
            if episode.youtube_id:
                self.videos.setdefault(episode.youtube_id, episode.docname)
        self.old_urls = old_urls(self.chronological)
        self.by_number = {str(episode.number): episode for episode in self.chronological
                          if episode.number is not None}

        self.guests: dict[str, list[str]] = {}  # docname -> guest slugs
        self.guest_of: dict[str, list[Episode]] = defaultdict(list)
        for episode in self.chronological:
            slugs = [person.slug for name in episode.guests
                     if (person := directory.person(name))]
            self.guests[episode.docname] = slugs
            for slug in slugs:
                self.guest_of[slug].append(episode)

        self.mentions: dict[str, list[Mention]] = {}
        self.mentioned_in: dict[str, list[tuple[Episode, str]]] = defaultdict(list)
        self.books: dict[str, Book] = dict(directory.books)
        self.book_episodes: dict[str, list[Episode]] = defaultdict(list)
        self.unknown: list[tuple[str, int, str]] = []
        # person slug -> URL -> label, from the "Connect with NAME" lists of the posts
        self.connect_links: dict[str, dict[str, str]] = defaultdict(dict)
        for episode in self.chronological:
            docname = episode.docname
            found = []
            for facts in domain.items.get(docname, ()):
                person = connect_person(facts.heading, directory, episode.guests)
                if person and not facts.nested and is_web_url(facts.url):
                    self.connect_links[person.slug].setdefault(
                        facts.url, facts.link_text or facts.text or facts.url)
                mention = classify(facts, directory, self.videos, episode.guests)
                if mention.kind == "episode" and mention.target == docname:
                    mention = Mention("none")  # the post's own video
                found.append(mention)
                self._note(episode, facts, mention)
            self.mentions[docname] = found

    def _note(self, episode: Episode, facts: ItemFacts, mention: Mention) -> None:
        if mention.kind == "person":
            if mention.target not in self.guests[episode.docname]:
                entries = self.mentioned_in[mention.target]
                if not entries or entries[-1][0] is not episode:
                    entries.append((episode, facts.text))
        elif mention.kind == "book":
            if mention.book and mention.target not in self.books:
                self.books[mention.target] = mention.book
            episodes = self.book_episodes[mention.target]
            if episode not in episodes:
                episodes.append(episode)
        elif mention.kind == "unknown":
            self.unknown.append((episode.docname, facts.line, mention.name))

    def links_of(self, person: Person) -> list[tuple[str, str]]:
        """A person's links: the registry's, then those the posts give."""
        links = list(person.links)
        known = {same_page(url) for _, url in links}
        for url, label in self.connect_links.get(person.slug, {}).items():
            if (page := same_page(url)) not in known:
                known.add(page)
                links.append((label, url))
        return links

    def mention(self, docname: str, index: int) -> Mention:
        found = self.mentions.get(docname, ())
        return found[index] if index < len(found) else Mention("none")

    def people_in(self, docname: str) -> list[str]:
        """Slugs of the people an episode mentions, guests excluded, in order."""
        seen = dict.fromkeys(
            mention.target for mention in self.mentions.get(docname, ())
            if mention.kind == "person" and mention.target not in self.guests.get(docname, ()))
        return list(seen)

    def books_in(self, docname: str) -> list[str]:
        return list(dict.fromkeys(mention.target for mention in self.mentions.get(docname, ())
                                  if mention.kind == "book"))

    def find(self, typ: str, target: str) -> tuple[str, str, str] | None:
        """Where ``{person}``, ``{book}`` and ``{episode}`` references point."""
        if typ == "person":
            person = self._directory.person(target)
            return (person_page(person.slug), "", person.name) if person else None
        if typ == "book":
            book = self._directory.book(target) or next(
                (book for book in self.books.values() if name_key(book.title) ==
                 name_key(target)), None)
            return (BOOKS_PAGE, book.slug, book.title) if book else None
        if typ == "episode":
            episode = self.by_number.get(target.lstrip("#")) or next(
                (episode for episode in self.chronological
                 if episode.docname == target.strip("/")), None)
            return (episode.docname, "", episode.title) if episode else None
        return None

    def objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for person in self._directory.people.values():
            yield (person.name, person.name, "person", person_page(person.slug), "", 1)
        for book in self.books.values():
            yield (book.title, book.title, "book", BOOKS_PAGE, book.slug, 1)
        for episode in self.chronological:
            yield (episode.docname, episode.title, "episode", episode.docname, "", 1)


def _inside_generated(node: nodes.Node) -> bool:
    """Inside a placeholder or a chapter list: the site's own content, not the post's."""
    while node is not None:
        if isinstance(node, placeholder) or (
                isinstance(node, nodes.Element) and CHAPTERS_CLASS in node["classes"]):
            return True
        node = node.parent
    return False


def _heading(node: nodes.Node) -> str:
    while node is not None:
        if isinstance(node, nodes.section) and node.children and isinstance(node[0],
                                                                           nodes.title):
            return node[0].astext()
        node = node.parent
    return ""


class ReferencesTransform(SphinxTransform):
    """Record each list item of a post and leave placeholders for its links."""

    default_priority = 520  # after the chapters have taken their lists

    def apply(self, **kwargs) -> None:
        if not is_episode(self.env.docname, self.config.podcast_episodes_dir):
            return
        found: list[ItemFacts] = []
        for item in list(self.document.findall(nodes.list_item)):
            if not item.children or not isinstance(item[0], nodes.paragraph):
                continue
            if _inside_generated(item):
                continue
            paragraph = item[0]
            link = next(iter(paragraph.findall(nodes.reference)), None)
            facts = ItemFacts(
                text=" ".join(paragraph.astext().split()),
                link_text=" ".join(link.astext().split()) if link is not None else "",
                url=link.get("refuri", "") if link is not None else "",
                heading=_heading(item),
                line=item.line or paragraph.line or 0,
                nested=isinstance(item.parent.parent, nodes.list_item),
            )
            index = len(found)
            found.append(facts)
            wrapped = self.wrap_leading_words(paragraph, facts, index)
            marker = placeholders.make(self.env, "mention", item=index, role="marker",
                                       wrapped=wrapped)
            if link is not None:
                link.parent.insert(link.parent.index(link) + 1, marker)
            else:
                paragraph += marker
        self.env.get_domain("podcast").add_items(self.env.docname, found)

    def wrap_leading_words(self, paragraph: nodes.paragraph, facts: ItemFacts,
                           index: int) -> bool:
        """Put a placeholder around the item's leading words, where they are text."""
        words = lead(facts.text)
        first = paragraph[0] if paragraph.children else None
        if not words or not isinstance(first, nodes.Text):
            return False
        raw = str(first)
        start = len(raw) - len(raw.lstrip())
        if not raw[start:].startswith(words):
            return False
        wrapper = placeholders.make(self.env, "mention", nodes.Text(words), item=index,
                                    role="name")
        rest = raw[start + len(words):]
        replacement: list[nodes.Node] = [nodes.Text(raw[:start])] if start else []
        replacement.append(wrapper)
        if rest:
            replacement.append(nodes.Text(rest))
        paragraph.replace(first, replacement[0])
        for offset, node in enumerate(replacement[1:], start=1):
            paragraph.insert(offset, node)
        return True


def _icon_link(uri: str, icon: str, label: str, classes: str) -> nodes.reference:
    """A small icon link whose words are there for screen readers."""
    link = nodes.reference("", "", refuri=uri, internal=True, classes=[classes])
    link += nodes.inline("", "", classes=["fa-solid", icon])
    link += nodes.inline("", label, classes=["visually-hidden"])
    return link


@renderer("mention")
def render_mention(context: Context, node: nodes.Element) -> list[nodes.Node]:
    derived = context.domain.derived
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


def report_unknown(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: names that look like people but are not known."""
    if exception is not None:
        return
    unknown = app.env.get_domain("podcast").derived.unknown
    if not unknown:
        return
    names = sorted({name for _, _, name in unknown})
    logger.info("")
    logger.info("%d reference item(s) look like a person's name but are not known; add them to "
                "%s if they are people:", len(unknown), app.config.podcast_registry)
    for docname, line, name in sorted(unknown, key=lambda item: (item[2], item[0]))[:30]:
        logger.info("  %s  (%s:%s)", name, app.env.doc2path(docname), line)
    if len(unknown) > 30:
        logger.info("  ... and %d more (%d names in all)", len(unknown) - 30, len(names))


def setup(app: Sphinx) -> None:
    app.add_transform(ReferencesTransform)
    app.connect("build-finished", report_unknown)

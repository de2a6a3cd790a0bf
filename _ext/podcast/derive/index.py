"""What follows from all pages together: computed from the state once per
build, after reading, and cached in it until the next reading.

Episode order and neighbours, guests and the episodes they are on, what each
list item refers to (people, books, episodes, decided by ``core.recognition``),
the links the posts give for each person, old URLs, and the names that look
like people but are not known (reported at the end of the build).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sphinx.application import Sphinx
from sphinx.util import logging

from ..core.directory import Book, Person
from ..core.episode import Episode
from ..core.jekyll import old_urls
from ..core.names import name_key
from ..core.recognition import ItemFacts, Mention, classify, connect_person
from ..core.urls import is_web_url, same_page
from ..state.domain import PodcastState, state_of

logger = logging.getLogger(__name__)

PEOPLE_DIR = "people"
BOOKS_PAGE = "books/index"


def person_page(slug: str) -> str:
    return f"{PEOPLE_DIR}/{slug}"


class Derived:
    """What follows from all pages together, computed once per build."""

    def __init__(self, domain: PodcastState) -> None:
        directory = self._directory = domain.directory
        self.chronological: list[Episode] = sorted(domain.episodes.values(),
                                                   key=lambda episode: episode.sort_key)
        self.newest_first: list[Episode] = self.chronological[::-1]
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


def derived_of(domain: PodcastState) -> Derived:
    """What follows from all pages, made at the first ask after reading."""
    if domain.derived is None:
        domain.derived = Derived(domain)
    return domain.derived


def forget(domain: PodcastState) -> None:
    """Pages were read: what followed from them is to be made again."""
    domain.derived = None


def report_unknown(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: names that look like people but are not known."""
    if exception is not None:
        return
    unknown = derived_of(state_of(app.env)).unknown
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
    app.connect("build-finished", report_unknown)

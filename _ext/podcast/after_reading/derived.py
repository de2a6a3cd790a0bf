"""What follows from all pages together: computed from the state once per
build, after reading, and cached in it until the next reading.

Episode order and neighbours, guests and the episodes they are on, what each
list item refers to (people, books, episodes, decided by ``core.recognition``),
the links the posts give for each person, old URLs; and, at the end of the
build, the people decided on weak evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.util import logging

from ..before_reading.page_kinds import BOOKS_PAGE, person_page
from ..build_speed.ahead import spread
from ..build_speed.by_inputs import kept_or_made
from ..core.people.directory import Book, Person
from ..core.people.discovery import classified, videos_of
from ..core.people.evidence import personal_page
from ..core.people.recognition import Mention, connect_person
from ..core.post.body import ItemFacts
from ..core.post.episode import Episode
from ..core.post.jekyll import old_urls
from ..core.text.names import name_key
from ..core.text.urls import is_web_url, same_page
from ..state.domain import PodcastState, state_of

logger = logging.getLogger(__name__)

# What each post's items named last time, in the doctrees' folder
MENTIONS_CACHE = "podcast-mentions.pickle"
MENTIONS_CACHE_VERSION = 1

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
        self.videos = videos_of(self.chronological)
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

        self.mentions: dict[str, list[list[Mention]]] = {}  # docname -> each item's
        self.mentioned_in: dict[str, list[tuple[Episode, str]]] = defaultdict(list)
        self.books: dict[str, Book] = dict(directory.books)
        self.book_episodes: dict[str, list[Episode]] = defaultdict(list)
        # person slug -> URL -> label: the links the posts give for a person (their
        # "Connect with NAME" lists, and links to their own pages)
        self.person_links: dict[str, dict[str, str]] = defaultdict(dict)
        # person slug -> [(episode, transcript page, second)]: where transcripts name them
        self.named_at: dict[str, list[tuple[Episode, str, int]]] = defaultdict(list)
        for page, transcript in sorted(domain.transcripts.items()):
            episode = domain.episodes.get(transcript.episode)
            if episode is not None:
                for slug, second in transcript.moments:
                    self.named_at[slug].append((episode, page, second))
        for moments in self.named_at.values():
            moments.sort(key=lambda moment: (moment[0].sort_key, moment[2]))
        posts = [(episode, domain.items.get(episode.docname, [])) for episode in
                 self.chronological]
        # everyone the lists name is in the directory since before reading; what
        # they name is found again only when a list or the directory changed
        classifications = kept_or_made(
            Path(domain.env.doctreedir) / MENTIONS_CACHE,
            (MENTIONS_CACHE_VERSION, directory.inputs(where_found=False), self.videos,
             [(episode, [replace(facts, line=0) for facts in items]) for episode, items in posts]),
            lambda: classified(posts, directory, self.videos,
                               lambda work, count: spread(work, count, domain.processes)))
        for (episode, items), found in zip(posts, classifications, strict=True):
            docname = episode.docname
            for facts, mentions in zip(items, found, strict=True):
                person = connect_person(facts.heading, directory, episode.guests)
                if person and not facts.nested and is_web_url(facts.url):
                    self.person_links[person.slug].setdefault(
                        facts.url, facts.link_text or facts.text or facts.url)
                # the post's own video, and people not in the directory, are no mention
                mentions[:] = [mention for mention in mentions if mention.target and not (
                    mention.kind == "episode" and mention.target == docname)]
                for mention in mentions:
                    self._note(episode, facts, mention)
            self.mentions[docname] = found

    def _note(self, episode: Episode, facts: ItemFacts, mention: Mention) -> None:
        if mention.kind == "person":
            if mention.in_link and is_web_url(facts.url) and personal_page(
                    facts.url, mention.name):
                host = urlsplit(facts.url).hostname or facts.url
                self.person_links[mention.target].setdefault(facts.url,
                                                             host.removeprefix("www."))
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

    @cached_property
    def books_by(self) -> dict[str, list[Book]]:
        """Author's name -> their books, in the book index's order."""
        found: dict[str, list[Book]] = defaultdict(list)
        for book in self.books.values():
            for author in dict.fromkeys(book.authors):
                found[author].append(book)
        return found

    def links_of(self, person: Person) -> list[tuple[str, str]]:
        """A person's links: the registry's, then those the posts give."""
        links = list(person.links)
        known = {same_page(url) for _, url in links}
        for url, label in self.person_links.get(person.slug, {}).items():
            if (page := same_page(url)) not in known:
                known.add(page)
                links.append((label, url))
        return links

    def mentions_in(self, docname: str, index: int) -> list[Mention]:
        """What the post's item ``index`` names."""
        found = self.mentions.get(docname, ())
        return found[index] if index < len(found) else []

    def people_in(self, docname: str) -> list[str]:
        """Slugs of the people an episode mentions, guests excluded, in order."""
        seen = dict.fromkeys(
            mention.target for mentions in self.mentions.get(docname, ()) for mention in mentions
            if mention.kind == "person" and mention.target not in self.guests.get(docname, ()))
        return list(seen)

    def books_in(self, docname: str) -> list[str]:
        return list(dict.fromkeys(mention.target for mentions in self.mentions.get(docname, ())
                                  for mention in mentions if mention.kind == "book"))

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
        """People, books and episodes for the inventory (intersphinx). Priority -1
        keeps them out of the search's object results, which Sphinx escapes twice
        (``&`` shown as ``&amp;``) and cuts at dots; their pages are found by the
        full-text search all the same."""
        for person in self._directory.people.values():
            yield (person.name, person.name, "person", person_page(person.slug), "", -1)
        for book in self.books.values():
            yield (book.title, book.title, "book", BOOKS_PAGE, book.slug, -1)
        for episode in self.chronological:
            yield (episode.docname, episode.title, "episode", episode.docname, "", -1)


def derived_of(domain: PodcastState) -> Derived:
    """What follows from all pages, made at the first ask after reading."""
    if domain.derived is None:
        domain.derived = Derived(domain)
    return domain.derived


def forget(domain: PodcastState) -> None:
    """Pages were read: what followed from them is to be made again."""
    domain.derived = None


def report_weak(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the people decided on weak evidence, for the host to
    confirm, or to correct in the registry."""
    if exception is not None:
        return
    weak = [person for person in state_of(app.env).directory.people.values() if person.weak]
    if not weak:
        return
    logger.info("")
    logger.info("%d name(s) were taken for people on weak evidence; if one is nobody, add "
                "it to not_people in %s:", len(weak), app.config.podcast_registry)
    for person in sorted(weak, key=lambda person: person.slug)[:30]:
        docname, line = person.found
        logger.info("  %s  (%s:%s; %s)", person.name, app.env.doc2path(docname), line,
                    ", ".join(person.reasons))
    if len(weak) > 30:
        logger.info("  ... and %d more", len(weak) - 30)


def setup(app: Sphinx) -> None:
    app.connect("build-finished", report_weak)

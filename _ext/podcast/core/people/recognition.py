"""Recognising people, books and episodes in the items of a post's lists.

Pure functions and plain data, no Sphinx: what one list item says
(``ItemFacts``) and the rules that decide what it names (``classify``): an
episode (a link to its video), a book (a shop link, a books heading, a known
title) and its authors, people (known ones, or phrases the evidence says are
people, see ``evidence``). One item may name several.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..post.body import ItemFacts
from ..text.names import family_name, given_name, looks_like_name, name_key, slugify, split_names
from ..text.paths import bounded
from ..text.urls import youtube_id_from
from .directory import Book, Directory, Person
from .evidence import Verdict, judge

# Hosts of book shops and publishers: a link there is a book.
BOOK_HOSTS = (
    "amzn.to", "amazon.", "leanpub.com", "bookshop.org", "barnesandnoble.com", "manning.com",
    "packtpub.com", "nostarch.com", "pragprog.com", "goodreads.com", "books.google.",
    "penguinrandomhouse.com", "harpercollins.com", "simonandschuster.com", "mitpress.mit.edu",
    "press.princeton.edu", "routledge.com", "audible.",
)
# A link to these is a talk, code or a paper, never a book.
NOT_BOOK_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "github.com", "arxiv.org",
                  "medium.com", "substack.com", "twitter.com", "x.com", "linkedin.com",
                  "huggingface.co")

_CONNECT_HEADING = re.compile(r"^connect\s+with\s+(?P<who>.+?)$", re.IGNORECASE)
_BOOKS_HEADING = re.compile(r"\bbooks?\b|\breading list\b", re.IGNORECASE)
_POSSESSIVE_BOOKS = re.compile(r"^(?P<who>.+?)['’]s?\s+books?\b", re.IGNORECASE)
_LEAD_SEPARATOR = re.compile(r"\s+[-–—]\s+|,|:|\s+by\s+")
_POSSESSIVE = re.compile(r"^(?P<who>.+?)['’]s?\s+\S")
_BY = re.compile(r"\s+by\s+")
_DASH = re.compile(r"\s+[-–—]\s+")
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class Mention:
    """One thing an item names. ``kind``: person, book or episode."""

    kind: str
    target: str = ""  # person slug, book slug or episode docname; "" for a new person
    name: str = ""  # the words that name it in the item
    in_link: bool = False  # the name is in the item's link text
    book: Book | None = None  # for a book that is not in the registry
    text: str = ""  # the item's text, shown on the person's page
    verdict: Verdict | None = None  # for a person not known yet: why they are one


@dataclass(frozen=True)
class Known:
    """What classifying an item may use besides the item."""

    directory: Directory
    videos: dict[str, str] = field(default_factory=dict)  # YouTube ID -> episode docname
    guests: tuple[str, ...] = ()  # the episode's own guests
    titles: frozenset[str] = frozenset()  # name_key of book titles other items made books
    judging: bool = True  # weigh the evidence for names not known (else known ones only)


def lead(text: str) -> str:
    """The words before the first `` - ``, comma, colon or `` by ``."""
    head = _LEAD_SEPARATOR.split(text, maxsplit=1)[0]
    return " ".join(_PARENTHETICAL.sub("", head).split())


@functools.lru_cache(maxsize=1 << 14)
def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").casefold()
    except ValueError:
        return ""


def _host_in(url: str, hosts: tuple[str, ...]) -> bool:
    host = _host(url)
    return any(host == entry or host.endswith("." + entry) or
               (entry.endswith(".") and (host.startswith(entry) or f".{entry}" in host))
               for entry in hosts)


def _person_named(who: str, directory: Directory, guests: tuple[str, ...]) -> Person | None:
    """The episode's guest by full or first name (a first name two guests share is
    nobody's), or a known person."""
    named = [guest for guest in guests
             if guest.split() and name_key(who) in (name_key(guest), name_key(guest.split()[0]))]
    if len(named) == 1:
        return directory.person(named[0])
    return None if named else directory.person(who)


def _possessive_person(heading: str, directory: Directory,
                       guests: tuple[str, ...]) -> Person | None:
    """``Sebastian's Books`` -> the episode's guest Sebastian, or a known person."""
    match = _POSSESSIVE_BOOKS.match(heading.strip())
    return _person_named(match["who"], directory, guests) if match else None


def connect_person(heading: str, directory: Directory,
                   guests: tuple[str, ...] = ()) -> Person | None:
    """``Connect with Nils Reimers``: whose links the list under it gives."""
    match = _CONNECT_HEADING.match(heading.strip())
    return _person_named(match["who"], directory, guests) if match else None


def _person(name: str, known: Known, text: str, in_link: bool, **signs) -> Mention | None:
    """``name`` as a person: a known one, or one the evidence makes a person."""
    name = " ".join(name.split()).strip("\"“”'‘’")
    if not name or name_key(name) in known.directory.not_people:
        return None
    person = known.directory.person(name)
    if person:
        return Mention("person", person.slug, name, in_link, text=text)
    if not known.judging:
        return None
    verdict = judge(name, **signs)
    return Mention("person", "", name, in_link, text=text, verdict=verdict) if (
        verdict.person) else None


def _readings(phrase: str) -> list[list[str]]:
    """Ways a phrase may name people, the closest first: the whole phrase, its
    owner (``Ann Lee's Website``), its leading words, each name of ``A and B``,
    what follows its dash (``Thinking in Systems - Ann Lee``)."""
    readings = [[phrase]]
    possessive = _POSSESSIVE.match(phrase)
    if possessive:
        readings.append([possessive["who"]])
    head = lead(phrase)
    if head and head != phrase:
        readings.append([head])
    names = list(split_names(head))
    if len(names) > 1:
        readings.append(names)
    sides = _sides(phrase)
    if len(sides) == 2:
        readings.append([lead(sides[1])])
    return readings


def _people(facts: ItemFacts, children: list[ItemFacts], known: Known) -> list[Mention]:
    """The people an item names in its link text and in its leading words."""
    notes = tuple(child.text for child in children)
    episode_child = any(youtube_id_from(child.url) in known.videos
                        for child in children if child.url)
    sources = []  # (phrase, in the link, the item starts with it)
    if facts.link_text:
        sources.append((facts.link_text, True, facts.text.startswith(facts.link_text)))
    if not facts.link_text or not facts.text.startswith(facts.link_text):
        sources.append((facts.text, False, True))
    found: list[Mention] = []
    for phrase, in_link, first in sources:
        for names in _readings(phrase):
            mentions = [mention for name in names if (mention := _person(
                name, known, facts.text, in_link, url=facts.url,
                rest=facts.text.partition(name)[2], notes=notes,
                episode_child=episode_child, leading=first and phrase.startswith(name)))]
            if mentions:
                found.extend(mention for mention in mentions
                             if name_key(mention.name) not in {name_key(m.name) for m in found})
                break
    return found


def _sides(text: str) -> list[str]:
    return [side.strip() for side in _DASH.split(text, maxsplit=1)]


def _names_on(side: str) -> list[str]:
    """The names on one side of a book item, when every one of them reads as a name."""
    names = list(split_names(side))
    return names if names and all(looks_like_name(name) for name in names) else []


def _title_and_authors(facts: ItemFacts, known: Known) -> tuple[str, list[Mention], list[str]]:
    """A book item's title, its authors who are people, and every author's name.

    ``Title by A and B``; ``Title - Author`` and ``Author - Title``, the name
    side decided by the evidence; where the link's own text is one side
    (``Author - [Title](shop)``), it is the title."""
    def people(names: list[str], in_link: bool) -> list[Mention]:
        """Authors are people: on weak evidence where nothing else says so."""
        found = []
        for name in names:
            mention = _person(name, known, facts.text, in_link, author=True)
            if mention is None and name_key(name) not in known.directory.not_people:
                mention = Mention("person", "", name, in_link, text=facts.text,
                                  verdict=Verdict(True, True, ("a book's author",)))
            if mention:
                found.append(mention)
        return found

    by = _BY.split(facts.text, maxsplit=1)
    if len(by) == 2:
        names = [name for name in split_names(by[1]) if looks_like_name(name)]
        if names:
            in_link = bool(facts.link_text) and by[1] in facts.link_text
            title = facts.link_text if facts.link_text and facts.link_text in by[0] else by[0]
            return title, people(names, in_link), names
    in_link = len(_sides(facts.link_text)) == 2  # [Title - Author](shop)
    sides = _sides(facts.link_text if in_link else facts.text)
    if len(sides) == 2:
        if facts.link_text and facts.link_text in sides:  # Author - [Title](shop)
            names = _names_on(sides[1] if sides[0] == facts.link_text else sides[0])
            return facts.link_text, people(names, False), names
        # the side of names (one of them a name the lists know), where the other is
        # none; else the side whose names have people's evidence; both: "Title - Author"
        named = [_names_on(side) for side in sides]
        if bool(named[0]) != bool(named[1]) and any(
                given_name(name) or family_name(name) for name in named[0] + named[1]):
            index = 0 if named[0] else 1
            return sides[1 - index], people(named[index], in_link), named[index]
        for title, side in ((sides[0], sides[1]), (sides[1], sides[0])):
            names = _names_on(side)
            if any(_person(name, known, facts.text, in_link, author=True) for name in names):
                return title, people(names, in_link), names
    return facts.link_text or sides[0], [], []


def _book(facts: ItemFacts, known: Known) -> list[Mention] | None:
    """The book an item names and its authors, or ``None`` when it names none."""
    text = facts.link_text or facts.text
    for candidate in (facts.link_text, lead(text), facts.text, *_sides(text)):
        registered = known.directory.book(candidate)
        if registered:
            return [Mention("book", registered.slug, text=facts.text)]
    shop = _host_in(facts.url, BOOK_HOSTS)
    titled = any(name_key(side) in known.titles for side in (facts.link_text, *_sides(text))
                 if side)
    if not (shop or titled or _BOOKS_HEADING.search(facts.heading)):
        return None  # a product, site or library beside a name is no book
    title, people, names = _title_and_authors(facts, known)
    if not names:
        owner = _possessive_person(facts.heading, known.directory, known.guests)
        names = [owner.name] if owner else []
    title = title.strip().strip("\"“”'")
    registered = known.directory.book(title)
    if registered:
        return [Mention("book", registered.slug, text=facts.text), *people]
    authors = tuple(known.directory.canonical(name) for name in names)
    book = Book(bounded("book-" + slugify(title)), title, authors, facts.url)
    return [Mention("book", book.slug, book=book, text=facts.text), *people]


def book_title(facts: ItemFacts, known: Known) -> str | None:
    """The title of the book an item names by a shop link or under a books
    heading, so that other items naming the same title are books too."""
    if not (_host_in(facts.url, BOOK_HOSTS) or _BOOKS_HEADING.search(facts.heading)):
        return None
    return _title_and_authors(facts, known)[0].strip().strip("\"“”'") or None


def classify(facts: ItemFacts, children: list[ItemFacts], known: Known) -> list[Mention]:
    """Everything one list item names, in the order it names them: the episode
    whose video it links, or the book it is; and the people it names."""
    video = youtube_id_from(facts.url) if facts.url else None
    if video and video in known.videos:
        return [Mention("episode", known.videos[video], text=facts.text),
                *_people(facts, children, known)]
    book = _book(facts, known)
    if book is not None:
        return book
    return _people(facts, children, known)

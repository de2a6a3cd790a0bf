"""Recognising people, books and episodes in the items of a post's lists.

Pure functions and plain data, no Sphinx: what one list item says
(``ItemFacts``) and the rules that decide what it refers to (``classify``),
given the directory of known people and books.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .directory import Book, Directory, Person
from .names import looks_like_name, name_key, slugify, split_names
from .urls import youtube_id_from

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
_DASH = re.compile(r"\s+[-–—]\s+")
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class ItemFacts:
    """What one list item says, read off the page at reading time."""

    text: str  # the item's first paragraph, as text
    link_text: str = ""  # the text of its first link, if any
    url: str = ""  # the target of that link
    heading: str = ""  # the title of the section the list is in
    line: int = 0
    nested: bool = False  # under another item


@dataclass(frozen=True)
class Mention:
    """What an item refers to. ``kind``: person, book, episode or unknown."""

    kind: str
    target: str = ""  # person slug, book slug or episode docname
    name: str = ""  # the words that name it in the item (to link them)
    in_link: bool = False  # the name is the item's link text
    book: Book | None = None  # for a book that is not in the registry
    text: str = ""  # the item's text, shown on the person's page


def lead(text: str) -> str:
    """The words before the first `` - ``, comma, colon or `` by ``."""
    head = _LEAD_SEPARATOR.split(text, maxsplit=1)[0]
    return " ".join(_PARENTHETICAL.sub("", head).split())


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


def title_and_author(text: str, directory: Directory) -> tuple[str, Person] | None:
    """``Title - Author``, ``Author - Title`` or ``Title by Author``, with a known author."""
    by = re.split(r"\s+by\s+", text, maxsplit=1)
    if len(by) == 2 and directory.person(lead(by[1])):
        return by[0].strip(), directory.person(lead(by[1]))
    sides = [side.strip() for side in _DASH.split(text, maxsplit=1)]
    if len(sides) == 2:
        for title, author in ((sides[0], sides[1]), (sides[1], sides[0])):
            # a title starts like one: "Ann Lee - on search" is a note about Ann Lee
            if directory.person(author) and re.match(r"[\d\"“'‘]|[^\W\d_]", title) and (
                    title[:1].upper() == title[:1]):
                return title, directory.person(author)
    return None


def book_and_authors(facts: ItemFacts) -> tuple[str, tuple[str, ...]]:
    """A book item's title and authors when no author is known: ``Title by A and B``
    or ``Title - Author``, the author reading as a name. (``Author - Title`` is not
    guessed: ``Human Compatible - Artificial Intelligence and ...`` is a title and
    its subtitle.) The link's text, if any, is the title."""
    by = re.split(r"\s+by\s+", facts.text, maxsplit=1)
    if len(by) == 2:
        authors = tuple(name for name in split_names(by[1]) if looks_like_name(name))
        if authors:
            return facts.link_text or by[0], authors
    sides = [side.strip() for side in _DASH.split(facts.text, maxsplit=1)]
    if len(sides) == 2 and looks_like_name(sides[1]) and not looks_like_name(sides[0]):
        return facts.link_text or sides[0], (sides[1],)
    return facts.link_text or sides[0], ()


def _not_a_book(url: str) -> bool:
    """Talks, code, papers and posts: what a link beside a name usually is."""
    if not url:
        return False
    path = urlsplit(url).path.casefold()
    return _host_in(url, NOT_BOOK_HOSTS) or any(
        part in path for part in ("/blog", "/p/", "/posts/", "/watch"))


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


def _book_mention(facts: ItemFacts, directory: Directory, title: str,
                  authors: tuple[str, ...]) -> Mention:
    registered = directory.book(title)
    if registered:
        return Mention("book", registered.slug, text=facts.text)
    title = title.strip().strip("\"“”'")
    book = Book("book-" + slugify(title), title, authors, facts.url)
    return Mention("book", book.slug, book=book, text=facts.text)


def classify(facts: ItemFacts, directory: Directory, videos: dict[str, str],
             guests: tuple[str, ...] = ()) -> Mention:
    """Decide what one list item refers to. Books first: an item that is a book
    is a book even when its leading words are a name."""
    text = facts.link_text or facts.text
    video = youtube_id_from(facts.url) if facts.url else None
    if video and video in videos:
        return Mention("episode", videos[video], text=facts.text)

    # Books: a registry title, a books heading, a shop link, or "Title - Author".
    for candidate in (facts.link_text, lead(text), facts.text):
        registered = directory.book(candidate)
        if registered:
            return Mention("book", registered.slug, text=facts.text)
    pair = title_and_author(text, directory)
    if _BOOKS_HEADING.search(facts.heading) or _host_in(facts.url, BOOK_HOSTS):
        if pair:
            return _book_mention(facts, directory, pair[0], (pair[1].name,))
        title, authors = book_and_authors(facts)
        if not authors:
            author = _possessive_person(facts.heading, directory, guests)
            authors = (author.name,) if author else ()
        return _book_mention(facts, directory, title,
                             tuple(directory.canonical(name) for name in authors))
    if pair and not _not_a_book(facts.url):
        title, author = pair
        return _book_mention(facts, directory, title, (author.name,))

    # People: the link text, or the words before " - ", "," or ":".
    for candidate, in_link in ((facts.link_text, True), (lead(facts.link_text), True),
                               (lead(facts.text), False)):
        person = directory.person(candidate)
        if person:
            return Mention("person", person.slug, candidate, in_link, text=facts.text)
    possessive = re.match(r"^(?P<who>.+?)['’]s?\s+\w+", facts.link_text or facts.text)
    if possessive and directory.person(possessive["who"]):
        person = directory.person(possessive["who"])
        return Mention("person", person.slug, "", bool(facts.link_text), text=facts.text)
    for candidate in (lead(facts.link_text), lead(facts.text)):
        if looks_like_name(candidate):
            return Mention("unknown", name=candidate, text=facts.text)
    return Mention("none")

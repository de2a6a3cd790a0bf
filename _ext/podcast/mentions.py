"""Recognising people, books and episodes in the items of a post's lists.

Pure functions and plain data, no Sphinx: the directory of known people and
books (registry entries and every episode's guests), and the rules that
decide what one list item refers to.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .episode import split_names, youtube_id_from
from .registry import Registry, RegistryProblem

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
# Words that make a capitalised phrase something other than a person's name.
_NOT_NAME_WORDS = frozenset("""
    a an and the of for in on at to with from by vs
    website site homepage page profile blog newsletter podcast channel documentation docs
    paper papers article book books course talk keynote video interview episode
    github linkedin twitter medium substack youtube google scholar
    learning machine deep data science research lab labs institute university college school
    company inc ltd foundation group team project library framework model models network
    networks engine tools toolkit platform cloud api open source home
""".split())
_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "del", "la", "le",
                             "du", "dos", "bin", "al", "ter", "ten", "y", "jr.", "sr."})
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?$")


def name_key(text: str) -> str:
    """How names compare: case, accents, punctuation and spacing do not matter."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.findall(r"\w+", bare.casefold())
    return " ".join(words)


def slugify(text: str) -> str:
    """A URL-safe, readable slug: ``José Núñez`` -> ``jose-nunez``."""
    ascii_slug = "-".join(name_key(text).encode("ascii", "ignore").decode().split())
    ascii_slug = re.sub(r"[^a-z0-9-]+", "", ascii_slug).strip("-")
    if ascii_slug:
        return ascii_slug
    # a name in a script with no ASCII letters keeps its own letters
    return "-".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())) or "x"


def looks_like_name(text: str) -> bool:
    """Two to four capitalised words, such as ``Art Palmer`` or ``Chris Van Pelt``."""
    words = text.split()
    if not 2 <= len(words) <= 4:
        return False
    capitalised = 0
    for word in words:
        if word.casefold() in _NAME_PARTICLES:
            continue
        if not _NAME_WORD.match(word) or word.casefold() in _NOT_NAME_WORDS:
            return False
        if re.search(r"['’]s$", word):  # "Sebastian's Magazine" is his, not him
            return False
        if len(word) > 1 and word.isupper():  # an acronym: "Explosion AI"
            return False
        if not word[0].isupper():
            return False
        capitalised += 1
    return capitalised >= 2


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    bio: str = ""


@dataclass(frozen=True)
class Book:
    slug: str
    title: str
    authors: tuple[str, ...] = ()
    link: str = ""


@dataclass
class Directory:
    """Every known person and registered book, looked up by any spelling."""

    people: dict[str, Person] = field(default_factory=dict)
    books: dict[str, Book] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # name_key -> person slug
    titles: dict[str, str] = field(default_factory=dict)  # name_key -> book slug

    def person(self, text: str | None) -> Person | None:
        if not text:
            return None
        slug = self.names.get(name_key(text))
        return self.people[slug] if slug else None

    def book(self, text: str | None) -> Book | None:
        if not text:
            return None
        slug = self.titles.get(name_key(text))
        return self.books[slug] if slug else None

    def canonical(self, name: str) -> str:
        person = self.person(name)
        return person.name if person else name


def build_directory(
    registry: Registry, guests: Iterable[str]
) -> tuple[Directory, list[RegistryProblem]]:
    """Registry people first, then every guest not yet known; then the books."""
    directory = Directory()
    problems: list[RegistryProblem] = []
    slugs: set[str] = set()

    def unique(slug: str) -> str:
        base, number = slug, 2
        while slug in slugs:
            slug, number = f"{base}-{number}", number + 1
        slugs.add(slug)
        return slug

    for entry in registry.people:
        if directory.person(entry.name):
            problems.append(RegistryProblem(entry.line, "registry",
                                            f"{entry.name!r} is in the registry twice"))
            continue
        person = Person(unique(entry.slug or slugify(entry.name)), entry.name, entry.aliases,
                        entry.links, entry.bio)
        directory.people[person.slug] = person
        for spelling in (entry.name, *entry.aliases):
            owner = directory.names.setdefault(name_key(spelling), person.slug)
            if owner != person.slug:
                problems.append(RegistryProblem(
                    entry.line, "registry",
                    f"alias {spelling!r} of {entry.name!r} is already "
                    f"{directory.people[owner].name!r}'s; ignored"))
    for guest in guests:
        if guest.strip() and not directory.person(guest):
            person = Person(unique(slugify(guest)), guest)
            directory.people[person.slug] = person
            directory.names[name_key(guest)] = person.slug
    for entry in registry.books:
        book = Book(unique("book-" + (entry.slug or slugify(entry.title))), entry.title,
                    tuple(directory.canonical(author) for author in entry.authors), entry.link)
        directory.books[book.slug] = book
        for spelling in (entry.title, *entry.aliases):
            owner = directory.titles.setdefault(name_key(spelling), book.slug)
            if owner != book.slug:
                problems.append(RegistryProblem(entry.line, "registry",
                                                f"book title {spelling!r} is in the registry "
                                                "twice"))
    return directory, problems


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

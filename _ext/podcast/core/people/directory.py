"""The directory of known people and books: registry entries and every
episode's guests, looked up by any spelling. No Sphinx here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..text.names import name_key, normalise_space, slugify
from ..text.paths import segment
from .registry import Registry, RegistryProblem

#: The people folder's own pages: the index, the guests and one page per letter
#: (``letter-a`` ... ``letter-z``, ``letter-other``). No person's page takes their names.
LETTER_PAGE = "letter-"
_SITE_PAGE = re.compile(rf"index|guests|{LETTER_PAGE}(?:[a-z]|other)")


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    bio: str = ""
    # for a person recognised in a post: why, where, and whether on weak evidence
    reasons: tuple[str, ...] = ()
    found: tuple[str, int] = ("", 0)  # docname, line
    weak: bool = False


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
    not_people: frozenset[str] = frozenset()  # name_key of names the host says are nobody

    def inputs(self, where_found: bool = True) -> tuple:
        """What it knows, as plain data that pickles alike in every process (the
        names of nobody sorted): the inputs of what is found with it. Without
        where and why each person was found, it is what pages show of it and all
        that classifying an item reads."""
        people = list(self.people.values()) if where_found else [
            replace(person, found=("", 0), reasons=()) for person in self.people.values()]
        return (sorted(self.not_people), people, list(self.books.values()), self.names,
                self.titles)

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

    def unique_slug(self, slug: str) -> str:
        """``slug`` as one bounded path segment, not one of the folder's own pages'
        names nor another's: else with the first free ``-2``, ``-3``..."""
        slug = segment(slug) or "x"
        base, number = slug, 2
        while slug in self.people or slug in self.books or _SITE_PAGE.fullmatch(slug):
            slug, number = f"{base}-{number}", number + 1
        return slug

    def add_person(self, name: str, **facts) -> Person:
        """A person not yet known, under the first free slug of their name."""
        name = normalise_space(name)
        person = Person(self.unique_slug(slugify(name)), name, **facts)
        self.people[person.slug] = person
        self.names[name_key(name)] = person.slug
        return person


def build_directory(
    registry: Registry, guests: Iterable[str]
) -> tuple[Directory, list[RegistryProblem]]:
    """Registry people first, then every guest not yet known; then the books.
    (People the posts' lists name join later, see ``add_person``.)"""
    directory = Directory(not_people=frozenset(name_key(name) for name in registry.not_people))
    problems: list[RegistryProblem] = []
    for entry in registry.people:
        if directory.person(entry.name):
            problems.append(RegistryProblem(entry.line, "registry",
                                            f"{entry.name!r} is in the registry twice"))
            continue
        person = Person(directory.unique_slug(entry.slug or slugify(entry.name)), entry.name,
                        entry.aliases, entry.links, entry.bio)
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
            directory.add_person(guest)
    for entry in registry.books:
        book = Book(directory.unique_slug("book-" + (entry.slug or slugify(entry.title))),
                    entry.title,
                    tuple(directory.canonical(author) for author in entry.authors), entry.link)
        directory.books[book.slug] = book
        for spelling in (entry.title, *entry.aliases):
            owner = directory.titles.setdefault(name_key(spelling), book.slug)
            if owner != book.slug:
                problems.append(RegistryProblem(entry.line, "registry",
                                                f"book title {spelling!r} is in the registry "
                                                "twice"))
    return directory, problems

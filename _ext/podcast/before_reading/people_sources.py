"""The people and books pages' sources: a page per letter, the people index,
the guests and the book index. What they list is filled in once all is read
(``writing.people``); here only their names and places.

Each person's own page is no source for the web pages' builders: it is made
as the writing starts (``writing.people_pages``), and only its name is kept
here, so that a page of the host's there keeps it from being made. An e-book,
a single page or LaTeX has no such pages: for them each person's page is a
source, which the letter's page lists in its toctree."""

from __future__ import annotations

from collections import defaultdict

from ..core.people.directory import LETTER_PAGE, Directory, Person
from .sources import markdown_text, toctree


def letter(person: Person) -> str:
    initial = person.slug[:1]
    return initial if initial.isascii() and initial.isalpha() else "other"


def by_letter(directory: Directory) -> dict[str, list[Person]]:
    """Each letter (or ``other``) and its people by slug, the letters sorted."""
    letters: dict[str, list[Person]] = defaultdict(list)
    for person in sorted(directory.people.values(), key=lambda person: person.slug):
        letters[letter(person)].append(person)
    return dict(sorted(letters.items()))


def people_sources(directory: Directory, as_documents: bool) -> dict[str, str | None]:
    """``people/``: file name -> Markdown (None: a page made without a source)."""
    letters = by_letter(directory)
    files: dict[str, str | None] = {
        f"{person.slug}.md": f"# {markdown_text(person.name)}\n\n"
        f"```{{podcast-person}}\n:slug: {person.slug}\n```\n" if as_documents else None
        for person in directory.people.values()}
    for initial, people in letters.items():
        heading = "Other" if initial == "other" else initial.upper()
        listed = toctree([person.slug for person in people]) + "\n" if as_documents else ""
        files[f"{LETTER_PAGE}{initial}.md"] = (f"# {heading}\n\n" + listed
                                         + f"```{{podcast-people}}\n:letter: {initial}\n```\n")
    pages = ["guests", *(f"{LETTER_PAGE}{initial}" for initial in letters)]
    files["index.md"] = ("# People\n\n" + toctree(pages)
                         + "\nEveryone on the show: the guests (★) and the people they mention.\n\n"
                         "```{podcast-people}\n```\n")
    files["guests.md"] = ("# Guests\n\nThe guests, in episode order.\n\n"
                          "```{podcast-guests}\n```\n")
    return files


def books_sources() -> dict[str, str]:
    """``books/``: the book index."""
    return {"index.md": "# Books\n\nThe books mentioned on the show, with their authors and "
            "the episodes that mention them.\n\n```{podcast-books}\n```\n"}

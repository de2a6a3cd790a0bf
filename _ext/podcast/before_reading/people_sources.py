"""The people and books pages' sources: one page per person, a page per letter,
the people index, the guests and the book index. What they list is filled in
once all is read (``writing.people``); here only their names and places."""

from __future__ import annotations

from collections import defaultdict

from ..core.people.directory import LETTER_PAGE, Directory, Person
from .sources import markdown_text, toctree


def letter(person: Person) -> str:
    initial = person.slug[:1]
    return initial if initial.isascii() and initial.isalpha() else "other"


def people_sources(directory: Directory) -> dict[str, str]:
    """``people/``: file name -> Markdown."""
    letters: dict[str, list[Person]] = defaultdict(list)
    for person in sorted(directory.people.values(), key=lambda person: person.slug):
        letters[letter(person)].append(person)
    files = {f"{person.slug}.md": f"# {markdown_text(person.name)}\n\n"
             f"```{{podcast-person}}\n:slug: {person.slug}\n```\n"
             for person in directory.people.values()}
    for initial, people in letters.items():
        heading = "Other" if initial == "other" else initial.upper()
        files[f"{LETTER_PAGE}{initial}.md"] = (f"# {heading}\n\n"
                                         + toctree([person.slug for person in people])
                                         + f"\n```{{podcast-people}}\n:letter: {initial}\n```\n")
    pages = ["guests", *(f"{LETTER_PAGE}{initial}" for initial in sorted(letters))]
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

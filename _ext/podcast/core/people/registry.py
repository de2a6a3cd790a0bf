"""The people-and-books registry the host edits: one YAML file. No Sphinx here.

```yaml
people:
  - name: Sebastian Raschka
    aliases: [Raschka]
    website: https://sebastianraschka.com/
    github: https://github.com/rasbt
    bio: Lead AI Educator at Lightning AI.
books:
  - title: Machine Learning with PyTorch and Scikit-Learn
    authors: [Sebastian Raschka]
    link: https://amzn.to/3z9H88Y
not_people: [Ray Tune, Grace Hopper Celebration]
```

Corrections, not a prerequisite: guests and the people the posts' lists name
need no entry. Every problem comes back with its line, for a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..text.encoding import invisible_in, visible
from ..text.urls import is_web_url

#: Link keys a person may have, in the order pages show them, with their labels.
PERSON_LINKS = {
    "website": "Website",
    "github": "GitHub",
    "linkedin": "LinkedIn",
    "twitter": "Twitter",
    "x": "X",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "scholar": "Google Scholar",
    "youtube": "YouTube",
    "substack": "Substack",
}
PERSON_KEYS = frozenset({"name", "aliases", "bio", "slug", *PERSON_LINKS})
BOOK_KEYS = frozenset({"title", "authors", "link", "aliases", "slug"})


@dataclass(frozen=True)
class RegistryProblem:
    line: int
    subtype: str
    message: str


@dataclass(frozen=True)
class PersonEntry:
    name: str
    aliases: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (label, url)
    bio: str = ""
    slug: str = ""
    line: int = 0


@dataclass(frozen=True)
class BookEntry:
    title: str
    authors: tuple[str, ...] = ()
    link: str = ""
    aliases: tuple[str, ...] = ()
    slug: str = ""
    line: int = 0


@dataclass
class Registry:
    people: list[PersonEntry] = field(default_factory=list)
    books: list[BookEntry] = field(default_factory=list)
    not_people: tuple[str, ...] = ()  # names the posts give that are no person


class _LineLoader(yaml.SafeLoader):
    """Records each mapping's line (1-based) under the key ``__line__``; refuses
    aliases (``*name``), which would let a few bytes stand for gigabytes."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "a YAML alias (*name) is not read",
                                              event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _text_list(value) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return tuple(str(item).strip() for item in value if str(item).strip())
    return None


def _entries(data, key: str, problems: list[RegistryProblem]) -> list[dict]:
    entries = data.get(key) or []
    if not isinstance(entries, list):
        problems.append(RegistryProblem(data.get("__line__", 1), "registry",
                                        f"'{key}' must be a list of entries"))
        return []
    valid = []
    for entry in entries:
        if isinstance(entry, dict):
            valid.append(entry)
        else:
            problems.append(RegistryProblem(data.get("__line__", 1), "registry",
                                            f"an entry of '{key}' is not a mapping: {entry!r}"))
    return valid


def _unknown_keys(entry: dict, allowed: frozenset[str], what: str,
                  problems: list[RegistryProblem]) -> None:
    for key in entry:
        if key != "__line__" and key not in allowed:
            problems.append(RegistryProblem(
                entry["__line__"], "registry",
                f"unknown key {key!r} in {what}; known keys: {', '.join(sorted(allowed))}"))


def _person(entry: dict, problems: list[RegistryProblem]) -> PersonEntry | None:
    line = entry["__line__"]
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(RegistryProblem(line, "registry", "a person without a name"))
        return None
    if hidden := invisible_in(name):
        problems.append(RegistryProblem(line, "invisible", f"the name {name!r} holds invisible "
                                        f"characters ({', '.join(hidden)}): removed"))
    name = " ".join(visible(name).split())
    _unknown_keys(entry, PERSON_KEYS, f"person {name!r}", problems)
    aliases = _text_list(entry.get("aliases"))
    if aliases is None:
        problems.append(RegistryProblem(line, "registry", f"aliases of {name!r} must be a list"))
        aliases = ()
    links = []
    for key, label in PERSON_LINKS.items():
        url = entry.get(key)
        if url is None:
            continue
        if isinstance(url, str) and is_web_url(url):
            links.append((label, url.strip()))
        else:
            problems.append(RegistryProblem(line, "link",
                                            f"{key} of {name!r} is no http(s) URL: dropped"))
    bio = entry.get("bio") or ""
    return PersonEntry(name, aliases, tuple(links), " ".join(str(bio).split()),
                       str(entry.get("slug") or ""), line)


def _book(entry: dict, problems: list[RegistryProblem]) -> BookEntry | None:
    line = entry["__line__"]
    title = entry.get("title")
    if not isinstance(title, str | int) or not str(title).strip():
        problems.append(RegistryProblem(line, "registry", "a book without a title"))
        return None
    title = " ".join(str(title).split())
    _unknown_keys(entry, BOOK_KEYS, f"book {title!r}", problems)
    authors = _text_list(entry.get("authors"))
    aliases = _text_list(entry.get("aliases"))
    if authors is None or aliases is None:
        problems.append(RegistryProblem(line, "registry",
                                        f"authors and aliases of {title!r} must be lists"))
        authors, aliases = authors or (), aliases or ()
    link = entry.get("link") or ""
    if link and not (isinstance(link, str) and is_web_url(link)):
        problems.append(RegistryProblem(line, "link",
                                        f"link of book {title!r} is no http(s) URL: dropped"))
        link = ""
    return BookEntry(title, authors, link.strip(), aliases, str(entry.get("slug") or ""), line)


_SECTION = re.compile(r"^(?P<key>[A-Za-z_]\w*)\s*:(?P<rest>.*)$")
_ENTRY = re.compile(r"^[ \t]{0,4}-(?:\s|$)")


def _entry_by_entry(text: str, problems: list[RegistryProblem]) -> dict:
    """The registry when the file as a whole is no YAML: each entry of each section
    read on its own (at its own lines), a broken one skipped with a problem."""
    lines = text.splitlines()
    chunks: list[tuple[str, int, int, int]] = []  # section, its line, first, end (0-based)
    section, section_at = None, 0
    for index, line in enumerate(lines):
        match = _SECTION.match(line)
        if match:
            section, section_at = match["key"], index
            chunks.append((section, index, index, index + 1))
        elif section and _ENTRY.match(line):
            chunks.append((section, section_at, index, index + 1))
        elif chunks and line.strip() and not line.lstrip().startswith("#"):
            name, at, first, _ = chunks[-1]
            chunks[-1] = (name, at, first, index + 1)
    data: dict = {"__line__": 1}
    for name, at, first, end in chunks:
        head = "" if first == at else lines[at] + "\n" + "\n" * (first - at - 1)
        try:
            part = yaml.load("\n" * at + head + "\n".join(lines[first:end]) + "\n",
                             Loader=_LineLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problems.append(RegistryProblem(
                first + 1, "registry", f"malformed YAML, entry skipped (line "
                f"{mark.line + 1 if mark else first + 1}: {getattr(error, 'problem', error)})"))
            continue
        value = part.get(name) if isinstance(part, dict) else None
        if first == at:  # the section's own line: an inline value, or None
            if value is not None:
                data[name] = value
        elif isinstance(value, list):
            if not isinstance(data.get(name), list):
                data[name] = []
            data[name].extend(value)
    return data


def parse_registry(text: str) -> tuple[Registry, list[RegistryProblem]]:
    """Read the registry's YAML; bad entries are skipped with a problem each."""
    problems: list[RegistryProblem] = []
    try:
        data = yaml.load(text, Loader=_LineLoader) if text.strip() else {}
    except yaml.YAMLError:
        data = _entry_by_entry(text, problems)
    if not isinstance(data, dict):
        return Registry(), [RegistryProblem(1, "registry",
                                            "the registry must be a mapping with 'people' "
                                            "and 'books'")]
    for key in data:
        if key not in ("people", "books", "not_people", "__line__"):
            problems.append(RegistryProblem(data["__line__"], "registry",
                                            f"unknown section {key!r}: use 'people', 'books' "
                                            "and 'not_people'"))
    not_people = _text_list(data.get("not_people"))
    if not_people is None:
        problems.append(RegistryProblem(data["__line__"], "registry",
                                        "'not_people' must be a list of names"))
    registry = Registry(not_people=not_people or ())
    for entry in _entries(data, "people", problems):
        person = _person(entry, problems)
        if person:
            registry.people.append(person)
    for entry in _entries(data, "books", problems):
        book = _book(entry, problems)
        if book:
            registry.books.append(book)
    return registry, problems

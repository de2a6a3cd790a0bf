"""Precision and recall of recognising people and books, on the host's real posts.

    python bench/recognition.py [POSTS_FOLDER] [--registry registry.yaml]
                                [--annotation annotation.json]

Reads every post of the folder (default ``../shared/real-posts``, beside the
project) the way the build does, before and after reading: the lists, the
directory (guests, and the registry when given), everyone recognised, then what
each list item names. Compares that with ANNOTATION below, a hand annotation
of every person, book and author the nine real posts name in their lists (by
file date and line), or with another folder's annotation in JSON
(``{"file name": {"line": [["person", name] | ["book", title, [authors]]]}}``).
Not a test: the tests cannot read ``../shared``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

from podcast.core.people.directory import build_directory  # noqa: E402
from podcast.core.people.discovery import discover_people, mentions_of  # noqa: E402
from podcast.core.people.registry import Registry, parse_registry  # noqa: E402
from podcast.core.post.body import list_items  # noqa: E402
from podcast.core.post.episode import decode  # noqa: E402
from podcast.core.post.frontmatter import as_myst_strings, front_matter  # noqa: E402

PERSON, BOOK = "person", "book"
SEBASTIAN = ("Sebastian Raschka",)
# post date -> line -> what the item names: (PERSON, name) or (BOOK, title, authors)
ANNOTATION: dict[str, dict[int, list[tuple]]] = {
    "2023-02-24": {19: [(PERSON, "Nils Reimers")]},
    "2023-03-26": {
        17: [(PERSON, "Sebastian Raschka")],
        22: [(BOOK, "Machine Learning with PyTorch and Scikit-Learn", SEBASTIAN)],
        23: [(BOOK, "Machine Learning Q and AI", SEBASTIAN)],
        31: [(PERSON, "Andrew Ng")],
        32: [(PERSON, "Andrej Karpathy")],
        33: [(PERSON, "Paige Bailey")],
    },
    "2023-10-26": {21: [(PERSON, "Ines Montani")], 23: [(PERSON, "Ines Montani")],
                   24: [(PERSON, "Ines Montani")], 25: [(PERSON, "Ines Montani")]},
    "2024-01-11": {
        21: [(PERSON, "Michelle Gill")],
        22: [(PERSON, "Michelle Gill")],
        28: [(PERSON, "Art Palmer")],
        29: [(PERSON, "Patrick Loria")],
        30: [(PERSON, "Scott Strobel")],
        31: [(PERSON, "Alexander Rives")],
        32: [(PERSON, "Deborah Marks")],
    },
}


def recognised(folder: Path, registry: Registry) -> tuple[set[tuple], list[str]]:
    """What the site makes of every post's lists: {(date, line, what)}, and the
    people decided on weak evidence."""
    posts = []
    for path in sorted(folder.glob("*.m*")):
        episode = decode(f"episodes/{path.stem}", as_myst_strings(front_matter(path)))[0]
        posts.append((episode, list_items(path.read_text(encoding="utf-8"))))
    guests = [name for episode, _ in sorted(posts, key=lambda post: post[0].sort_key)
              for name in episode.guests]
    directory, _ = build_directory(registry, guests)
    known = discover_people(posts, directory)
    found = set()
    for episode, items in posts:
        date = episode.docname.split("/")[-1][:10]
        for facts, mentions in zip(items, mentions_of(episode, items, known), strict=True):
            for mention in mentions:
                if mention.kind == PERSON and mention.target:
                    found.add((date, facts.line, (PERSON, directory.people[mention.target].name)))
                elif mention.kind == BOOK:
                    book = mention.book or directory.books[mention.target]
                    found.add((date, facts.line, (BOOK, book.title, book.authors)))
    weak = [person.name for person in directory.people.values() if person.weak]
    return found, weak


def score(found: set[tuple], expected: set[tuple], kind: str) -> str:
    found = {entry for entry in found if entry[2][0] == kind}
    expected = {entry for entry in expected if entry[2][0] == kind}
    right = found & expected
    precision = len(right) / len(found) if found else 1.0
    recall = len(right) / len(expected) if expected else 1.0
    lines = [f"{kind}s: precision {precision:.2f} ({len(right)}/{len(found)}), "
             f"recall {recall:.2f} ({len(right)}/{len(expected)})"]
    lines += [f"  wrong:  {entry}" for entry in sorted(found - expected)]
    lines += [f"  missed: {entry}" for entry in sorted(expected - found)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?",
                        default=ROOT.parent / "shared" / "real-posts")
    parser.add_argument("--registry", type=Path, help="corrections to apply (registry.yaml)")
    parser.add_argument("--annotation", type=Path, help="the folder's annotation, in JSON")
    arguments = parser.parse_args()
    registry = parse_registry(arguments.registry.read_text(encoding="utf-8"))[0] if (
        arguments.registry) else Registry()
    annotation = ANNOTATION
    if arguments.annotation:
        annotation = {name[:10]: {int(line): [tuple(tuple(part) if isinstance(part, list)
                                                     else part for part in what)
                                               for what in whats]
                                  for line, whats in items.items()}
                      for name, items in json.loads(arguments.annotation.read_text()).items()}
    expected = {(date, line, what) for date, items in annotation.items()
                for line, whats in items.items() for what in whats}
    found, weak = recognised(arguments.folder, registry)
    print(f"registry: {arguments.registry or 'none'}")
    print(score(found, expected, PERSON))
    print(score(found, expected, BOOK))
    print(f"decided on weak evidence (reported to the host): {', '.join(weak) or 'none'}")


if __name__ == "__main__":
    main()

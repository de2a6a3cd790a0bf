"""The directory of known people and books, made before reading: the
registry file the host edits, every post's guests, and everyone the posts'
lists name (``core.discovery``)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..build_speed.ahead import spread
from ..build_speed.by_inputs import kept_or_made
from ..core.people.directory import Directory, Person, build_directory
from ..core.people.discovery import Each, Post, discover_people, in_turn
from ..core.people.registry import Registry, RegistryProblem, parse_registry
from ..core.text.encoding import not_utf8, read_text
from ..core.text.names import name_key
from ..core.text.paths import named_file
from ..state.domain import state_of

logger = logging.getLogger(__name__)

# Who the posts' lists name, by what they said last time: found again only when a
# post's front matter or lists, or the registry, changed (a prose edit changes neither).
PEOPLE_CACHE = "podcast-people.pickle"
PEOPLE_CACHE_VERSION = 1


def load_registry(app: Sphinx) -> Registry:
    if not app.config.podcast_registry:
        return Registry()
    path, refused = named_file(Path(app.srcdir), app.config.podcast_registry, Path(app.srcdir))
    if path is None:
        logger.warning("podcast_registry: %s", refused, type="podcast", subtype="path")
        return Registry()
    if not path.is_file():
        return Registry()
    data = path.read_bytes()
    registry, problems = parse_registry(read_text(data))
    if found := not_utf8(data):
        problems.append(RegistryProblem(found[0], "encoding", "the registry is no UTF-8: its "
                                        "bytes that are none were read as Windows-1252"))
    for problem in problems:
        logger.warning(problem.message, location=f"{path}:{problem.line}", type="podcast",
                       subtype=problem.subtype)
    return registry


def make_directory(app: Sphinx, posts: list[Post]) -> Directory:
    """The directory, kept in the state for every later step of the build."""
    registry = load_registry(app)
    episodes = sorted((episode for episode, _ in posts), key=lambda e: e.sort_key)
    guests = [name for episode in episodes for name in episode.guests]
    directory, problems = build_directory(registry, guests)
    path = Path(app.srcdir) / app.config.podcast_registry
    for problem in problems:
        logger.warning(problem.message, location=f"{path}:{problem.line}", type="podcast",
                       subtype=problem.subtype)
    discover(Path(app.doctreedir) / PEOPLE_CACHE, posts, directory,
             lambda work, count: spread(work, count, app.parallel))
    state = state_of(app.env)
    state.directory, state.processes = directory, app.parallel
    return directory


def discover(cache: Path, posts: list[Post], directory: Directory, each: Each = in_turn
             ) -> None:
    """Add everyone the posts' lists name to the directory, as last time when the
    posts and the registry say what they said last time. ``each``: where each
    post's items are classified (with ``-j N``, in N processes)."""
    def people_found() -> list[Person]:
        before = set(directory.people)
        discover_people(posts, directory, each)
        return [person for slug, person in directory.people.items() if slug not in before]

    for person in kept_or_made(cache, (PEOPLE_CACHE_VERSION, directory.inputs(), posts),
                               people_found):
        directory.people[person.slug] = person
        directory.names[name_key(person.name)] = person.slug

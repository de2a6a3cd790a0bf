"""The directory of known people and books, made before reading: the
registry file the host edits, every post's guests, and everyone the posts'
lists name (``core.discovery``)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..core.directory import Directory, build_directory
from ..core.discovery import Post, discover_people
from ..core.registry import Registry, parse_registry
from ..state.domain import state_of

logger = logging.getLogger(__name__)


def load_registry(app: Sphinx) -> Registry:
    path = Path(app.srcdir) / app.config.podcast_registry
    if not app.config.podcast_registry or not path.is_file():
        return Registry()
    registry, problems = parse_registry(path.read_text(encoding="utf-8-sig"))
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
    discover_people(posts, directory)
    state_of(app.env).directory = directory
    return directory


def setup(app: Sphinx) -> None:
    app.add_config_value("podcast_registry", "registry.yaml", "env", str)

"""The kinds of page the build makes from the posts, each declared once.

A kind is its folder, how its sources are made (from the posts and the
directory of people, before reading), and which search index reads its pages.
Everything else follows from this table: the sources are written here at
``builder-inited`` with a ``.gitignore`` in each folder listing what the build
made (``sources``), ``make clean`` removes what those list, ``make live``
ignores the folders (the Makefile asks this table), the search indexes
them (``publishing.pagefind``). A new kind is one more row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..build_speed import memory
from ..core.people.directory import Directory, Person
from ..core.people.discovery import Post
from ..core.transcripts.captions import TRANSCRIPTS_DIR
from . import known_people, posts
from .archive_sources import archive_sources
from .people_sources import books_sources, people_sources
from .sources import MANIFEST, pages_are_documents, write_folder
from .transcript_sources import transcript_sources

logger = logging.getLogger(__name__)

# the search's indexes: the episodes and the books, the people, the transcripts
NOTES, PEOPLE_INDEX, TRANSCRIPTS = "pagefind", "pagefind-people", "pagefind-transcripts"


@dataclass(frozen=True)
class Made:
    """What the sources are made from."""

    app: Sphinx
    posts: list[Post]
    directory: Directory


@dataclass(frozen=True)
class PageKind:
    folder: str  # in the source folder (and so in the site)
    make: Callable[[Made], dict[str, str | None]]  # file name -> Markdown (None: no source)
    index: str = ""  # the search index that reads its pages; "" for none
    setting: str = ""  # a conf.py setting that moves the folder

    def folder_in(self, config=None) -> str:
        """Its folder, as ``config`` (``conf.py``) may have moved it."""
        return getattr(config, self.setting, self.folder) if self.setting else self.folder


ARCHIVE = PageKind("archive", lambda made: archive_sources([e for e, _ in made.posts]),
                   setting="podcast_archive_dir")  # listings only: not searched
PEOPLE = PageKind("people", lambda made: people_sources(
    made.directory, pages_are_documents(made.app)), PEOPLE_INDEX)
BOOKS = PageKind("books", lambda made: books_sources(), NOTES)
TRANSCRIPT_PAGES = PageKind(TRANSCRIPTS_DIR, lambda made: transcript_sources(
    made.app, made.posts, pages_are_documents(made.app)), TRANSCRIPTS)
KINDS = (ARCHIVE, PEOPLE, BOOKS, TRANSCRIPT_PAGES)

PEOPLE_DIR = PEOPLE.folder
BOOKS_PAGE = f"{BOOKS.folder}/index"


def person_page(slug: str) -> str:
    return f"{PEOPLE_DIR}/{slug}"


def person_of_page(directory: Directory, pagename: str) -> Person | None:
    """The person whose page ``pagename`` is (``person_page``); None otherwise."""
    folder, _, slug = pagename.partition("/")
    return directory.people.get(slug) if folder == PEOPLE_DIR else None


def generate_sources(app: Sphinx) -> None:
    """``builder-inited``: the posts read, the directory of people made, and every
    kind's sources written."""
    with memory.paused():
        found = posts.scan(app)
        made = Made(app, found, known_people.make_directory(app, found))
    for kind in KINDS:
        folder = Path(app.srcdir) / kind.folder_in(app.config)
        for name in write_folder(folder, kind.make(made)):
            logger.warning("%s is not the build's (its %s does not list it): kept as it is, "
                           "and the page the build would make there is not made; move it "
                           "elsewhere to have both", name, MANIFEST,
                           location=f"{folder / name}:1", type="podcast", subtype="collision")


def setup(app: Sphinx) -> None:
    app.add_config_value("podcast_episodes_dir", "episodes", "env", str)
    app.add_config_value("podcast_archive_dir", "archive", "env", str)
    app.add_config_value("podcast_registry", "registry.yaml", "env", str)
    app.connect("builder-inited", generate_sources)

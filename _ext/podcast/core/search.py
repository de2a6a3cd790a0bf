"""What the site's search indexes, and how: the kinds of page a listener
looks for, the facets they filter by, and Pagefind's bundles.

Pagefind reads the written pages and writes an index in small chunks, so one
search downloads a few of them, never the whole index. The transcripts get a
bundle of their own: they are most of the words and rarely change, so an edit
to the show notes re-indexes the notes alone (the page merges both bundles).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .transcripts import TRANSCRIPTS_DIR

# What a page is, for the "kind" filter; listing pages (years, letters, the
# archive, the home page) are not indexed at all: they only repeat the pages
# they list, and would rank above them.
EPISODE, PERSON, BOOK, TRANSCRIPT = "Episode", "Person", "Book", "Transcript"

# What says nothing of the page itself, or says again what it says: the "#" of
# a heading's permalink, text for screen readers only, the player and where else
# to listen, the previous and next episodes, the summary of who is in it. On a
# person's page all but their name, bio and books: the lists of episodes repeat
# the episodes (a name finds the person and where they are named, not everyone
# in the same episodes). In a transcript, its title (its episode's) and the times
# and who speaks (a name said at every turn would rank it above the person).
NOT_INDEXED = ", ".join((
    ".headerlink", ".visually-hidden", ".podcast-list-facts", ".podcast-video",
    ".podcast-substack", ".podcast-listen", ".podcast-transcript-link",
    ".podcast-chapter-duration", ".podcast-chapters-json", ".podcast-people-block",
    ".podcast-pager",
    ".podcast-person-links", ".podcast-rubric", ".podcast-episode-title",
    ".podcast-mention-text", ".podcast-named-at", ".podcast-empty", ".podcast-person-search",
    ".podcast-transcript-episode", ".podcast-transcript-time", ".podcast-transcript-speaker"))


@dataclass(frozen=True)
class Facets:
    """A page's place in the search: its kind, and what it can be filtered by."""

    kind: str
    title: str
    year: int | None = None
    guests: tuple[str, ...] = ()
    episode: str = ""  # a transcript's episode page, from the site's root


def indexed(body: str) -> str:
    """The page's body, marked for Pagefind to index."""
    return f'<div class="podcast-search-body" data-pagefind-body>{body}</div>'


def facts(facets: Facets) -> str:
    """The page's filters and title, for Pagefind to read beside the body.

    A hidden element Pagefind does not index (but reads), out of the article;
    the values are escaped text: a name is never parsed as an attribute's list.
    Pagefind searches every metadata value, and only reads filters back: a
    transcript's title and episode (the episode's, which finds the episode) are
    filters, and its searchable title is "Transcript"."""
    filters = [("kind", facets.kind)]
    if facets.year is not None:
        filters.append(("year", str(facets.year)))
    filters.extend(("guest", guest) for guest in facets.guests)
    if facets.episode:
        filters += [("episode_title", facets.title), ("episode_url", facets.episode)]
        meta = [("title", facets.kind)]
    else:
        meta = [("title", facets.title)]
    spans = "".join(f'<span data-pagefind-{what}="{name}">{escape(value)}</span>'
                    for what, pairs in (("filter", filters), ("meta", meta))
                    for name, value in pairs)
    return f'<div hidden data-pagefind-ignore="index">{spans}</div>'


@dataclass(frozen=True)
class Bundle:
    """One Pagefind index: where it goes in the site, and the pages it reads."""

    folder: str
    folders: tuple[str, ...]  # of the site, whose pages (at any depth) it indexes
    not_indexed: str = NOT_INDEXED

    @property
    def glob(self) -> str:
        inner = ",".join(self.folders)
        return f"{{{inner}}}/**/*.html" if len(self.folders) > 1 else f"{inner}/**/*.html"

    def pages(self, site: Path) -> list[Path]:
        return sorted(page for folder in self.folders for page in (site / folder).rglob("*.html"))

    def command(self, executable: str, site: Path) -> list[str]:
        return [executable, "--site", str(site), "--glob", self.glob,
                "--output-subdir", self.folder, "--exclude-selectors", self.not_indexed,
                "--keep-index-url", "--quiet"]


def bundles(notes: tuple[str, ...]) -> list[Bundle]:
    """The show notes' bundle (the pages in ``notes``' folders), then the transcripts'.

    A transcript's title is its episode's: the title finds the episode, what
    was said finds the transcript."""
    return [Bundle("pagefind", notes),
            Bundle("pagefind-transcripts", (TRANSCRIPTS_DIR,), f"{NOT_INDEXED}, h1")]


def fingerprint(site: Path, pages: Iterable[Path]) -> str:
    """What the index of these pages depends on: their paths and contents.
    Sphinx rewrites pages that have not changed; their index need not be."""
    digest = hashlib.sha256()
    for page in pages:
        digest.update(page.relative_to(site).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()

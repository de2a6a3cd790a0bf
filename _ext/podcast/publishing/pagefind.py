"""The site's search: Pagefind's indexes of the written pages (made by
``pagefind_runs``), and a search page of the site's own in place of Sphinx's.

Sphinx's index is one file that the theme loads on every page, and that grows
with every episode and transcript. Pagefind reads the written pages and writes
an index in small chunks, so one search downloads a few of them, never the
whole index; a page view fetches nothing. The transcripts get a bundle of their
own: they are most of the words and rarely change, so an edit to the show notes
re-indexes the notes alone (the page merges both bundles).
``podcast_search = "sphinx"`` keeps Sphinx's search instead.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import ENUM
from sphinx.util import logging

from ..after_reading.derived import derived_of
from ..before_reading.page_kinds import (
    BOOKS_PAGE,
    KINDS,
    NOTES,
    PEOPLE_INDEX,
    TRANSCRIPTS,
    person_of_page,
)
from ..state.domain import state_of
from ..writing.context import is_web_build

logger = logging.getLogger(__name__)

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
    """One Pagefind index: where it goes in the site, and the pages it reads
    (``patterns``: globs from the site's root, as Pagefind and ``Path.glob`` read
    them)."""

    folder: str
    patterns: tuple[str, ...]
    not_indexed: str = NOT_INDEXED

    @property
    def glob(self) -> str:
        return self.patterns[0] if len(self.patterns) == 1 else "{" + ",".join(self.patterns) + "}"

    def pages(self, site: Path) -> list[Path]:
        return sorted({page for pattern in self.patterns for page in site.glob(pattern)})

    def command(self, executable: str, site: Path, source: Path | None = None) -> list[str]:
        """Pagefind's command: the pages read in ``source`` (the site, unless
        given), the index written in the site."""
        where = ["--site", str(site), "--output-subdir", self.folder] if source is None \
            else ["--site", str(source), "--output-path", str(site / self.folder)]
        return [executable, *where, "--glob", self.glob, "--exclude-selectors",
                self.not_indexed, "--keep-index-url", "--quiet"]


# Pagefind holds a bundle's whole index in memory while it builds it: an hour of
# speech is some 9,000 words, and 1,000 of them took 2.5 GB. Transcripts are
# indexed in bundles of about this many (``podcast_transcripts_per_index``), by
# year (the search merges them all); a new transcript is indexed again with its
# year's bundle alone.
TRANSCRIPTS_PER_BUNDLE = 200
# The show notes too, from this many episodes on (``podcast_notes_per_index``): an
# edit to one episode's notes indexes again its years' episodes, not all of them
# (at 1,000 episodes, a second of an incremental build's ten instead of three).
NOTES_PER_BUNDLE = 250
NOTES_BY_YEAR = f"{NOTES}-notes"  # the show notes' bundles after the first
_DATED = re.compile(r"\d{4}-")  # a post's name starts with its date, as Jekyll's do
# every name that does not start so, as globs that Python and Pagefind read alike
# (Pagefind's refuses a class of a bare "-": "[!-]")
_UNDATED = ("[!0-9]*", "[0-9][!0-9]*", "[0-9][0-9][!0-9]*", "[0-9][0-9][0-9][!0-9]*",
            "[0-9][0-9][0-9][0-9][!\\-]*")


def by_year(prefix: str, folder: str, names: Iterable[str], size: int,
            not_indexed: str = NOT_INDEXED) -> list[Bundle]:
    """Bundles of the pages ``names`` (in ``folder``, no deeper) by year, a year's
    pages never split, years joined until a bundle has ``size`` pages, each
    named ``prefix-<its first year>``; the pages of undated names in one of their
    own (``prefix-other``)."""
    years: dict[str, int] = defaultdict(int)
    undated = False
    for name in names:
        if _DATED.match(name):
            years[name[:4]] += 1
        else:
            undated = True
    found, group, count = [], [], 0
    for year in sorted(years):
        group.append(year)
        count += years[year]
        if count >= size or year == max(years):
            found.append(Bundle(f"{prefix}-{group[0]}",
                                tuple(f"{folder}/{year}-*.html" for year in group), not_indexed))
            group, count = [], 0
    if undated:
        found.append(Bundle(f"{prefix}-other",
                            tuple(f"{folder}/{pattern}.html" for pattern in _UNDATED),
                            not_indexed))
    return found


def transcript_bundles(folder: str, names: Iterable[str],
                       size: int = TRANSCRIPTS_PER_BUNDLE) -> list[Bundle]:
    """The transcripts' bundles: their pages' ``names`` (in ``folder``) by year
    (``by_year``); a transcript's title, its episode's, is not indexed."""
    return by_year(TRANSCRIPTS, folder, names, size, f"{NOT_INDEXED}, h1")


def notes_bundles(episodes_dir: str, others: tuple[str, ...], names: list[str],
                  size: int = NOTES_PER_BUNDLE) -> list[Bundle]:
    """The show notes' bundles: the first (``NOTES``, the one the search page
    loads first) with the pages of ``others`` (folders); the episodes' pages
    (their ``names`` in ``episodes_dir``) in it, or by year from ``size`` of them
    on, the first years' and the undated ones in it. Posts in folders of their
    own keep one bundle (a folder may be named as a year)."""
    everything = tuple(f"{folder}/**/*.html" for folder in (episodes_dir, *others))
    dated = by_year(NOTES_BY_YEAR, episodes_dir, [name for name in names if _DATED.match(name)],
                    size)
    if len(names) < size or not dated or any("/" in name for name in names):
        return [Bundle(NOTES, everything)]
    first = (*dated[0].patterns, *(f"{episodes_dir}/{pattern}.html" for pattern in _UNDATED),
             *everything[1:])
    return [Bundle(NOTES, first), *dated[1:]]


def bundles(episodes_dir: str, config=None, transcripts: Iterable[str] = (),
            episodes: Iterable[str] = ()) -> list[Bundle]:
    """The show notes' bundles (the posts, ``episodes`` the docnames in their
    folder, and each kind of generated page the notes' index reads:
    ``notes_bundles``), the people's, then the transcripts' (``transcripts``:
    their pages' docnames).

    The people's pages have an index of their own: they are 2,000 of the 3,000
    pages at 1,000 episodes, and an edit to an episode's notes writes none of
    them again, so its index need not be made again.

    A transcript's title is its episode's: the title finds the episode, what
    was said finds the transcript."""
    def folders(index: str) -> tuple[str, ...]:
        return tuple(kind.folder_in(config) for kind in KINDS if kind.index == index)

    found = notes_bundles(episodes_dir, folders(NOTES),
                          [docname[len(episodes_dir) + 1:] for docname in episodes
                           if docname.startswith(episodes_dir + "/")],
                          getattr(config, "podcast_notes_per_index", NOTES_PER_BUNDLE))
    found.append(Bundle(PEOPLE_INDEX, tuple(f"{folder}/**/*.html"
                                            for folder in folders(PEOPLE_INDEX))))
    size = getattr(config, "podcast_transcripts_per_index", TRANSCRIPTS_PER_BUNDLE)
    for folder in folders(TRANSCRIPTS):
        found += transcript_bundles(folder, (docname[len(folder) + 1:] for docname in transcripts
                                             if docname.startswith(folder + "/")), size)
    return found


def fingerprint(site: Path, pages: Iterable[Path], known: dict | None = None) -> str:
    """What the index of these pages depends on: their paths and contents.
    Sphinx rewrites pages that have not changed; their index need not be.

    ``known``: each page's digest by its path, with the size and time it had then
    (filled in here): a page not written since is not read again."""
    digest = hashlib.sha256()
    for page in pages:
        name = page.relative_to(site).as_posix()
        stat = page.stat()
        seen = (known or {}).get(name)
        if (isinstance(seen, list) and seen[:2] == [stat.st_size, stat.st_mtime_ns]
                and isinstance(seen[-1], str) and re.fullmatch("[0-9a-f]{64}", seen[-1])):
            page_digest = seen[-1]
        else:
            page_digest = hashlib.sha256(page.read_bytes()).hexdigest()
        if known is not None:
            known[name] = [stat.st_size, stat.st_mtime_ns, page_digest]
        digest.update(name.encode() + b"\0" + bytes.fromhex(page_digest))
    return digest.hexdigest()


def known_digests(path: Path) -> dict:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def site_path(app: Sphinx, pagename: str) -> str:
    """A page's path in the site, as Pagefind's globs and URLs name it."""
    return Path(app.builder.get_outfilename(pagename)).relative_to(app.outdir).as_posix()


def uses_pagefind(app: Sphinx) -> bool:
    return is_web_build(app) and app.config.podcast_search == "pagefind"


def bundles_of(app: Sphinx) -> list[Bundle]:
    # every page of the posts' folder, a post's or not (one in a folder keeps one bundle)
    return bundles(app.config.podcast_episodes_dir, app.config, state_of(app.env).transcripts,
                   app.env.found_docs)


def without_sphinx_search(app: Sphinx) -> None:
    """``builder-inited``: no ``searchindex.js`` and no Sphinx search page."""
    if uses_pagefind(app):
        app.builder.search = False


def facets_of(app: Sphinx, pagename: str) -> Facets | None:
    """The page's kind and filters; None for pages that are not searched."""
    state = state_of(app.env)

    if pagename in state.episodes:
        episode = state.episodes[pagename]
        return Facets(EPISODE, episode.title, episode.year, episode.guests)
    transcript = state.transcripts.get(pagename)
    if transcript is not None and transcript.episode in state.episodes:
        episode = state.episodes[transcript.episode]
        return Facets(TRANSCRIPT, episode.title, episode.year, episode.guests,
                      app.builder.get_target_uri(episode.docname))
    if pagename == BOOKS_PAGE:
        return Facets(BOOK, "Books")
    person = person_of_page(state.directory, pagename)
    if person is not None:
        guest = bool(derived_of(state).guest_of.get(person.slug))
        return Facets(PERSON, person.name, guests=(person.name,) if guest else ())
    return None


def mark_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: what Pagefind indexes of the page, and how."""
    context["podcast_search"] = app.config.podcast_search if is_web_build(app) else ""
    if not uses_pagefind(app) or "body" not in context:
        return
    facets = facets_of(app, pagename)
    if facets is not None:
        context["body"] = indexed(context["body"])
        context["podcast_search_facts"] = facts(facets)  # layout.html: after the article


def search_page(app: Sphinx):
    """``html-collect-pages``: the search page, reading Pagefind's bundles."""
    if not uses_pagefind(app):
        return
    site = Path(app.outdir)  # every page is written by now
    yield "search", {"title": "Search", "podcast_search_bundles": " ".join(
        f"{bundle.folder}/" for bundle in bundles_of(app) if bundle.pages(site))}, \
        "podcast-search.html"


def setup(app: Sphinx) -> None:
    app.add_config_value("podcast_search", "pagefind", "html", ENUM("pagefind", "sphinx"))
    app.add_config_value("podcast_transcripts_per_index", TRANSCRIPTS_PER_BUNDLE, "html", int)
    app.add_config_value("podcast_notes_per_index", NOTES_PER_BUNDLE, "html", int)
    app.connect("builder-inited", without_sphinx_search)
    app.connect("html-page-context", mark_page)
    app.connect("html-collect-pages", search_page)

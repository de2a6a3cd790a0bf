"""Reading a transcript: the episode's WebVTT or SRT file turned into
paragraphs, each starting with its time, under the episode's chapters as
headings. Names of known people link to their pages and are recorded, with when
they were said, for the people's pages.

For the web pages the transcript is read with its post (``TranscriptWithPost``:
the file is the post's dependency already), and its page is drawn from what is
read (``writing.transcript_pages``). For an e-book, a single page or LaTeX the
page is a document of its own, ``{podcast-transcript}``, whose source holds
what it shows of its episode (``before_reading.transcript_sources``). Either
is read again when the directory of people changes what its names could link
(``names_changed``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import directives
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..before_reading.posts import scanned_body
from ..before_reading.transcript_sources import PAGES
from ..build_speed.ahead import MISSING, Ahead
from ..build_speed.ahead import possible as ahead_possible
from ..core.people.directory import Directory
from ..core.post.body import chapters_of
from ..core.post.timestamps import Chapter
from ..core.transcripts.captions import (
    TRANSCRIPTS_DIR,
)
from ..core.transcripts.files import PostTranscript, page_title, transcript_at
from ..state.domain import state_of
from . import placeholders
from .source_text import body_of
from .transcript_text import (
    TranscriptText,
    curler_of,
    quoting_of,
    read_paragraphs,
    transcript_parts,
)

logger = logging.getLogger(__name__)


def episode_link(episode_doc: str, title: str) -> nodes.paragraph:
    """The transcript page's link to its episode, as Sphinx resolves it."""
    back = nodes.paragraph(classes=["podcast-transcript-episode"])
    back += nodes.Text("The episode: ")
    back += addnodes.pending_xref("", nodes.inline("", title), refdomain="std",
                                  reftype="doc", reftarget="/" + episode_doc,
                                  refexplicit=True, refwarn=True)
    return back


class TranscriptDirective(SphinxDirective):
    """``{podcast-transcript}`` with ``:episode:`` (its docname) and ``:file:``:
    the transcript page as a document (``writing.transcript_pages`` draws it
    for the web pages, read with its post)."""

    option_spec = {"episode": directives.unchanged_required,
                   "file": directives.unchanged_required,
                   "title": directives.unchanged, "video": directives.unchanged}
    has_content = True  # the episode's chapters, "SECONDS TITLE" a line

    def run(self) -> list[nodes.Node]:
        episode_doc = self.options["episode"]
        srcdir = Path(os.path.normpath(self.env.srcdir))
        # the file is read only from inside the project, whoever wrote the directive
        path, refused = transcript_at(srcdir, self.options["file"], srcdir)
        if path is None:
            logger.warning("the transcript's :file: %s", refused, type="podcast", subtype="path",
                           location=(self.env.docname, self.lineno))
            return []
        chapters = tuple(Chapter(int(start), title) for start, _, title in
                         (line.partition(" ") for line in self.content) if start.isdigit())
        read = read_paragraphs(self.env, path, episode_doc, self.options.get("video", ""),
                               chapters, quoting_of(self.state.document),
                               (self.env.docname, self.lineno))
        if read is None:
            return []
        text, transcript = read
        state_of(self.env).add_transcript(self.env.docname, self.env.docname, transcript)
        title = str(self.options.get("title") or episode_doc)
        # the episode's audio, if it has any, filled in from its record (writing.player)
        return [episode_link(episode_doc, title),
                placeholders.make(self.env, "transcript-player", episode=episode_doc),
                *text.as_nodes(curled_titles=False)]


@dataclass(frozen=True)
class DrawnTranscript:
    """A transcript page to draw (``writing.transcript_pages``): its page, its
    heading as written (its id's) and curled, its link to the episode's title
    curled, and its text."""

    page: str
    heading: str
    curled_heading: str
    curled_title: str
    text: TranscriptText


DRAWN = "podcast_drawn_transcript"  # in the temporary data of the post being read


class TranscriptWithPost(SphinxTransform):
    """A post whose transcript page is drawn, not read (the web pages'
    builders): its transcript read with it, who it names when recorded by the
    post, the page's data left (``DRAWN``) for ``writing.transcript_pages`` to
    draw it at ``doctree-read``."""

    default_priority = 515  # after EpisodeTransform, which records the episode

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        found = _found(self.env, docname)
        state = state_of(self.env)
        episode = state.episodes.get(docname)
        if found is None or not found.page or found.page in self.env.found_docs \
                or episode is None:
            return
        quoting = quoting_of(self.document)
        chapters = chapters_of(body_of(self.env).chapters)
        path = Path(self.env.srcdir) / found.file
        read = read_paragraphs(self.env, path, docname, episode.youtube_id or "", chapters,
                               quoting, (docname, 1), read_ahead(self.env, docname,
                                                                 (path, chapters, quoting)))
        if read is None:
            return
        curl = curler_of(quoting)
        text, transcript = read
        heading = page_title(episode.title)
        self.env.temp_data[DRAWN] = DrawnTranscript(
            found.page, heading, curl([heading])[0], curl(["The episode: ", episode.title])[1],
            text)
        state.add_transcript(docname, found.page, transcript)


_AHEAD: dict[int, Ahead] = {}  # id of the environment -> its transcripts read ahead


def parts_ahead(directory: Directory, path: Path, chapters: tuple[Chapter, ...],
                quoting: tuple[str, str] | None) -> tuple[tuple, tuple]:
    """``transcript_parts`` read ahead, with what it was read with."""
    return (path, chapters, quoting), transcript_parts(directory, path, chapters, quoting)


def read_transcripts_ahead(app: Sphinx, env, docnames: list[str]) -> None:
    """``env-before-read-docs`` of a serial build: the transcripts of the posts
    to read (their pages drawn) read ahead on the other core, in the order the
    posts are read (``build_speed.ahead``), as they would be read with each post
    (the file, the chapters and the quotes' language it would read them with:
    the reading takes the result only where these are the same)."""
    stop_reading_ahead(app, env)
    found = state_of(env).data.get(PAGES, {})
    if app.parallel > 1 or not ahead_possible():  # with -j the processes reading the
        return  # posts read their transcripts
    settings = get_default_settings()
    vars(settings).update(env.settings, env=env)
    quoting = quoting_of(new_document("", settings))
    srcdir = Path(env.srcdir)
    items = []
    for docname in sorted(docnames):
        post = found.get(docname)
        if post is None or not post.page or post.page in env.found_docs:
            continue
        body = scanned_body(docname, Path(env.doc2path(docname)))
        if body is not None:
            items.append((docname, (srcdir / post.file, chapters_of(body.chapters), quoting)))
    if len(items) >= AHEAD_FROM:
        _AHEAD[id(env)] = Ahead(parts_ahead, items, state_of(env).directory)


AHEAD_FROM = 8  # transcripts to read before a process of their own is worth its start


def read_ahead(env, docname: str, inputs: tuple):
    """The post's transcript as read ahead with these inputs; None if it was not."""
    ahead = _AHEAD.get(id(env))
    if ahead is None:
        return None
    found = ahead.take(docname)
    if found is MISSING or found[0] != inputs:
        return None
    return found[1]


def stop_reading_ahead(app: Sphinx, env) -> None:
    """``env-updated`` (and before reading): the process reading ahead stopped."""
    ahead = _AHEAD.pop(id(env), None)
    if ahead is not None:
        ahead.close()


def _found(env, docname: str) -> PostTranscript | None:
    return state_of(env).data.get(PAGES, {}).get(docname)


def page_of(env, docname: str) -> str | None:
    """The transcript page made for the post ``docname`` before reading, if any."""
    found = _found(env, docname)
    return found.page or None if found else None


def episode_transcript(env, docname: str, line: int) -> str | None:
    """Reading a post: its transcript page as made before reading; the transcript
    a dependency of the post, and a transcript refused, empty or renamed warned
    of at the post's ``line`` (of ``transcript:``, else 1)."""
    found = _found(env, docname)
    if found is None:
        return None
    if found.file:
        env.note_dependency(str(Path(env.srcdir) / found.file))
    if found.warning:
        logger.warning(found.warning, location=(docname, line), type="podcast",
                       subtype=found.subtype)
    return found.page or None


def names_digest(directory: Directory) -> str:
    """What a transcript's links depend on: every spelling known, and whose it is."""
    known = sorted((key, slug, directory.people[slug].name)
                   for key, slug in directory.names.items())
    return hashlib.sha1(pickle.dumps(known, pickle.HIGHEST_PROTOCOL)).hexdigest()


def names_changed(app: Sphinx, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: the names a transcript page links are the directory's
    (made before reading, from every post and the registry): when they change,
    every transcript page is read again, or the post of one that is drawn. A post
    whose page is drawn and whose reading recorded none (its page was a document
    until now) is read again too."""
    state = state_of(env)
    drawn = {docname for docname, found in state.data.get(PAGES, {}).items()
             if found.page and found.page not in env.found_docs}
    unread = sorted(docname for docname in drawn if docname in env.found_docs
                    and docname not in added and state.transcript_read_by(docname) is None)
    digest = names_digest(state.directory)
    if state.data.get("transcript_names") == digest:
        return unread
    state.data["transcript_names"] = digest
    return sorted(docname for docname in env.found_docs if docname not in added
                  and (docname.startswith(TRANSCRIPTS_DIR + "/") or docname in drawn))


def setup(app: Sphinx) -> None:
    app.add_directive("podcast-transcript", TranscriptDirective)
    app.add_transform(TranscriptWithPost)
    app.connect("env-before-read-docs", read_transcripts_ahead)
    app.connect("env-updated", stop_reading_ahead)
    app.connect("env-get-outdated", names_changed)

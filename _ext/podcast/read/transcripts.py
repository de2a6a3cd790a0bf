"""Reading a transcript page: ``{podcast-transcript}`` turns the episode's
WebVTT or SRT file into paragraphs, each starting with its time, under the
episode's chapters as headings. Names of known people link to their pages and
are recorded, with when they were said, for the people's pages.

The page depends on its transcript file and on its post (the chapters and the
video come from there): editing either reads it again.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..core.directory import Directory
from ..core.episode import decode
from ..core.frontmatter import as_myst_strings, front_matter
from ..core.lists import chapters_in
from ..core.names import name_key
from ..core.text import not_utf8, read_text
from ..core.timestamps import format_time
from ..core.transcripts import KINDS, Paragraph, Transcript, paragraphs, read_transcript
from ..state.domain import state_of

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\S+")


class transcript_time(nodes.Inline, nodes.TextElement):
    """A paragraph's time: seeks the episode's player (``episode``, ``seconds``,
    ``video``), drawn by ``pages.transcripts``."""


def names_in(text: str, directory: Directory) -> list[tuple[int, int, str]]:
    """Known people named in ``text``: (start, end, slug), two to four words each."""
    words = [(match.start(), match.end()) for match in _WORD.finditer(text)]
    found, index = [], 0
    while index < len(words):
        for size in (4, 3, 2):
            if index + size > len(words):
                continue
            start, end = words[index][0], words[index + size - 1][1]
            phrase = text[start:end].rstrip(".,;:!?)’'\"").lstrip("(“‘'\"")
            phrase = re.sub(r"['’]s$", "", phrase)  # "Andrew Ng's course"
            slug = directory.names.get(name_key(phrase))
            if slug:
                offset = text.index(phrase, start)
                found.append((offset, offset + len(phrase), slug))
                index += size
                break
        else:
            index += 1
    return found


class TranscriptDirective(SphinxDirective):
    """``{podcast-transcript}`` with ``:episode:`` (its docname) and ``:file:``."""

    option_spec = {"episode": directives.unchanged_required,
                   "file": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        episode_doc = self.options["episode"]
        path = Path(self.env.srcdir) / self.options["file"]
        post = self.env.doc2path(episode_doc)
        self.env.note_dependency(str(path))
        self.env.note_dependency(str(post))
        data = path.read_bytes() if path.is_file() else b""
        if found := not_utf8(data):
            logger.warning("the transcript is no UTF-8: its bytes that are none were read as "
                           "Windows-1252", location=f"{path}:{found[0]}", type="podcast",
                           subtype="encoding")
        kind = KINDS.get(path.suffix.lower(), "vtt")
        cues, troubles = read_transcript(read_text(data), kind)
        for trouble in troubles:
            logger.warning(trouble.message, location=f"{path}:{trouble.line}", type="podcast",
                           subtype="transcript")
        text = post.read_bytes() if post.is_file() else b""
        episode = decode(episode_doc, as_myst_strings(front_matter(post)))[0]
        parts = paragraphs(cues, chapters_in(read_text(text)))
        directory = state_of(self.env).directory
        back = nodes.paragraph(classes=["podcast-transcript-episode"])
        back += nodes.Text("The episode: ")
        back += addnodes.pending_xref("", nodes.inline("", episode.title), refdomain="std",
                                      reftype="doc", reftarget="/" + episode_doc,
                                      refexplicit=True, refwarn=True)
        content: list[nodes.Node] = [back]
        holder: nodes.Element | None = None
        moments: list[tuple[str, int]] = []
        for part in parts:
            if part.chapter is not None:
                holder = nodes.section(ids=[f"transcript-{part.chapter.start}"],
                                       names=[nodes.fully_normalize_name(
                                           f"{part.chapter.label} {part.chapter.title}")])
                holder += nodes.title("", part.chapter.title)
                content.append(holder)
            paragraph = self.paragraph(part, episode_doc, episode.youtube_id or "", directory,
                                       moments)
            (holder.append if holder is not None else content.append)(paragraph)
        state_of(self.env).add_transcript(self.env.docname, Transcript(
            episode_doc, self.options["file"], kind, tuple(moments)))
        return content

    def paragraph(self, part: Paragraph, episode: str, video: str, directory: Directory,
                  moments: list) -> nodes.paragraph:
        paragraph = nodes.paragraph(ids=[f"t-{part.start}"],
                                    classes=["podcast-transcript-paragraph"])
        paragraph += transcript_time("", format_time(part.start), episode=episode,
                                     seconds=part.start, video=video)
        paragraph += nodes.Text(" ")
        if part.speaker:
            paragraph += nodes.strong("", f"{part.speaker}: ",
                                      classes=["podcast-transcript-speaker"])
        at = 0
        for start, end, slug in names_in(part.text, directory):
            paragraph += nodes.Text(part.text[at:start])
            paragraph += addnodes.pending_xref(
                "", nodes.inline("", part.text[start:end]), refdomain="podcast",
                reftype="person", reftarget=directory.people[slug].name, refexplicit=True)
            moments.append((slug, part.start))
            at = end
        paragraph += nodes.Text(part.text[at:])
        return paragraph


def setup(app: Sphinx) -> None:
    app.add_directive("podcast-transcript", TranscriptDirective)

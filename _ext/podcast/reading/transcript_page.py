"""Reading a transcript page: ``{podcast-transcript}`` turns the episode's
WebVTT or SRT file into paragraphs, each starting with its time, under the
episode's chapters as headings. Names of known people link to their pages and
are recorded, with when they were said, for the people's pages.

What the page shows of its episode (title, video, chapters) is written into
its source before reading (``before_reading.transcript_sources``); the page
depends on its transcript file, and is read again when the directory of people
changes what its names could link (``names_changed``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import string
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.utils import normalize_language_tag, smartquotes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxSmartQuotes, SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..before_reading.transcript_sources import PAGES
from ..build_speed.smart_quotes import curler
from ..core.people.directory import Directory
from ..core.post.body import chapters_of
from ..core.post.timestamps import Chapter
from ..core.text.names import name_key
from ..core.text.times import format_time
from ..core.transcripts.captions import (
    KINDS,
    TRANSCRIPTS_DIR,
    Paragraph,
    Transcript,
    paragraphs,
    read_transcript,
)
from ..core.transcripts.files import PostTranscript, load, transcript_at
from ..state.domain import state_of
from . import placeholders
from .source_text import body_of

logger = logging.getLogger(__name__)

_WORD = re.compile(r"\S+")


class transcript_time(nodes.Inline, nodes.TextElement):
    """A paragraph's time: seeks the episode's player (``episode``, ``seconds``,
    ``video``), drawn by ``writing.transcript_html``."""


class transcript_text(nodes.General, nodes.Element):
    """The paragraphs under one of a transcript's headings, as data, not nodes:
    an hour of speech is some 160 paragraphs and 1,000 nodes, which every
    transform walks, pickling stores and the writer visits one by one. HTML is
    drawn from it in one go (``writing.transcript_html``); other formats get the
    paragraphs as nodes again.

    ``episode`` (docname) and ``video`` as for ``transcript_time``; ``paragraphs``:
    (start, time, speaker, pieces), each piece (text, the name of the person it
    names or ""), the text with its quotes already curled as Sphinx would."""

    def astext(self) -> str:
        """The paragraphs' texts as a reader of the nodes' leaves would join them,
        one after another, a space between words (what a page's description is
        cut from: ``sphinxext-opengraph`` reads a node without children whole)."""
        joined = ""
        for _, time, speaker, pieces in self["paragraphs"]:
            for leaf in (time, speaker, *(text for text, _ in pieces)):
                text = re.sub(" {2,}", " ", leaf.replace("\r", "").replace("\n", " ").strip())
                if joined and text and joined[-1] not in string.whitespace \
                        and text[0] not in string.whitespace + string.punctuation:
                    joined += " "
                joined += text
        return joined


def names_in(text: str, directory: Directory) -> list[tuple[int, int, str]]:
    """Known people named in ``text``: (start, end, slug), two to four words each.

    Only a word that begins some known name can begin one here: an hour of speech is
    some 9,000 words and a handful of names, so each other word costs one lookup,
    and a paragraph without such a word no more."""
    begins = _name_beginnings(directory)
    if not begins.any_in(text.split()):
        return []
    words = [match.span() for match in _WORD.finditer(text)]  # the words of text.split()
    found, free = [], 0  # the first word not yet in a name found
    for index, (start, _) in enumerate(words):
        if index < free or text[start:words[index][1]] not in begins.beginning:
            continue
        for size in (4, 3, 2):
            if index + size > len(words):
                continue
            end = words[index + size - 1][1]
            phrase = text[start:end].rstrip(".,;:!?)’'\"").lstrip("(“‘'\"")
            phrase = re.sub(r"['’]s$", "", phrase)  # "Andrew Ng's course"
            slug = directory.names.get(name_key(phrase))
            if slug:
                offset = text.index(phrase, start)
                found.append((offset, offset + len(phrase), slug))
                free = index + size
                break
    return found


class _Beginnings:
    """Whether a word, as written, could begin a known name: its key's first word
    is some name's. Each word judged once, and a paragraph's words together, in
    sets: an hour of speech is some 9,000 words, and few begin a name."""

    def __init__(self, names: dict) -> None:
        self.firsts = frozenset(key.partition(" ")[0] for key in names)
        self.judged: set[str] = set()
        self.beginning: set[str] = set()

    def any_in(self, words: list[str]) -> bool:
        """Whether one of ``words`` could begin a name (each judged, in ``beginning``)."""
        for word in set(words).difference(self.judged):
            self.judged.add(word)
            if name_key(word.lstrip("(“‘'\"")).partition(" ")[0] in self.firsts:
                self.beginning.add(word)
        return not self.beginning.isdisjoint(words)


_BEGINS: list = [None, 0, None]  # the names dict, its size, its _Beginnings


def _name_beginnings(directory: Directory) -> _Beginnings:
    """The names' beginnings (made again when the names change: names are only
    ever added)."""
    if _BEGINS[0] is not directory.names or _BEGINS[1] != len(directory.names):
        _BEGINS[:] = [directory.names, len(directory.names), _Beginnings(directory.names)]
    return _BEGINS[2]


@dataclass(frozen=True)
class TranscriptText:
    """What a transcript page shows of its file: its paragraphs under the
    episode's chapters, as data (``parts``: (the chapter opened, or None before
    the first; its title with its quotes curled; its paragraphs, as
    ``transcript_text`` holds them))."""

    episode: str  # docname
    video: str
    parts: tuple[tuple[Chapter | None, str, tuple], ...]

    def as_nodes(self, curled_titles: bool) -> list[nodes.Node]:
        """The chapters as sections, their paragraphs as ``transcript_text``
        (the titles as written, for SmartQuotes to curl, or curled)."""
        content: list[nodes.Node] = []
        holder = None
        for chapter, curled, said in self.parts:
            if chapter is not None:
                holder = nodes.section(ids=[f"transcript-{chapter.start}"],
                                       names=[nodes.fully_normalize_name(
                                           f"{chapter.label} {chapter.title}")])
                holder += nodes.title("", curled if curled_titles else chapter.title)
                content.append(holder)
            run = transcript_text(episode=self.episode, video=self.video,
                                  paragraphs=list(said))
            (holder.append if holder is not None else content.append)(run)
        return content


def read_paragraphs(env, path: Path, episode_doc: str, video: str,
                    chapters: tuple[Chapter, ...], curl, location
                    ) -> tuple[TranscriptText, Transcript] | None:
    """The transcript file at ``path`` (inside the project) read for the page
    being read: its troubles warned of at their lines, its paragraphs, and who
    it names when; None (warned of at ``location``) when it has no cue."""
    srcdir = Path(os.path.normpath(env.srcdir))
    env.note_dependency(str(path))
    text, troubles = load(path)
    kind = KINDS[path.suffix.lower()]
    cues, broken = read_transcript(text, kind)
    for trouble in troubles + broken:
        logger.warning(trouble.message, location=f"{path}:{trouble.line}", type="podcast",
                       subtype=trouble.subtype)
    if not cues:
        logger.warning("the transcript has no cue to show: nothing is shown",
                       location=location, type="podcast", subtype="transcript")
        return None
    directory = state_of(env).directory
    moments: list[tuple[str, int]] = []
    parts: list[tuple[Chapter | None, str, list]] = []
    for part in paragraphs(cues, chapters):
        if part.chapter is not None or not parts:
            parts.append((part.chapter, curl([part.chapter.title])[0] if part.chapter else "",
                          []))
        parts[-1][2].append(paragraph_of(part, directory, moments, curl))
    return (TranscriptText(episode_doc, video, tuple((chapter, title, tuple(found))
                                                     for chapter, title, found in parts)),
            Transcript(episode_doc, path.relative_to(srcdir).as_posix(), kind, tuple(moments)))


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
                               chapters, quote_curler(self.state.document),
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
        curl = quote_curler(self.document)
        read = read_paragraphs(self.env, Path(self.env.srcdir) / found.file, docname,
                               episode.youtube_id or "", chapters_of(body_of(self.env).chapters),
                               curl, (docname, 1))
        if read is None:
            return
        text, transcript = read
        heading = f"Transcript: {episode.title}"
        self.env.temp_data[DRAWN] = DrawnTranscript(
            found.page, heading, curl([heading])[0], curl(["The episode: ", episode.title])[1],
            text)
        state.add_transcript(docname, found.page, transcript)


def paragraph_of(part: Paragraph, directory: Directory, moments: list[tuple[str, int]],
                 curl) -> tuple[int, str, str, tuple[tuple[str, str], ...]]:
    """One paragraph of ``transcript_text``; the people it names added to ``moments``."""
    time = format_time(part.start)
    speaker = f"{part.speaker}: " if part.speaker else ""
    pieces: list[tuple[str, str]] = []
    at = 0
    for start, end, slug in names_in(part.text, directory):
        pieces += [(part.text[at:start], ""), (part.text[start:end], directory.people[slug].name)]
        moments.append((slug, part.start))
        at = end
    pieces.append((part.text[at:], ""))
    # curled together, as SmartQuotes curls a paragraph's text nodes
    texts = curl([time, " ", *([speaker] if speaker else []), *(text for text, _ in pieces)])
    time, speaker = texts[0], texts[2] if speaker else ""
    curled = texts[3:] if speaker else texts[2:]
    return (part.start, time, speaker,
            tuple((text, name) for text, (_, name) in zip(curled, pieces, strict=True)))


def quote_curler(document: nodes.document):
    """What Sphinx's SmartQuotes would make of a paragraph's texts, in this document:
    a function of the texts, in order (the same texts where it would not curl)."""
    quotes = SphinxSmartQuotes(document, startnode=None)
    if not quotes.is_available() or not document.settings.smart_quotes:
        return list
    language = document.settings.language_code
    if str(document.settings.smart_quotes).startswith("alt"):
        language += "-x-altquot"
    for tag in normalize_language_tag(language):
        if tag in smartquotes.smartchars.quotes:
            language = tag
            break
    else:
        language = ""
    return curler(language, document.settings.env.config.smartquotes_action)


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
    app.connect("env-get-outdated", names_changed)

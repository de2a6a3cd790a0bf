"""A transcript's text: its WebVTT or SRT file read into paragraphs, each
starting with its time and who speaks, under the episode's chapters; the names
of known people in them found (to link them, and to list the moments on the
people's pages), their quotes curled as SmartQuotes would.

``transcript_parts`` needs nothing of the build, so that a serial build can
read transcripts ahead on its other core (``reading.transcript_page``); the
paragraphs are kept as data, not nodes (``transcript_text``), drawn as HTML in
one go (``writing.transcript_html``).
"""

from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.utils import normalize_language_tag, smartquotes
from sphinx.transforms import SphinxSmartQuotes
from sphinx.util import logging

from ..build_speed.smart_quotes import curler
from ..core.people.directory import Directory
from ..core.post.timestamps import Chapter
from ..core.text.names import name_key
from ..core.text.times import format_time
from ..core.transcripts.captions import (
    KINDS,
    Paragraph,
    Transcript,
    paragraphs,
    read_transcript,
)
from ..core.transcripts.files import load
from ..state.domain import state_of

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


def transcript_parts(directory: Directory, path: Path, chapters: tuple[Chapter, ...],
                     quoting: tuple[str, str] | None) -> tuple[list, tuple | None, tuple]:
    """A transcript file read: what was wrong in it, its parts (as
    ``TranscriptText.parts``; None without a cue) and who it names when.
    Needs nothing of the build (it may run ahead, in a process of its own):
    ``quoting`` is how SmartQuotes curls (``quoting_of``), None for not at all."""
    text, troubles = load(path)
    cues, broken = read_transcript(text, KINDS[path.suffix.lower()])
    if not cues:
        return troubles + broken, None, ()
    curl = curler_of(quoting)
    moments: list[tuple[str, int]] = []
    parts: list[tuple[Chapter | None, str, list]] = []
    for part in paragraphs(cues, chapters):
        if part.chapter is not None or not parts:
            parts.append((part.chapter, curl([part.chapter.title])[0] if part.chapter else "",
                          []))
        parts[-1][2].append(paragraph_of(part, directory, moments, curl))
    return (troubles + broken,
            tuple((chapter, title, tuple(found)) for chapter, title, found in parts),
            tuple(moments))


def read_paragraphs(env, path: Path, episode_doc: str, video: str,
                    chapters: tuple[Chapter, ...], quoting, location, ahead=None
                    ) -> tuple[TranscriptText, Transcript] | None:
    """The transcript file at ``path`` (inside the project) read for the page
    being read (or as ``transcript_parts`` read it ahead): its troubles warned
    of at their lines, its paragraphs, and who it names when; None (warned of
    at ``location``) when it has no cue."""
    srcdir = Path(os.path.normpath(env.srcdir))
    env.note_dependency(str(path))
    troubles, parts, moments = ahead or transcript_parts(state_of(env).directory, path,
                                                         chapters, quoting)
    for trouble in troubles:
        logger.warning(trouble.message, location=f"{path}:{trouble.line}", type="podcast",
                       subtype=trouble.subtype)
    if parts is None:
        logger.warning("the transcript has no cue to show: nothing is shown",
                       location=location, type="podcast", subtype="transcript")
        return None
    return (TranscriptText(episode_doc, video, parts),
            Transcript(episode_doc, path.relative_to(srcdir).as_posix(),
                       KINDS[path.suffix.lower()], moments))


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


def quoting_of(document: nodes.document) -> tuple[str, str] | None:
    """How Sphinx's SmartQuotes curls this document's texts: its language and
    action (``build_speed.smart_quotes.curler``), None where it curls none."""
    quotes = SphinxSmartQuotes(document, startnode=None)
    if not quotes.is_available() or not document.settings.smart_quotes:
        return None
    language = document.settings.language_code
    if str(document.settings.smart_quotes).startswith("alt"):
        language += "-x-altquot"
    for tag in normalize_language_tag(language):
        if tag in smartquotes.smartchars.quotes:
            language = tag
            break
    else:
        language = ""
    return language, document.settings.env.config.smartquotes_action


def curler_of(quoting: tuple[str, str] | None):
    """What Sphinx's SmartQuotes would make of a paragraph's texts, curling as
    ``quoting`` says (``quoting_of``): a function of the texts, in order (the
    same texts where it would not curl)."""
    return curler(*quoting) if quoting else list



"""Transcripts: WebVTT and SRT files read into cues, and cues into readable
paragraphs. No Sphinx here.

webvtt-py and srt read each cue; the file is cut into its blocks first, so that
one broken cue (a broken time, a stray line) costs that cue alone, with its
line. Speakers come from WebVTT voice tags (``<v Ann Lee>``) and from a name
and colon at the start of a cue (``Ann Lee: ...``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import srt
import webvtt

from ..post.timestamps import Chapter
from ..text.encoding import visible
from ..text.names import normalise_space

TRANSCRIPTS_DIR = "transcripts"  # where the transcript pages go
KINDS = {".vtt": "vtt", ".srt": "srt"}
MEDIA_TYPES = {"vtt": "text/vtt", "srt": "application/x-subrip"}
MAX_CUES = 20_000  # a long episode has a few thousand; beyond this the rest is left out
PARAGRAPH_WORDS = 150  # a paragraph this long ends at the next sentence's end
_SPEAKER = re.compile(r"^(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s+")
_HEADER = re.compile(r"^(?:WEBVTT|NOTE|STYLE|REGION)\b")


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str
    speaker: str = ""
    line: int = 0  # in the file, 1-based


@dataclass(frozen=True)
class Trouble:
    line: int
    message: str


@dataclass(frozen=True)
class Paragraph:
    start: int  # seconds
    speaker: str
    text: str
    chapter: Chapter | None = None  # the chapter this paragraph opens


def transcript_file(post: Path, named: str = "") -> Path | None:
    """A post's transcript: the file its front matter names (``transcript:``,
    beside the post), else a ``.vtt`` or ``.srt`` file with the post's name."""
    candidates = [Path(os.path.normpath(post.parent / named))] if named.strip() else [
        post.with_suffix(suffix) for suffix in KINDS]
    return next((path for path in candidates
                 if path.suffix.lower() in KINDS and path.is_file()), None)


def transcript_page(episode: str) -> str:
    """The transcript page of the episode ``episodes/x``: ``transcripts/x``."""
    return f"{TRANSCRIPTS_DIR}/{PurePosixPath(episode).name}"


def _blocks(text: str) -> list[tuple[int, str]]:
    """The file's blank-line-separated blocks, each with its first line's number."""
    found, lines, start = [], [], 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            found.append((start, "\n".join(lines)))
            lines = []
    if lines:
        found.append((start, "\n".join(lines)))
    return found


def _vtt(block: str) -> list[Cue]:
    return [Cue(caption.start_in_seconds + caption.start_time.milliseconds / 1000,
                caption.end_in_seconds + caption.end_time.milliseconds / 1000,
                caption.text, caption.voice or "")
            for caption in webvtt.from_string("WEBVTT\n\n" + block)]


def _srt(block: str) -> list[Cue]:
    return [Cue(subtitle.start.total_seconds(), subtitle.end.total_seconds(), subtitle.content)
            for subtitle in srt.parse(block + "\n")]


def read_transcript(text: str, kind: str) -> tuple[list[Cue], list[Trouble]]:
    """A transcript's cues (``kind``: ``vtt`` or ``srt``), and what was wrong."""
    cues: list[Cue] = []
    troubles: list[Trouble] = []
    parse = _vtt if kind == "vtt" else _srt
    for line, block in _blocks(text):
        if kind == "vtt" and _HEADER.match(block):
            continue
        if len(cues) >= MAX_CUES:
            troubles.append(Trouble(line, f"more than {MAX_CUES} cues: the rest is left out"))
            break
        try:
            read = parse(block)
        except Exception as error:  # each library has its own errors for a broken cue
            read, why = [], type(error).__name__
        else:
            why = "no cue time"
        if not read:
            troubles.append(Trouble(line, f"cannot read this cue ({why}): skipped"))
            continue
        for cue in read:
            words = normalise_space(re.sub(r"<[^>]+>", " ", visible(cue.text)))
            speaker = normalise_space(cue.speaker)
            if not speaker and (found := _SPEAKER.match(words)):
                speaker, words = found["name"], words[found.end():]
            if not words:
                troubles.append(Trouble(line, "an empty cue: skipped"))
                continue
            if cues and cue.start < cues[-1].start:
                troubles.append(Trouble(line, "this cue starts before the one above it: "
                                        "kept where it stands"))
            cues.append(Cue(cue.start, cue.end, words, speaker, line))
    return cues, troubles


def paragraphs(cues: list[Cue], chapters: tuple[Chapter, ...] = ()) -> list[Paragraph]:
    """Cues joined into paragraphs: a new one at each change of speaker, at each
    chapter, and after about ``PARAGRAPH_WORDS`` words at a sentence's end."""
    starts = sorted(chapters, key=lambda chapter: chapter.start)
    found: list[Paragraph] = []
    words: list[str] = []
    opened: Chapter | None = None
    for cue in cues:
        chapter = None
        while starts and starts[0].start <= cue.start:
            chapter = starts.pop(0)
        ends_sentence = bool(words) and words[-1][-1:] in ".?!"
        if (not found or chapter or cue.speaker != found[-1].speaker
                or (len(words) >= PARAGRAPH_WORDS and ends_sentence)):
            if found:
                found[-1] = Paragraph(found[-1].start, found[-1].speaker, " ".join(words),
                                      opened)
            found.append(Paragraph(int(cue.start), cue.speaker, ""))
            words, opened = [], chapter
        words.extend(cue.text.split())
    if found:
        found[-1] = Paragraph(found[-1].start, found[-1].speaker, " ".join(words), opened)
    return found


@dataclass(frozen=True)
class Transcript:
    """What a transcript page records: its episode, its file, and who is named when."""

    episode: str  # docname
    file: str  # path from the source folder
    kind: str  # vtt or srt
    moments: tuple[tuple[str, int], ...] = ()  # (person slug, paragraph start in seconds)

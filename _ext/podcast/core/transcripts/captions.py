"""Transcripts: WebVTT and SRT files read into cues, and cues into readable
paragraphs. No Sphinx here.

webvtt-py and srt read each cue; the file is cut into its blocks first, so that
one broken cue (a broken time, a stray line) costs that cue alone, with its
line. Speakers come from WebVTT voice tags (``<v Ann Lee>``) and from a name
and colon at the start of a cue (``Ann Lee: ...``). What one transcript may
cost is bounded: its cues (``MAX_CUES``), a cue's length (``MAX_CUE_CHARS``)
and the troubles listed (``MAX_TROUBLES``); its bytes are bounded where the
file is read (``files.load``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import srt
import webvtt

from ..post.timestamps import Chapter
from ..text.names import normalise_space

TRANSCRIPTS_DIR = "transcripts"  # where the transcript pages go
KINDS = {".vtt": "vtt", ".srt": "srt"}
MEDIA_TYPES = {"vtt": "text/vtt", "srt": "application/x-subrip"}
MAX_CUES = 20_000  # a long episode has a few thousand; beyond this the rest is left out
MAX_CUE_CHARS = 2_000  # a cue is a sentence or two; a longer one is cut
MAX_TROUBLES = 100  # a file broken throughout warns this often, then once for the rest
TOO_MANY_CUES = f"more than {MAX_CUES} cues: the rest is left out"
PARAGRAPH_WORDS = 150  # a paragraph this long ends at the next sentence's end
# a cue without a voice that starts so ("Ada Lovelace: ...") is that speaker's
SPEAKER_LABEL = re.compile(r"^(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")  # WebVTT's line ends
_HEADER = re.compile(r"^(?:WEBVTT|NOTE|STYLE|REGION)\b")


class Cue(NamedTuple):
    """One cue as said (a tuple: an hour has a thousand, each made in a microsecond)."""

    start: float  # seconds
    end: float
    text: str
    speaker: str = ""
    line: int = 0  # in the file, 1-based


@dataclass(frozen=True)
class Trouble:
    line: int
    message: str
    subtype: str = "transcript"  # the warning's: podcast.transcript, podcast.encoding


@dataclass(frozen=True)
class Paragraph:
    start: int  # seconds
    speaker: str
    text: str
    chapter: Chapter | None = None  # the chapter this paragraph opens


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """The file's blank-line-separated blocks, each with its first line's number
    (one at a time: ``has_cues`` stops at the first cue)."""
    if "\r" in text:
        yield from _blocks_line_by_line(text)
        return
    # the usual file, its lines ended by "\n" alone: each block in one match
    line, at = 1, 0
    for found in _BLOCK.finditer(text):
        line += text.count("\n", at, found.start())
        at = found.start()
        yield line, found.group().removesuffix("\n")


_BLOCK = re.compile(r"^(?:[^\n]*\S[^\n]*(?:\n|\Z))+", re.M)  # lines not blank, one after another


def _blocks_line_by_line(text: str) -> Iterator[tuple[int, str]]:
    """``_blocks`` for any line ends (``\r\n``, ``\r``, ``\n``)."""
    lines: list[str] = []
    start = 0
    # line by line, not all lines at once: a transcript may be megabytes of tiny cues
    for number, found in enumerate(_LINE.finditer(text), start=1):
        line = found.group().rstrip("\r\n")
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            yield start, "\n".join(lines)
            lines = []
    if lines:
        yield start, "\n".join(lines)


# The cue nearly every caption tool writes: perhaps an identifier, the two times
# alone on their line, the text. The library spends some 60 µs on each cue
# (settings, times, regions: an hour of them, 40 ms); such a cue is read here
# with one match, giving the cue the library gives (``tests/test_scale.py``
# checks it against the library). Every other block is the library's to read.
_TIME = r"(?:(\d{2,3}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_PLAIN_CUE = re.compile(rf"(?:[^\n]*\n)?{_TIME}[ \t]+-->[ \t]+{_TIME}[ \t]*\n(.+)", re.S)
_CUE_TAG = re.compile(r"<[^>]*>")


def _seconds(hours: str | None, minutes: str, seconds: str, milliseconds: str) -> float:
    return (int(hours) * 3600 if hours else 0) + int(minutes) * 60 + int(seconds) \
        + int(milliseconds) / 1000


def plain_cue(block: str) -> Cue | None:
    """The cue of a block in the common shape (see ``_PLAIN_CUE``), else None."""
    found = _PLAIN_CUE.fullmatch(block)
    if found is None:
        return None
    hours, minutes, seconds, milliseconds, *end, said = found.groups()
    if "-->" in said:
        return None
    voice = webvtt.Caption.VOICE_SPAN_PATTERN.match(said.partition("\n")[0]) \
        if said.startswith("<v") else None
    if "<" in said:  # tags out, line by line as the library reads them
        said = "\n".join(_CUE_TAG.sub("", line) for line in said.split("\n")) \
            if "\n" in said else _CUE_TAG.sub("", said)
    return Cue(_seconds(hours, minutes, seconds, milliseconds), _seconds(*end), said,
               voice[1] if voice else "")


def _vtt(block: str) -> list[Cue]:
    return [Cue(caption.start_in_seconds + caption.start_time.milliseconds / 1000,
                caption.end_in_seconds + caption.end_time.milliseconds / 1000,
                caption.text, caption.voice or "")
            for caption in webvtt.from_string("WEBVTT\n\n" + block)]


def _srt(block: str) -> list[Cue]:
    return [Cue(subtitle.start.total_seconds(), subtitle.end.total_seconds(), subtitle.content)
            for subtitle in srt.parse(block + "\n")]


def cue_words(text: str) -> str:
    """A cue's text as said: markup out, then character references (``Q&amp;A``,
    ``&#39;``) read as the characters (the page escapes them once, as any text)."""
    if text.isascii() and "<" not in text and "&" not in text:  # most cues: spaces alone
        return " ".join(text.split())
    return normalise_space(html.unescape(_MARKUP.sub(" ", text) if "<" in text else text))


_MARKUP = re.compile(r"<[^>]+>")


# Cues the library reads in one call: each call costs about as much as reading a cue,
# so an hour's 900 cues read one by one cost twice what they cost read together.
BATCH = 256


def _parsed(text: str, kind: str, batch: int, fast: bool = True
            ) -> Iterator[tuple[int, list[Cue], str]]:
    """Each cue block's line and what was read of it (and why not, if nothing):
    a plain WebVTT cue at once (unless not ``fast``), the library's ``batch``
    blocks at once, one by one where a batch does not read as exactly one cue a
    block (a broken cue among them)."""
    parse = _vtt if kind == "vtt" else _srt
    blocks: list[tuple[int, str]] = []
    for line, block in _blocks(text):
        if kind == "vtt" and _HEADER.match(block):
            continue
        if kind == "vtt" and fast and (cue := plain_cue(block)) is not None:
            yield from _each(blocks, parse)  # the blocks before it first
            blocks = []
            yield line, [cue], ""
            continue
        blocks.append((line, block))
        if len(blocks) == batch:
            yield from _each(blocks, parse)
            blocks = []
    yield from _each(blocks, parse)


def _each(blocks: list[tuple[int, str]], parse) -> Iterator[tuple[int, list[Cue], str]]:
    # one timing line a block, and as many cues as blocks: each cue is its block's
    if len(blocks) > 1 and all(block.count("-->") == 1 for _, block in blocks):
        try:
            read = parse("\n\n".join(block for _, block in blocks))
        except Exception:  # a broken cue among them: read one by one below
            read = []
        if len(read) == len(blocks):
            yield from ((line, [cue], "") for (line, _), cue in zip(blocks, read, strict=True))
            return
    for line, block in blocks:
        try:
            yield line, parse(block), "no cue time"
        except Exception as error:  # each library has its own errors for a broken cue
            yield line, [], type(error).__name__


def _read(text: str, kind: str, batch: int = BATCH, fast: bool = True
          ) -> Iterator[Cue | Trouble]:
    """The transcript's cues and troubles, in the file's order."""
    count, last = 0, None
    speakers: dict[str, str] = {"": ""}  # each voice as written, read once
    for line, read, why in _parsed(text, kind, batch, fast):
        if count >= MAX_CUES:
            yield Trouble(line, TOO_MANY_CUES)
            return
        if not read:
            yield Trouble(line, f"cannot read this cue ({why}): skipped")
            continue
        for cue in read:
            words = cue_words(cue.text)
            speaker = speakers.get(cue.speaker)
            if speaker is None:
                speaker = speakers[cue.speaker] = normalise_space(html.unescape(cue.speaker))
            if not speaker and (found := SPEAKER_LABEL.match(words)):
                speaker, words = found["name"], words[found.end():]
            if not words:
                yield Trouble(line, "an empty cue: skipped")
                continue
            if len(words) > MAX_CUE_CHARS:
                yield Trouble(line, f"a cue of more than {MAX_CUE_CHARS:,} characters: cut")
                words = words[:MAX_CUE_CHARS].rsplit(" ", 1)[0] + "…"
            if last is not None and cue.start < last:
                yield Trouble(line, "this cue starts before the one above it: "
                                    "kept where it stands")
            count, last = count + 1, cue.start
            yield Cue(cue.start, cue.end, words, speaker, line)


def read_transcript(text: str, kind: str, batch: int = BATCH, fast: bool = True
                    ) -> tuple[list[Cue], list[Trouble]]:
    """A transcript's cues (``kind``: ``vtt`` or ``srt``), and what was wrong
    (the first ``MAX_TROUBLES``, one line for the rest, and the cut if any).
    Not ``fast``: every cue read by the library (what the fast reading is
    checked against)."""
    cues: list[Cue] = []
    troubles: list[Trouble] = []
    more, cut = 0, None
    for found in _read(text, kind, batch, fast):
        if isinstance(found, Cue):
            cues.append(found)
        elif found.message == TOO_MANY_CUES:
            cut = found
        elif len(troubles) < MAX_TROUBLES:
            troubles.append(found)
        else:
            more += 1
    if more:
        troubles.append(Trouble(troubles[-1].line, f"and {more:,} more troubles below this "
                                                   "line, not listed"))
    return cues, troubles + ([cut] if cut else [])


def has_cues(text: str, kind: str) -> bool:
    """Whether the transcript has a cue to show (read up to its first)."""
    return any(isinstance(found, Cue) for found in _read(text, kind))


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

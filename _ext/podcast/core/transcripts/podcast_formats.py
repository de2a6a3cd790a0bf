"""The Podcasting 2.0 transcript formats a podcast feed links, JSON and HTML,
written as WebVTT with the speakers kept as voice tags. No Sphinx here.

JSON: ``{"version": "1.0.0", "segments": [{"speaker": "Ann", "startTime": 0.5,
"endTime": 2.1, "body": "Hello"}]}`` (many hosts write a segment a word: a
speaker's neighbouring segments are joined into cues of a sentence or so).
HTML: blocks of ``<cite>Ann:</cite> <time>00:00:01</time> <p>Hello</p>``; a
cue ends where the next begins. Both come from the network: the text is
escaped for WebVTT (``&``, ``<``, ``>``), a speaker's name is one line, and
what may be made is bounded (``MAX_CUES``, ``MAX_CUE_CHARS``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..text.names import normalise_space
from .captions import MAX_CUE_CHARS, MAX_CUES

MAX_SPEAKER = 100  # characters of a speaker's name
MAX_SECONDS = 100 * 3600  # no episode is longer
_JOIN_GAP = 2.0  # seconds of silence that end a cue of joined segments
_JOIN_CHARS = 200  # a cue of joined segments ends before it grows longer
_SENTENCE_CHARS = 60  # ... and at a sentence's end once it is this long
_LAST_CUE = 5.0  # seconds given to the last HTML block (nothing follows to end it)


class FormatError(ValueError):
    """A transcript that is not in the format its type says."""


@dataclass(frozen=True)
class Said:
    start: float
    end: float
    text: str
    speaker: str = ""


def escaped(text: str) -> str:
    """Text as WebVTT cue text: one line, ``&``, ``<`` and ``>`` escaped (so no tag
    and no ``-->`` can come of it)."""
    return normalise_space(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def timestamp(seconds: float) -> str:
    """WebVTT's ``HH:MM:SS.mmm``."""
    millis = round(max(0.0, seconds) * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


_TRAILING_DASHES = re.compile(r"[\s-]+$")


def webvtt(cues: list[Said]) -> str:
    """The cues as a WebVTT file, a ``<v Speaker>`` tag where the speaker is known."""
    blocks = ["WEBVTT\n"]
    for cue in cues[:MAX_CUES]:
        text = normalise_space(cue.text)
        if len(text) > MAX_CUE_CHARS:  # cut as the reader would, before escaping
            text = text[:MAX_CUE_CHARS].rsplit(" ", 1)[0] + "…"
        text = escaped(text)
        # a name ending in "-" (or "- -") would make "-->" of the tag's ">": a cue
        # time to a reader
        speaker = _TRAILING_DASHES.sub("", escaped(cue.speaker)[:MAX_SPEAKER]).strip()
        voice = f"<v {speaker}>" if speaker else ""
        blocks.append(f"{timestamp(cue.start)} --> {timestamp(cue.end)}\n{voice}{text}\n")
    return "\n".join(blocks)


def _seconds(value) -> float | None:
    """A time in seconds as JSON gives it (a number, or digits in a string)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value) if 0 <= value <= MAX_SECONDS else None


def _speaker(value) -> str:
    name = normalise_space(value)[:MAX_SPEAKER] if isinstance(value, str) else ""
    return name.rstrip(":").strip()


def json_segments(text: str) -> list[Said]:
    """The segments of a Podcasting 2.0 JSON transcript; ``FormatError`` when it is
    none. A segment without a time or words is skipped."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise FormatError(f"no JSON ({type(error).__name__})") from None
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list):
        raise FormatError('no "segments" list: not a Podcasting 2.0 JSON transcript')
    found = []
    for segment in segments[: MAX_CUES * 20]:  # words, joined into cues below
        if not isinstance(segment, dict) or not isinstance(segment.get("body"), str):
            continue
        start, end = _seconds(segment.get("startTime")), _seconds(segment.get("endTime"))
        words = normalise_space(segment["body"])
        if start is None or not words:
            continue
        found.append(Said(start, end if end is not None and end >= start else start, words,
                          _speaker(segment.get("speaker"))))
    return found


def joined(segments: list[Said]) -> list[Said]:
    """Neighbouring segments of one speaker joined into cues: a cue ends at a change of
    speaker, a pause, a length, or a sentence's end once it is long enough."""
    cues: list[Said] = []
    for segment in segments:
        last = cues[-1] if cues else None
        if (last is not None and last.speaker == segment.speaker
                and 0 <= segment.start - last.end <= _JOIN_GAP
                and len(last.text) + len(segment.text) < _JOIN_CHARS
                and not (len(last.text) >= _SENTENCE_CHARS and last.text[-1] in ".?!")):
            cues[-1] = Said(last.start, max(last.end, segment.end),
                            f"{last.text} {segment.text}", last.speaker)
        else:
            cues.append(segment)
    return cues


def json_to_webvtt(text: str) -> str:
    """A Podcasting 2.0 JSON transcript as WebVTT."""
    return webvtt(joined(json_segments(text)))


def _clock(text: str) -> float | None:
    """``00:01:02``, ``1:02``, ``01:02.5`` or ``00:01:02,500`` in seconds."""
    parts = normalise_space(text).replace(",", ".").split(":")
    if not 2 <= len(parts) <= 3 or not all(re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{1,3})?", part)
                                           for part in parts):
        return None
    numbers = [float(part) for part in parts]
    if any(number >= 60 for number in numbers[1:]) or "." in "".join(parts[:-1]):
        return None
    seconds = sum(number * 60 ** power for power, number in enumerate(reversed(numbers)))
    return seconds if seconds <= MAX_SECONDS else None


class _Blocks(HTMLParser):
    """``<cite>``, ``<time>`` and ``<p>`` in document order: (speaker, start, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, float, str]] = []
        self.speaker, self.start = "", None
        self.open: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("cite", "time", "p"):
            self.close()
            self.open, self.text = tag, []
        elif tag == "br" and self.open == "p":
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag == self.open:
            self.close()

    def handle_data(self, data):
        if self.open and sum(map(len, self.text)) < MAX_CUE_CHARS * 2:
            self.text.append(data)

    def close(self) -> None:
        text, tag = normalise_space("".join(self.text)), self.open
        self.open, self.text = None, []
        if tag == "cite":
            self.speaker = _speaker(text)
        elif tag == "time":
            self.start = _clock(text)
        elif tag == "p" and text and self.start is not None and len(self.found) < MAX_CUES:
            self.found.append((self.speaker, self.start, text))
            self.start = None  # a time is one paragraph's


def html_segments(text: str) -> list[Said]:
    """The blocks of a Podcasting 2.0 HTML transcript; ``FormatError`` when it has
    none (a paragraph without a time before it is no block)."""
    parser = _Blocks()
    parser.feed(text)
    parser.close()
    blocks = parser.found
    if not blocks:
        raise FormatError("no <time> and <p> blocks: not a Podcasting 2.0 HTML transcript")
    cues = []
    for index, (speaker, start, words) in enumerate(blocks):
        after = blocks[index + 1][1] if index + 1 < len(blocks) else start + _LAST_CUE
        cues.append(Said(start, after if after > start else start + 1.0, words, speaker))
    return cues


def html_to_webvtt(text: str) -> str:
    """A Podcasting 2.0 HTML transcript as WebVTT."""
    return webvtt(html_segments(text))

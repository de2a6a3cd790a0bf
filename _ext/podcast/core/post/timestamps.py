"""Parsing the host's timestamp lines into chapters. No Sphinx here.

The shapes his posts use, sometimes mixed in one list::

    01:15 - Career Background
    01:01:18 - Production and Real-World Applications - Don't reinvent the wheel
    [02:29](https://www.youtube.com/watch?v=VIDEO&t=149s) - What attracted you to ML?
    00:46 Introduction and Maxime's Background
    1:00:38 Life Lessons from Machine Learning
    [04:12] Why judges fail
    (10:30) Calibration

plus en and em dashes or a colon as separator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from ..text.times import format_time, parse_offset, parse_time
from ..text.urls import youtube_id_from

_TIME = r"[0-9]{1,3}:[0-9]{2}(?::[0-9]{2})?"
# The time, an optional separator (dash, en/em dash, colon, bar), then the title.
# The time may stand in brackets or parentheses: "[04:12] Title", "(04:12) Title".
_LINE = re.compile(
    rf"^\s*(?P<open>[\[(]?)(?P<time>{_TIME})(?!\d)(?!:\d)(?P<close>[\])]?)"
    rf"\s*(?:[-–—:|]+\s*)?(?P<title>.*?)\s*$",
    re.DOTALL,
)
_PAIRS = {"": "", "[": "]", "(": ")"}
_LITERAL_LINK = re.compile(
    rf"^\s*\[(?P<time>{_TIME})\]\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)(?P<rest>.*)$",
    re.DOTALL,
)
# A heading over a post's chapters: "Episode Timestamps", "Chapters".
CHAPTERS_HEADING = re.compile(r"time\s*-?\s*stamps?|chapters?", re.IGNORECASE)
_STARTS_WITH_TIME = re.compile(rf"^\s*[\[(]?{_TIME}(?![\d])")


@dataclass(frozen=True)
class Chapter:
    """One chapter: where it starts (seconds) and what it is called."""

    start: int
    title: str

    @property
    def label(self) -> str:
        return format_time(self.start)

    @property
    def anchor(self) -> str:
        """Derived from the time alone, so it survives edits of the title."""
        return "chapter-" + self.label.replace(":", "-")


@dataclass(frozen=True)
class ParsedLine:
    """A timestamp line: the chapter and what its link said, if it had one."""

    chapter: Chapter
    link_seconds: int | None = None
    link_video: str | None = None
    link: str | None = None


def link_time(url: str) -> tuple[int | None, str | None]:
    """The ``t=`` (or ``start=``) second and the video ID of a YouTube link."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    fragment = parse_qs(parts.fragment)
    value = (query.get("t") or query.get("start") or fragment.get("t") or [None])[0]
    return (parse_offset(value) if value else None), youtube_id_from(url)


def starts_with_time(text: str) -> bool:
    return _STARTS_WITH_TIME.match(text) is not None


def parse_line(text: str, link: str | None = None) -> ParsedLine | None:
    """One timestamp line (its text, and the URL if its time is a link).

    A link Markdown left as text (``[01:00](javascript:...)``: no URL scheme it
    accepts) is read too, so that the caller can refuse its URL.
    Returns ``None`` when the line has no leading time or no title.
    """
    literal = _LITERAL_LINK.match(text)
    if literal and link is None:
        text, link = literal["time"] + literal["rest"], literal["url"]
    match = _LINE.match(text)
    if match is None or _PAIRS[match["open"]] != match["close"]:
        return None
    start = parse_time(match["time"])
    title = " ".join(match["title"].split())
    if start is None or not title:
        return None
    link_seconds, link_video = link_time(link) if link else (None, None)
    return ParsedLine(Chapter(start, title), link_seconds, link_video, link)


def durations(chapters: list[Chapter]) -> list[int | None]:
    """Each chapter's length, to the next start; the last one's is unknown."""
    starts = [chapter.start for chapter in chapters]
    return [
        (following - start) if following > start else None
        for start, following in zip(starts, starts[1:], strict=False)
    ] + ([None] if starts else [])


def youtube_rule_problems(chapters: list[Chapter]) -> list[str]:
    """YouTube's own rules for chapters in a video description."""
    problems = []
    if chapters and chapters[0].start != 0:
        problems.append(f"the first chapter starts at {chapters[0].label}, YouTube wants 00:00")
    if len(chapters) < 3:
        problems.append(f"{len(chapters)} chapters, YouTube wants at least 3")
    for chapter, length in zip(chapters, durations(chapters), strict=True):
        if length is not None and length < 10:
            problems.append(f"chapter {chapter.label} lasts {length} s, YouTube wants 10 s or more")
    return problems

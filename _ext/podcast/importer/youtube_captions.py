"""A video's captions from YouTube, for an episode whose podcast item links no
transcript: off unless asked for (``--youtube-captions``), and only where the
``youtube-transcript-api`` package is installed (it is no dependency of the
site: the daily workflow installs it when the captions are switched on). No
Sphinx here.

The library fetches YouTube's caption track and returns snippets (``text``,
``start``, ``duration``: how long the line stays on screen, so they overlap);
they are written as WebVTT, each cue ending where the next begins, the text
escaped and on one line, YouTube's ``>>`` (a new speaker, unnamed) dropped.
What the library downloads cannot be bounded here in size (it reads each
answer whole); it is bounded in time (the deadline, as a feed is).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from ..core.text.names import normalise_space
from ..core.text.urls import watch_url
from ..core.transcripts.podcast_formats import Said, webvtt
from .fetching import Limits

LANGUAGES = ("en", "en-US", "en-GB")


class CaptionsError(Exception):
    """No captions: why, for the host."""


def _value(snippet, key: str):
    return snippet.get(key) if isinstance(snippet, dict) else getattr(snippet, key, None)


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return None
    return float(value) if 0 <= value <= 100 * 3600 else None


def captions_webvtt(snippets: Iterable) -> str:
    """The library's snippets (its ``FetchedTranscript``, or ``to_raw_data()``'s
    dictionaries) as WebVTT; ``CaptionsError`` when none has text."""
    lines = []
    for snippet in snippets:
        text, start = _value(snippet, "text"), _number(_value(snippet, "start"))
        length = _number(_value(snippet, "duration")) or 0.0
        if not isinstance(text, str) or start is None:
            continue
        words = normalise_space(text).removeprefix(">>").strip()
        if words:
            lines.append(Said(start, start + length, words))
    if not lines:
        raise CaptionsError("the captions have no text")
    cues = []
    for index, line in enumerate(lines):
        after = lines[index + 1].start if index + 1 < len(lines) else line.end
        end = min(line.end, after) if after > line.start else line.end
        cues.append(Said(line.start, max(end, line.start + 0.001), line.text))
    return webvtt(cues)


def _fetch(video_id: str, languages: tuple[str, ...]):
    try:
        from youtube_transcript_api import YouTubeTranscriptApi
    except ImportError:
        raise CaptionsError("youtube-transcript-api is not installed (pip install "
                            "'youtube-transcript-api>=1.2,<2')") from None
    try:
        return YouTubeTranscriptApi().fetch(video_id, languages=languages)
    except Exception as error:  # the library's own errors: no captions, blocked, unavailable
        first = str(error).strip().splitlines()
        raise CaptionsError(f"{type(error).__name__}" + (f": {first[0][:200]}" if first
                                                         else "")) from None


def fetch_captions(video_id: str, limits: Limits,
                   languages: tuple[str, ...] = LANGUAGES) -> bytes:
    """The video's captions as WebVTT bytes, within the deadline; ``CaptionsError``
    with why not."""
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["data"] = captions_webvtt(_fetch(video_id, languages)).encode("utf-8")
        except CaptionsError as error:
            outcome["error"] = str(error)

    worker = threading.Thread(target=work, name="captions download", daemon=True)
    worker.start()
    worker.join(limits.deadline)
    if worker.is_alive():
        raise CaptionsError(f"timeout: not all of it within {limits.deadline:g} s")
    if "error" in outcome:
        raise CaptionsError(outcome["error"])
    return outcome["data"]


def captions_address(video_id: str) -> str:
    """What the data file records as the captions' source: the video's page."""
    return watch_url(video_id)

"""A new episode's post, written in the host's exact shape from its video and
what matched it. No Sphinx here.

``YYYY-MM-DD-<slug>.markdown`` (``-<video ID>`` added when another post has that
name); front matter ``categories``, ``date`` (with its timezone), ``layout``,
``title`` (the video's), ``youtubeID``, ``substack_url``, and the audio of the
podcast item; a body made from the video's description: its prose, its chapter
lines as an "Episode Timestamps" list, its links as a list.

A feed is input from the network: every value it gives is written as one quoted
YAML scalar on one line, every address only when it is a web address, and the
description as text that MyST shows as written (``safe_values``).
"""

from __future__ import annotations

import re

from ..core.post.timestamps import CHAPTERS_HEADING, parse_line, starts_with_time
from ..core.text.names import slugify
from ..core.text.paths import bounded
from .matching import Match
from .safe_values import TITLE_LIMIT, URL_LIMIT, as_text, audio_type, quoted, video_id, web_url

CATEGORIES = "machine learning updates"
# "YYYY-MM-DD-" (11), "-<video ID>" (12) and ".markdown" (9) beside the slug stay
# well within the 255 bytes a file name may have.
SLUG_BYTES = 150
_URL = re.compile(r"https?://\S+")
_LABEL_ONLY = re.compile(r"^\s*(?:links?|resources|references|timestamps?|chapters?)\s*:?\s*$",
                         re.IGNORECASE)


def file_name(match: Match, with_id: bool = False) -> str:
    """The post's file name; ``with_id`` adds the video ID, which no other video has."""
    video = match.video
    slug = bounded(slugify(video.title), SLUG_BYTES)
    return f"{video.published:%Y-%m-%d}-{slug}{f'-{video.video_id}' if with_id else ''}.markdown"


def front_matter(match: Match) -> str:
    video = match.video
    lines = ["---", f"categories: {CATEGORIES}",
             f"date: {video.published:%Y-%m-%d %H:%M:%S %z}", "layout: post",
             f"title: {quoted(video.title, TITLE_LIMIT)}",
             f"youtubeID: {quoted(video_id(video.video_id), 11)}"]
    if match.newsletter and web_url(match.newsletter.url):
        lines.append(f"substack_url: {quoted(web_url(match.newsletter.url), URL_LIMIT)}")
    audio = match.item.audio if match.item else None
    if audio and web_url(audio.url):
        lines.append(f"audio_url: {quoted(web_url(audio.url), URL_LIMIT)}")
        lines.append(f"audio_type: {quoted(audio_type(audio.type) or 'audio/mpeg', 100)}")
        # whole numbers the importer read (ASCII digits), written as numbers
        if isinstance(audio.length, int):
            lines.append(f"audio_length: {audio.length:d}")
        if isinstance(audio.duration, int):
            lines.append(f"audio_duration: {audio.duration:d}")
    return "\n".join([*lines, "---"]) + "\n"


def _trimmed(url: str) -> str:
    """An address without the punctuation after it: "(see https://a.example/)." ends
    at the slash; a parenthesis of its own ("wiki/Safety_(engineering)") is kept."""
    url = url.rstrip(".,;")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;")
    return url


def _link(label: str, url: str) -> str:
    if not label:
        return f"- <{url}>"
    # an address with parentheses in angle brackets: a ")" in it cannot end the link
    return f"- [{as_text(label)}]({f'<{url}>' if '(' in url or ')' in url else url})"


def body(description: str) -> str:
    """The description's prose, then its links, then its chapters, each as text."""
    prose: list[list[str]] = [[]]
    links, chapters = [], []
    for raw in description.splitlines():
        line = raw.strip()
        found = _URL.search(line)
        url = web_url(_trimmed(found.group(0))) if found else ""
        if not line:
            prose.append([])
        elif starts_with_time(line) and parse_line(line):
            chapter = parse_line(line).chapter
            chapters.append(f"- {chapter.label} - {as_text(chapter.title)}")
        elif url:
            label = line[:found.start()].strip().rstrip(":-–— ").strip()
            links.append(_link(label, url))
        elif _LABEL_ONLY.match(line) or (CHAPTERS_HEADING.fullmatch(line.rstrip(": "))):
            continue
        else:  # an address that is no web address stays text with the rest
            prose[-1].append(as_text(line))
    parts = [" ".join(lines) for lines in prose if lines]
    if links:
        parts.append("## Links\n\n" + "\n".join(links))
    if chapters:
        parts.append("## Episode Timestamps\n\n" + "\n".join(chapters))
    return "\n\n".join(parts) + "\n"


def render(match: Match) -> str:
    return front_matter(match) + "\n" + body(match.video.description)

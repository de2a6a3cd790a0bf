"""A new episode's post, written in the host's exact shape from its video and
what matched it. No Sphinx here.

``YYYY-MM-DD-<slug>.markdown``; front matter ``categories``, ``date`` (with its
timezone), ``layout``, ``title`` (the video's, as it is), ``youtubeID``,
``substack_url``, and the audio of the podcast item; a body made from the
video's description: its prose, its chapter lines as an "Episode Timestamps"
list, its links as a list.
"""

from __future__ import annotations

import re

import yaml

from ..core.post.timestamps import CHAPTERS_HEADING, parse_line, starts_with_time
from ..core.text.names import slugify
from .matching import Match

CATEGORIES = "machine learning updates"
_URL = re.compile(r"https?://\S+")
_LABEL_ONLY = re.compile(r"^\s*(?:links?|resources|references|timestamps?|chapters?)\s*:?\s*$",
                         re.IGNORECASE)


def file_name(match: Match) -> str:
    video = match.video
    return f"{video.published:%Y-%m-%d}-{slugify(video.title)}.markdown"


def _scalar(value) -> str:
    """One YAML value as PyYAML writes it (quoted where YAML would misread it)."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True,
                          width=10**6).strip().removesuffix("...").strip()


def front_matter(match: Match) -> str:
    video = match.video
    lines = ["---", f"categories: {CATEGORIES}",
             f"date: {video.published:%Y-%m-%d %H:%M:%S %z}", "layout: post",
             f"title: {_scalar(video.title)}", f"youtubeID: {video.video_id}"]
    if match.newsletter:
        lines.append(f"substack_url: {match.newsletter.url}")
    audio = match.item.audio if match.item else None
    if audio:
        lines.append(f"audio_url: {audio.url}")
        lines.append(f"audio_type: {audio.type}")
        if audio.length:
            lines.append(f"audio_length: {audio.length}")
        if audio.duration:
            lines.append(f"audio_duration: {audio.duration}")
    return "\n".join([*lines, "---"]) + "\n"


def body(description: str) -> str:
    """The description's prose, then its links, then its chapters."""
    prose: list[list[str]] = [[]]
    links, chapters = [], []
    for raw in description.splitlines():
        line = raw.strip()
        if not line:
            prose.append([])
        elif starts_with_time(line) and parse_line(line):
            chapter = parse_line(line).chapter
            chapters.append(f"- {chapter.label} - {chapter.title}")
        elif _URL.search(line):
            url = _URL.search(line).group(0).rstrip(").,")
            label = line[:line.find(url)].strip().rstrip(":-–— ").strip()
            links.append(f"- [{label}]({url})" if label else f"- <{url}>")
        elif _LABEL_ONLY.match(line) or (CHAPTERS_HEADING.fullmatch(line.rstrip(": "))):
            continue
        else:
            prose[-1].append(line)
    parts = [" ".join(lines) for lines in prose if lines]
    if links:
        parts.append("## Links\n\n" + "\n".join(links))
    if chapters:
        parts.append("## Episode Timestamps\n\n" + "\n".join(chapters))
    return "\n\n".join(parts) + "\n"


def render(match: Match) -> str:
    return front_matter(match) + "\n" + body(match.video.description)

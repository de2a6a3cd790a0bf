"""The show's three feeds, read into plain records: the YouTube channel's Atom
feed (``yt:`` and ``media:``), the podcast's RSS (``itunes:``, ``podcast:``,
enclosures) and the Substack newsletter's RSS. feedparser reads them, dateutil
their dates (the timezone kept). No Sphinx, and no network: bytes in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import feedparser
from dateutil import parser as dates

from ..core.post.episode import Audio, episode_number, parse_title
from ..core.text.names import looks_like_name, split_names
from ..core.text.times import aware, seconds_of


class FeedError(ValueError):
    """A feed that is no feed."""


@dataclass(frozen=True)
class Video:
    video_id: str
    title: str
    published: datetime
    description: str = ""


@dataclass(frozen=True)
class PodcastItem:
    title: str
    published: datetime
    number: int | None = None
    audio: Audio | None = None


@dataclass(frozen=True)
class Newsletter:
    title: str
    published: datetime
    url: str


def _entries(data: bytes) -> list:
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise FeedError(f"no feed: {parsed.get('bozo_exception', 'unreadable')}")
    if not parsed.get("feed") and not parsed.entries:
        raise FeedError("no feed: no channel and no entries")
    return parsed.entries


def _published(entry) -> datetime | None:
    text = entry.get("published") or entry.get("updated") or ""
    try:
        moment = dates.parse(text)
    except (ValueError, OverflowError):
        return None
    return aware(moment)


def _whole(text) -> int | None:
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return None


def youtube_videos(data: bytes) -> list[Video]:
    videos = []
    for entry in _entries(data):
        published = _published(entry)
        video_id = entry.get("yt_videoid")
        if video_id and published:
            videos.append(Video(video_id, " ".join(entry.get("title", "").split()), published,
                                entry.get("summary", "")))
    return videos


def podcast_items(data: bytes) -> list[PodcastItem]:
    items = []
    for entry in _entries(data):
        published = _published(entry)
        if not published:
            continue
        title = " ".join(entry.get("title", "").split())
        audio = next((Audio(enclosure["href"], enclosure.get("type") or "audio/mpeg",
                            _whole(enclosure.get("length")),
                            seconds_of(str(entry.get("itunes_duration") or "")))
                      for enclosure in entry.get("enclosures", [])
                      if enclosure.get("href") and str(enclosure.get("type", "audio")).startswith(
                          "audio")), None)
        number = _whole(entry.get("itunes_episode")) or episode_number(title)
        items.append(PodcastItem(title, published, number, audio))
    return items


def newsletters(data: bytes) -> list[Newsletter]:
    return [Newsletter(" ".join(entry.get("title", "").split()), published, entry["link"])
            for entry in _entries(data)
            if (published := _published(entry)) and entry.get("link")]


def guests_in(title: str) -> tuple[str, ...]:
    """The guests a title names: the host's ``Name: topics | Series #N``, or the
    words before a colon or bar when they read as names (``Name: topics``)."""
    guests = parse_title(title).guests
    if guests:
        return guests
    head = title.replace("|", ":").split(":", 1)[0]
    names = split_names(head) if ":" in title.replace("|", ":") else ()
    return tuple(name for name in names if looks_like_name(name))

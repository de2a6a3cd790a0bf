"""The show's three feeds, read into plain records: the YouTube channel's Atom
feed (``yt:`` and ``media:``), the podcast's RSS (``itunes:``, ``podcast:``,
enclosures) and the Substack newsletter's RSS. feedparser reads them, dateutil
their dates (the timezone kept). No Sphinx, and no network: bytes in.

Every value is taken as ``safe_values`` allows: text on one line and bounded,
addresses that are web addresses, audio types that are audio; what was cut or
refused is in the record's ``notes``, for the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import feedparser
from dateutil import parser as dates

from ..core.post.episode import Audio, episode_number, parse_title
from ..core.text.names import looks_like_name, split_names
from ..core.text.times import aware, seconds_of
from .feed_transcripts import TranscriptLink, TranscriptsError, item_transcripts, joined
from .safe_values import (
    DESCRIPTION_LIMIT,
    ID_LIMIT,
    TITLE_LIMIT,
    audio_type,
    cut_note,
    one_line,
    text_block,
    web_url,
)

GUID_LIMIT = 300  # characters; hosts' GUIDs are UUIDs or addresses


class FeedError(ValueError):
    """A feed that is no feed."""


@dataclass(frozen=True)
class Video:
    video_id: str  # as the feed says (one line, bounded): checked before it is used
    title: str
    published: datetime
    description: str = ""
    notes: tuple[str, ...] = ()  # what was cut or refused


@dataclass(frozen=True)
class PodcastItem:
    title: str
    published: datetime
    number: int | None = None
    audio: Audio | None = None
    notes: tuple[str, ...] = ()
    guid: str = ""  # the item's <guid>, one line ("" when it has none or it is too long)
    artwork_url: str = ""  # the item's own <itunes:image href>, a web address
    transcripts: tuple[TranscriptLink, ...] = ()  # its <podcast:transcript> links
    transcripts_error: str = ""  # why the feed's transcripts could not be read


@dataclass(frozen=True)
class Newsletter:
    title: str
    published: datetime
    url: str  # "" when the feed's was no web address (see notes)
    notes: tuple[str, ...] = ()


def _entries(data: bytes) -> list:
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise FeedError(f"no feed: {parsed.get('bozo_exception', 'unreadable')}")
    if not parsed.get("feed") and not parsed.entries:
        raise FeedError("no feed: no channel and no entries")
    return parsed.entries


def _published(entry) -> datetime | None:
    text = one_line(entry.get("published") or entry.get("updated") or "", 100)
    try:
        moment = dates.parse(text)
    except (ValueError, OverflowError):
        return None
    return aware(moment)


def _whole(text) -> int | None:
    """A count written in ASCII digits (no sign, no hex, at most 12 digits)."""
    value = str(text).strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 12 else None


def _title(entry) -> tuple[str, list[str]]:
    whole = one_line(entry.get("title", ""), 10**9)
    note = cut_note("title", len(whole), TITLE_LIMIT)
    return whole[:TITLE_LIMIT].rstrip(), [note] if note else []


def youtube_videos(data: bytes) -> list[Video]:
    videos = []
    for entry in _entries(data):
        published = _published(entry)
        video_id = one_line(entry.get("yt_videoid"), ID_LIMIT)
        if published:  # a missing or malformed video ID is named when the video is skipped
            title, notes = _title(entry)
            description = text_block(entry.get("summary", ""), 10**9)
            if note := cut_note("description", len(description), DESCRIPTION_LIMIT):
                notes.append(note)
            videos.append(Video(video_id, title, published, description[:DESCRIPTION_LIMIT],
                                tuple(notes)))
    return videos


def _audio(entry, notes: list[str]) -> Audio | None:
    enclosure = next((one for one in entry.get("enclosures", []) if one.get("href") and str(
        one.get("type", "audio")).startswith("audio")), None)
    if enclosure is None:
        return None
    url = web_url(enclosure["href"])
    if not url:
        notes.append(f"audio {one_line(enclosure['href'], 80)!r} refused: not a web address")
        return None
    return Audio(url, audio_type(enclosure.get("type")) or "audio/mpeg",
                 _whole(enclosure.get("length")),
                 seconds_of(one_line(entry.get("itunes_duration") or "", 20)))


def _guid(entry, notes: list[str]) -> str:
    whole = one_line(entry.get("id") or "", 10**6)
    if len(whole) > GUID_LIMIT:
        notes.append(f"guid of {len(whole):,} characters left out (at most {GUID_LIMIT})")
        return ""
    return whole


def _artwork(entry, notes: list[str]) -> str:
    image = entry.get("image")
    href = image.get("href") if isinstance(image, dict) else None
    if not href:
        return ""
    url = web_url(href)
    if not url:
        notes.append(f"artwork {one_line(href, 80)!r} refused: not a web address")
    return url


def podcast_items(data: bytes) -> list[PodcastItem]:
    entries = _entries(data)
    try:
        links, trouble = joined(len(entries), item_transcripts(data),
                                [one_line(entry.get("id") or "", 300) for entry in entries]), ""
    except TranscriptsError as error:
        links, trouble = [()] * len(entries), str(error)
    items = []
    for entry, transcripts in zip(entries, links, strict=True):
        published = _published(entry)
        if not published:
            continue
        title, notes = _title(entry)
        audio = _audio(entry, notes)
        number = _whole(entry.get("itunes_episode")) or episode_number(title)
        for link in transcripts:
            if not link.url:
                notes.append(f"transcript {link.given!r} refused: not a web address")
        guid, artwork = _guid(entry, notes), _artwork(entry, notes)
        items.append(PodcastItem(title, published, number, audio, tuple(notes), guid, artwork,
                                 transcripts, trouble))
    return items


def newsletters(data: bytes) -> list[Newsletter]:
    posts = []
    for entry in _entries(data):
        published = _published(entry)
        if not (published and entry.get("link")):
            continue
        title, notes = _title(entry)
        url = web_url(entry["link"])
        if not url:
            notes.append(f"link {one_line(entry['link'], 80)!r} refused: not a web address")
        posts.append(Newsletter(title, published, url, tuple(notes)))
    return posts


def guests_in(title: str) -> tuple[str, ...]:
    """The guests a title names: the host's ``Name: topics | Series #N``, or the
    words before a colon or bar when they read as names (``Name: topics``)."""
    guests = parse_title(title).guests
    if guests:
        return guests
    head = title.replace("|", ":").split(":", 1)[0]
    names = split_names(head) if ":" in title.replace("|", ":") else ()
    return tuple(name for name in names if looks_like_name(name))

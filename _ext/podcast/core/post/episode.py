"""The episode record and the decoding of a post's front matter.

MyST hands front matter over as strings (lists and mappings JSON-encoded), so
every decoder here takes text. Nothing in this module imports Sphinx: it is
plain parsing, tested on its own.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath

from ..text.encoding import invisible_in
from ..text.names import clean_name, normalise_space, split_names
from ..text.paths import segment
from ..text.times import aware, seconds_of
from ..text.urls import is_web_url, thumbnail_url, watch_url, youtube_id_from
from .timestamps import Chapter

#: Keys the extension understands; everything else is kept in ``Episode.extra``.
KNOWN_KEYS = frozenset(
    {"title", "date", "categories", "layout", "youtubeID", "substack_url", "guests", "episode",
     "audio_url", "audio_type", "audio_length", "audio_duration",
     # what the show's feeds say (core.post.feed_data)
     "podcast_guid", "artwork_url", "feed_episode", "transcript_url", "transcript_sha256"}
)
#: Keys Sphinx or MyST add to the metadata themselves.
IGNORED_KEYS = frozenset({"layout", "wordcount", "orphan", "nocomments", "tocdepth"})

# An episode number: "#4", "Ep. 4", "Episode 4", "Ep 4", "Episode #4"; but a
# "Bonus Episode 2", a "Special Episode 2", a "Mini Episode 2" or a "Trailer
# Episode 2" is no episode 2.
_NUMBER = (r"(?:#|(?<!bonus )(?<!special )(?<!mini )(?<!trailer )\b(?:ep|episode)\b\.?\s*#?)"
           r"\s*(?P<number>[0-9]+)")
# "Name: topics | Learning from Machine Learning #4": the series marker at the end.
_SERIES_SUFFIX = re.compile(rf"^(?P<series>[^|#]*?)\s*{_NUMBER}\s*$", re.IGNORECASE)
_ANYWHERE = re.compile(rf"{_NUMBER}\b", re.IGNORECASE)
_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")
# "-0500" / "+05:30" at the end of a date, possibly after a space (Jekyll's form).
_TRAILING_OFFSET = re.compile(r"\s*(?P<sign>[+-])(?P<hours>\d{2}):?(?P<minutes>\d{2})$")


@dataclass(frozen=True)
class Problem:
    """Something wrong with a post's front matter, reported as a warning."""

    key: str
    subtype: str
    message: str


@dataclass(frozen=True)
class Title:
    """What a post title says: the clean title, its guests and episode number."""

    text: str
    guests: tuple[str, ...] = ()
    number: int | None = None


@dataclass(frozen=True)
class Audio:
    """The episode's audio: the podcast feed's enclosure."""

    url: str
    type: str = "audio/mpeg"
    length: int | None = None  # bytes
    duration: int | None = None  # seconds


_AUDIO_TYPE = re.compile(r"audio/[\w.+-]+")


def decode_audio(meta: dict[str, str], problems: list[Problem]) -> Audio | None:
    """``audio_url`` (http or https), ``audio_type`` (``audio/...``), ``audio_length``
    (bytes) and ``audio_duration`` (seconds, or ``H:MM:SS``)."""
    url = str(meta.get("audio_url", "")).strip()
    if not url:
        return None
    if not is_web_url(url):
        problems.append(Problem("audio_url", "link", f"audio_url {url[:60]!r} is no http(s) "
                                "URL; dropped"))
        return None
    kind = str(meta.get("audio_type", "")).strip() or "audio/mpeg"
    if not _AUDIO_TYPE.fullmatch(kind):
        problems.append(Problem("audio_type", "audio", f"audio_type {kind[:40]!r} is no audio "
                                "type such as audio/mpeg; audio/mpeg is used"))
        kind = "audio/mpeg"
    numbers = {}
    for key in ("audio_length", "audio_duration"):
        value = str(meta.get(key, "")).strip()
        number = seconds_of(value)
        if value and number is None:
            problems.append(Problem(key, "audio", f"{key} {value[:20]!r} is no whole number"
                                    + (" of seconds nor H:MM:SS" if key == "audio_duration"
                                       else " of bytes")))
        numbers[key] = number
    return Audio(url, kind, numbers["audio_length"], numbers["audio_duration"])


@dataclass(frozen=True)
class Episode:
    """One post, decoded. Plain data: it is pickled with the environment."""

    docname: str
    title: str
    raw_title: str
    published: datetime | None
    has_time: bool = False
    categories: tuple[str, ...] = ()
    youtube_id: str | None = None
    substack_url: str | None = None
    audio: Audio | None = None
    guests: tuple[str, ...] = ()
    number: int | None = None
    excerpt: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    chapters: tuple[Chapter, ...] = ()
    transcript: str | None = None  # the transcript page's docname, when there is one
    guid: str | None = None  # the podcast host's GUID of the episode
    artwork_url: str | None = None  # the episode's own artwork, from the podcast feed

    @property
    def sort_key(self) -> tuple[float, str]:
        return sort_key(self.published, self.docname)

    @property
    def year(self) -> int | None:
        return self.published.year if self.published else None

    @property
    def thumbnail_url(self) -> str | None:
        return thumbnail_url(self.youtube_id) if self.youtube_id else None

    @property
    def watch_url(self) -> str | None:
        return watch_url(self.youtube_id) if self.youtube_id else None




def is_episode(docname: str, episodes_dir: str) -> bool:
    """A post of the episodes folder (``podcast_episodes_dir``)."""
    return docname.startswith(episodes_dir.strip("/") + "/")


def sort_key(published: datetime | None, docname: str) -> tuple[float, str]:
    """Chronological order; undated posts first, ties broken by docname.

    A date without a timezone counts as UTC, so posts with and without one sort
    together.
    """
    if published is None:
        return (float("-inf"), docname)
    return (aware(published).timestamp(), docname)



def parse_title(raw: str) -> Title:
    """Split the host's title into clean title, guests and number.

    The two shapes the host writes are ``Name: topics | Series #N`` and
    ``Name | topic | Series #N``. A title without the ``#N`` series marker is
    not an interview (the welcome post, announcements): no guest is guessed.
    """
    text = normalise_space(raw)
    parts = [part.strip() for part in text.split("|")]
    suffix = _SERIES_SUFFIX.match(parts[-1]) if len(parts) > 1 else None
    if suffix is None:
        return Title(text=text)
    number = int(suffix["number"])
    parts = [part for part in parts[:-1] if part]
    if not parts:
        return Title(text=text, number=number)
    if split := _split_at_colon(parts[0]):
        guest_part, topic = split
        topics = " | ".join([topic, *parts[1:]] if topic else parts[1:])
    elif len(parts) > 1:
        guest_part, topics = parts[0], " | ".join(parts[1:])
    else:
        return Title(text=parts[0], number=number)
    clean = f"{guest_part}: {topics}" if topics else guest_part
    return Title(text=clean, guests=split_names(guest_part), number=number)




def episode_number(title: str) -> int | None:
    """The episode number a title gives: the host's series marker at its end, else
    a number anywhere in it (a feed's ``#4 Name: topics``, ``Ep. 9 - Name``)."""
    number = parse_title(title).number
    if number is None and (found := _ANYWHERE.search(normalise_space(title))):
        number = int(found["number"])
    return number


def _split_at_colon(text: str) -> tuple[str, str] | None:
    """``Name (Org: Team): topics`` -> name and topics: the first colon outside
    parentheses."""
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ":" and depth <= 0:
            return text[:index].strip(), text[index + 1:].strip()
    return None


def parse_date(text: str) -> tuple[datetime, bool]:
    """Parse Jekyll's ``2023-03-26 18:02:06 -0500``, ISO 8601 or a plain date.

    Returns the moment (timezone kept when given) and whether a time was given.
    Raises ``ValueError`` for anything else.
    """
    value = normalise_space(text)
    if not value:
        raise ValueError("empty date")
    offset = _TRAILING_OFFSET.search(value)
    if offset and len(value) > 10:  # "2023-03-26" ends in "-26", not an offset
        value = value[: offset.start()] + "{sign}{hours}:{minutes}".format(**offset.groupdict())
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        day = date.fromisoformat(value)
        return datetime(day.year, day.month, day.day), False
    return datetime.fromisoformat(value.replace(" ", "T", 1)), True


def date_from_filename(name: str) -> datetime | None:
    """Jekyll's post names start with the date: ``2023-03-26-slug.markdown``."""
    match = _FILENAME_DATE.match(PurePosixPath(name).name)
    if not match:
        return None
    try:
        return datetime(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def parse_list(text: str) -> tuple[str, ...]:
    """A YAML list (JSON-encoded by MyST) or a Jekyll space-separated string."""
    value = text.strip()
    if value.startswith("["):
        try:
            items = json.loads(value)
        except ValueError:
            items = None
        if isinstance(items, list):
            return tuple(normalise_space(str(item)) for item in items if str(item).strip())
    return tuple(value.split())


def decode_categories(text: str, problems: list[Problem]) -> tuple[str, ...]:
    """``categories``: words, each a folder of the post's old Jekyll URL, so each is
    made one safe path segment (no ``/``, ``..`` or leading dot; bounded)."""
    kept = []
    for category in parse_list(text):
        safe = segment(category)
        if safe != category:
            problems.append(Problem("categories", "path", f"the category {category[:60]!r} "
                                    "is no plain word: " + (f"read as {safe[:60]!r}" if safe
                                                            else "dropped")))
        if safe:
            kept.append(safe)
    return tuple(kept)


def parse_guests(text: str) -> tuple[str, ...]:
    """``guests``: a YAML list of names, or one string of names."""
    value = text.strip()
    if value.startswith("["):
        names = parse_list(value)
        if names or value == "[]":
            return tuple(clean_name(name) for name in names)
    return split_names(normalise_space(value))




def decode(docname: str, meta: dict[str, str]) -> tuple[Episode, list[Problem]]:
    """Decode one post's front matter (as MyST hands it over) into an Episode."""
    problems: list[Problem] = []
    hidden = invisible_in(str(meta.get("title", "")))
    if hidden:
        problems.append(Problem("title", "invisible", f"the title holds invisible characters "
                                f"({', '.join(hidden)}): removed"))
    raw_title = normalise_space(str(meta.get("title", "")))
    stem = PurePosixPath(docname).name
    if raw_title:
        title = parse_title(raw_title)
    else:
        problems.append(Problem("title", "title", "the post has no title; using its file name"))
        title = Title(text=stem)

    published, has_time = None, False
    if meta.get("date", "").strip():
        try:
            published, has_time = parse_date(meta["date"])
        except ValueError:
            problems.append(
                Problem("date", "date", f"cannot read the date {meta['date']!r}; "
                        "write it as 2023-03-26 18:02:06 -0500 or 2023-03-26")
            )
    if published is None:
        published = date_from_filename(stem)

    youtube_id = None
    if meta.get("youtubeID", "").strip():
        youtube_id = youtube_id_from(meta["youtubeID"])
        if youtube_id is None:
            problems.append(
                Problem("youtubeID", "youtube",
                        f"{meta['youtubeID']!r} is no YouTube video ID (11 letters, digits, "
                        "- or _) nor a YouTube URL; the post has no video")
            )

    substack_url = meta.get("substack_url", "").strip() or None
    if substack_url and not is_web_url(substack_url):
        problems.append(
            Problem("substack_url", "link", f"substack_url {substack_url!r} is no http(s) URL; "
                    "dropped")
        )
        substack_url = None

    audio = decode_audio(meta, problems)
    guests = title.guests
    if "guests" in meta:
        guests = parse_guests(str(meta["guests"]))
    number = title.number
    if str(meta.get("episode", "")).strip():
        try:
            number = int(str(meta["episode"]).strip())
        except ValueError:
            problems.append(
                Problem("episode", "number", f"episode {meta['episode']!r} is not a whole number")
            )
    if number is None and str(meta.get("feed_episode", "")).isdigit():
        number = int(meta["feed_episode"])  # the title says none: the podcast feed's
    artwork_url = str(meta.get("artwork_url", "")).strip() or None
    if artwork_url and not is_web_url(artwork_url):
        problems.append(Problem("artwork_url", "link", f"artwork_url {artwork_url[:60]!r} is no "
                                "http(s) URL; dropped"))
        artwork_url = None

    extra = {
        key: str(value)
        for key, value in meta.items()
        if key not in KNOWN_KEYS and key not in IGNORED_KEYS
    }
    episode = Episode(
        docname=docname,
        title=title.text,
        raw_title=raw_title,
        published=published,
        has_time=has_time,
        categories=decode_categories(str(meta.get("categories", "")), problems),
        youtube_id=youtube_id,
        substack_url=substack_url,
        audio=audio,
        guests=guests,
        number=number,
        extra=extra,
        guid=normalise_space(str(meta.get("podcast_guid", ""))) or None,
        artwork_url=artwork_url,
    )
    return episode, problems


UNDATED = "undated"  # the year of posts without a date


def year_key(episode: Episode) -> str:
    """The episode's year as the archive groups it: ``2024``, or ``undated``."""
    return str(episode.year) if episode.year else UNDATED


def format_date(moment: datetime) -> str:
    """The date as listeners read it: ``March 26, 2023``."""
    return f"{moment:%B} {moment.day}, {moment.year}"

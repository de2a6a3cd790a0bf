"""Web addresses: YouTube videos (IDs, watch, thumbnail and embed URLs) and
what makes a link a web page. No Sphinx here."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

PRIVACY_EMBED = "https://www.youtube-nocookie.com/embed/"
STANDARD_EMBED = "https://www.youtube.com/embed/"

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_URL = re.compile(
    r"""^https?://(?:www\.|m\.)?(?:
          youtu\.be/(?P<short>[A-Za-z0-9_-]{11})
        | (?:youtube\.com|youtube-nocookie\.com)/
          (?:watch\?(?:.*&)?v=|embed/|shorts/|live/|v/)(?P<long>[A-Za-z0-9_-]{11})
        )(?:[?&#/].*)?$""",
    re.VERBOSE,
)


def youtube_id_from(text: str) -> str | None:
    """The video ID itself, or the ID taken from a YouTube URL; else ``None``."""
    value = text.strip()
    if _YOUTUBE_ID.fullmatch(value):
        return value
    match = _YOUTUBE_URL.match(value)
    return (match["short"] or match["long"]) if match else None


def watch_url(video_id: str, seconds: int | None = None) -> str:
    """The video on youtube.com, at ``seconds`` if given."""
    url = f"https://www.youtube.com/watch?v={video_id}"
    return url if seconds is None else f"{url}&t={seconds}s"


def thumbnail_url(video_id: str) -> str:
    """YouTube's 480x360 thumbnail, which every video has."""
    return f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg"


# What no web address holds as it is (RFC 3986 has it percent-encoded): space and
# control characters, quotes, <>, braces, backslashes, ^, ` and |. Each could end
# the address early in HTML, XML or LaTeX, or start markup there.
_WEB_URL = re.compile(r"(?i:https?)://[^\s\x00-\x1f\x7f<>\"'{}\\^`|]+")


def is_web_url(text: str) -> bool:
    """An http(s) address with a host, holding nothing a builder would have to escape."""
    value = text.strip()
    if not _WEB_URL.fullmatch(value):
        return False
    try:
        return bool(urlsplit(value).hostname)
    except ValueError:  # a malformed port or IPv6 host
        return False


def same_page(url: str) -> str:
    """What two links to one page share: ``http://Ann.example/`` is ``https://ann.example``."""
    parts = urlsplit(url.strip())
    return f"{parts.netloc.casefold().removeprefix('www.')}{parts.path.rstrip('/')}?{parts.query}"

"""What a feed may put into a post, and how: a feed is input from the network, so
nothing it says may get further than the text of a post. No Sphinx here.

Front matter values are single-quoted YAML scalars on one line (YAML reads
nothing inside single quotes but ``''``, and a value with no line break cannot
end the front matter or start another key). Markdown from a feed is escaped so
MyST shows it as text: no directive, role, raw HTML, substitution, target or
front matter delimiter in it is live.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from ..core.post.feed_data import AUDIO_TYPE
from ..core.text.names import normalise_space

TITLE_LIMIT = 300  # characters; the show's titles are under 120
URL_LIMIT = 2_000  # what browsers and servers commonly accept
ID_LIMIT = 40  # of a video ID quoted in a message (a real one is 11)
TYPE_LIMIT = 100
DESCRIPTION_LIMIT = 10_000  # YouTube allows 5,000

VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
# Control characters, surrogates and the two non-characters YAML refuses; line and
# paragraph separators, which YAML (1.1, PyYAML) reads as line breaks.
_NOT_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")
# What a web address may not hold: what ends or escapes it in Markdown, YAML, HTML
# or LaTeX (braces, backslashes, quotes, angle brackets, backticks, ^ and |), and space.
_NOT_IN_URL = re.compile(r"[\s{}\\\"'<>`^|]")
_PRINTABLE_ASCII = "".join(map(chr, range(0x21, 0x7F)))
# What MyST reads inline: emphasis, code and roles, links and images, raw HTML,
# substitutions, math, strikethrough, entities, escapes.
_INLINE = re.compile(r"([\\`*_{}\[\]<>$~|&])")
# What MyST reads at the start of a line: headings, quotes, lists, fences (``` ~~~
# :::), thematic breaks and the front matter delimiter (---), targets ((name)=),
# comments (%), block breaks (+++), definitions (:), tables (|).
_LINE_START = re.compile(r"^([!-/:-@\[-`{-~])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def one_line(text: object, limit: int) -> str:
    """``text`` as one line of at most ``limit`` characters: control characters
    and line breaks become spaces, runs of space one, invisible characters go;
    "" for what is not text."""
    if not isinstance(text, str):
        return ""
    return normalise_space(_NOT_TEXT.sub(" ", text))[:limit].rstrip()


def quoted(text: object, limit: int) -> str:
    """``text`` as one single-quoted YAML scalar on one line."""
    return "'" + one_line(text, limit).replace("'", "''") + "'"


def video_id(text: object) -> str:
    """The video ID when it has YouTube's shape (11 of A-Z a-z 0-9 _ -), else ""."""
    value = text.strip() if isinstance(text, str) else ""
    return value if VIDEO_ID.fullmatch(value) else ""


def web_url(text: object) -> str:
    """An http(s) address with a host, letters beyond ASCII percent-encoded; ""
    for anything else (another scheme, no host, too long, or a character that
    could end or escape it where it is written)."""
    raw = text.strip() if isinstance(text, str) else ""
    if _NOT_IN_URL.search(raw) or _NOT_TEXT.search(raw):
        return ""
    value = quote(raw, safe=_PRINTABLE_ASCII)
    try:
        parts = urlsplit(value)
        host, _ = parts.hostname, parts.port  # each raises on a malformed one
    except ValueError:
        return ""
    if parts.username is not None:  # "https://youtube.com@elsewhere.example/" is elsewhere
        return ""
    return value if parts.scheme in ("http", "https") and host and len(value) <= URL_LIMIT else ""


def audio_type(text: object) -> str:
    """A MIME type of audio (``audio/mpeg``), else ""."""
    value = one_line(text, TYPE_LIMIT).casefold()
    return value if AUDIO_TYPE.fullmatch(value) else ""


def text_block(text: object, limit: int = DESCRIPTION_LIMIT) -> str:
    """A description: its lines kept, control characters gone, at most ``limit``."""
    if not isinstance(text, str):
        return ""
    lines = (one_line(line, limit) for line in text[: limit * 2].splitlines())
    return "\n".join(lines)[:limit]


def as_text(text: str) -> str:
    """Plain text written as Markdown that MyST shows as that text: every character
    it would read as syntax, inline or at the start of the line, escaped. (YouTube
    descriptions are plain text: a ``*`` there is a star.)"""
    escaped = _INLINE.sub(r"\\\1", text)
    if _ORDERED.match(text):  # "2024. A year" is no numbered list
        return _ORDERED.sub(r"\1\\\2", escaped, count=1)
    if _LINE_START.match(text) and not _INLINE.match(text):  # the latter are escaped already
        return "\\" + escaped
    return escaped


def cut_note(what: str, size: int, limit: int) -> str:
    """Why a text of ``size`` characters was shortened, for the report; "" when it fits."""
    return f"{what} cut to {limit:,} characters (it had {size:,})" if size > limit else ""

"""An episode's transcript from its podcast item's ``<podcast:transcript>`` links,
kept beside the post as the transcript the site reads. No Sphinx here.

The best link first (WebVTT, SRT, JSON, HTML; ``feed_transcripts.ranked``), the
next when one fails. Each is fetched as a feed is (``fetching``: http(s) only,
within the deadline, at most ``MAX_BYTES``, what the site reads of a
transcript); WebVTT and SRT are kept as they are, JSON and HTML turned into
WebVTT (``core.transcripts.podcast_formats``); the result must give cues when
the site's reader reads it (``core.transcripts.captions``), else it is named
and not saved. It is saved as ``<post's stem>.vtt`` or ``.srt`` beside the post:
no name from the feed is ever part of a path.

A transcript the host placed is never replaced: the import writes only where
there is none beside the post, or where the one there is exactly the one it
wrote before (its SHA-256 is the data file's ``transcript_sha256``); a post
whose front matter names its own (``transcript:``) is left alone. One imported
before from the same address is not fetched again (``refresh`` fetches it).
"""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..core.text.encoding import read_text
from ..core.transcripts.captions import KINDS, read_transcript
from ..core.transcripts.files import MAX_BYTES
from ..core.transcripts.podcast_formats import FormatError, html_to_webvtt, json_to_webvtt
from .episode_data import TRANSCRIPT_KEYS, write_atomically
from .feed_transcripts import TranscriptLink, ranked
from .fetching import FetchError, Limits, fetch
from .youtube_captions import CaptionsError


@dataclass
class Outcome:
    values: dict[str, str] = field(default_factory=dict)  # transcript_url, transcript_sha256
    told: list[str] = field(default_factory=list)
    failed: bool = False


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decoded(data: bytes) -> str:
    """A transcript's bytes as the site reads them: UTF-16 with its byte-order mark,
    else UTF-8, bytes that are none as Windows-1252 (``core.transcripts.files``)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data[: len(data) // 2 * 2].decode("utf-16", errors="replace")
    return read_text(data)


def converted(data: bytes, link: TranscriptLink) -> tuple[bytes, str]:
    """The file to save and its suffix: WebVTT and SRT as they came, JSON and HTML
    as WebVTT. ``FormatError`` when it is not what its type says."""
    if link.kind in ("vtt", "srt"):
        return data, f".{link.kind}"
    convert = json_to_webvtt if link.kind == "json" else html_to_webvtt
    return convert(decoded(data)).encode("utf-8"), ".vtt"


def broken(data: bytes, suffix: str) -> str:
    """Why the site's reader finds no cue in it; "" when it finds some."""
    cues, troubles = read_transcript(decoded(data), KINDS[suffix])
    if cues:
        return ""
    first = f" (line {troubles[0].line}: {troubles[0].message})" if troubles else ""
    return f"no cue the site can read{first}"


def beside(post: Path) -> list[Path]:
    """The transcripts the site would read beside ``post`` (links too)."""
    return [path for path in (post.with_suffix(suffix) for suffix in KINDS)
            if path.is_symlink() or path.exists()]


def _is_ours(path: Path, recorded: dict[str, str]) -> bool:
    if path.is_symlink() or not path.is_file() or not recorded.get("transcript_sha256"):
        return False
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError:
        return False
    return sha256(data) == recorded["transcript_sha256"]


@dataclass(frozen=True)
class Source:
    """Where a transcript may come from: its address (what the data file records),
    what it is (for the report), and how it is fetched: ``fetch(limits)`` gives the
    bytes to save and their suffix, or raises ``FetchError``, ``FormatError`` or
    ``CaptionsError`` with why not."""

    url: str
    what: str
    fetch: Callable[[Limits], tuple[bytes, str]]


def _from_link(link: TranscriptLink, limits: Limits) -> tuple[bytes, str]:
    data = fetch(link.url, Limits(limits.deadline, min(limits.max_bytes, MAX_BYTES)))
    return converted(data, link)


def sources(links: tuple[TranscriptLink, ...]) -> list[Source]:
    """The feed's links the site can have, best first."""
    return [Source(link.url, link.type + (", as WebVTT" if link.kind in ("json", "html")
                                          else ""), partial(_from_link, link))
            for link in ranked(links)]


def _saved(source: Source, limits: Limits) -> tuple[bytes, str]:
    saved, suffix = source.fetch(limits)
    if len(saved) > MAX_BYTES:
        raise FormatError(f"too large once written as WebVTT: more than {MAX_BYTES:,} bytes")
    if why := broken(saved, suffix):
        raise FormatError(why)
    return saved, suffix


def transcript(post: Path, name: str, offered: list[Source], recorded: dict[str, str],
               named: str, limits: Limits, dry_run: bool = False,
               refresh: bool = False) -> Outcome:
    """The transcript of the post at ``post`` (``name`` in the report) from the
    sources ``offered`` (best first): what the data file records of it, what was
    done, whether one failed. ``recorded`` is what the data file says now,
    ``named`` the post's own ``transcript:``."""
    kept = {key: recorded[key] for key in TRANSCRIPT_KEYS if key in recorded}
    if named.strip():
        return Outcome(told=[f"transcript: {name} names its own ({named.strip()[:80]!r}): "
                             "nothing fetched"] if offered else [])
    there = beside(post)
    ours = [path for path in there if _is_ours(path, recorded)]
    others = [path for path in there if path not in ours]
    if others:
        shown = Path(name).with_name(others[0].name).as_posix()
        return Outcome(told=[f"transcript: {shown} is the host's (not what the "
                             "import wrote): kept, nothing fetched"] if offered else [])
    if not offered:
        return Outcome(kept if ours else {})
    if ours and kept.get("transcript_url") == offered[0].url and not refresh:
        return Outcome(kept)
    if dry_run:
        return Outcome(kept, [f"would fetch the transcript {offered[0].url} "
                              f"({offered[0].what}) for {name}"])
    outcome = Outcome(kept if ours else {})
    for source in offered:
        try:
            saved, suffix = _saved(source, limits)
        except (FetchError, FormatError, CaptionsError) as error:
            outcome.failed = True
            outcome.told.append(f"transcript {source.url} ({source.what}) for {name}: "
                                f"FAILED: {error}; not saved")
            continue
        target = post.with_suffix(suffix)
        values = {"transcript_url": source.url, "transcript_sha256": sha256(saved)}
        if values["transcript_sha256"] == recorded.get("transcript_sha256") and target in ours:
            outcome.values = values  # the same file as before, from this address now
            break
        try:
            write_atomically(target, saved)
            for old in ours:
                if old != target:  # the import's own of the other kind, replaced
                    old.unlink()
        except OSError as error:
            outcome.failed = True
            outcome.told.append(f"transcript {source.url} for {name}: NOT WRITTEN: "
                                f"{error.strerror} ({target.name})")
            break
        outcome.values = values
        shown = Path(name).with_suffix(suffix).as_posix()
        outcome.told.append(f"{'updated' if ours else 'wrote'} {shown}: the transcript "
                            f"{source.url} ({source.what})")
        break
    return outcome

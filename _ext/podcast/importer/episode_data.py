"""What the podcast feed says of one episode, written into the data file beside
its post (``core.post.feed_data``: ``<post>.feed.yaml``). No Sphinx here.

The file holds what the feed knows and the post does not say itself: a key the
post's front matter sets (its own ``audio_url``, say) is left out, since the
post wins over the file (a new post keeps its audio in its front matter, as the
import has always written it). A file is written only when its text changes,
and never through a symbolic link; each change is told, key by key.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from ..core.post import feed_data
from .show_feeds import PodcastItem

AUDIO_KEYS = ("audio_url", "audio_type", "audio_length", "audio_duration")
TRANSCRIPT_KEYS = ("transcript_url", "transcript_sha256")


def feed_values(item: PodcastItem, own: frozenset[str] | set[str]) -> tuple[dict[str, str],
                                                                            list[str]]:
    """The data file's values for ``item`` but its transcript, without the keys the
    post sets itself (``own``); and the values left out because they are not what
    the file may hold (a duration of 30 digits, say)."""
    values: dict[str, str] = {}
    audio = item.audio
    if audio is not None and "audio_url" not in own:
        values.update({"audio_url": audio.url, "audio_type": audio.type})
        if audio.length is not None:
            values["audio_length"] = str(audio.length)
        if audio.duration is not None:
            values["audio_duration"] = str(audio.duration)
    for key, value in (("podcast_guid", item.guid), ("artwork_url", item.artwork_url),
                       ("episode", "" if item.number is None else str(item.number))):
        if value and key not in own:
            values[key] = value
    refused = []
    for key in list(values):
        if not feed_data.KEYS[key](values[key]):
            refused.append(f"{key} {values.pop(key)[:60]!r} is not what the data file may "
                           "hold: left out")
    return values, refused


def changes(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """What differs, key by key, in the file's order."""
    told = []
    for key in feed_data.KEYS:
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if before is None:
            told.append(f"{key} {after!r}")
        elif after is None:
            told.append(f"{key} removed (was {before!r})")
        else:
            told.append(f"{key} {before!r} -> {after!r}")
    return told


def write_atomically(path: Path, data: bytes) -> None:
    """``data`` as the file ``path``: written beside it, then put in its place in one
    step (a run cut short leaves the old file or the new, never half of one). A
    symbolic link at ``path`` is replaced, never written through; the caller
    refuses one first."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def update(post: Path, values: dict[str, str], name: str, dry_run: bool = False
           ) -> tuple[str, bool]:
    """Write ``values`` into ``post``'s data file when they change it: what was done
    (for the report, "" when nothing changed), and whether it failed. ``name``
    is the data file's name in the report."""
    path = feed_data.data_file(post)
    if path.is_symlink():
        return f"NOT WRITTEN: {name}: a symbolic link (the import writes no link)", True
    old_text = None
    if path.exists():
        try:
            old_text = path.read_bytes()
        except OSError as error:
            return f"NOT WRITTEN: {name}: cannot be read ({error.strerror})", True
    if old_text is None and not values:
        return "", False
    try:
        text = feed_data.data_text(values).encode("utf-8")
    except ValueError as error:  # feed_values keeps to what may be written: a slip of ours
        return f"NOT WRITTEN: {name}: {error}", True
    if text == old_text:
        return "", False
    if old_text is None:
        verb, told = ("would write", "wrote"), ", ".join(changes({}, values))
    else:
        old, _ = feed_data.read_data(old_text.decode("utf-8", errors="replace"))
        verb = ("would update", "updated")
        told = ", ".join(changes(old, values)) or "rewritten in the file's own shape"
    if dry_run:
        return f"{verb[0]} {name}: {told}", False
    try:
        write_atomically(path, text)
    except OSError as error:
        return f"NOT WRITTEN: {name}: {error.strerror}", True
    return f"{verb[1]} {name}: {told}", False

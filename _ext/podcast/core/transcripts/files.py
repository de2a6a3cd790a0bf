"""Which file is a post's transcript, the name of its page, and its bytes read
within bounds. No Sphinx here.

A transcript is read only from inside the project (``core.text.paths``): one
beside its post or named by ``transcript:`` that is absolute, climbs out or is a
symbolic link leading out is refused, with why. At most ``MAX_BYTES`` of it are
read, so a file of any size costs a build no more than that. Its page is named
after the post, the post's folders under the episodes joined by ``-``
(``episodes/2024/a`` -> ``transcripts/2024-a``); a name that another post or a
page of the host's already has gets a short hash of the post's own, so no two
share one page and none takes the host's.
"""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from ..text.encoding import not_utf8, read_text
from ..text.paths import MAX_NAME_BYTES, bounded, named_file, segment
from .captions import KINDS, TRANSCRIPTS_DIR, Trouble

# A three-hour episode's WebVTT is about 300 KB: past this a file is not a transcript's size.
MAX_BYTES = 5_000_000
_HASH = 8  # hex digits of the hash that sets a colliding page name apart


class PostTranscript(NamedTuple):
    """A post's transcript as found before reading (kept in the state for reading)."""

    page: str  # its page, "" for none
    file: str  # from the source folder, "" when refused
    warning: str = ""  # why there is no page, or why the page has another name
    subtype: str = "transcript"


def transcript_file(post: Path, named: str, root: Path) -> tuple[Path | None, str]:
    """A post's transcript: the file its front matter names (``transcript:``, from
    the post's folder), else a ``.vtt`` or ``.srt`` file with the post's name;
    each only inside ``root``. ``None`` and why when one is there but refused
    (``None`` and "" when there is none)."""
    if named.strip():
        return transcript_at(post.parent, named.strip(), root)
    for suffix in KINDS:
        beside = post.with_suffix(suffix)
        if beside.is_symlink() or beside.exists():  # a link that leads nowhere too
            return transcript_at(post.parent, beside.name, root)
    return None, ""


def transcript_at(base: Path, named: str, root: Path) -> tuple[Path | None, str]:
    """The WebVTT or SRT file ``named`` (from ``base``) when it stays inside ``root``."""
    path, why = named_file(base, named, root)
    if path is None:
        return None, why
    if path.suffix.lower() not in KINDS:
        return None, f"{named[:80]!r} is no .vtt or .srt file: not read as a transcript"
    try:
        if path.is_file():
            return path, ""
    except OSError:  # a name too long for the file system, say
        pass
    return None, f"{named[:80]!r} is no file: no transcript"


def load(path: Path, limit: int = MAX_BYTES) -> tuple[str, list[Trouble]]:
    """A transcript's text, and what was wrong reading it. At most ``limit`` bytes
    are read (one more tells that there were more: the rest is left out, from the
    last whole line). UTF-16 with its byte-order mark (what Windows tools write),
    else UTF-8, any byte that is none read as Windows-1252."""
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as error:
        return "", [Trouble(1, f"the transcript cannot be read ({error.strerror})")]
    cut = len(data) > limit
    data = data[:limit]
    troubles = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data[: len(data) // 2 * 2].decode("utf-16", errors="replace")
    else:
        if cut:  # not in the middle of a character
            data = data[: data.rfind(b"\n") + 1]
        if found := not_utf8(data):
            troubles.append(Trouble(found[0], "the transcript is no UTF-8: its bytes that are "
                                    "none were read as Windows-1252", "encoding"))
        text = read_text(data)
    if cut:
        text = text[: text.rfind("\n") + 1]  # the last line read may be cut short
        troubles.append(Trouble(text.count("\n") + 1, f"the transcript is larger than "
                                f"{limit:,} bytes: the rest is left out, and the file is "
                                "not published"))
    return text, troubles


def page_title(episode_title: str) -> str:
    """A transcript page's title, from its episode's."""
    return f"Transcript: {episode_title}"


def page_names(posts: Iterable[str], episodes: str,
               taken: Iterable[str] = ()) -> dict[str, tuple[str, str]]:
    """Each post's transcript page: docname -> (page, who had its name first, "" for
    nobody). Posts at the top of the episodes come first, then by name; a name
    ``taken`` (the host's pages in the folder) or had by a post before gets a
    hash of the post's docname, the same at every build."""
    had = {name.casefold(): f"{TRANSCRIPTS_DIR}/{name}" for name in taken}
    pages = {}
    for docname in sorted(posts, key=lambda docname: (docname.count("/"), docname)):
        name = wanted = _name(docname, episodes)
        first = had.get(wanted.casefold(), "")
        digest, size = hashlib.sha1(docname.encode("utf-8")).hexdigest(), _HASH
        while name.casefold() in had and size <= len(digest):  # longer only if that is had
            name = f"{bounded(wanted, MAX_NAME_BYTES - size - 1)}-{digest[:size]}"
            size += 4
        had.setdefault(name.casefold(), docname)
        pages[docname] = (f"{TRANSCRIPTS_DIR}/{name}", first)
    return pages


def _name(docname: str, episodes: str) -> str:
    """``episodes/2024/a`` -> ``2024-a``: the post's path under the episodes."""
    path = PurePosixPath(docname)
    folder = PurePosixPath(episodes)
    parts = path.relative_to(folder).parts if folder.parts and path.is_relative_to(
        folder) else path.parts[-1:]
    name = "-".join(part for part in map(segment, parts) if part)
    return bounded(name) or hashlib.sha1(docname.encode("utf-8")).hexdigest()[:_HASH]

"""Names that become paths, and paths that must stay where they belong. No Sphinx here.

Whatever a post, a guest or a feed is called, the file it becomes is a safe
segment (no separators, no ``.`` or ``..``, no control characters) of at most
``MAX_NAME_BYTES``; and a file named by a post (a transcript, say) is read only
when it stays inside the project once every symbolic link is followed.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

# File systems allow 255 bytes a name; room is left for a suffix (".html", ".json", ".md").
MAX_NAME_BYTES = 200
_UNSAFE = re.compile(r"[/\\\x00-\x1f\x7f]+")


def bounded(name: str, limit: int = MAX_NAME_BYTES) -> str:
    """``name`` when it fits ``limit`` bytes, else its start cut at a character and a
    short hash of the whole (stable: the same name always gives the same cut)."""
    if len(name.encode("utf-8")) <= limit:
        return name
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    cut = name.encode("utf-8")[: limit - len(digest) - 1].decode("utf-8", "ignore")
    return f"{cut.rstrip('-. ')}-{digest}"


def segment(text: str, limit: int = MAX_NAME_BYTES) -> str:
    """``text`` as one path segment: separators and control characters removed,
    ``.`` and ``..`` (and leading dots) refused; "" when nothing is left."""
    value = _UNSAFE.sub("", unicodedata.normalize("NFC", text)).strip().lstrip(".").strip()
    return bounded(value, limit) if value else ""


def is_inside(path: Path, root: Path) -> bool:
    """``path``, every symbolic link followed, is ``root`` or inside it."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return False


def named_file(base: Path, named: str, root: Path) -> tuple[Path | None, str]:
    """The file ``named`` (relative to ``base``) when it stays inside ``root``; else
    ``None`` and why: an absolute path, one that climbs out, or a symbolic link
    that leads out."""
    if os.path.isabs(named) or named.startswith(("~", "\\")) or re.match(r"^[A-Za-z]:", named):
        return None, f"{named[:80]!r} is an absolute path: only files in the project are read"
    path = Path(os.path.normpath(base / named))
    if not path.is_relative_to(Path(os.path.normpath(root))):
        return None, f"{named[:80]!r} leads out of the project: only files in it are read"
    if not is_inside(path, root):
        return None, f"{named[:80]!r} is a symbolic link out of the project: not read"
    return path, ""

"""What the show's feeds say of an episode, kept beside its post. No Sphinx here.

``make import`` never rewrites a post. What the podcast feed knows of an episode
(its audio, GUID, number, artwork, where its transcript came from) goes into a
small file beside the post, ``<post>.feed.yaml``, one ``key: value`` a line, so
the host reviews a change in a diff as any other; a renamed post takes its file
along. The build reads it under the post's front matter, which always wins.

The file is input from the network once removed: only the keys below are read,
each a scalar checked for what it must be, and anything else is named and left
out. Writing and reading it are both here, so they agree.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..text.paths import is_inside
from ..text.urls import is_web_url

SUFFIX = ".feed.yaml"
MAX_BYTES = 64_000  # a few hundred bytes is an episode's; more is no such file
HEADER = ("# What the show's feeds say of this episode (make import writes it; the post's\n"
          "# front matter wins over every value here).\n")

_WHOLE = re.compile(r"[0-9]{1,12}")
# text YAML can hold as it is (no control characters, surrogates or non-characters)
_TEXT = re.compile(r"[^\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]{1,300}")
AUDIO_TYPE = re.compile(r"audio/[A-Za-z0-9.+-]{1,80}")  # what the import writes, too
#: key -> what its value must be
KEYS = {
    "audio_url": is_web_url,
    "audio_type": AUDIO_TYPE.fullmatch,
    "audio_length": _WHOLE.fullmatch,
    "audio_duration": _WHOLE.fullmatch,
    "podcast_guid": _TEXT.fullmatch,
    "episode": _WHOLE.fullmatch,
    "artwork_url": is_web_url,
    "transcript_url": is_web_url,  # where the transcript beside the post came from
    "transcript_sha256": re.compile(r"[0-9a-f]{64}").fullmatch,  # what was downloaded
}
#: the feed's episode number, under its own key: the post's title says it first
FEED_EPISODE = "feed_episode"


def data_file(post: Path) -> Path:
    """``episodes/x.md`` -> ``episodes/x.feed.yaml``."""
    return post.with_name(post.stem + SUFFIX)


def read_data(text: str) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """The file's values (strings as written: ``0x1F`` is no number), and what was
    left out and why, each with its line."""
    try:
        data = yaml.load(text, Loader=_Flat)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        why = getattr(error, "problem", None) or error
        return {}, [(mark.line + 1 if mark else 1,
                     f"the file is no flat YAML of key: value lines ({why})")]
    if data is None or data == "":
        return {}, []
    if not isinstance(data, dict):
        return {}, [(1, "the file is no mapping of key: value lines")]
    lines = text.splitlines()
    values, problems = {}, []
    for key, value in data.items():
        line = next((number for number, written in enumerate(lines, start=1)
                     if written.startswith(f"{key}:")), 1)
        check = KEYS.get(key)
        if check is None:
            problems.append((line, f"{key[:40]!r} is no key of this file: left out"))
        elif not check(value.strip()):
            problems.append((line, f"{key}: {value[:60]!r} is not what it must be: left out"))
        else:
            values[key] = value.strip()
    return values, problems


def read_file(post: Path, root: Path) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """The data file beside ``post`` (none: {}), read only inside ``root`` and within
    ``MAX_BYTES``."""
    path = data_file(post)
    if not path.is_file() and not path.is_symlink():
        return {}, []
    if not is_inside(path, root):
        return {}, [(1, "the file is a symbolic link out of the project: not read")]
    try:
        with open(path, "rb") as source:
            data = source.read(MAX_BYTES + 1)
    except OSError as error:
        return {}, [(1, f"cannot be read ({error.strerror})")]
    if len(data) > MAX_BYTES:
        return {}, [(1, f"the file is over {MAX_BYTES:,} bytes: not read")]
    return read_data(data.decode("utf-8", errors="replace"))


def under(front_matter: dict, feed: dict[str, str]) -> dict:
    """The front matter with what the feed says where it says nothing; the feed's
    episode number kept apart (the title's number comes before it)."""
    merged = {(FEED_EPISODE if key == "episode" else key): value for key, value in feed.items()}
    merged.update(front_matter)
    return merged


def data_text(values: dict[str, object]) -> str:
    """The file for ``values`` (keys of ``KEYS``, in their order; checked values only):
    one single-quoted scalar a line."""
    lines = [HEADER]
    for key, check in KEYS.items():
        value = values.get(key)
        if value is None or value == "":
            continue
        text = str(value).strip()
        if not check(text):
            raise ValueError(f"{key}: {text[:60]!r} is not what it must be")
        lines.append(f"{key}: '{text.replace(chr(39), chr(39) * 2)}'\n")
    return "".join(lines)


class _Flat(yaml.BaseLoader):
    """YAML of scalars only, each read as the text written: no aliases, no nesting."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("an alias (*name) is no value of this file")
        if parent is not None and self.check_event(yaml.CollectionStartEvent):
            raise yaml.YAMLError("a list or mapping is no value of this file")
        return super().compose_node(parent, index)

"""A post's front matter, read as the host meant it. No Sphinx here.

Where YAML would misread it (an unquoted ``: `` or ``#N`` in a title), it is
read as meant, and ``repaired_front_matter`` rewrites it so that MyST reads it
so too. Each key's line is kept, for warnings.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

from ..text.encoding import LENIENT, register

register()  # posts that are no UTF-8 are read all the same

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def front_matter_head(path: Path | str) -> list[str]:
    """The file's lines from the opening ``---`` to the closing one (read no further);
    [] when the file has no front matter or cannot be read."""
    head: list[str] = []
    try:
        with open(path, encoding=LENIENT) as source:
            first = source.readline()
            if first.strip() != "---":
                return []
            head.append(first)
            for line in source:
                head.append(line)
                if line.strip() in ("---", "..."):
                    break
    except OSError:
        return []
    return head


@dataclass(frozen=True)
class YamlTrouble:
    """Where the front matter's YAML did not say what its author meant."""

    line: int  # in the file, 1-based
    message: str


# An unquoted "title: Name | Series #24": YAML takes " #24" for a comment.
_NUMBER_COMMENT = re.compile(r"\s+#\s*\d+\s*$")
_COMMENT = re.compile(r"\s+#.*$")
_KEY_LINE = re.compile(r"(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s+(?P<value>.*?))?\s*$")


# Front matter is a few flat keys: deeper nesting than this is no post's.
MAX_DEPTH = 10


class Refused(yaml.MarkedYAMLError):
    """YAML the front matter may not use: read line by line, such values as written."""


def _load(text: str):
    """YAML as the host writes front matter. An alias (``*name``) or nesting deeper
    than ``MAX_DEPTH`` is refused before anything is built: YAML's aliases share
    what they name, and whatever walks the value (JSON for MyST, pickling) expands
    each share again, so a few hundred bytes could stand for gigabytes."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise Refused(problem="uses a YAML alias (*name)", problem_mark=event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(problem=f"nests deeper than {MAX_DEPTH} levels",
                              problem_mark=event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return yaml.load(text, Loader=_LOADER)


def _joined(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines if line.strip())


def _quoted(written: str) -> bool:
    return written[:1] in ("'", '"')


def _number_dropped(written: str, value) -> bool:
    """YAML read ``value`` from ``written`` but for an unquoted ``#N`` at its end."""
    return (isinstance(value, str) and not _quoted(written) and written.startswith(value)
            and _NUMBER_COMMENT.match(written[len(value):]) is not None)


def _value(lines: list[str], number: bool = False):
    """One value, read on its own as its author meant it: as YAML reads it alone
    (lists, mappings, block text, quoted text, a trailing ``# comment`` dropped),
    else as written (a quote left open dropped). With ``number``, an unquoted
    ``#N`` at its end is kept: a title's episode number."""
    written = _joined(lines)
    try:
        value = _load("value: " + "\n".join(lines) + "\n")["value"]
    except (yaml.YAMLError, TypeError, KeyError):
        if _quoted(written):
            return written.strip("'\"")
        return written if number else _COMMENT.sub("", written)
    return written if number and _number_dropped(written, value) else value


def _body(head: list[str]) -> list[str]:
    """The lines between the ``---`` lines; [] when there is no front matter."""
    if not head or head[0].lstrip("\ufeff").strip() != "---":
        return []
    body = head[1:]
    for index, line in enumerate(body):
        if line.strip() in ("---", "..."):
            return body[:index]
    return body


def _lines_by_key(body: list[str]) -> dict[str, tuple[int, list[str]]]:
    """Each top-level key's index in ``body`` and its raw value lines (wrapped
    values and ``- item`` lines included)."""
    found: dict[str, tuple[int, list[str]]] = {}
    key = None
    for index, line in enumerate(body):
        match = _KEY_LINE.match(line) if line[:1].strip() else None
        if match:
            key = match["key"]
            found.setdefault(key, (index, [match["value"] or ""]))
        elif key and line.strip() and not line.lstrip().startswith("#"):
            found[key][1].append(line.rstrip("\r\n"))
    return found


def read_front_matter(head: list[str]) -> tuple[dict, list[YamlTrouble]]:
    """The front matter between the ``---`` lines, and where YAML misread it.

    Where YAML cannot read the block (an unquoted ``: `` in a title, say), it is
    read key by key, each value as written. Where it took an unquoted title's
    episode number for a comment (``title: Name | Series #24``), the title keeps it.
    """
    body = tuple(_body(head))
    if sum(map(len, body)) > MAX_KEPT:
        return _read_block.__wrapped__(body)
    return copy.deepcopy(_read_block(body))


# A post's front matter is read where its episode is found, where its text is
# repaired for MyST and where its header is made, before and while it is read:
# YAML reads each block once. A block longer than any post's is read each time
# (not kept for the process's life).
MAX_KEPT = 64 * 1024


@functools.lru_cache(maxsize=8192)
def _read_block(body: tuple[str, ...]) -> tuple[dict, list[YamlTrouble]]:
    """``read_front_matter`` of the block's lines (its result shared: copied there)."""
    raw = _lines_by_key(list(body))
    try:
        data = _load("".join(body))
    except yaml.MarkedYAMLError as error:
        # a quote left open is found where it opened; anything else where it goes wrong
        opened = error.context_mark if "quoted" in (error.context or "") else None
        mark = opened or error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1
        # the title's " #N" is its episode number, not a comment
        recovered = {key: _value(lines, number=key == "title")
                     for key, (_, lines) in raw.items()}
        if isinstance(error, Refused):
            message = (f"the front matter {error.problem}: read line by line, such values "
                       "as written")
        else:
            message = (f"the front matter is no valid YAML ({error.problem}): read line by "
                       "line; quote values holding ': ' or ' #'")
        return recovered, [YamlTrouble(line, message)]
    except yaml.YAMLError:
        return {}, [YamlTrouble(1, "the front matter is no valid YAML")]
    if not isinstance(data, dict):
        return {}, []  # MyST warns of it
    index, lines = raw.get("title", (0, [""]))
    written, title = _joined(lines), data.get("title")
    if _number_dropped(written, title):
        data["title"] = written
        return data, [YamlTrouble(index + 2, f"YAML reads the title's "
                                  f"{written[len(title):].strip()!r} as a comment: kept; "
                                  "quote the title")]
    return data, []


def repaired_front_matter(text: str) -> str | None:
    """A post's text with front matter YAML misreads, rewritten as YAML that says
    what the host meant: one JSON object (JSON is YAML) on one line, then blank
    lines, as many lines as before, so that every later line keeps its number.
    ``None`` when YAML reads it as meant."""
    lines = re.findall(r"[^\n]*\n|[^\n]+$", text)  # "\n" only, as MyST counts lines
    body = _body(lines)
    if not body or len(lines) < len(body) + 2:
        return None  # no front matter, or never closed
    data, troubles = read_front_matter(lines[:len(body) + 2])
    if not troubles or not data:
        return None
    meant = json.dumps(data, ensure_ascii=False, default=str) + "\n"
    return "".join([lines[0], meant, "\n" * (len(body) - 1), *lines[len(body) + 1:]])


def front_matter_lines(head: list[str]) -> dict[str, int]:
    """Each top-level front matter key's line in the file (1-based)."""
    return {key: index + 2 for key, (index, _) in _lines_by_key(_body(head)).items()}


def written_values(head: list[str]) -> dict[str, str]:
    """Each top-level front matter key's value as written (its lines joined)."""
    return {key: _joined(lines) for key, (_, lines) in _lines_by_key(_body(head)).items()}


def key_lines(path: Path | str) -> dict[str, int]:
    """Line of each front matter key, read from the head of the file only."""
    return front_matter_lines(front_matter_head(path))


def front_matter(path: Path) -> dict:
    """The post's front matter, read as its author meant it; {} when there is none."""
    return read_front_matter(front_matter_head(path))[0]


def as_myst_strings(data: dict) -> dict[str, str]:
    """Front matter values as MyST hands them over: strings, lists as JSON."""
    strings = {}
    for key, value in data.items():
        if isinstance(value, str | date | datetime | int | float):
            strings[str(key)] = str(value)
        elif value is not None:
            strings[str(key)] = json.dumps(value, default=str)
    return strings

"""Front matter values of the wrong type, read as their key means. No Sphinx here.

YAML gives whatever was written a type: a list, a mapping, ``null``, a number in
hexadecimal. Each key the extension reads is checked for the type it means
before anything is decoded, so nothing is shown as data: a title that is not
text falls back as a missing title does, a guest that is not a name is skipped,
an episode number is a decimal whole number as written, categories are words.
The one function both the scan before reading and reading itself call to read
a post's front matter is ``post_meta``.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from .episode import Problem
from .feed_data import under
from .frontmatter import YamlTrouble, as_myst_strings, read_front_matter, written_values

_SCALARS = (str, int, float, date, datetime)
_DECIMAL = re.compile(r"[0-9]+")


def _kind(value) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple | set):
        return "a list"
    return f"a {type(value).__name__}"


def _unquoted(written: str) -> str:
    text = written.strip()
    return text[1:-1].strip() if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"" \
        else text


def _title(value, written: str, problems: list[Problem]):
    if isinstance(value, str):
        return value
    if isinstance(value, _SCALARS):
        # a title YAML took for a number, a date or yes/no: the text as written
        return _unquoted(written) or str(value)
    problems.append(Problem("title", "title", f"the title is {_kind(value)}, not text; "
                            "using the file name (quote the title)"))
    return None


def _guests(value, problems: list[Problem]):
    if value is None or value == "":
        return value  # none given: the title's
    items = value if isinstance(value, list) else [value]
    kept = []
    for item in items:
        if isinstance(item, str) and any(char.isalpha() for char in item):
            kept.append(item)
        else:
            problems.append(Problem("guests", "guests", f"the guest {str(item)[:60]!r} is "
                                    f"{_kind(item) if not isinstance(item, str) else 'no name'}"
                                    ": skipped (write each guest's name)"))
    return kept if isinstance(value, list) else (kept[0] if kept else None)


def _episode(value, written: str, problems: list[Problem]):
    text = _unquoted(written) if written else str(value)
    if _DECIMAL.fullmatch(text):
        return int(text)
    problems.append(Problem("episode", "number", f"episode {text[:40]!r} is no whole number "
                            "written in decimal digits; the title's number is used"))
    return None


def _categories(value, problems: list[Problem]):
    if isinstance(value, str) or value is None:
        return value
    items = value if isinstance(value, list) else [value]
    kept = [item for item in items if isinstance(item, _SCALARS)]
    if len(kept) < len(items) or isinstance(value, dict):
        problems.append(Problem("categories", "categories", f"categories is {_kind(value)} "
                                "holding more than words: only its words are kept"))
        kept = [] if isinstance(value, dict) else kept
    return kept


def checked(data: dict, written: dict[str, str]) -> tuple[dict, list[Problem]]:
    """``data`` with each known key's value of the type it means (dropped where none
    can be read), and what was wrong; ``written`` is each key's value as written."""
    problems: list[Problem] = []
    data = dict(data)
    readers = {
        "title": lambda value: _title(value, written.get("title", ""), problems),
        "guests": lambda value: _guests(value, problems),
        "episode": lambda value: _episode(value, written.get("episode", ""), problems),
        "categories": lambda value: _categories(value, problems),
    }
    for key, read in readers.items():
        if key in data:
            value = read(data[key])
            if value is None:
                del data[key]
            else:
                data[key] = value
    return data, problems


def post_meta(head: list[str], feed: dict[str, str] | None = None
              ) -> tuple[dict[str, str], list[YamlTrouble], list[Problem]]:
    """A post's front matter (its ``front_matter_head``) as the decoder takes it:
    strings as MyST hands them over, each value of the type its key means, over
    what the show's feeds say of it (``feed``, its ``feed_data`` file); with where
    YAML misread it and which values were of the wrong type."""
    data, troubles = read_front_matter(head)
    data, problems = checked(data, written_values(head))
    return as_myst_strings(under(data, feed or {})), troubles, problems

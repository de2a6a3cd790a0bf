"""Times as the host and the feeds write them, and moments in time. No Sphinx here.

The one reading of a time of day into an episode (``01:15``, ``1:00:38``), of
YouTube's ``t=`` values and the site's own ``#t=`` links (``149``, ``2m29s``),
and of a duration or size; and the one rule for moments given without a
timezone: they are UTC. ``podcast.js`` reads ``#t=`` links itself and accepts
exactly what ``parse_offset`` accepts (the tests hold both to one table).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

# "149", "149s", "2m29s", "1h2m3s": YouTube's t= parameter and our fragments.
_UNITS = re.compile(r"^(?:(?P<h>[0-9]+)h)?(?:(?P<m>[0-9]+)m)?(?:(?P<s>[0-9]+)s?)?$")
_SPACE = " \t\n\r\f\v"  # what is stripped around a time (the same in podcast.js)
_LOWER = str.maketrans("HMS", "hms")


def parse_time(text: str) -> int | None:
    """``01:15`` -> 75, ``1:00:38`` -> 3638; ``None`` when it is no time (minutes and
    seconds under 60, hours under 100, digits 0 to 9 only)."""
    parts = text.strip(_SPACE).split(":")
    if len(parts) not in (2, 3) or not all(part.isascii() and part.isdigit() for part in parts):
        return None
    numbers = [int(part) for part in parts]
    if any(number >= 60 for number in numbers[1:]):
        return None
    if len(numbers) == 3 and numbers[0] >= 100:
        return None
    hours, minutes, seconds = ([0, *numbers] if len(numbers) == 2 else numbers)
    return hours * 3600 + minutes * 60 + seconds


def parse_offset(text: str) -> int | None:
    """YouTube's ``t=`` value or a URL fragment's time: ``149``, ``149s``, ``2m29s``,
    ``1h2m3s`` or ``1:15``."""
    value = text.strip(_SPACE).translate(_LOWER)
    if ":" in value:
        return parse_time(value)
    match = _UNITS.match(value)
    if not value or match is None:
        return None
    return sum(int(match[unit] or 0) * factor for unit, factor in (("h", 3600), ("m", 60),
                                                                    ("s", 1)))


def parse_fragment(fragment: str) -> int | None:
    """A deep link's fragment: ``t=75``, ``t=1m15s``, ``t=1:15``."""
    value = fragment.lstrip("#")
    if not value.startswith("t="):
        return None
    return parse_offset(value[2:])


def seconds_of(text: str) -> int | None:
    """A duration or size: ``3725``, ``1:02:05`` or ``62:05``; ``None`` for anything else."""
    value = text.strip()
    if ":" in value:
        return parse_time(value)
    return int(value) if value.isascii() and value.isdigit() else None


def format_time(seconds: int) -> str:
    """75 -> ``01:15``, 3638 -> ``1:00:38``: the host's own style."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def format_duration(seconds: int) -> str:
    """A chapter's length as listeners read it: ``45 s``, ``4 min``, ``1 h 5 min``."""
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def aware(moment: datetime) -> datetime:
    """The moment with its timezone; one given without is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

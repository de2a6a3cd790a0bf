"""What a costly step found, kept in a file and taken again while its inputs are
what they were: an edit to a post's prose changes no list, so the people and
mentions the lists give need not be found again.

Imports: the standard library alone, never the other layers.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def digest(inputs: object) -> str:
    """A digest of plain data. Sets pickle in an order that differs from one
    process to the next: give them sorted."""
    return hashlib.sha1(pickle.dumps(inputs, pickle.HIGHEST_PROTOCOL)).hexdigest()


def kept_or_made(path: Path, inputs: object, make: Callable[[], T]) -> T:
    """What ``make()`` gave when last called with these inputs (kept in
    ``path``), else what it gives now, kept for next time before the caller
    may change it."""
    key = digest(inputs)
    try:
        kept_key, kept = pickle.loads(path.read_bytes())
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, TypeError,
            AttributeError, ModuleNotFoundError, ImportError):
        kept_key, kept = None, None
    if kept_key == key:
        return kept
    made = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps((key, made), pickle.HIGHEST_PROTOCOL))
    return made

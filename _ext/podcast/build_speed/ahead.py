"""Work done ahead, in a process of its own, in the order it will be asked for;
and work spread over forked processes (``spread``).

A serial build reads its pages one after another on one core. Work that needs
nothing of reading but its inputs (a transcript's cues and paragraphs, say)
can be done on the other core meanwhile, a few items ahead of the page that
will ask for it: the page takes the result instead of doing the work. Only a
few results wait at a time (``WINDOW``), so that what is done ahead costs no
more memory than a few pages'. An item asked for out of order, or whose work
failed, is done where it is asked for, as it would have been.

Imports: the standard library alone, never the other layers.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Hashable
from typing import Any

WINDOW = 6  # results done ahead and not yet taken, at most
MISSING = object()  # what ``take`` gives for an item not done ahead
_SHARED: list = [None]  # what every item's work is given first, as the process was forked


def _run(work: Callable[..., Any], arguments: tuple) -> Any:
    return work(_SHARED[0], *arguments)


def possible() -> bool:
    """Whether this system forks processes (Windows does not: nothing is done ahead)."""
    return "fork" in multiprocessing.get_all_start_methods()


class Ahead:
    """``work(shared, *arguments)`` for each (key, arguments) of ``items``, in one
    forked process, in order; ``take(key)`` waits for the key's result.
    ``shared`` (a large value every item needs) reaches the process as it forks,
    not pickled with each item."""

    def __init__(self, work: Callable[..., Any], items: list[tuple[Hashable, tuple]],
                 shared: Any = None) -> None:
        self.work = work
        self.waiting = deque(items)
        self.running: deque = deque()  # (key, its AsyncResult), in order
        _SHARED[0] = shared
        self.pool = multiprocessing.get_context("fork").Pool(1)
        _SHARED[0] = None
        self._fill()

    def _fill(self) -> None:
        while self.waiting and len(self.running) < WINDOW:
            key, arguments = self.waiting.popleft()
            self.running.append((key, self.pool.apply_async(_run, (self.work, arguments))))

    def take(self, key: Hashable) -> Any:
        """The key's result, or ``MISSING``: not among the items, asked for after
        a later one, or its work failed."""
        while self.running and self.running[0][0] != key:
            if not any(running == key for running, _ in self.running) \
                    and not any(waiting == key for waiting, _ in self.waiting):
                return MISSING  # not done ahead: the items ahead stay for their pages
            self.running.popleft()  # passed by: never asked for
            self._fill()
        if not self.running:
            return MISSING
        _, result = self.running.popleft()
        self._fill()
        try:
            return result.get()
        except Exception:  # done again where it is asked for, which says what failed
            return MISSING

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


_WORK: list = [None]  # the work ``spread`` shares out, as its processes were forked


def _run_range(bounds: tuple[int, int]) -> list:
    return [_WORK[0](index) for index in range(*bounds)]


def spread(work: Callable[[int], Any], count: int, processes: int) -> list:
    """[work(0), ..., work(count - 1)], in order, from ``processes`` forked
    processes each given a few ranges of indexes: ``work`` and what it reads
    reach them as they fork, only the results are sent back. In this process
    alone where there is one process or the system does not fork."""
    if processes <= 1 or count < 2 * processes or not possible() \
            or multiprocessing.current_process().daemon:  # a pool's process forks none
        return [work(index) for index in range(count)]
    size = -(-count // (3 * processes))
    _WORK[0] = work
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            parts = pool.map(_run_range, [(start, min(start + size, count))
                                          for start in range(0, count, size)])
    finally:
        _WORK[0] = None
    return [result for part in parts for result in part]

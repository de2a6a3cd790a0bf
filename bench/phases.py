"""Where a clean serial build's time goes: phases, kinds of page, the cycle collector.

    python bench/phases.py SOURCE [--out FOLDER]

SOURCE is a site folder, e.g. ``_build/bench/n1000/ours`` after ``make bench``.
Times come from Sphinx's own events, so they need no profiler: a page's reading
runs from its ``env-purge-doc`` to the next page's, its writing from its
``doctree-resolved`` to the next page's. Pages are grouped by their first folder
(``episodes``, ``people``, ...).
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from sphinx.application import Sphinx


class Clock:
    """Stopwatch for one build, driven by Sphinx events."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.marks: dict[str, float] = {}
        self.pages: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.counts: dict[str, int] = defaultdict(int)
        self.current: tuple[str, str, float] | None = None  # (phase, kind, since)
        self.collector = 0.0
        self.collected: dict[str, float] = {}  # the collector's time when each phase began
        self._collecting_since = 0.0

    def now(self) -> float:
        return time.perf_counter() - self.started

    def mark(self, name: str) -> None:
        self.close()
        if name not in self.marks:
            self.collected[name] = self.collector
        self.marks.setdefault(name, self.now())

    def close(self) -> None:
        if self.current is not None:
            phase, kind, since = self.current
            self.pages[kind][phase] += self.now() - since
            self.current = None

    def page(self, phase: str, docname: str) -> None:
        self.close()
        kind = docname.split("/")[0] if "/" in docname else "(top)"
        if phase == "read":
            self.counts[kind] += 1
        self.current = (phase, kind, self.now())

    def on_collect(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._collecting_since = time.perf_counter()
        else:
            self.collector += time.perf_counter() - self._collecting_since


def connect_clock(app: Sphinx, clock: Clock) -> None:
    def resolved(app, doctree, docname):
        clock.mark("writing")
        clock.page("write", docname)

    def collect_pages(app):
        clock.mark("finishing")
        return []

    events = {
        "env-before-read-docs": lambda *args: clock.mark("reading"),
        "env-purge-doc": lambda app, env, docname: clock.page("read", docname),
        "env-updated": lambda *args: clock.mark("after reading"),
        "doctree-resolved": resolved,
        "html-collect-pages": collect_pages,
    }
    for event, handler in events.items():
        app.connect(event, handler, priority=0)  # before the site's own handlers
    # after them: feeds, the sitemap and the like are written at build-finished
    app.connect("build-finished", lambda *args: clock.mark("end"), priority=1000)


def measure(source: Path, out: Path) -> dict:
    clock = Clock()
    gc.callbacks.append(clock.on_collect)
    try:
        app = Sphinx(source, source, out / "html", out / "doctrees", "html",
                     status=None, warning=None, freshenv=True)
        connect_clock(app, clock)
        app.build()
    finally:
        gc.callbacks.remove(clock.on_collect)
    order = ["reading", "after reading", "writing", "finishing", "end"]
    marks = [0.0] + [clock.marks[name] for name in order]
    return {
        "phases_s": {name: round(marks[i + 1] - marks[i], 2)
                     for i, name in enumerate(["start-up", *order[:-1]])},
        "total_s": round(clock.marks["end"], 2),
        "cycle_collector_s": round(clock.collector, 2),
        "cycle_collector_by_phase_s": {
            name: round(clock.collected[following] - clock.collected.get(name, 0.0), 2)
            for name, following in zip(["start-up", *order[:-1]], order, strict=True)},
        "pages": {kind: {"count": clock.counts[kind],
                         "read_s": round(times["read"], 2), "write_s": round(times["write"], 2)}
                  for kind, times in sorted(clock.pages.items())},
    }


def table(result: dict) -> str:
    lines = [f"total {result['total_s']} s, of which the cycle collector "
             f"{result['cycle_collector_s']} s", ""]
    collected = result["cycle_collector_by_phase_s"]
    lines += [f"{name:>14}  {seconds:7.2f} s  (collector {collected[name]:.2f} s)"
              for name, seconds in result["phases_s"].items()]
    lines += ["", f"{'pages':>14}  {'count':>6}  {'read s':>7}  {'write s':>7}"]
    lines += [f"{kind:>14}  {row['count']:6}  {row['read_s']:7.2f}  {row['write_s']:7.2f}"
              for kind, row in result["pages"].items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--out", type=Path, help="build folder (default: a temporary one)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        result = measure(arguments.source.resolve(), arguments.out or Path(scratch))
    print(table(result))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

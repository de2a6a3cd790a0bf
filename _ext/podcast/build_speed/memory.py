"""Keep Python's cycle collector off what lives through the whole build.

A serial build keeps every doctree it reads in memory until it writes the
page, and docutils nodes point to their parents, so each is a cycle the
collector walks again and again: at 1,000 episodes a quarter of the build
went to it. Every ``FREEZE_EVERY`` documents read and pages written (HTML pages, made from a
document or not; other builders' documents resolved), once all
are read and once more before writing, the garbage is collected and what
survives is frozen; the collector then only walks what is new.

Between those collections the collector does not run at all: it would walk
each young object once or more to free the little garbage a page leaves (a
tenth of a build at 1,000 episodes), where one collection every
``FREEZE_EVERY`` pages walks it once. Garbage is held that long at most: a
hundred pages' worth. With ``-j`` the main process collects after each worker's
environment is merged (the copy merged is garbage then), and each worker as
it reads or writes.

What was frozen is handed back when the next build starts in the same process
(tests, scripts), not when a build ends: a ``sphinx-build`` process then exits
without walking it all once more (four seconds at 1,000 episodes). The
collector is switched off when reading starts and back on when the build ends,
or, if a build stopped before its end, when the next one starts.
"""

from __future__ import annotations

import contextlib
import gc

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

FREEZE_EVERY = 100
_SWITCHED_OFF: list[bool] = []  # the collector was on, and a build switched it off


class Collector:
    def __init__(self) -> None:
        self.read = 0
        self.written = 0

    def freeze(self) -> None:
        gc.collect()
        gc.freeze()

    def doctree_read(self, app: Sphinx, doctree: nodes.document) -> None:
        self.read += 1
        if self.read % FREEZE_EVERY == 0:
            self.freeze()

    def page_written(self, app: Sphinx, pagename: str, templatename: str, context: dict,
                     doctree) -> None:
        # every HTML page, a document's or one made without a source (a person's, a
        # transcript's: its doctree, made for it, is garbage once it is written)
        self.written += 1
        if self.written % FREEZE_EVERY == 0:
            self.freeze()

    def doctree_resolved(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if app.builder.format != "html":  # no HTML pages: each document resolved counts
            self.page_written(app, docname, "", {}, doctree)

    def merged(self, app: Sphinx, env: BuildEnvironment, docnames, other) -> None:
        gc.collect()  # the worker's environment, merged, is garbage

    def env_ready(self, app: Sphinx, env: BuildEnvironment) -> None:
        self.freeze()

    def builder_inited(self, app: Sphinx) -> None:
        gc.unfreeze()  # what an earlier build in this process froze
        switch_back_on()  # after a build that stopped before its end

    def reading_starts(self, app: Sphinx, env: BuildEnvironment, docnames) -> None:
        if gc.isenabled():
            gc.disable()
            _SWITCHED_OFF.append(True)

    def build_finished(self, app: Sphinx, exception: Exception | None) -> None:
        switch_back_on()


@contextlib.contextmanager
def paused():
    """The collector off while the posts are scanned before reading: hundreds of
    young collections there found nearly nothing to free (a second at 1,000
    episodes); what the scan keeps is walked once, at the next collection."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def switch_back_on() -> None:
    if _SWITCHED_OFF:
        _SWITCHED_OFF.clear()
        gc.enable()


def setup(app: Sphinx) -> None:
    collector = Collector()
    app.connect("doctree-read", collector.doctree_read)
    app.connect("html-page-context", collector.page_written, priority=900)
    app.connect("doctree-resolved", collector.doctree_resolved, priority=900)
    app.connect("env-merge-info", collector.merged, priority=900)
    app.connect("env-updated", collector.env_ready, priority=900)  # all read
    # the last event before writing, after the placeholders are rendered
    app.connect("env-check-consistency", collector.env_ready, priority=900)
    app.connect("builder-inited", collector.builder_inited, priority=100)
    app.connect("env-before-read-docs", collector.reading_starts, priority=900)
    app.connect("build-finished", collector.build_finished, priority=900)

"""Keep Python's cycle collector off what lives through the whole build.

A serial build keeps every doctree it reads in memory until it writes the
page, and docutils nodes point to their parents, so each is a cycle the
collector walks again and again: at 1,000 episodes a quarter of the build
went to it. Every ``FREEZE_EVERY`` documents read, once all are read (or merged
from ``-j`` workers) and once more before writing,
the garbage is collected and what survives is frozen; the collector then
only walks what is new. Everything is handed back at the end of the build.
"""

from __future__ import annotations

import gc

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

FREEZE_EVERY = 100


class Collector:
    def __init__(self) -> None:
        self.read = 0

    def freeze(self) -> None:
        gc.collect()
        gc.freeze()

    def doctree_read(self, app: Sphinx, doctree: nodes.document) -> None:
        self.read += 1
        if self.read % FREEZE_EVERY == 0:
            self.freeze()

    def env_ready(self, app: Sphinx, env: BuildEnvironment) -> None:
        self.freeze()

    def build_finished(self, app: Sphinx, exception: Exception | None) -> None:
        gc.unfreeze()


def setup(app: Sphinx) -> None:
    collector = Collector()
    app.connect("doctree-read", collector.doctree_read)
    app.connect("env-updated", collector.env_ready, priority=900)  # all read
    # the last event before writing, after the placeholders are rendered
    app.connect("env-check-consistency", collector.env_ready, priority=900)
    app.connect("build-finished", collector.build_finished, priority=900)

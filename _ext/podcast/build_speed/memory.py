"""Keep Python's cycle collector off what lives through the whole build.

A serial build keeps every doctree it reads in memory until it writes the
page, and docutils nodes point to their parents, so each is a cycle the
collector walks again and again: at 1,000 episodes a quarter of the build
went to it. Every ``FREEZE_EVERY`` documents read, once all are read and once
more before writing, the garbage is collected and what survives is frozen; the
collector then only walks what is new. During the build it also waits for
``YOUNG`` new objects between collections instead of 700: with ``-j`` the main
process merges every worker's environment, where freezing would keep the
merged copies alive, and fewer collections spare it most of that walking.

What was frozen is handed back when the next build starts in the same process
(tests, scripts), not when a build ends: a ``sphinx-build`` process then exits
without walking it all once more (four seconds at 1,000 episodes).
"""

from __future__ import annotations

import gc

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

FREEZE_EVERY = 100
YOUNG = 20_000


class Collector:
    def __init__(self) -> None:
        self.read = 0
        self.thresholds = gc.get_threshold()

    def freeze(self) -> None:
        gc.collect()
        gc.freeze()

    def doctree_read(self, app: Sphinx, doctree: nodes.document) -> None:
        self.read += 1
        if self.read % FREEZE_EVERY == 0:
            self.freeze()

    def env_ready(self, app: Sphinx, env: BuildEnvironment) -> None:
        self.freeze()

    def builder_inited(self, app: Sphinx) -> None:
        gc.unfreeze()  # what an earlier build in this process froze
        self.thresholds = gc.get_threshold()
        gc.set_threshold(YOUNG, *self.thresholds[1:])

    def build_finished(self, app: Sphinx, exception: Exception | None) -> None:
        gc.set_threshold(*self.thresholds)


def setup(app: Sphinx) -> None:
    collector = Collector()
    app.connect("doctree-read", collector.doctree_read)
    app.connect("env-updated", collector.env_ready, priority=900)  # all read
    # the last event before writing, after the placeholders are rendered
    app.connect("env-check-consistency", collector.env_ready, priority=900)
    app.connect("builder-inited", collector.builder_inited, priority=100)
    app.connect("build-finished", collector.build_finished, priority=900)

"""Keep Python's cycle collector off what lives through the whole build.

A serial build keeps every doctree it reads in memory until it writes the
page, and docutils nodes point to their parents, so each is a cycle the
collector walks again and again: at 1,000 episodes a quarter of the build
went to it. Every ``FREEZE_EVERY`` documents read (with ``-j``, whenever a
worker's documents are merged), once all are read and once more before writing,
the garbage is collected and what survives is frozen; the collector then
only walks what is new.

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

    def env_merged(self, app: Sphinx, env: BuildEnvironment, docnames: set[str],
                   other: BuildEnvironment) -> None:
        self.freeze()  # -j: what a worker read joins the environment for good

    def builder_inited(self, app: Sphinx) -> None:
        gc.unfreeze()  # what an earlier build in this process froze


def setup(app: Sphinx) -> None:
    collector = Collector()
    app.connect("doctree-read", collector.doctree_read)
    app.connect("env-merge-info", collector.env_merged, priority=900)
    app.connect("env-updated", collector.env_ready, priority=900)  # all read
    # the last event before writing, after the placeholders are rendered
    app.connect("env-check-consistency", collector.env_ready, priority=900)
    app.connect("builder-inited", collector.builder_inited, priority=100)

"""Keep Python's cycle collector off what lives through the whole build.

A serial build keeps every doctree it reads in memory until it writes the
page, and docutils nodes point to their parents, so each is a cycle the
collector walks again and again: at 1,000 episodes a quarter of the build
went to it. So the collector does not run on its own during a build: what is
made is frozen (``gc.freeze``) from time to time, and from then on not walked.

While reading, and once all is read, what was made is frozen without a
collection: a collection walks every young object, the doctrees kept for
writing most of all (a tenth of a clean build at 1,000 episodes), to find
little garbage. What a post's reading throws away is taken apart where it is
thrown away (``let_go``: MyST's syntax tree, the chapters' list replaced, the
front matter's fields, a transcript page drawn with its post and its
translator), so it is freed at once; what is still left in cycles is frozen with
the rest, some two megabytes a hundred posts, until the build ends.

While writing, every ``FREEZE_EVERY`` HTML pages (made from a document or not;
other builders' documents resolved) the garbage is collected and what survives
is frozen: a page written leaves mostly garbage (its translator, the theme's
parsed navigation), a hundred pages' worth at most. With ``-j`` the main
process collects after each worker's environment is merged (the copy merged is
garbage then), and each worker as it writes.

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
        self.docinfo: nodes.docinfo | None = None

    def freeze(self) -> None:
        gc.collect()
        gc.freeze()

    def docinfo_seen(self, app: Sphinx, doctree: nodes.document) -> None:
        index = doctree.first_child_not_matching_class(nodes.PreBibliographic)
        if index is not None and isinstance(doctree[index], nodes.docinfo):
            self.docinfo = doctree[index]  # Sphinx's collector takes it out

    def doctree_read(self, app: Sphinx, doctree: nodes.document) -> None:
        docinfo, self.docinfo = self.docinfo, None
        if docinfo is not None and not any(child is docinfo for child in doctree.children):
            let_go(docinfo)
        self.read += 1
        if self.read % FREEZE_EVERY == 0:
            gc.freeze()  # no collection: see above

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

    def all_read(self, app: Sphinx, env: BuildEnvironment) -> None:
        gc.freeze()

    def builder_inited(self, app: Sphinx) -> None:
        gc.unfreeze()  # what an earlier build in this process froze
        switch_back_on()  # after a build that stopped before its end

    def reading_starts(self, app: Sphinx, env: BuildEnvironment, docnames) -> None:
        if gc.isenabled():
            gc.disable()
            _SWITCHED_OFF.append(True)
        # what start-up made lives through the build: once frozen, the collection
        # after each merge (``-j``) walks only what was read
        gc.freeze()

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


def let_go(node: nodes.Node) -> None:
    """A node taken out of its doctree (replaced, removed, or a whole doctree
    done with) taken apart: its nodes point to their parents and their document,
    a document to its transformer and back, cycles only the collector would
    free (walking all that is young to find them), and, frozen, never. Nodes
    moved from it into another tree (their parent is no longer in it) are left
    as they are."""
    if isinstance(node, nodes.document):
        node.transformer = None
    left = [node]
    while left:
        node = left.pop()
        if isinstance(node, nodes.Element):
            left.extend(child for child in node.children if child.parent is node)
            node.children = []
        node.parent = None
        node.document = None


def switch_back_on() -> None:
    if _SWITCHED_OFF:
        _SWITCHED_OFF.clear()
        gc.enable()


def setup(app: Sphinx) -> None:
    collector = Collector()
    app.connect("doctree-read", collector.docinfo_seen, priority=100)
    app.connect("doctree-read", collector.doctree_read, priority=900)
    app.connect("html-page-context", collector.page_written, priority=900)
    app.connect("doctree-resolved", collector.doctree_resolved, priority=900)
    app.connect("env-merge-info", collector.merged, priority=900)
    app.connect("env-updated", collector.all_read, priority=900)
    # the last event before writing, after the placeholders are rendered
    app.connect("env-check-consistency", collector.all_read, priority=900)
    app.connect("builder-inited", collector.builder_inited, priority=100)
    app.connect("env-before-read-docs", collector.reading_starts, priority=900)
    app.connect("build-finished", collector.build_finished, priority=900)

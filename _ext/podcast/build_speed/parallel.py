"""``-j N`` with N processes reading and N writing.

Reading: Sphinx cuts the pages into many small chunks, each read in a forked
process that sends the whole environment back, pickled, to be merged. The
environment grows as chunks are merged, and later processes are forked from it,
so each chunk sends back everything read before it too: at 1,000 episodes that
was most of what ``-j 2`` spent reading. Here the pages are read in
``CHUNKS_PER_PROCESS`` chunks per process instead.

Writing: Sphinx keeps the main process to load and resolve each doctree while
N - 1 forked processes write the pages (``Builder.write_documents``), so
``-j 2`` writes every page in one process, no faster than a serial build, and
the main process's share (loading, post-transforms, ``doctree-resolved``) grew
to a third of the work as pages got cheaper to write. Here N processes each
load, resolve and write their pages as a serial build does, one by one, and the
main process only hands out the chunks; what the main process must know of
them (the images to copy) comes back with each chunk. Pages made without a
source (``writing.people_pages``) are shared out the same way (``in_processes``).

A serial build's writing leaves the other core idle: pages that nothing else
in the build reads (the transcripts', whose search reads what was staged of them
while reading) are written there, in one forked process (``beside``), while the
documents are written here. Files that need what reading found and nothing the
writing makes (the redirect pages, the JSON chapters) are written beside the
writing too, with ``-j`` as well: they took a second or two after the last page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import sphinx.builders
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging as sphinx_logging
from sphinx.util.display import status_iterator
from sphinx.util.parallel import ParallelTasks, make_chunks

from .ahead import possible as forks

CHUNKS_PER_PROCESS = 3


def few_chunks(docnames, nproc: int, maxbatch: int = 10) -> list:
    """Contiguous chunks, ``CHUNKS_PER_PROCESS`` a process (Sphinx's order kept)."""
    count = max(1, min(len(docnames), CHUNKS_PER_PROCESS * nproc))
    size = -(-len(docnames) // count)
    return [docnames[start:start + size] for start in range(0, len(docnames), size)]


def every_core_works(app: Sphinx) -> None:
    """``builder-inited``: the builder's parallel reading and writing as above."""
    builder = app.builder
    parallel = app.parallel
    if parallel <= 1 or not hasattr(builder, "_write_parallel"):
        return
    read_parallel, write_parallel = builder._read_parallel, builder._write_parallel

    def _read_parallel(docnames, nproc: int) -> None:
        sphinx.builders.make_chunks = few_chunks
        try:
            read_parallel(docnames, nproc)
        finally:
            sphinx.builders.make_chunks = make_chunks

    def _write_parallel(docnames, nproc: int) -> None:
        if resolves_anywhere(builder):
            write_in_processes(builder, docnames, max(nproc, parallel))
        else:
            write_parallel(docnames, nproc=max(nproc, parallel))

    builder._read_parallel = _read_parallel
    builder._write_parallel = _write_parallel


def resolves_anywhere(builder) -> bool:
    """Whether the builder's work in the main process while writing
    (``write_doc_serialized``) is only the HTML builder's: the images its pages
    use, which the chunks send back."""
    write_serialized = getattr(type(builder), "write_doc_serialized", None)
    return isinstance(builder, StandaloneHTMLBuilder) \
        and write_serialized is StandaloneHTMLBuilder.write_doc_serialized \
        and hasattr(sphinx.builders, "_write_docname") and not builder.indexer


def write_in_processes(builder, docnames, nproc: int) -> None:
    """Each page loaded, resolved and written in one of ``nproc`` forked
    processes, as ``_write_serial`` would (the first in this one, as Sphinx does,
    so that every process starts with the templates loaded)."""
    write_docname = sphinx.builders._write_docname
    env, tags = builder.env, builder.tags
    first, rest = docnames[0], list(docnames[1:])
    write_docname(first, env=env, builder=builder, tags=tags)

    def write_chunk(chunk: list[str]) -> dict:
        for docname in chunk:
            write_docname(docname, env=env, builder=builder, tags=tags)
        return builder.images

    def chunk_done(chunk: list[str], images: dict) -> None:
        builder.images.update(images)
        next(progress)

    chunks = make_chunks(rest, nproc)
    progress = status_iterator(chunks, "writing output... ", "darkgreen", len(chunks),
                               builder.config.verbosity)
    tasks = ParallelTasks(nproc)
    for chunk in chunks:
        tasks.add_task(logged_as_shown(builder.config.verbosity, write_chunk), chunk, chunk_done)
    tasks.join()


def in_processes(app: Sphinx, items: list, work: Callable[[list], None]) -> bool:
    """``work`` done over ``items`` in the build's ``-j N`` forked processes,
    ``CHUNKS_PER_PROCESS`` contiguous chunks each, when it writes in parallel;
    False (nothing done) when it does not."""
    builder = app.builder
    if not getattr(builder, "parallel_ok", False) or app.parallel <= 1 or not items:
        return False
    tasks = ParallelTasks(app.parallel)
    for chunk in few_chunks(items, app.parallel):
        tasks.add_task(logged_as_shown(app.verbosity, work), chunk)
    tasks.join()
    return True


def logging_as_shown(verbosity: int) -> None:
    """In a forked process: what this build does not show is not recorded.
    Sphinx keeps every record a process logs until it ends, to send them all
    back, and the debug line of each event names its arguments: a page's whole
    context, some 200 KB a transcript page."""
    logging.getLogger(sphinx_logging.NAMESPACE).setLevel(
        sphinx_logging.VERBOSITY_MAP[max(verbosity, 0)])


def records_as_shown(app: Sphinx) -> None:
    """``builder-inited``: in this process too, no record made of what the build
    does not show (Sphinx's logger takes every debug line, a few per page and
    event, to its handlers, which drop them): a second at 1,000 episodes."""
    logging_as_shown(app.verbosity)


def logged_as_shown(verbosity: int, work: Callable) -> Callable:
    """``work``, to run in a forked process, logging as the build shows."""
    def run(*arguments):
        logging_as_shown(verbosity)
        return work(*arguments)
    return run


_BESIDE = "podcast_beside"  # on the app: the processes working beside the writing


def beside(app: Sphinx, work: Callable[[], None]) -> bool:
    """``work`` started in a forked process of its own, beside the writing,
    until ``done_beside``. False where the system does not fork: the caller
    does the work itself."""
    if not forks():
        return False
    tasks = ParallelTasks(1)
    tasks.add_task(logged_as_shown(app.verbosity, work))
    setattr(app, _BESIDE, [*(getattr(app, _BESIDE, None) or ()), tasks])
    return True


def beside_or_here(app: Sphinx, work: Callable[[], None]) -> None:
    """``work`` done beside the writing, or here where the system does not fork."""
    if not beside(app, work):
        work()


def done_beside(app: Sphinx, exception: Exception | None = None) -> None:
    """The work beside the writing waited for (what it logged shown, what failed
    it raised), once every page is written (``writing.made_pages``), or stopped
    if the build failed (``build-finished``)."""
    for tasks in getattr(app, _BESIDE, None) or ():
        if exception is None:
            tasks.join()
        else:
            tasks.terminate()
    setattr(app, _BESIDE, None)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", every_core_works)
    app.connect("builder-inited", records_as_shown)
    app.connect("build-finished", done_beside, priority=100)

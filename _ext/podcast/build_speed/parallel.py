"""``-j N`` with N processes reading and N writing.

Reading: Sphinx cuts the pages into many small chunks, each read in a forked
process that sends the whole environment back, pickled, to be merged. The
environment grows as chunks are merged, and later processes are forked from it,
so each chunk sends back everything read before it too: at 1,000 episodes that
was most of what ``-j 2`` spent reading. Here the pages are read in
``CHUNKS_PER_PROCESS`` chunks per process instead.

Writing: Sphinx keeps the main process to load and resolve each doctree while
N - 1 forked processes write the pages (``Builder.write_documents``), so
``-j 2`` writes every page in one process, no faster than a serial build.
Loading and resolving is a small part of writing a page (the HTML and the
theme's templates are the rest), so here N processes write, beside it.
"""

from __future__ import annotations

import sphinx.builders
from sphinx.application import Sphinx
from sphinx.util.parallel import make_chunks

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
        write_parallel(docnames, nproc=max(nproc, parallel))

    builder._read_parallel = _read_parallel
    builder._write_parallel = _write_parallel


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", every_core_works)

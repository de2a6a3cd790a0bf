"""With ``-j N``, pages are written in N processes, not N - 1.

Sphinx keeps the main process to load and resolve each doctree while N - 1
forked workers write the pages (``Builder.write_documents``), so ``-j 2`` writes
every page in one process: no faster than a serial build. Loading and resolving
is a small part of writing a page (the HTML and the theme's templates are the
rest), so here the workers are as many as the cores asked for, and the main
process's share runs beside them.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def every_core_writes(app: Sphinx) -> None:
    """``builder-inited``: the builder's parallel writing given all N processes."""
    builder = app.builder
    parallel = app.parallel
    if parallel <= 1 or not hasattr(builder, "_write_parallel"):
        return
    write_parallel = builder._write_parallel

    def _write_parallel(docnames, nproc: int) -> None:
        write_parallel(docnames, nproc=max(nproc, parallel))

    builder._write_parallel = _write_parallel


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", every_core_writes)

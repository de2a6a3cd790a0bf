"""Nothing is left of a page that is gone.

Sphinx forgets a removed source but leaves the page it wrote last time (and its
copy under ``_sources/``): a person no post names any more would keep a page
that nothing links, in the search and the site. The pages of the sources that
are gone are removed once the build has written the rest.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .people_pages import person_pages
from .transcript_pages import drawn_transcripts

_GONE: dict[int, set[str]] = {}  # id of the app -> docnames removed this build


def note_gone(app: Sphinx, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: the sources removed since the last build."""
    _GONE[id(app)] = set(removed)
    return []


def remove_their_pages(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: each removed source's page and source copy."""
    gone = _GONE.pop(id(app), set())
    builder = app.builder
    if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
        return
    outdir = Path(app.outdir)
    drawn = person_pages(app) | drawn_transcripts(app).keys()
    for docname in sorted(gone - set(app.env.found_docs)):
        if docname not in drawn:  # a person's or a transcript's page, a document once,
            # is made in its place
            Path(builder.get_outfilename(docname)).unlink(missing_ok=True)
        copies = outdir / "_sources" / Path(docname).parent
        for copy in copies.glob(f"{Path(docname).name}.*.txt"):
            copy.unlink()


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", note_gone)
    # before anything reads the written site (the search index)
    app.connect("build-finished", remove_their_pages, priority=100)

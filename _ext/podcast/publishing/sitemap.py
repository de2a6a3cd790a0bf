"""The sitemap lists every page, in one order, whatever the build wrote.

sphinx-sitemap collects the pages written during a build, in the order they
were written: an incremental build's sitemap would list only the few pages it
rewrote, and a ``-j`` build's lists them in whatever order its workers
finished. Just before it writes the file, the pages not written this time (the
documents', and the people's pages of ``writing.people_pages``) are
added through its own ``add_html_link`` (same links, same exclusions), and all
are put back sorted.

So the pages need not reach it from the processes that write them: its queue,
shared between processes through a server process (a round trip for every
page, a millisecond each), is replaced by one of the main process. A page a
``-j`` worker writes is listed from the documents found, as any page not written.
"""

from __future__ import annotations

import queue

from sphinx.application import Sphinx
from sphinx_sitemap import add_html_link

from ..writing.context import is_web_build
from ..writing.people_pages import person_pages
from ..writing.transcript_pages import drawn_transcripts


def _drain(links: queue.Queue) -> list[tuple[str, str | None]]:
    drained = []
    while True:
        try:
            drained.append(links.get_nowait())
        except queue.Empty:
            return drained


def complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``, before sphinx-sitemap writes: every page, sorted."""
    links = getattr(app, "sitemap_links", None)
    if exception or links is None:
        return
    written = _drain(links)
    if not is_web_build(app) or app.builder.name == "singlehtml":
        return  # an e-book has no web pages; one page holds them all there: no sitemap
    app.sitemap_links = local = queue.Queue()
    for docname in [*app.env.found_docs, *person_pages(app), *drawn_transcripts(app)]:
        add_html_link(app, docname, None, {}, None)
    # a page written this build comes twice: its own entry (lastmod and all) wins
    by_link = {link: entry for link, *entry in _drain(local)}
    by_link.update({link: entry for link, *entry in written})
    for link in sorted(by_link):
        local.put((link, *by_link[link]))


def links_in_this_process(app: Sphinx) -> None:
    """``builder-inited``, after sphinx-sitemap's: its queue of this process alone."""
    if getattr(app, "sitemap_links", None) is not None:
        app.sitemap_links = queue.Queue()


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinx_sitemap")
    app.connect("builder-inited", links_in_this_process, priority=600)
    app.connect("build-finished", complete_sitemap, priority=400)

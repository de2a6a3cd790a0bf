"""The transcripts indexed for the search while their posts are read.

Pagefind reads written pages, and a transcript page is written once all is
read: at 1,000 one-hour transcripts its index (some 20 s of one core) ran on
after the last page, while the rest of the build waited. A transcript page's
body is made while its post is read (``writing.transcript_pages``), and what
Pagefind reads of it (the body, its filters and title) is all there is then:
each is staged as a page of its own in the doctrees' folder, at the path its
page has in the site, and a year's bundle of transcripts is indexed from the
staged pages as soon as its posts are read, on the core the reading leaves
idle. The index is that of the written pages: their bodies are the same
(``tests/test_search.py`` compares them).

With ``-j`` the processes reading stage the pages, and the bundles start as
their chunks come back.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from sphinx.application import Sphinx

from ..before_reading.sources import pages_are_documents
from ..before_reading.transcript_sources import PAGES
from ..state.domain import state_of
from ..writing.transcript_pages import BODY
from .pagefind import (
    TRANSCRIPTS,
    Bundle,
    bundles,
    facets_of,
    facts,
    indexed,
    site_path,
    uses_pagefind,
)
from .pagefind_runs import WHILE_WRITING, holds, runs_of

STAGED = "pagefind-staged"  # in the doctrees' folder: what Pagefind reads of each transcript


def staged_page(language: str, body: str, facts_html: str) -> str:
    """What Pagefind reads of a page: its language, its body and its facts, as
    the page has them (``templates/layout.html``)."""
    return (f'<!DOCTYPE html>\n<html lang="{escape(language or "en", quote=True)}"><head>'
            f'<meta charset="utf-8"></head><body><article>{body}</article>{facts_html}'
            "</body></html>\n")


class Staging:
    """The transcripts' bundles of one build, and the pages each waits for."""

    def __init__(self, app: Sphinx) -> None:
        self.root = Path(app.doctreedir) / STAGED
        self.pid = os.getpid()
        self.waiting: dict[str, tuple[Bundle, set[str]]] = {}  # folder -> its pages unread

    def plan(self, app: Sphinx, env, docnames: list[str]) -> None:
        """``env-before-read-docs``: the transcript pages this build draws, by
        bundle; the pages read this build awaited; staged pages of transcripts
        gone removed."""
        found = state_of(env).data.get(PAGES, {})
        pages = {docname: item.page for docname, item in found.items()
                 if item.page and item.page not in env.found_docs}
        paths = {page: site_path(app, page) for page in pages.values()}
        kept = set(paths.values())
        for staged in self.root.glob("**/*.html"):
            if staged.relative_to(self.root).as_posix() not in kept:
                staged.unlink()
        read = set(docnames)
        for bundle in bundles(app.config.podcast_episodes_dir, app.config, pages.values()):
            if not bundle.folder.startswith(TRANSCRIPTS):
                continue
            awaited = {paths[page] for docname, page in pages.items()
                       if docname in read and holds(bundle, paths[page])}
            if awaited:
                self.waiting[bundle.folder] = (bundle, awaited)

    def stage(self, app: Sphinx, doctree) -> None:
        """``doctree-read``, after the transcript's page is translated: what
        Pagefind reads of it staged; its bundle indexed once all are."""
        found = app.env.temp_data.pop(BODY, None)
        facets = facets_of(app, found[0]) if found else None
        if facets is None:
            return
        page, body = found
        name = site_path(app, page)
        path = self.root / name
        text = staged_page(app.config.language, indexed(body), facts(facets))
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")  # unchanged: its digest is known
        if os.getpid() == self.pid:  # a serial build: here, not in a reading process
            self.staged(app, [name])

    def merged(self, app: Sphinx, env, docnames, other) -> None:
        """``env-merge-info``: a chunk read in a process is in: its staged pages."""
        found = state_of(env).data.get(PAGES, {})
        self.staged(app, [site_path(app, found[docname].page)
                          for docname in docnames if docname in found and found[docname].page])

    def staged(self, app: Sphinx, names: list[str]) -> None:
        """Pages staged: each bundle whose pages are all staged indexed now."""
        runs = runs_of(app)
        for folder, (bundle, awaited) in list(self.waiting.items()):
            awaited.difference_update(names)
            if awaited:
                continue
            del self.waiting[folder]
            pages = runs.pages(bundle) if runs is not None else []
            if pages and (current := runs.stale(bundle, pages)) is not None:
                runs.start(bundle, pages, current, WHILE_WRITING)


def stage_while_reading(app: Sphinx) -> None:
    """``builder-inited``: transcripts staged as they are read, where their pages
    are drawn and the search is Pagefind's."""
    if pages_are_documents(app) or not uses_pagefind(app) or runs_of(app) is None:
        return
    staging = Staging(app)
    runs_of(app).transcripts_from = staging.root
    app.connect("env-before-read-docs", staging.plan)
    app.connect("doctree-read", staging.stage, priority=600)  # after the page is drawn
    app.connect("env-merge-info", staging.merged)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", stage_while_reading, priority=600)  # after Pagefind's runs

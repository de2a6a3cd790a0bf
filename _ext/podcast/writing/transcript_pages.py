"""Transcript pages: drawn at writing from what their post's reading kept, not
read as documents.

A transcript page was a document: a source generated before reading, parsed by
MyST, transformed, pickled, loaded again and resolved, for a heading, a link
and the paragraphs its directive had read, about 15 ms a page of Sphinx's
work over the 9 ms of reading the cues. Now the post reads its transcript with
it (``reading.transcript_page.TranscriptWithPost``: the transcript is already
the post's dependency, and the post is read again when its transcript
changes), and the page is made from that reading at once: a doctree of the
heading, the link to the episode, its player and the chapters' paragraphs,
translated to HTML (what it shows is the post's and the directory's, both known
then), kept in the doctrees' folder (``MadePage``), and its body left for the
search to index before any page is written (``publishing.transcript_search``).
At writing each page is handed to ``handle_page`` as a document's
(``writing.made_pages``), drawn from the theme's shell (``writing.drawn_pages``).

A page is written when its post was read this build, when Sphinx writes every
page, or when it is missing; the page of a transcript gone is removed. The
transcripts are the search's first bundle: Pagefind's runs call for them by
their names (``publishing.pagefind_runs``), and they are written then, before
any document. An e-book, a single page or LaTeX reads them as documents still
(``before_reading.sources.pages_are_documents``).
"""

from __future__ import annotations

import json
import pickle
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.frontend import Values
from sphinx.application import Sphinx

from ..before_reading.sources import pages_are_documents
from ..build_speed.memory import let_go
from ..core.transcripts.captions import Transcript
from ..reading.placeholders import placeholder
from ..reading.transcript_page import DRAWN, DrawnTranscript
from ..reading.transcript_text import transcript_text
from ..state.domain import state_of
from .context import Context
from .drawn_pages import drawer_of
from .made_pages import (
    Translated,
    draw_all,
    index_for_sphinx,
    page_context,
    reading_settings,
    titled_document,
    titles_of,
    translated,
    writes_every_page,
    writes_pages,
)
from .renderers import RENDERERS
from .transcript_html import as_nodes

WRITTEN = "transcript-pages.json"  # in the doctrees' folder: the pages drawn last build
BODY = "podcast_transcript_body"  # in the temporary data of the post: (page, its body)


@dataclass(frozen=True)
class MadePage:
    """What is kept of a transcript page from its post's reading to its writing."""

    drawn: DrawnTranscript
    translated: Translated


def made_path(doctreedir, page: str) -> Path:
    return Path(doctreedir) / f"{page}.transcript"


def drawn_transcripts(app: Sphinx) -> dict[str, Transcript]:
    """The transcript pages drawn at writing this build: page -> its Transcript,
    by page."""
    if pages_are_documents(app):
        return {}
    found = app.env.found_docs
    return {page: transcript for page, transcript in sorted(state_of(app.env).transcripts.items())
            if page not in found}


def transcript_doctree(app: Sphinx, drawn: DrawnTranscript, settings: Values
                       ) -> nodes.document:
    """The page's doctree, as its document's was once resolved: the heading, the
    link to the episode, its player, the chapters and their paragraphs."""
    page = drawn.page
    document, section = titled_document(page, drawn.curled_heading, settings, drawn.heading)
    episode = drawn.text.episode
    context = Context(app, page, state_of(app.env))
    back = nodes.paragraph(classes=["podcast-transcript-episode"])
    back += nodes.Text("The episode: ")
    back += nodes.reference("", "", nodes.inline(drawn.curled_title, drawn.curled_title,
                                                 classes=["doc"]),
                            internal=True, refuri=context.uri(episode))
    section += back
    section += RENDERERS["transcript-player"](
        context, placeholder("", kind="transcript-player", episode=episode))
    section += drawn.text.as_nodes(curled_titles=True)
    return document


def draw_with_post(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` of a post whose transcript page is drawn: the page
    translated now, while its post is read (what it shows is the post's and the
    directory's, both known), and kept for its writing; its body left (``BODY``)
    for the search to index it before the writing starts
    (``publishing.transcript_search``)."""
    drawn = app.env.temp_data.pop(DRAWN, None)
    if drawn is None:  # no post's, or its page is a document
        return
    doctree = transcript_doctree(app, drawn, reading_settings(app))
    made = translated(app.builder, drawn.page, doctree, titles_of(app))
    let_go(doctree)
    path = made_path(app.doctreedir, drawn.page)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(MadePage(drawn, made), pickle.HIGHEST_PROTOCOL))
    app.env.temp_data[BODY] = (drawn.page, made.body)


class TranscriptPages:
    """The transcript pages of one build: which posts were read, which pages
    to write."""

    def __init__(self) -> None:
        self.read: set[str] = set()  # the posts read this build
        self.written = True

    def note_read(self, app: Sphinx, env, docnames: list[str]) -> None:
        """``env-before-read-docs``: the posts read this build (their transcript
        pages are made anew)."""
        self.read = set(docnames)
        self.written = False

    def load(self, app: Sphinx, page: str) -> tuple[nodes.document, Translated]:
        """The page's doctree (for the handlers of the page) and its translation."""
        made = pickle.loads(made_path(app.doctreedir, page).read_bytes())
        return transcript_doctree(app, made.drawn, reading_settings(app)), made.translated

    def as_nodes(self, app: Sphinx, page: str) -> nodes.document:
        """The page's doctree, its paragraphs as nodes (what Sphinx's index reads)."""
        doctree = self.load(app, page)[0]
        for node in list(doctree.findall(transcript_text)):
            node.replace_self(as_nodes(node))
        return doctree

    def write(self, app: Sphinx) -> None:
        """The pages of posts read this build (all of them when Sphinx writes
        every page), those missing, and the pages of transcripts gone removed."""
        if self.written:
            return
        self.written = True
        builder = app.builder
        drawn = drawn_transcripts(app)
        pages = [page for page, transcript in drawn.items()
                 if writes_every_page(app) or transcript.episode in self.read
                 or not Path(builder.get_outfilename(page)).is_file()]
        titles_html = titles_of(app)
        drawer = drawer_of(app)

        def draw(pages: list[str]) -> None:
            for page in pages:
                doctree, made = self.load(app, page)
                drawer.draw(app, page, page_context(builder, page, doctree, (None, None, None),
                                                    titles_html, made), doctree)
                let_go(doctree)

        draw_all(app, pages, draw, "writing transcript pages... ", beside=True)
        index_for_sphinx(builder, ((page, self.as_nodes(app, page)) for page in drawn))
        written = Path(app.doctreedir) / WRITTEN
        try:
            before = set(json.loads(written.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            before = set()
        for gone in sorted(before - drawn.keys() - app.env.found_docs):
            Path(builder.get_outfilename(gone)).unlink(missing_ok=True)
            made_path(app.doctreedir, gone).unlink(missing_ok=True)
        written.write_text(json.dumps(sorted(drawn)), encoding="utf-8")


def write_when_called_for(app: Sphinx) -> None:
    """``builder-inited``: ``Builder.write_documents`` wrapped: the transcript
    pages written at its first call (the search's first bundle names them),
    before any document."""
    pages = TranscriptPages()
    app.connect("env-before-read-docs", pages.note_read)
    if pages_are_documents(app):
        return
    writes_pages(app, pages)
    builder = app.builder
    write_documents = builder.write_documents

    def write_transcripts_first(docnames) -> None:
        pages.write(app)
        documents = set(docnames) & app.env.found_docs
        if documents or not docnames:
            write_documents(documents)

    builder.write_documents = write_transcripts_first


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", draw_with_post)
    app.connect("builder-inited", write_when_called_for)

"""Transcript pages: one per episode with a transcript, generated as a source
before reading (so it is in the search), its paragraphs' times drawn as links
that seek the episode's player.

A time links the video at that second (what works without JavaScript);
``podcast.js`` opens the episode page at ``#t=`` instead, where the player (or
the audio) seeks, as for chapters.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.application import Sphinx

from ..core.discovery import Post
from ..core.transcripts import TRANSCRIPTS_DIR, transcript_file, transcript_page
from ..core.urls import watch_url
from ..read.transcripts import transcript_time
from .sources import markdown_text, remove_stale, write_if_changed


def transcripts_of(app: Sphinx, posts: list[Post]) -> dict[str, Path]:
    """Episode docname -> its transcript file, for every post that has one."""
    found = {}
    for episode, _ in posts:
        post = app.env.doc2path(episode.docname)
        path = transcript_file(post, str(episode.extra.get("transcript", "")))
        if path is not None:
            found[episode.docname] = path
    return found


def generate(app: Sphinx, posts: list[Post]) -> None:
    """Write a transcript page for each post that has a transcript."""
    srcdir = Path(app.srcdir)
    titles = {episode.docname: episode.title for episode, _ in posts}
    written = set()
    for docname, path in transcripts_of(app, posts).items():
        page = transcript_page(docname)
        written.add(Path(page).name + ".md")
        write_if_changed(srcdir / f"{page}.md", (
            "---\norphan: true\n---\n\n"
            f"# Transcript: {markdown_text(titles[docname])}\n\n"
            f"```{{podcast-transcript}}\n:episode: {docname}\n"
            f":file: {path.relative_to(srcdir).as_posix()}\n```\n"))
    remove_stale(srcdir / TRANSCRIPTS_DIR, written)


def visit_time_html(self, node: transcript_time) -> None:
    episode = self.builder.get_relative_uri(self.builder.current_docname, node["episode"])
    seconds = int(node["seconds"])
    href = watch_url(node["video"], seconds) if node["video"] else f"{episode}#t={seconds}"
    self.body.append(f'<a class="podcast-transcript-time" href="{escape(href, quote=True)}" '
                     f'data-episode="{escape(episode, quote=True)}" data-seconds="{seconds}">')


def depart_time_html(self, node: transcript_time) -> None:
    self.body.append("</a>")


def visit_time_plain(self, node: transcript_time) -> None:
    """Other formats: the time as text."""


def depart_time_plain(self, node: transcript_time) -> None:
    pass


def setup(app: Sphinx) -> None:
    plain = (visit_time_plain, depart_time_plain)
    app.add_node(transcript_time, html=(visit_time_html, depart_time_html), latex=plain,
                 text=plain, man=plain, texinfo=plain)

"""A transcript paragraph's time, drawn as a link that seeks the episode's player
(the pages' sources are made by ``before_reading.transcript_sources``).

A time links the video at that second (what works without JavaScript);
``podcast.js`` opens the episode page at ``#t=`` instead, where the player (or
the audio) seeks, as for chapters.
"""

from __future__ import annotations

from html import escape

from sphinx.application import Sphinx

from ..core.text.urls import watch_url
from ..reading.transcript_page import transcript_time


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
    link = (visit_time_html, depart_time_html)
    # the e-book's pages are HTML too, with a translator of their own name
    app.add_node(transcript_time, html=link, epub=link, latex=plain, text=plain, man=plain,
                 texinfo=plain)

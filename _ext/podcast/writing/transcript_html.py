"""A transcript's paragraphs drawn: each starts with its time, a link that seeks
the episode's player, then who speaks; the people it names link to their pages.

The time is the paragraph's anchor (``#t-<seconds>``), not the paragraph:
Pagefind keeps the text of every element with an id for the search's
sub-results, and a paragraph's whole text kept so doubled what a search
downloads of each transcript (and its index took a fifth longer to build).

A time links the video at that second (what works without JavaScript);
``podcast.js`` opens the episode page at ``#t=`` instead, where the player (or
the audio) seeks, as for chapters.

HTML pages get a heading's paragraphs (``transcript_text``) written in one go,
as the HTML writer would write them as nodes; other formats, and Sphinx's own
search, which reads words from nodes, get them back as nodes first.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..before_reading.page_kinds import person_page
from ..core.text.urls import watch_url
from ..reading.transcript_text import transcript_text, transcript_time
from ..state.domain import state_of

# the e-book's pages are HTML too, with a translator of their own name
HTML_TRANSLATORS = ("html", "epub")
OTHER_TRANSLATORS = ("latex", "text", "man", "texinfo")


def time_link(episode: str, video: str, seconds: int) -> str:
    """The opening tag of a paragraph's time, its anchor (``episode``: its page's
    relative URL)."""
    href = watch_url(video, seconds) if video else f"{episode}#t={seconds}"
    return (f'<a id="{anchor(seconds)}" class="podcast-transcript-time" '
            f'href="{escape(href, quote=True)}" data-episode="{escape(episode, quote=True)}" '
            f'data-seconds="{seconds}">')


def anchor(seconds: int) -> str:
    """The id of the paragraph said from ``seconds`` on (its time's)."""
    return f"t-{seconds}"


def visit_time_html(self, node: transcript_time) -> None:
    episode = self.builder.get_relative_uri(self.builder.current_docname, node["episode"])
    self.body.append(time_link(episode, node["video"], int(node["seconds"])))


def depart_time_html(self, node: transcript_time) -> None:
    self.body.append("</a>")


def visit_text_html(self, node: transcript_text) -> None:
    """The paragraphs, as the HTML writer writes a paragraph, a strong, a
    reference and the text (``encode``: its escaping, ``@`` and all)."""
    builder, here = self.builder, self.builder.current_docname
    episode = builder.get_relative_uri(here, node["episode"])
    # the directory's, made before reading: the page may be drawn while its post is read
    directory = state_of(builder.env).directory
    links: dict[str, str] = {}

    def link(name: str) -> str:
        if name not in links:
            person = directory.person(name)
            if person is None:  # no page (any more): the name as text, as an unresolved link
                links[name] = ""
            else:  # where ``{person}`` links
                uri = builder.get_relative_uri(here, person_page(person.slug))
                links[name] = (f'<a class="reference internal" href="{self.attval(uri)}" '
                               f'title="{self.attval(person.name)}">')
        return links[name]

    encode, parts = self.encode, []
    for start, time, speaker, pieces in node["paragraphs"]:
        parts.append(f'<p class="podcast-transcript-paragraph">'
                     f'{time_link(episode, node["video"], start)}{encode(time)}</a> ')
        if speaker:
            parts.append(f'<strong class="podcast-transcript-speaker">{encode(speaker)}</strong>')
        for text, name in pieces:
            if not name:
                parts.append(encode(text))
            elif opening := link(name):
                parts.append(f"{opening}<span>{encode(text)}</span></a>")
            else:
                parts.append(f"<span>{encode(text)}</span>")
        parts.append("</p>\n")
    self.body.append("".join(parts))
    raise nodes.SkipNode


def as_nodes(node: transcript_text) -> list[nodes.paragraph]:
    """The paragraphs as nodes, as the transcript page had them (the anchor is
    the time's, which writes it)."""
    found = []
    for start, time, speaker, pieces in node["paragraphs"]:
        paragraph = nodes.paragraph(classes=["podcast-transcript-paragraph"])
        paragraph += transcript_time("", time, episode=node["episode"], seconds=start,
                                     video=node["video"])
        paragraph += nodes.Text(" ")
        if speaker:
            paragraph += nodes.strong("", speaker, classes=["podcast-transcript-speaker"])
        for text, name in pieces:
            paragraph += addnodes.pending_xref(
                "", nodes.inline("", text), refdomain="podcast", reftype="person",
                reftarget=name, refexplicit=True) if name else nodes.Text(text)
        found.append(paragraph)
    return found


class TranscriptAsNodes(SphinxPostTransform):
    """Other formats than HTML, and Sphinx's search: the paragraphs as nodes,
    before their links are resolved."""

    default_priority = 5  # before Sphinx's ReferencesResolver (10)

    def is_supported(self) -> bool:
        builder = self.env._builder_cls
        return builder.format != "html" or (builder.search
                                            and self.config.podcast_search != "pagefind")

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(transcript_text)):
            node.replace_self(as_nodes(node))


def visit_plain(self, node: nodes.Element) -> None:
    """Other formats: a time as text (a transcript's text is nodes again by now)."""


def depart_plain(self, node: nodes.Element) -> None:
    pass


def setup(app: Sphinx) -> None:
    plain = (visit_plain, depart_plain)
    app.add_node(transcript_time, **dict.fromkeys(HTML_TRANSLATORS,
                                                   (visit_time_html, depart_time_html)),
                 **dict.fromkeys(OTHER_TRANSLATORS, plain))
    app.add_node(transcript_text, **dict.fromkeys(HTML_TRANSLATORS, (visit_text_html, None)),
                 **dict.fromkeys(OTHER_TRANSLATORS, plain))
    app.add_post_transform(TranscriptAsNodes)

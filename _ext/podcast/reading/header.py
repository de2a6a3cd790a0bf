"""Reading an episode: front matter -> Episode record -> the page's header.

Runs as a transform once MyST has parsed a post (after docutils' DocInfo,
before Sphinx collects titles at ``doctree-read``), so the page title Sphinx
records is already the clean one. The header: byline, the video (on
sphinxcontrib-youtube's node) and the audio (drawn by ``pages.player``), the
Substack link and the show's listen links.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinxcontrib.youtube.youtube import youtube

from ..core.post import feed_data
from ..core.post.episode import Episode, decode, format_date, is_episode
from ..core.post.frontmatter import front_matter_head, front_matter_lines
from ..core.post.value_types import post_meta
from ..core.text.urls import PRIVACY_EMBED
from ..state.domain import state_of
from . import placeholders
from .source_text import OUTSIDE
from .transcript_page import episode_transcript, page_of

logger = logging.getLogger(__name__)

EXCERPT_LENGTH = 200
# Nodes that may stand before the H1 without being content of the page.
_INVISIBLE = (nodes.target, nodes.comment, nodes.substitution_definition, nodes.system_message)


def excerpt(section: nodes.Element, limit: int = EXCERPT_LENGTH) -> str:
    """The post's first paragraph, cut at a word boundary."""
    for paragraph in section.findall(nodes.paragraph):
        if isinstance(paragraph.parent, nodes.system_message):
            continue  # a parser's complaint, not the post's words
        text = " ".join(paragraph.astext().split())
        if not text:
            continue
        if len(text) <= limit:
            return text
        return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return ""


def title_section(document: nodes.document, title: str) -> nodes.section:
    """The one top-level section of the page, its heading set to ``title``.

    MyST's ``title_to_header`` turns the front matter title into the H1; its raw
    text (series suffix, wrapped spaces, any markup) is replaced by the clean
    title. Posts without one get a section made here. Any other top-level
    section (an H1 in the body) moves inside, so the page has one H1 only.
    """
    body = [child for child in document.children if not isinstance(child, nodes.docinfo)]
    sections = [child for child in body if isinstance(child, nodes.section)]
    if sections and all(isinstance(child, _INVISIBLE) for child in body[: body.index(sections[0])]):
        section = sections[0]
        section[0].children = []
        section[0] += nodes.Text(title)
        rest = body[body.index(section) + 1:]
    else:
        section = nodes.section(ids=[nodes.make_id(title) or "episode"], names=[])
        section += nodes.title(title, title)
        document.insert(document.index(body[0]) if body else len(document), section)
        rest = body
    for child in rest:
        document.remove(child)
        section += child
    return section


def byline(episode: Episode) -> nodes.paragraph:
    parts: list[nodes.Node] = []
    if episode.number is not None:
        parts.append(nodes.inline("", f"Episode {episode.number}", classes=["podcast-number"]))
    if episode.published is not None:
        parts.append(nodes.inline("", format_date(episode.published), classes=["podcast-date"]))
    if episode.guests:
        names = ", ".join(episode.guests)
        parts.append(nodes.inline("", f"with {names}", classes=["podcast-guests"]))
    paragraph = nodes.paragraph(classes=["podcast-byline"])
    for index, part in enumerate(parts):
        if index:
            paragraph += nodes.inline("", " · ", classes=["podcast-separator"])
        paragraph += part
    return paragraph


def video_node(episode: Episode, privacy: bool) -> youtube:
    """sphinxcontrib-youtube's node for an episode's video, carrying its title.

    Made here rather than by running the library's directive, which queues a
    thumbnail download for LaTeX builds (no build may touch the network).
    """
    return youtube(
        id=episode.youtube_id,
        title=episode.title,
        aspect=(16, 9),
        width=None,
        height=None,
        align=None,
        url_parameters="",
        # The library turns privacy on for any non-empty value, so use None for off.
        privacy_mode="on" if privacy else None,
        platform="youtube",
        platform_url="https://youtu.be/",
        platform_url_privacy=PRIVACY_EMBED,
        instance="https://youtu.be/",
    )


class audio_player(nodes.General, nodes.Element):
    """The episode's audio (``url``, ``type``, ``title``), drawn by ``pages.player``."""


def transcript_link(page: str) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=["podcast-transcript-link"])
    paragraph += addnodes.pending_xref("", nodes.inline("", "Read the transcript"),
                                       refdomain="std", reftype="doc", reftarget="/" + page,
                                       refexplicit=True, refwarn=True)
    return paragraph


def substack_link(url: str) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=["podcast-substack"])
    paragraph += nodes.reference("", "Read on Substack", refuri=url)
    return paragraph


class EpisodeTransform(SphinxTransform):
    """Decode a post's front matter and give its page the episode header."""

    default_priority = 500

    def feed_data(self, post: Path) -> dict[str, str]:
        """What the show's feeds say of the post (``core.post.feed_data``), its file a
        dependency of the post."""
        values, problems = feed_data.read_file(post, Path(self.env.srcdir))
        path = feed_data.data_file(post)
        for line, problem in problems:
            logger.warning(problem, location=f"{path}:{line}", type="podcast",
                           subtype="feed-data")
        if path.is_file():
            self.env.note_dependency(str(path))
        return values

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        if not is_episode(docname, self.config.podcast_episodes_dir) or self.env.temp_data.get(
                OUTSIDE):
            return
        post = self.env.doc2path(docname)
        head = front_matter_head(post)
        meta, troubles, wrong_types = post_meta(head, self.feed_data(post))
        for trouble in troubles:
            logger.warning(trouble.message, location=(docname, trouble.line), type="podcast",
                           subtype="front-matter")
        episode, problems = decode(docname, meta)
        # a value warned of for its type is not warned of again as missing
        typed = {problem.key for problem in wrong_types}
        problems = list(dict.fromkeys(
            wrong_types + [problem for problem in problems if problem.key not in typed]))
        if problems:
            lines = front_matter_lines(head)
            for problem in problems:
                logger.warning(
                    problem.message,
                    location=(docname, lines.get(problem.key, 1)),
                    type="podcast",
                    subtype=problem.subtype,
                )

        section = title_section(self.document, episode.title)
        episode = replace(episode, excerpt=excerpt(section))
        transcript = episode_transcript(self.env, docname,
                                        front_matter_lines(head).get("transcript", 1))
        if transcript is not None:
            episode = replace(episode, transcript=transcript)

        header: list[nodes.Node] = [byline(episode)]
        if episode.youtube_id:
            header.append(video_node(episode, self.config.podcast_youtube_privacy))
        if episode.audio:
            header.append(audio_player(url=episode.audio.url, type=episode.audio.type,
                                       title=episode.title))
        if episode.substack_url:
            header.append(substack_link(episode.substack_url))
        if episode.transcript:
            header.append(transcript_link(episode.transcript))
        header.append(listen_links(self.config.podcast_listen_links))
        for offset, node in enumerate(header, start=1):
            section.insert(offset, node)
        section += placeholders.make(self.env, "episode-people")
        section += placeholders.make(self.env, "pager")

        state_of(self.env).add_episode(episode)


def listen_links(links: list[dict[str, str]]) -> nodes.paragraph:
    """The show's listen links, set once in ``podcast_listen_links``."""
    paragraph = nodes.paragraph(classes=["podcast-listen"])
    if not links:
        return paragraph
    paragraph += nodes.inline("", "Listen on ", classes=["podcast-listen-label"])
    for index, link in enumerate(links):
        if index:
            paragraph += nodes.Text(" · ")
        paragraph += nodes.reference("", link["name"], refuri=link["url"])
    return paragraph


class ListenLinksDirective(SphinxDirective):
    """``{listen-links}``: the show's listen links, as on every episode page."""

    def run(self) -> list[nodes.Node]:
        return [listen_links(self.config.podcast_listen_links)]


def transcripts_changed(app: Sphinx, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: posts whose transcript came or went are read again (to
    link it, or not)."""
    outdated = []
    for docname, episode in state_of(env).episodes.items():
        if docname in env.found_docs and page_of(env, docname) != episode.transcript:
            outdated.append(docname)  # its transcript came, went or was renamed
        elif docname in env.found_docs and feed_data_came(env, docname):
            outdated.append(docname)
    return outdated


def feed_data_came(env, docname: str) -> bool:
    """The post has a feed data file it had not when last read (one that went, or
    changed, Sphinx sees itself: it is a dependency)."""
    path = feed_data.data_file(env.doc2path(docname))
    return path.is_file() and not any(
        Path(env.srcdir, dependency) == path for dependency in env.dependencies.get(docname, ()))


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", transcripts_changed)
    app.add_config_value("podcast_listen_links", [], "env", list)
    app.add_config_value("podcast_youtube_privacy", True, "env", bool)
    app.add_transform(EpisodeTransform)
    app.add_directive("listen-links", ListenLinksDirective)

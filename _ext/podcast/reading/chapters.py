"""Chapters: the post's timestamp lists, pasted lines and ``{chapters}`` blocks.

Found by the one reading of a post's Markdown (``core.post.body``, which also
runs before reading), located here by their lines and rendered where they
stand. Every shape ends as the same list: an ordered list of chapters, each with its start,
title and duration, anchored by its time, linking to YouTube at that second
(``podcast.js`` turns a click into a seek of the embedded player). The
chapters join the episode's record in the state, and each becomes a ``{ref}``
target once all is read (``publishing.json_chapters`` writes them as JSON).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..build_speed.memory import let_go
from ..core.post.body import MAX_CHAPTERS, ReadLine, read_groups
from ..core.post.timestamps import Chapter, durations, youtube_rule_problems
from ..core.text.times import format_duration
from ..core.text.urls import watch_url
from ..state.domain import state_of
from .source_text import body_of

logger = logging.getLogger(__name__)

CHAPTERS_CLASS = "podcast-chapters"


BLOCKS = "podcast_chapter_blocks"  # temp_data: the page has a {chapters} block


class chapters_block(nodes.General, nodes.Element):
    """Where a ``{chapters}`` block stands; its lines are read with the post's
    other chapters (``core.post.body``) and rendered with them."""


class ChaptersDirective(SphinxDirective):
    """``{chapters}``: one ``TIME TITLE`` per line, as in the host's lists."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = chapters_block()
        self.set_source_info(node)
        self.env.temp_data[BLOCKS] = True
        return [node]


@dataclass
class Item:
    """One line of a chapter list, before rendering."""

    read: ReadLine
    location: tuple[str, int]
    rest: list[nodes.Node] = field(default_factory=list)  # nested content, kept as is

    @property
    def text(self) -> str:
        return self.read.line.text


def first_paragraph(item: nodes.list_item) -> nodes.paragraph | None:
    return item[0] if len(item) and isinstance(item[0], nodes.paragraph) else None


def lines_of(paragraph: nodes.paragraph) -> list[list[nodes.Node]]:
    """A paragraph's inline content, line by line: Markdown keeps soft breaks as
    text, and makes a hard one (two spaces or a backslash at the line's end) raw
    HTML and LaTeX line breaks."""
    lines: list[list[nodes.Node]] = [[]]
    for child in paragraph.children:
        if isinstance(child, nodes.raw) and child.astext().endswith("\n"):
            if lines[-1]:
                lines.append([])
        elif isinstance(child, nodes.Text) and "\n" in child:
            first, *others = str(child).split("\n")
            lines[-1].append(nodes.Text(first))
            lines.extend([nodes.Text(other)] for other in others)
        else:
            lines[-1].append(child)
    return [line for line in lines if "".join(node.astext() for node in line).strip()]


def in_chapters(node: nodes.Node) -> bool:
    """Chapters already, or inside them."""
    while node is not None:
        if CHAPTERS_CLASS in getattr(node, "get", lambda *_: [])("classes", []):
            return True
        node = node.parent
    return False


def where_groups_stand(document: nodes.document,
                       wanted: set[tuple[str, int]]) -> dict[tuple[str, int], nodes.Element]:
    """The doctree's places the chapter groups ``wanted`` stand, by kind and line:
    a list by its first item's line, a paragraph by its line, a block by its
    fence's; the first of each, the walk over once all are found."""
    found: dict[tuple[str, int], nodes.Element] = {}
    for node in document.findall(nodes.Element):
        if isinstance(node, nodes.bullet_list | nodes.enumerated_list):
            items = [child for child in node.children if isinstance(child, nodes.list_item)]
            key = ("list", items[0].line) if items and items[0].line else None
        elif isinstance(node, nodes.paragraph) and node.line:
            key = ("pasted", node.line)
        elif isinstance(node, chapters_block) and node.line:
            key = ("block", node.line)
        else:
            continue
        if key in wanted and key not in found:
            found[key] = node
            if len(found) == len(wanted):
                break
    return found


class ChaptersTransform(SphinxTransform):
    """Render the post's chapters where they stand; record them."""

    default_priority = 510  # after EpisodeTransform, which records the video

    def apply(self, **kwargs) -> None:
        domain = state_of(self.env)
        docname = self.env.docname
        episode = domain.episodes.get(docname)
        video = episode.youtube_id if episode else None
        self.audio = bool(episode and episode.audio)  # chapters seek the audio too
        self.anchors: set[str] = set()
        self.pending: list[tuple[str, str, object]] = []
        self.labelled: list[tuple[str, Chapter]] = []
        self.warned_limit = False
        recorded: list[Chapter] = []

        body = body_of(self.env)
        if not body.chapters and not self.env.temp_data.get(BLOCKS):
            return  # most pages (a person's, say) have none: their doctree is not walked
        places = where_groups_stand(self.document,
                                    {(group.kind, group.line) for group in body.chapters})
        for group, lines in zip(body.chapters, read_groups(body.chapters), strict=True):
            node = places.get((group.kind, group.line))
            if node is None or node.parent is None or in_chapters(node):
                continue  # inside content MyST made of its own (a directive's, say)
            items = [Item(read, (docname, read.line.line)) for read in lines]
            if group.kind == "list":
                entries = [child for child in node.children if isinstance(child, nodes.list_item)]
                for item, entry in zip(items, entries, strict=False):
                    item.rest = list(entry.children[1:]) if first_paragraph(entry) else []
            rendered, chapters = self.render(items, video, where=node)
            if group.kind == "pasted" and group.label:
                label = lines_of(node)[0]
                node.replace_self([nodes.paragraph("", "", *label), rendered])
            else:
                node.replace_self(rendered)
            let_go(node)
            recorded += chapters
        if self.env.temp_data.get(BLOCKS):
            for block in list(self.document.findall(chapters_block)):  # one MyST read alone
                block.parent.remove(block)
                let_go(block)

        if episode is not None and recorded:
            domain.add_episode(replace(episode, chapters=tuple(recorded)))
            domain.add_labels(docname, [
                (anchor, f"{chapter.label} {chapter.title} ({episode.title})")
                for anchor, chapter in self.labelled])

    def warn(self, message: str, subtype: str, location) -> None:
        self.pending.append((message, subtype, location))

    def flush_warnings(self) -> None:
        """A list's warnings in the order of its lines, as the host reads them."""
        def line(location) -> int:
            return location[1] if isinstance(location, tuple) else (location.line or 0)

        for message, subtype, location in sorted(self.pending, key=lambda entry: line(entry[2])):
            logger.warning(message, location=location, type="podcast", subtype=subtype)
        self.pending = []

    def render(
        self, items: list[Item], video: str | None, where: nodes.Node
    ) -> tuple[nodes.enumerated_list, list[Chapter]]:
        parsed = []
        for item in items:
            if item.read.past_limit:
                if not self.warned_limit:
                    self.warn(f"more than {MAX_CHAPTERS} chapters: the rest are kept as text",
                              "chapter-count", item.location)
                    self.warned_limit = True
            elif item.read.parsed is None:
                self.warn(f"cannot read a chapter in {item.text.strip()[:60]!r}: write "
                          "'MM:SS - Title' (kept as text)", "chapter", item.location)
            parsed.append((item, item.read.parsed))
        chapters = [line.chapter for _, line in parsed if line]
        self.check(parsed, video, where)
        self.flush_warnings()

        listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".",
                                        classes=[CHAPTERS_CLASS])
        lengths = iter(durations(chapters))
        for item, line in parsed:
            if line is None:  # kept, as plain text
                entry = nodes.list_item(classes=["podcast-chapter-unparsed"])
                entry += nodes.paragraph("", item.text.strip())
                entry.extend(item.rest)
            else:
                entry = self.chapter_item(line.chapter, next(lengths), video)
                entry.extend(item.rest)
            listing += entry
        return listing, chapters

    def chapter_item(self, chapter: Chapter, length: int | None,
                     video: str | None) -> nodes.list_item:
        anchor = chapter.anchor
        suffix = 2
        while anchor in self.anchors:  # the same time twice: warned, still unique
            anchor, suffix = f"{chapter.anchor}-{suffix}", suffix + 1
        self.anchors.add(anchor)
        self.labelled.append((anchor, chapter))
        entry = nodes.list_item(ids=[anchor], classes=["podcast-chapter"])
        paragraph = nodes.paragraph()
        holder: nodes.Element = paragraph
        if video or self.audio:  # without a video, the page's own #t= seeks the audio
            uri = watch_url(video, chapter.start) if video else f"#t={chapter.start}"
            holder = nodes.reference("", "", refuri=uri, classes=["podcast-chapter-link"])
            paragraph += holder
        holder += nodes.inline("", chapter.label, classes=["podcast-chapter-start"])
        holder += nodes.Text(" ")
        holder += nodes.inline("", chapter.title, classes=["podcast-chapter-title"])
        if length is not None:
            paragraph += nodes.Text(" ")
            paragraph += nodes.inline("", f"({format_duration(length)})",
                                      classes=["podcast-chapter-duration"])
        entry += paragraph
        return entry

    def check(self, parsed, video: str | None, where: nodes.Node) -> None:
        previous = None
        for item, line in parsed:
            if line is None:
                continue
            start = line.chapter.start
            if previous is not None and start == previous:
                self.warn(f"two chapters start at {line.chapter.label}", "chapter-duplicate",
                          item.location)
            elif previous is not None and start < previous:
                self.warn(f"chapter {line.chapter.label} starts before the one above it",
                          "chapter-order", item.location)
            previous = start
            if line.link and not re.match(r"(?i)(https?|mailto):", line.link):
                self.warn(f"chapter {line.chapter.label} links to {line.link[:40]!r}, which is "
                          "no web address: dropped", "link", item.location)
            if line.link_video and video and line.link_video != video:
                self.warn(f"chapter {line.chapter.label} links to another video "
                          f"({line.link_video}, the episode's is {video})", "chapter-link",
                          item.location)
            if line.link_seconds is not None and line.link_seconds != start:
                self.warn(f"chapter {line.chapter.label} links to second {line.link_seconds}, "
                          f"not {start}; the label wins", "chapter-link", item.location)
        if not video and not self.audio and any(line for _, line in parsed):
            self.warn("chapters in a post without a video (youtubeID) or audio (audio_url): "
                      "they cannot seek",
                      "chapter-video", where)
        if self.config.podcast_chapters_youtube_rules:
            chapters = [line.chapter for _, line in parsed if line]
            for problem in youtube_rule_problems(chapters):
                self.warn(problem, "chapter-youtube", where)


def label_chapters(app: Sphinx, env) -> None:
    """``env-updated``: make each chapter a ``{ref}`` target, ``<docname>#chapter-01-15``.

    The labels join the standard domain only after reading: while reading,
    Sphinx purges each document from every label (``StandardDomain.clear_doc``),
    and tens of thousands of chapter labels there made a clean build quadratic.
    """
    std = env.get_domain("std")
    for docname, labels in state_of(env).labels.items():
        for anchor, text in labels:
            name = f"{docname}#{anchor}".lower()
            std.labels[name] = (docname, anchor, text)
            std.anonlabels[name] = (docname, anchor)


def setup(app: Sphinx) -> None:
    app.add_config_value("podcast_chapters_youtube_rules", False, "env", bool)
    app.add_node(chapters_block)
    app.add_directive("chapters", ChaptersDirective)
    app.add_transform(ChaptersTransform)
    app.connect("env-updated", label_chapters)

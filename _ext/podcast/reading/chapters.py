"""Chapters: the ``{chapters}`` directive and the host's legacy timestamp lists.

Both end as the same list: an ordered list of chapters, each with its start,
title and duration, anchored by its time, linking to YouTube at that second
(``podcast.js`` turns a click into a seek of the embedded player). The
chapters join the episode's record in the state, and each becomes a ``{ref}``
target once all is read (``publish.json_chapters`` writes them as JSON).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..core.post.timestamps import (
    CHAPTERS_HEADING,
    Chapter,
    durations,
    format_duration,
    parse_line,
    starts_with_time,
    youtube_rule_problems,
)
from ..core.text.urls import watch_url
from ..state.domain import state_of

logger = logging.getLogger(__name__)

CHAPTERS_CLASS = "podcast-chapters"
# An episode's chapters are a few dozen; a post with thousands is no episode's, and
# each chapter costs its page, the JSON chapters and the JSON-LD: the rest are text.
MAX_CHAPTERS = 1000


class chapters_block(nodes.General, nodes.Element):
    """A ``{chapters}`` block's lines, rendered once the episode's video is known."""


class ChaptersDirective(SphinxDirective):
    """``{chapters}``: one ``TIME TITLE`` per line, as in the host's lists."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = chapters_block(lines=[
            (self.content_offset + index + 1, line)
            for index, line in enumerate(self.content)
            if line.strip()
        ])
        self.set_source_info(node)
        return [node]


@dataclass
class Item:
    """One line of a chapter list, before rendering."""

    text: str
    location: nodes.Node | tuple[str, int]
    link: str | None = None
    rest: list[nodes.Node] = field(default_factory=list)  # nested content, kept as is


def first_paragraph(item: nodes.list_item) -> nodes.paragraph | None:
    return item[0] if len(item) and isinstance(item[0], nodes.paragraph) else None


def link_of(first: nodes.Node | None) -> str | None:
    """"[02:29](https://...&t=149s) - title": the URL when the time is a link."""
    if isinstance(first, nodes.reference):
        return first.get("refuri")
    if isinstance(first, addnodes.pending_xref):  # a link MyST did not take as a URL
        return first.get("reftarget")
    return None


def item_of(list_item: nodes.list_item) -> Item:
    paragraph = first_paragraph(list_item)
    if paragraph is None:
        return Item(list_item.astext(), list_item)
    first = paragraph[0] if len(paragraph) else None
    return Item(paragraph.astext(), list_item, link_of(first), rest=list(list_item.children[1:]))


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


def pasted_chapters(paragraph: nodes.paragraph,
                    docname: str) -> tuple[list[nodes.Node], list[Item]] | None:
    """Timestamps pasted as plain lines (a video description's chapters): two or
    more lines, each starting with a time, after a "Timestamps:" label or under a
    timestamps heading; elsewhere three or more from 00:00, as YouTube wants
    them (a day's schedule in an announcement stays prose).
    Returns the label's nodes (or none) and the chapter lines."""
    lines = lines_of(paragraph)
    texts = ["".join(node.astext() for node in line) for line in lines]
    label: list[nodes.Node] = []
    if texts and not starts_with_time(texts[0]) and CHAPTERS_HEADING.search(texts[0]):
        label, lines, texts = lines[0], lines[1:], texts[1:]
    if len(texts) < 2 or not all(starts_with_time(text) for text in texts):
        return None
    if not (label or under_chapters_heading(paragraph)):
        first = parse_line(texts[0])
        if len(texts) < 3 or first is None or first.chapter.start != 0:
            return None
    start = paragraph.line or 0
    # each line's own source line: a link may wrap, keeping a line break inside it
    numbers, number = [], start + (1 + "".join(n.astext() for n in label).count("\n")
                                   if label else 0)
    for text in texts:
        numbers.append(number)
        number += 1 + text.count("\n")
    return label, [
        Item(" ".join(text.split()), (docname, line_number) if start else paragraph,
             link_of(next((node for node in line if node.astext().strip()), None)))
        for line, text, line_number in zip(lines, texts, numbers, strict=True)
    ]


def under_chapters_heading(node: nodes.Element) -> bool:
    """Right under a heading that speaks of timestamps or chapters."""
    section = node.parent
    return isinstance(section, nodes.section) and bool(section.children) and bool(
        CHAPTERS_HEADING.search(section[0].astext()))


def is_timestamp_list(node: nodes.Element) -> bool:
    """A list under a heading that speaks of timestamps or chapters, or any
    list of two or more items that all start with a time."""
    if in_chapters(node):
        return False  # already chapters (a {chapters} block), or inside them
    if under_chapters_heading(node):
        return True
    items = [child for child in node.children if isinstance(child, nodes.list_item)]
    return len(items) >= 2 and all(
        (paragraph := first_paragraph(item)) is not None and starts_with_time(paragraph.astext())
        for item in items
    )


def in_chapters(node: nodes.Node) -> bool:
    """Chapters already, or inside them."""
    return any(CHAPTERS_CLASS in element.get("classes", []) for element in _lineage(node))


def _lineage(node: nodes.Node):
    """The node and its ancestors."""
    while node is not None:
        yield node
        node = node.parent


class ChaptersTransform(SphinxTransform):
    """Render chapter blocks and legacy timestamp lists; record the chapters."""

    default_priority = 510  # after EpisodeTransform, which records the video

    def apply(self, **kwargs) -> None:
        domain = state_of(self.env)
        episode = domain.episodes.get(self.env.docname)
        video = episode.youtube_id if episode else None
        self.audio = bool(episode and episode.audio)  # chapters seek the audio too
        self.anchors: set[str] = set()
        self.count = 0  # chapters in the post so far
        self.pending: list[tuple[str, str, object]] = []
        recorded: list[Chapter] = []

        self.labelled: list[tuple[str, Chapter]] = []
        for block in list(self.document.findall(chapters_block)):
            items = [Item(text, (self.env.docname, line)) for line, text in block["lines"]]
            rendered, chapters = self.render(items, video, where=block)
            block.replace_self(rendered)
            recorded += chapters
        lists = [node for node in self.document.findall(nodes.Element)
                 if isinstance(node, nodes.bullet_list | nodes.enumerated_list)]
        for listing in lists:
            if listing.parent is None or not is_timestamp_list(listing):
                continue
            items = [item_of(child) for child in listing.children
                     if isinstance(child, nodes.list_item)]
            rendered, chapters = self.render(items, video, where=listing)
            listing.replace_self(rendered)
            recorded += chapters
        paragraphs = [node for node in self.document.findall(nodes.paragraph)
                      if not isinstance(node.parent, nodes.list_item)]
        for paragraph in paragraphs:
            pasted = pasted_chapters(paragraph, self.env.docname)
            if pasted is None or in_chapters(paragraph):
                continue
            label, items = pasted
            rendered, chapters = self.render(items, video, where=paragraph)
            paragraph.replace_self([nodes.paragraph("", "", *label), rendered] if label
                                   else rendered)
            recorded += chapters

        if episode is not None and recorded:
            domain.add_episode(replace(episode, chapters=tuple(recorded)))
            domain.add_labels(self.env.docname, [
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
            line = parse_line(item.text, item.link)
            if line is None:
                self.warn(f"cannot read a chapter in {item.text.strip()[:60]!r}: write "
                          "'MM:SS - Title' (kept as text)", "chapter", item.location)
            elif self.count >= MAX_CHAPTERS:
                if self.count == MAX_CHAPTERS:
                    self.warn(f"more than {MAX_CHAPTERS} chapters: the rest are kept as text",
                              "chapter-count", item.location)
                    self.count += 1
                line = None
            else:
                self.count += 1
            parsed.append((item, line))
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

"""What a post's Markdown holds: its chapters and the items of its other lists.

The one reading of both. It runs before Sphinx reads the posts (the people the
lists name need pages, a transcript page needs its episode's chapters) and
again while Sphinx reads each post, where the chapters and items found here
are located in the doctree by their lines (markdown-it, which MyST is built on,
numbers them as MyST does). No Sphinx here.

Chapters come in three shapes: a list under a heading that speaks of
timestamps or chapters, or whose two or more items all start with a time; a
``{chapters}`` block; lines pasted from a video description, one per line (see
``pasted``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from .timestamps import CHAPTERS_HEADING, Chapter, ParsedLine, parse_line, starts_with_time


@dataclass(frozen=True)
class ItemFacts:
    """What one list item says (outside chapters): its first paragraph as text,
    its first link, the heading it is under, and where it stands."""

    text: str  # the item's first paragraph, as text
    link_text: str = ""  # the text of its first link, if any
    url: str = ""  # the target of that link
    heading: str = ""  # the title of the section the list is in
    line: int = 0
    nested: bool = False  # under another item
    parent: int = -1  # the index of the item it is nested under, if recorded


@dataclass(frozen=True)
class ChapterLine:
    """One line of a post's chapters, as written: its line, words and the URL
    its time links to, if it is a link."""

    line: int
    text: str
    link: str | None = None


@dataclass(frozen=True)
class ChapterGroup:
    """A post's chapters in one place: a list, pasted lines or a block."""

    kind: str  # "list", "pasted" or "block"
    line: int  # of the list's first item, of the paragraph, of the block's fence
    lines: tuple[ChapterLine, ...]
    label: bool = False  # pasted lines under a "Timestamps:" line of their own


@dataclass(frozen=True)
class Body:
    items: tuple[ItemFacts, ...] = ()
    chapters: tuple[ChapterGroup, ...] = ()


CHAPTERS_BLOCK = "{chapters}"
# An episode's chapters are a few dozen; a post with thousands is no episode's, and
# each chapter costs its page, the JSON chapters and the JSON-LD: the rest are text.
MAX_CHAPTERS = 1000
_TEXT = ("text", "code_inline", "html_inline", "myst_role")
_BREAKS = ("softbreak", "hardbreak")
_FENCES = ("fence", "colon_fence")


@functools.cache
def _parser() -> MarkdownIt:
    """The parser MyST reads the posts with, its block syntax and roles included."""
    return (MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
            .use(myst_block_plugin).use(myst_role_plugin)
            .use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
            .use(colon_fence_plugin).use(deflist_plugin))


def _plain(children: list[Token]) -> str:
    return " ".join("".join(child.content if child.type in _TEXT else
                            " " if child.type in _BREAKS else ""
                            for child in children).split())


def _link(children: list[Token]) -> tuple[str, str]:
    """The first link's text and address."""
    for index, child in enumerate(children):
        if child.type == "link_open":
            end = next((at for at in range(index, len(children))
                        if children[at].type == "link_close"), len(children))
            return _plain(children[index + 1:end]), str(child.attrs.get("href", ""))
    return "", ""


def _leading_link(children: list[Token]) -> str | None:
    """The URL when the first words are a link's: ``[02:29](URL) - Title``."""
    for child in children:
        if child.type == "link_open":
            return str(child.attrs.get("href", ""))
        if child.type not in _BREAKS and (child.content.strip() or child.type not in _TEXT):
            return None
    return None


def _first_inline(tokens: list[Token], index: int) -> Token | None:
    """The inline content of a list item's first paragraph, if it starts with one."""
    if index + 2 < len(tokens) and tokens[index + 1].type == "paragraph_open":
        return tokens[index + 2]
    return None


def _line(token: Token) -> int:
    return (token.map or [0])[0] + 1


def _list_end(tokens: list[Token], start: int) -> int:
    level = tokens[start].level
    return next(index for index in range(start + 1, len(tokens))
                if tokens[index].type.endswith("_list_close") and tokens[index].level == level)


def _list_group(tokens: list[Token], start: int, heading: str) -> ChapterGroup | None:
    """The list at ``start`` as chapters: under a timestamps heading (the list
    standing right in its section), or two or more items that all start with a time."""
    level = tokens[start].level
    lines = []
    for index in range(start + 1, _list_end(tokens, start)):
        token = tokens[index]
        if token.type != "list_item_open" or token.level != level + 1:
            continue
        inline = _first_inline(tokens, index)
        if inline is None:  # an item that starts with no paragraph: its words, if any
            text = _plain([child for inner in tokens[index:_item_end(tokens, index)]
                           if inner.type == "inline" for child in inner.children or []])
            lines.append((ChapterLine(_line(token), text), False))
            continue
        children = inline.children or []
        text = _plain(children)
        lines.append((ChapterLine(_line(token), text, _leading_link(children)),
                      starts_with_time(text)))
    under_heading = level == 0 and bool(CHAPTERS_HEADING.search(heading))
    if not under_heading and (len(lines) < 2 or not all(timed for _, timed in lines)):
        return None
    return ChapterGroup("list", lines[0][0].line if lines else _line(tokens[start]),
                        tuple(line for line, _ in lines))


def _item_end(tokens: list[Token], start: int) -> int:
    level = tokens[start].level
    return next((index for index in range(start + 1, len(tokens))
                 if tokens[index].type == "list_item_close" and tokens[index].level == level),
                len(tokens))


def _paragraph_lines(paragraph: Token, inline: Token) -> list[ChapterLine]:
    """A paragraph's lines as written: a soft or hard break ends one, but not
    within a link (a link's text may wrap)."""
    lines: list[ChapterLine] = []
    number, depth, current, first = _line(paragraph), 0, [], _line(paragraph)
    for child in [*(inline.children or []), Token("softbreak", "", 0)]:
        depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
        if child.type in _BREAKS and depth <= 0:
            text = _plain(current)
            if text:
                lines.append(ChapterLine(first, text, _leading_link(current)))
            current, number = [], number + 1
            first = number
            continue
        if child.type in _BREAKS:
            number += 1
        current.append(child)
    return lines


def pasted(lines: list[ChapterLine], under_heading: bool) -> ChapterGroup | None:
    """Timestamps pasted as plain lines (a video description's chapters): two or
    more lines, each starting with a time, after a "Timestamps:" label or under a
    timestamps heading; elsewhere three or more from 00:00, as YouTube wants
    them (a day's schedule in an announcement stays prose)."""
    label = bool(lines) and not starts_with_time(lines[0].text) and bool(
        CHAPTERS_HEADING.search(lines[0].text))
    timed = lines[1:] if label else lines
    if len(timed) < 2 or not all(starts_with_time(line.text) for line in timed):
        return None
    if not (label or under_heading):
        first = parse_line(timed[0].text)
        if len(timed) < 3 or first is None or first.chapter.start != 0:
            return None
    return ChapterGroup("pasted", lines[0].line, tuple(timed), label)


def _block(token: Token) -> ChapterGroup:
    """A ``{chapters}`` block's lines, blank ones left out."""
    start = _line(token) + 1
    return ChapterGroup("block", _line(token), tuple(
        ChapterLine(start + index, " ".join(text.split()))
        for index, text in enumerate(token.content.splitlines()) if text.strip()))


def read_body(text: str) -> Body:
    """Every chapter group of a post and every other list item whose first block is
    a paragraph, each in the order of the post."""
    return body_of_tokens(_parser().parse(text))


def body_of_tokens(tokens: list[Token]) -> Body:
    """``read_body`` of the tokens a parser like ``_parser`` gave (MyST's own, say),
    which are only read here."""
    items: list[ItemFacts] = []
    groups: list[ChapterGroup] = []
    heading = ""
    lists: list[bool] = []  # per open list: chapters, or inside them
    blocks: list[str] = []  # the open blocks, innermost last
    open_items: list[int] = []  # per open item: its index in items, or -1
    for index, token in enumerate(tokens):
        if token.nesting == 1:
            blocks.append(token.type)
        elif token.nesting == -1 and blocks:
            blocks.pop()
        in_chapters = bool(lists) and lists[-1]
        if token.type == "heading_open":
            heading = _plain(tokens[index + 1].children or [])
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            group = None if in_chapters else _list_group(tokens, index, heading)
            if group is not None:
                groups.append(group)
            lists.append(in_chapters or group is not None)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            inline = _first_inline(tokens, index)
            if in_chapters or inline is None:
                open_items.append(-1)
                continue
            children = inline.children or []
            link_text, url = _link(children)
            items.append(ItemFacts(text=_plain(children), link_text=link_text, url=url,
                                   heading=heading, line=_line(token),
                                   nested=bool(open_items),
                                   parent=open_items[-1] if open_items else -1))
            open_items.append(len(items) - 1)
        elif token.type == "list_item_close":
            open_items.pop()
        elif token.type == "paragraph_open" and not in_chapters and (
                len(blocks) < 2 or blocks[-2] != "list_item_open"):
            under = len(blocks) == 1 and bool(CHAPTERS_HEADING.search(heading))
            group = pasted(_paragraph_lines(token, tokens[index + 1]), under)
            if group is not None:
                groups.append(group)
        elif token.type in _FENCES and token.info.strip() == CHAPTERS_BLOCK and not in_chapters:
            groups.append(_block(token))
    return Body(tuple(items), tuple(groups))


@dataclass(frozen=True)
class ReadLine:
    """A chapter line read: its chapter, or None (no chapter in it, or past the limit)."""

    line: ChapterLine
    parsed: ParsedLine | None
    past_limit: bool = False


def read_groups(groups: tuple[ChapterGroup, ...]) -> list[list[ReadLine]]:
    """Each group's lines read as chapters; past ``MAX_CHAPTERS`` in the post, as text."""
    count, found = 0, []
    for group in groups:
        lines = []
        for line in group.lines:
            parsed = parse_line(line.text, line.link)
            past = parsed is not None and count >= MAX_CHAPTERS
            count += parsed is not None
            lines.append(ReadLine(line, None if past else parsed, past))
        found.append(lines)
    return found


def chapters_of(groups: tuple[ChapterGroup, ...]) -> tuple[Chapter, ...]:
    """The chapters of a post, every shape, in its order: what reading records."""
    return tuple(read.parsed.chapter for lines in read_groups(groups) for read in lines
                 if read.parsed is not None)


def list_items(text: str) -> list[ItemFacts]:
    """Every list item of a post outside its chapters whose first block is a paragraph."""
    return list(read_body(text).items)

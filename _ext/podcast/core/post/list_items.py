"""The items of a post's lists, read from its Markdown before Sphinx reads it.

The people a post names need pages of their own, and pages must exist as
sources before Sphinx reads any post; so the lists are read here with
markdown-it (the parser MyST is built on), into the same ``ItemFacts`` that
reading records from the doctree. Chapter lists are left out, as reading
turns them into chapters. No Sphinx here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from .timestamps import CHAPTERS_HEADING, Chapter, parse_line, starts_with_time


@dataclass(frozen=True)
class ItemFacts:
    """What one list item says: read off the doctree while reading, and off the
    Markdown before it (``lists``), the same either way."""

    text: str  # the item's first paragraph, as text
    link_text: str = ""  # the text of its first link, if any
    url: str = ""  # the target of that link
    heading: str = ""  # the title of the section the list is in
    line: int = 0
    nested: bool = False  # under another item
    parent: int = -1  # the index of the item it is nested under, if recorded



_TEXT = ("text", "code_inline", "html_inline")
_BREAKS = ("softbreak", "hardbreak")


@functools.cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(front_matter_plugin).enable("table")


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


def _first_inline(tokens: list[Token], index: int) -> Token | None:
    """The inline content of a list item's first paragraph, if it starts with one."""
    if index + 2 < len(tokens) and tokens[index + 1].type == "paragraph_open":
        return tokens[index + 2]
    return None


def _is_chapters(tokens: list[Token], start: int, heading: str, nested: bool) -> bool:
    """A list under a timestamps heading, or whose two or more items all start with
    a time: reading makes it chapters."""
    if not nested and CHAPTERS_HEADING.search(heading):
        return True
    level = tokens[start].level
    end = next(index for index in range(start + 1, len(tokens))
               if tokens[index].type.endswith("_list_close") and tokens[index].level == level)
    firsts = [_first_inline(tokens, index) for index in range(start + 1, end)
              if tokens[index].type == "list_item_open" and tokens[index].level == level + 1]
    if len(firsts) < 2:
        return False
    return all(inline is not None and starts_with_time(_plain(inline.children or []))
               for inline in firsts)


def list_items(text: str) -> list[ItemFacts]:
    """Every list item of a post whose first block is a paragraph, in order."""
    tokens = _parser().parse(text)
    found: list[ItemFacts] = []
    heading = ""
    chapters: list[bool] = []  # per open list: a chapter list, or inside one
    open_items: list[int] = []  # per open item: its index in found, or -1
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = _plain(tokens[index + 1].children or [])
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            inside = bool(chapters) and chapters[-1]
            chapters.append(inside or _is_chapters(tokens, index, heading, bool(open_items)))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            chapters.pop()
        elif token.type == "list_item_open":
            inline = _first_inline(tokens, index)
            if chapters[-1] or inline is None:
                open_items.append(-1)
                continue
            children = inline.children or []
            link_text, url = _link(children)
            parent = open_items[-1] if open_items else -1
            found.append(ItemFacts(text=_plain(children), link_text=link_text, url=url,
                                   heading=heading, line=(token.map or [0])[0] + 1,
                                   nested=bool(open_items), parent=parent))
            open_items.append(len(found) - 1)
        elif token.type == "list_item_close":
            open_items.pop()
    return found


def chapters_in(text: str) -> tuple[Chapter, ...]:
    """The chapters of a post's chapter lists (what reading makes chapters of them)."""
    tokens = _parser().parse(text)
    found: list[Chapter] = []
    heading = ""
    chapters: list[bool] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = _plain(tokens[index + 1].children or [])
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            chapters.append(_is_chapters(tokens, index, heading, bool(chapters)))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            chapters.pop()
        elif token.type == "list_item_open" and chapters and chapters[-1] and (
                inline := _first_inline(tokens, index)) is not None:
            children = inline.children or []
            _, url = _link(children)
            line = parse_line(_plain(children), url or None)
            if line is not None:
                found.append(line.chapter)
    return tuple(found)

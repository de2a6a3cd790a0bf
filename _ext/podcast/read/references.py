"""What the items of a post's lists say, recorded while reading.

Each list item's facts (``ItemFacts``: its text, link, heading) go to the
state, and two placeholders go in it: one around its leading words, one after
its link. Once every page is read, ``derive`` decides what each item refers
to and ``pages.mentions`` makes the placeholders links.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ..core.episode import is_episode
from ..core.recognition import ItemFacts, lead
from ..state.domain import state_of
from . import placeholders
from .chapters import CHAPTERS_CLASS
from .placeholders import placeholder


def _inside_generated(node: nodes.Node) -> bool:
    """Inside a placeholder or a chapter list: the site's own content, not the post's."""
    while node is not None:
        if isinstance(node, placeholder) or (
                isinstance(node, nodes.Element) and CHAPTERS_CLASS in node["classes"]):
            return True
        node = node.parent
    return False


def _heading(node: nodes.Node) -> str:
    while node is not None:
        if isinstance(node, nodes.section) and node.children and isinstance(node[0],
                                                                           nodes.title):
            return node[0].astext()
        node = node.parent
    return ""


class ReferencesTransform(SphinxTransform):
    """Record each list item of a post and leave placeholders for its links."""

    default_priority = 520  # after the chapters have taken their lists

    def apply(self, **kwargs) -> None:
        if not is_episode(self.env.docname, self.config.podcast_episodes_dir):
            return
        found: list[ItemFacts] = []
        for item in list(self.document.findall(nodes.list_item)):
            if not item.children or not isinstance(item[0], nodes.paragraph):
                continue
            if _inside_generated(item):
                continue
            paragraph = item[0]
            link = next(iter(paragraph.findall(nodes.reference)), None)
            facts = ItemFacts(
                text=" ".join(paragraph.astext().split()),
                link_text=" ".join(link.astext().split()) if link is not None else "",
                url=link.get("refuri", "") if link is not None else "",
                heading=_heading(item),
                line=item.line or paragraph.line or 0,
                nested=isinstance(item.parent.parent, nodes.list_item),
            )
            index = len(found)
            found.append(facts)
            wrapped = self.wrap_leading_words(paragraph, facts, index)
            marker = placeholders.make(self.env, "mention", item=index, role="marker",
                                       wrapped=wrapped)
            if link is not None:
                link.parent.insert(link.parent.index(link) + 1, marker)
            else:
                paragraph += marker
        state_of(self.env).add_items(self.env.docname, found)

    def wrap_leading_words(self, paragraph: nodes.paragraph, facts: ItemFacts,
                           index: int) -> bool:
        """Put a placeholder around the item's leading words, where they are text."""
        words = lead(facts.text)
        first = paragraph[0] if paragraph.children else None
        if not words or not isinstance(first, nodes.Text):
            return False
        raw = str(first)
        start = len(raw) - len(raw.lstrip())
        if not raw[start:].startswith(words):
            return False
        wrapper = placeholders.make(self.env, "mention", nodes.Text(words), item=index,
                                    role="name")
        rest = raw[start + len(words):]
        replacement: list[nodes.Node] = [nodes.Text(raw[:start])] if start else []
        replacement.append(wrapper)
        if rest:
            replacement.append(nodes.Text(rest))
        paragraph.replace(first, replacement[0])
        for offset, node in enumerate(replacement[1:], start=1):
            paragraph.insert(offset, node)
        return True


def setup(app: Sphinx) -> None:
    app.add_transform(ReferencesTransform)

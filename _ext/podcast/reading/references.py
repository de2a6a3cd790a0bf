"""What the items of a post's lists say, recorded while reading.

Each list item's facts (``ItemFacts``: its text, link, heading), as the one
reading of the post's Markdown found them (``core.post.body``), go to the
state; the item is located in the doctree by its line, and two placeholders go
in it: one around its first words (where they
are plain text), one after its link. Once every page is read, ``derive``
decides what each item names and ``pages.mentions`` makes the placeholders
links.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..core.post.episode import is_episode
from ..core.text.encoding import invisible_in
from ..state.domain import state_of
from . import placeholders
from .chapters import CHAPTERS_CLASS
from .placeholders import placeholder
from .source_text import body_of

logger = logging.getLogger(__name__)


def _inside_generated(node: nodes.Node) -> bool:
    """Inside a placeholder or a chapter list: the site's own content, not the post's."""
    while node is not None:
        if isinstance(node, placeholder) or (
                isinstance(node, nodes.Element) and CHAPTERS_CLASS in node["classes"]):
            return True
        node = node.parent
    return False


class ReferencesTransform(SphinxTransform):
    """Record each list item of a post and leave placeholders for its links."""

    default_priority = 520  # after the chapters have taken their lists

    def apply(self, **kwargs) -> None:
        if not is_episode(self.env.docname, self.config.podcast_episodes_dir):
            return
        docname = self.env.docname
        found = list(body_of(self.env).items)
        by_line = {facts.line: index for index, facts in enumerate(found)}
        for item in list(self.document.findall(nodes.list_item)):
            if not item.children or not isinstance(item[0], nodes.paragraph):
                continue
            if _inside_generated(item) or item.line not in by_line:
                continue
            paragraph = item[0]
            link = next(iter(paragraph.findall(nodes.reference)), None)
            index = by_line[item.line]
            facts = found[index]
            if hidden := invisible_in(facts.text):
                logger.warning("invisible characters in a list item (%s): the names in it "
                               "are read without them", ", ".join(hidden),
                               location=(docname, facts.line), type="podcast",
                               subtype="invisible")
            wrapped = self.wrap_first_words(paragraph, index)
            marker = placeholders.make(self.env, "mention", item=index, role="marker",
                                       wrapped=wrapped)
            if link is not None:
                link.parent.insert(link.parent.index(link) + 1, marker)
            else:
                paragraph += marker
        state_of(self.env).add_items(docname, found)

    def wrap_first_words(self, paragraph: nodes.paragraph, index: int) -> str:
        """Put a placeholder around the item's first words, where they are plain text
        (names in them become links); returns the words wrapped, or ""."""
        first = paragraph[0] if paragraph.children else None
        if not isinstance(first, nodes.Text) or not str(first).strip():
            return ""
        raw = str(first)
        start, end = len(raw) - len(raw.lstrip()), len(raw.rstrip())
        words = raw[start:end]
        wrapper = placeholders.make(self.env, "mention", nodes.Text(words), item=index,
                                    role="name")
        replacement = [nodes.Text(raw[:start]), wrapper, nodes.Text(raw[end:])]
        paragraph.replace(first, [node for node in replacement if node.astext() != ""])
        return words


def setup(app: Sphinx) -> None:
    app.add_transform(ReferencesTransform)

"""Sphinx's SmartQuotes with less work on text it leaves as it is.

SmartQuotes runs some fifteen regular expressions over every block of text of
every page (quotes, dashes, ellipses, escapes), a sixth of reading an episode.
Most blocks of show notes and speech hold no quote, dash or ellipsis at all,
and most of the rest only apostrophes inside words ("Maxime's"), which the
library can only make into ’. Such blocks are curled here in one pass and
handed to the library as done; every other block goes through it as before.
``tests/test_scale.py`` checks both against the library, every quote, dash,
escape and language.

Imports: Sphinx and docutils alone, never the other layers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from docutils import nodes
from docutils.utils import smartquotes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxSmartQuotes

from .replaced import replace_transform

# what the library may change in a text: quotes, backticks, escapes (a
# backslash, docutils' null, the entities it writes escapes as), dashes,
# ellipses, the entity it converts
_MAY_CHANGE = re.compile(r"""['"`\\\x00]|--|\.\.|\. \.|&#|&quot;""")
# not an apostrophe inside a word (the quote first, for the search to skip to it)
_LONE_QUOTE = re.compile(r"'(?:(?<!\w')|(?!\w))")
_HELD = "\ue000"  # a private character, between the pieces of a paragraph
_ESCAPED = re.compile(r"(?<=\x00)([-\\\'\".`])")
_ACTIONS = set("qdDie")  # what the one pass knows to do apart from quotes
_CURLING = set("qbBdDiew")  # the library's actions that only curl (``_MAY_CHANGE``)
_EVERYTHING = ("1", "2", "3")  # every one of them


def _as_read(texts: list[str]) -> list[str]:
    """Texts as SmartQuotes hands them to the library: docutils' escapes as backslashes."""
    return [_ESCAPED.sub(r"\\\1", text) if "\x00" in text else text for text in texts]


def unchanged(texts: list[str], action: str) -> bool:
    """Whether the library would give these texts back as they are, doing
    ``action`` (not "-1", which turns curled quotes and dashes back to ASCII)."""
    return (action in _EVERYTHING or set(action) <= _CURLING) \
        and not any(_MAY_CHANGE.search(text) for text in texts)


def apostrophes_curled(texts: list[str], action: str) -> list[str] | None:
    """What ``smartquotes.educate_tokens`` makes of a block's plain texts, in any
    language, when their only quotes are apostrophes inside words; None otherwise.

    The block is curled in one text, its pieces apart (``_HELD``), without
    quotes: what is left (escapes, dashes, ellipses) replaces strings, none
    across a piece's end."""
    if "q" not in action or not set(action) <= _ACTIONS:
        return None
    texts = _as_read(texts)
    if any(_HELD in text or '"' in text or _LONE_QUOTE.search(text) for text in texts):
        return None
    joined = _HELD.join(texts).replace("'", smartquotes.smartchars.apostrophe)
    if not _MAY_CHANGE.search(joined):  # no dash, ellipsis nor escape: the library's passes
        return joined.split(_HELD)      # would leave it as it is
    return "".join(smartquotes.educate_tokens(
        [("plain", joined)], attr=action.replace("q", ""))).split(_HELD)


def curler(language: str, action: str) -> Callable[[list[str]], list[str]]:
    """What ``smartquotes.educate_tokens`` makes of a paragraph's texts, in
    ``language``: a function of the texts, in order."""

    def curl(texts: list[str]) -> list[str]:
        curled = apostrophes_curled(texts, action)
        if curled is not None:
            return curled
        return list(smartquotes.educate_tokens([("plain", text) for text in _as_read(texts)],
                                               attr=action, language=language))
    return curl


class QuickSmartQuotes(SphinxSmartQuotes):
    """Sphinx's SmartQuotes, a block that needs none of the library's passes
    handed to it curled already (as text it leaves alone), and a block it would
    leave as it is not handed to it at all: SmartQuotes replaces each text node
    with the text its tokens give, so no tokens leave the nodes as they are."""

    def get_tokens(self, txtnodes: list[nodes.Text]) -> Iterator[tuple[str, str]]:
        texts = [str(node) for node in txtnodes]
        # first: left as it is whatever Sphinx says of each node (code, say)
        if unchanged(texts, self.smartquotes_action):
            return iter(())
        tokens = list(super().get_tokens(txtnodes))
        if any(kind != "plain" for kind, _ in tokens):
            return iter(tokens)
        curled = apostrophes_curled(texts, self.smartquotes_action)
        if curled is None:
            return iter(tokens)
        return (("literal", text) for text in curled)


def quicker_smart_quotes(app: Sphinx) -> None:
    """Sphinx's SmartQuotes transform replaced by ``QuickSmartQuotes``."""
    replace_transform(app.registry.transforms, SphinxSmartQuotes, QuickSmartQuotes)


def setup(app: Sphinx) -> None:
    quicker_smart_quotes(app)

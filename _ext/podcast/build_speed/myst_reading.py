"""MyST's reading of a page, with the work it repeats for every page done once.

For each page MyST builds a Markdown parser with all its plugins, reads the
front matter YAML twice (once for settings the page may give itself, once for
its fields) with PyYAML's pure-Python loader, and parses the text, which the
site has often parsed already, before reading, with the same parser
(``before_reading.posts``: every post's chapters and lists). At 1,000 episodes
that was some 6 s of a 50 s build. Here, with the same results:

- one parser per configuration, built the first time it is needed;
- the front matter read once, with PyYAML's libyaml loader where it reads YAML
  as PyYAML's own loader does (no tab, no tag: libyaml takes tabs the other
  refuses, and reads an empty tag otherwise), and only when it could hold
  settings (a ``myst``, ``html_meta`` or ``substitutions`` key) read for them;
- tokens handed over by ``parse_ahead`` for a page's very text rendered as
  they are, not parsed a second time.

Imports: Sphinx, docutils and MyST alone, never the other layers.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from myst_parser.config.main import (
    MdParserConfig,
    TopmatterReadError,
    merge_file_level,
    read_topmatter,
)
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx.application import Sphinx

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Only front matter naming one of these can change how MyST reads the page
# (``merge_file_level``); anywhere in the block, quoted or in a flow mapping.
_SETTINGS_KEYS = ("myst", "html_meta", "substitutions")

# Where libyaml and PyYAML's own loader may read a text differently
_LOADERS_DIFFER = re.compile(r"[\t\x85\u2028\u2029\ufeff]|(?:^|[\s\[{,])!")

_PARSERS: list[tuple[MdParserConfig, MarkdownIt]] = []
# docname -> (the configuration and text parsed, its tokens, markdown-it's env), until read
_AHEAD: dict[str, tuple[MdParserConfig, str, list[Token], dict[str, Any]]] = {}


class FrontMatterOnce(SphinxRenderer):
    """MyST's renderer, the front matter's YAML read by libyaml. What libyaml
    cannot read is left to MyST's own reading, which warns as it always has.

    The syntax tree it renders from (its nodes point to their parents) is taken
    apart once rendered, so it is freed at once rather than left to the cycle
    collector (``memory``)."""

    _trees: list[SyntaxTreeNode] | None = None  # a node of each tree being rendered

    def _render_tokens(self, tokens: list[Token]) -> None:
        outer, self._trees = self._trees, []  # a directive's content renders a tree within
        try:
            super()._render_tokens(tokens)
        finally:
            seen, self._trees = self._trees, outer
            for node in seen:
                taken_apart(node)

    def render_children(self, token: SyntaxTreeNode) -> None:
        if self._trees == []:
            self._trees.append(token)
        super().render_children(token)

    def render_front_matter(self, token: SyntaxTreeNode) -> None:
        if isinstance(token.content, str) and not _LOADERS_DIFFER.search(token.content):
            try:
                data = yaml.load(token.content, Loader=_LOADER)  # noqa: S506 (a safe loader)
            except (yaml.YAMLError, ValueError, RecursionError):
                pass
            else:
                # MyST takes front matter that is already data as it is
                token._attribute_token().content = data
        parent = self.current_node  # the title's heading makes a section the current node
        before = len(parent)
        super().render_front_matter(token)
        # Sphinx gives a field name without a source the page's, logging (at
        # debug level, but built all the same) the field as XML by way of a DOM
        source = self.document.get("source")
        for field_list in parent[before:]:
            if isinstance(field_list, nodes.field_list):
                for name in field_list.findall(nodes.field_name):
                    name.source = name.source or source


def taken_apart(node: SyntaxTreeNode) -> None:
    """Every node of ``node``'s tree let go of its parent and children."""
    while node.parent is not None:
        node = node.parent
    left = [node]
    while left:
        node = left.pop()
        left.extend(node.children)
        node.children = []
        node.parent = None


def md_parser(config: MdParserConfig) -> MarkdownIt:
    """MyST's parser for this configuration, built once. The renderer sets itself
    up anew for each page (``setup_render``), so one serves every page."""
    for known, parser in _PARSERS:
        if known == config:
            return parser
    parser = create_md_parser(config, FrontMatterOnce)
    _PARSERS.append((config, parser))
    return parser


def may_hold_settings(text: str) -> bool:
    """Whether the page's front matter could change MyST's settings for it."""
    if not text.startswith("---"):
        return False
    end = text.find("\n---", 3)
    block = text if end < 0 else text[:end]
    return any(key in block for key in _SETTINGS_KEYS)


def page_config(config: MdParserConfig, text: str, document: nodes.document) -> MdParserConfig:
    """The configuration MyST reads the page with: the site's, or the page's own
    when its front matter gives one."""
    if not may_hold_settings(text):
        return config
    try:
        topmatter = read_topmatter(text)
    except TopmatterReadError:
        return config  # the render reports it
    if not topmatter:
        return config

    def warning(wtype, message):
        return create_warning(document, message, wtype, line=1, append_to=document)

    return merge_file_level(config, topmatter, warning)


def tokens_of(config: MdParserConfig, text: str) -> tuple[list[Token], dict] | None:
    """The tokens MyST reads ``text`` with, in the site's ``config``, and
    markdown-it's env; None where the front matter may set MyST's settings."""
    if may_hold_settings(text):
        return None
    env: dict[str, Any] = {}
    return md_parser(config).parse(text, env), env


def parse_ahead(app: Sphinx, docname: str, text: str) -> list[Token] | None:
    """The tokens MyST will read the page ``docname`` with, if its text is
    ``text``: parsed now and kept for its reading. None where the page's front
    matter may set MyST's settings (its reading parses it then)."""
    config = app.env.myst_config
    found = tokens_of(config, text)
    if found is None:
        return None
    _AHEAD[docname] = (config, text, *found)
    return found[0]


class QuickMystParser(MystParser):
    """MyST's parser for Sphinx, the same pages read with less work (above)."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        config = page_config(env.myst_config, inputstring, document)
        parser = md_parser(config)
        parser.options["document"] = document
        ahead = _AHEAD.pop(env.docname, None)
        if ahead is not None and ahead[0] == config and ahead[1] == inputstring:
            _, _, tokens, md_env = ahead
            parser.renderer.render(tokens, parser.options, md_env)
        else:
            parser.render(inputstring)


def forget(app: Sphinx) -> None:
    _PARSERS.clear()  # a new build may have another configuration
    _AHEAD.clear()


def read_all(app: Sphinx, env) -> None:
    """``env-updated``: tokens of pages that were not read (a post Sphinx found
    unchanged) are let go."""
    _AHEAD.clear()


def setup(app: Sphinx) -> None:
    app.add_source_parser(QuickMystParser, override=True)
    app.connect("builder-inited", forget, priority=0)
    app.connect("env-updated", read_all)

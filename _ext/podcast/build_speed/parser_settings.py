"""Docutils' settings made once per build instead of twice per page.

Docutils builds an ``OptionParser`` (some 150 options, each an object) to learn
its default settings. Sphinx does it for every document it reads
(``sphinx.util.docutils._get_settings``), and MyST a second time for a throwaway
document (``setup_render`` evaluates ``options.get("document", make_document())``
eagerly). With a page per person that was 2 ms a page, 6 s at 1,000 episodes.

The settings depend only on the components' classes and the defaults passed,
which are the same for every page of a build, so one parser per such key is
kept and asked for fresh values each time: every page still gets settings of its
own, exactly the ones it got before. The cache is emptied when a build starts.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import docutils.frontend
import myst_parser.mdit_to_docutils.base as myst_base
import sphinx.util.docutils as sphinx_docutils
from sphinx.application import Sphinx

_PARSERS: list[tuple[tuple, Mapping[str, Any], docutils.frontend.OptionParser]] = []


def option_parser(components: tuple, defaults: Mapping[str, Any],
                  read_config_files: bool) -> docutils.frontend.OptionParser:
    """The parser for these components and defaults, built the first time."""
    key = (tuple(part if isinstance(part, type) else type(part) for part in components),
           read_config_files)
    for known_key, known_defaults, parser in _PARSERS:
        if known_key == key and known_defaults == defaults:
            return parser
    with warnings.catch_warnings(action="ignore", category=DeprecationWarning):
        parser = docutils.frontend.OptionParser(
            components=components, defaults=defaults, read_config_files=read_config_files)
    _PARSERS.append((key, dict(defaults), parser))
    return parser


def sphinx_settings(*components, defaults: Mapping[str, Any],
                    read_config_files: bool = False) -> docutils.frontend.Values:
    """``sphinx.util.docutils._get_settings``, with the parser kept."""
    parser = option_parser(components, defaults, read_config_files)
    with warnings.catch_warnings(action="ignore", category=DeprecationWarning):
        return parser.get_default_values()


def default_settings(*components) -> docutils.frontend.Values:
    """``docutils.frontend.get_default_settings``, as MyST calls it."""
    return sphinx_settings(*components, defaults={})


def forget(app: Sphinx) -> None:
    _PARSERS.clear()  # a new build may have another configuration


def setup(app: Sphinx) -> None:
    sphinx_docutils._get_settings = sphinx_settings
    myst_base.get_default_settings = default_settings
    app.connect("builder-inited", forget, priority=0)

"""Placeholders filled once all is read: content made from other pages' data.

A page holds ``placeholder`` nodes (left by reading, see ``read.placeholders``);
each names a *kind* whose renderer turns it into docutils nodes at
``doctree-resolved``, from the state and what follows from it.

After reading, ``env-get-updated`` renders every placeholder and names the
pages whose filled-in content differs from what was last written: an
incremental build rewrites exactly the pages that show what changed. What it
rendered is kept for ``doctree-resolved``, so nothing is rendered twice.
When the pages read again changed nothing that other pages show (an edit of a
post's prose, the common case), that rendering is skipped altogether.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import CONFIG_OK, BuildEnvironment

from ..after_reading.derived import forget
from ..build_speed.by_inputs import digest
from ..core.people.directory import Directory
from ..reading.placeholders import placeholder
from ..state.domain import PodcastState, state_of
from .context import Context, is_web_build

Renderer = Callable[[Context, placeholder], list[nodes.Node]]
RENDERERS: dict[str, Renderer] = {}


def renderer(kind: str) -> Callable[[Renderer], Renderer]:
    def register(function: Renderer) -> Renderer:
        RENDERERS[kind] = function
        return function

    return register


def fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: every placeholder becomes its content."""
    domain = state_of(app.env)
    context = Context(app, docname, domain)
    rendered = domain.rendered.pop(docname, {})
    for node in list(doctree.findall(placeholder)):
        # A placeholder with children (a wrapped name) is rendered around them.
        done = None if node.children else rendered.get(_key(node.non_default_attributes()))
        node.replace_self(done.pop(0) if done else RENDERERS[node["kind"]](context, node) or [])


def _key(options: dict[str, Any]) -> str:
    return repr(sorted(options.items()))


def _render(context: Context, options_list: list[dict[str, Any]]) -> dict[str, list]:
    """A page's placeholders rendered: options -> contents, in page order."""
    rendered: dict[str, list] = {}
    for options in options_list:
        content = RENDERERS[options["kind"]](context, placeholder("", **options)) or []
        rendered.setdefault(_key(options), []).append(content)
    return rendered


def _digest(rendered: dict[str, list]) -> str:
    return digest_of([node for key in sorted(rendered) for content in rendered[key]
                      for node in content])


def digest_of(found: list[nodes.Node | None]) -> str:
    """A digest of nodes (or None) as plain data."""
    return hashlib.sha1(repr([_data(node) for node in found]).encode()).hexdigest()


def _data(node: nodes.Node | None) -> Any:
    """A node as plain data, whose ``repr`` tells it apart from any other
    (a third of the time of docutils' ``pformat``)."""
    if isinstance(node, nodes.Element):
        return (node.tagname, node.attributes, getattr(node, "details", None),
                [_data(child) for child in node.children])
    return None if node is None else str(node)


def note_config(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: a changed configuration may change every page."""
    state_of(env).config_changed = env.config_status != CONFIG_OK


def shown_elsewhere(domain: PodcastState, docname: str) -> bytes:
    """What other pages may show of a page: its episode record, its list items
    (their line numbers aside) and, for a transcript page, who it names when."""
    items = [replace(item, line=0) for item in domain.items.get(docname, ())]
    shown = (domain.episodes.get(docname), items, domain.transcript_read_by(docname))
    return pickle.dumps(shown, pickle.HIGHEST_PROTOCOL)


def note_before_reading(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """``env-purge-doc``: what other pages showed of a page about to be read again."""
    domain = state_of(env)
    domain.before.setdefault(docname, shown_elsewhere(domain, docname))


def _shown_of_directory(directory: Directory) -> str:
    """A digest of what pages show of the directory: not where or why a person was
    recognised (an edit above a post's lists moves its lines, and changes nothing)."""
    return digest(directory.inputs(where_found=False))


def nothing_shown_changed(domain: PodcastState) -> bool:
    """Pages were read again (or removed), but nothing other pages show of them
    changed, nor the directory of people, nor the configuration."""
    directory = _shown_of_directory(domain.directory)
    unchanged = (
        bool(domain.published)
        and not domain.config_changed
        and domain.data["directory"] == directory
        and all(shown_elsewhere(domain, docname) == before
                for docname, before in domain.before.items())
    )
    domain.data["directory"] = directory
    domain.before = {}
    return unchanged


def outdated_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose filled-in content changed since last written."""
    domain = state_of(env)
    forget(domain)
    reread = domain.reread = set(domain.before)
    everywhere = domain.shown_changed = not nothing_shown_changed(domain)
    # otherwise other pages show what they showed: only a page read again may differ
    docnames = domain.placeholders.keys() if everywhere else reread & domain.placeholders.keys()
    domain.rendered = {
        docname: _render(Context(app, docname, domain), domain.placeholders[docname])
        for docname in docnames
    }
    digests = {docname: _digest(rendered) for docname, rendered in domain.rendered.items()}
    if not is_web_build(app):
        domain.rendered = {}  # LaTeX and the like have no page URIs until they write
    changed = sorted(
        docname for docname, digest in digests.items() if domain.published.get(docname) != digest
    )
    if everywhere:
        domain.published.clear()  # pages removed, or without placeholders now
    domain.published.update(digests)
    return changed


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", fill)
    app.connect("env-before-read-docs", note_config)
    app.connect("env-purge-doc", note_before_reading)
    app.connect("env-get-updated", outdated_pages)

"""Podcasting 2.0 JSON chapters: each episode with chapters gets a file
beside its page (``episodes/x.chapters.json``), linked under its chapters."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..build_speed.parallel import beside_or_here
from ..core.post.episode import Episode
from ..core.text.paths import bounded
from ..reading.chapters import CHAPTERS_CLASS
from ..state.domain import state_of
from ..writing.context import is_web_build

JSON_CHAPTERS_VERSION = "1.2.0"


def json_path(uri: str) -> str:
    """``episodes/x.html`` -> ``episodes/x.chapters.json``, beside the page."""
    stem = uri[: -len(".html")] if uri.endswith(".html") else uri.rstrip("/") + "/index"
    folder, _, name = stem.rpartition("/")
    # a page's name may be as long as a file's may: the suffix must still fit
    name = bounded(name, 255 - len(".chapters.json"))
    return f"{folder}/{name}.chapters.json" if folder else f"{name}.chapters.json"


def chapters_document(episode: Episode, podcast: str, page_url: str) -> dict:
    return {
        "version": JSON_CHAPTERS_VERSION,
        "title": episode.title,
        "podcastName": podcast,
        "chapters": [
            {"startTime": chapter.start, "title": chapter.title,
             "url": f"{page_url}#{chapter.anchor}"}
            for chapter in episode.chapters
        ],
    }


def link_json(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: a visible link to the page's JSON chapters."""
    episode = state_of(app.env).episodes.get(docname)
    if not is_web_build(app) or episode is None or not episode.chapters:
        return
    for listing in doctree.findall(nodes.enumerated_list):
        if CHAPTERS_CLASS in listing["classes"]:
            page = app.builder.get_target_uri(docname)
            href = posixpath.relpath(json_path(page), posixpath.dirname(page) or ".")
            paragraph = nodes.paragraph(classes=["podcast-chapters-json"])
            paragraph += nodes.reference("", "Chapters as JSON", refuri=href)
            listing.parent.insert(listing.parent.index(listing) + 1, paragraph)
            return


def write_json(app: Sphinx) -> None:
    """Every episode's JSON chapters, at a stable URL."""
    base = (app.config.html_baseurl or "").rstrip("/")
    for episode in state_of(app.env).episodes.values():
        if not episode.chapters:
            continue
        page = app.builder.get_target_uri(episode.docname)
        url = f"{base}/{page}" if base else posixpath.basename(page)
        document = chapters_document(episode, app.config.project, url)
        text = json.dumps(document, ensure_ascii=False, indent=1)
        target = Path(app.outdir, json_path(page))
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def write_beside(app: Sphinx, builder) -> None:
    """``write-started``: the JSON chapters written beside the pages (they need
    what reading found, nothing the writing makes)."""
    if is_web_build(app):
        beside_or_here(app, lambda: write_json(app))


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", link_json)
    app.connect("write-started", write_beside)

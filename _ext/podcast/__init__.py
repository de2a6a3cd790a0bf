"""Sphinx extension for the Learning from Machine Learning show notes.

The package is in layers; each imports only itself and the layers below it:

- ``core``: plain Python, no Sphinx: the episode record and its front matter,
  timestamps, names, URLs, the registry, the rules that recognise people and books
- ``state``: the ``podcast`` domain, holding what reading found, per document
- ``read``: what runs while Sphinx reads a post (transforms, directives)
- ``derive``: what follows from all posts together (order, people, books, xrefs)
- ``pages``: generated pages and the content filled in from derived data
- ``publish``: feeds, JSON-LD, JSON chapters, sitemap, redirects, the search index
- ``cli``: commands that are no build (``make import``), on the core alone

``setup()`` only wires them to Sphinx; the layers never import this module.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .derive import checks, crossrefs, index, known_people
from .pages import (
    archive,
    listings,
    mentions,  # noqa: F401  (its renderer registers when imported)
    partials,
    people,
    placeholders,
    player,
)
from .pages import transcripts as transcript_pages
from .publish import (
    feeds,
    json_chapters,
    redirects,
    search,
    sitemap,
    structured,
    transcript_files,
)
from .read import chapters, header, prescan, references, transcripts
from .read import placeholders as placeholder_nodes
from .state import collector

__version__ = "0.1.0"

HERE = Path(__file__).parent


def add_own_files(app: Sphinx, config) -> None:
    """``config-inited``: the extension's scripts and stylesheet (``static/``), and
    its templates (``templates/``: the search page, the theme's layout without
    Sphinx's search)."""
    # New lists: appending would change the shared defaults of every later app.
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    config.templates_path = [*config.templates_path, str(HERE / "templates")]


def generate_sources(app: Sphinx) -> None:
    """``builder-inited``: the pages made from the posts, before reading."""
    posts = prescan.scan(app)
    archive.generate(app, [episode for episode, _ in posts])
    people.generate(app, known_people.make_directory(app, posts))
    transcript_pages.generate(app, posts)


def setup(app: Sphinx) -> dict:
    # read by `make import` (podcast.cli.importer), not by the build
    for name in ("podcast_youtube_feed_url", "podcast_youtube_channel_id", "podcast_rss_url",
                 "podcast_substack_rss_url"):
        app.add_config_value(name, "", "", str)
    prescan.setup(app)
    header.setup(app)
    crossrefs.setup(app)
    player.setup(app)
    placeholder_nodes.setup(app)
    placeholders.setup(app)
    listings.setup(app)
    archive.setup(app)
    chapters.setup(app)
    json_chapters.setup(app)
    references.setup(app)
    transcripts.setup(app)
    transcript_pages.setup(app)
    index.setup(app)
    known_people.setup(app)
    people.setup(app)
    feeds.setup(app)
    transcript_files.setup(app)
    structured.setup(app)
    redirects.setup(app)
    collector.setup(app)
    partials.setup(app)
    sitemap.setup(app)
    search.setup(app)
    app.connect("config-inited", add_own_files)
    app.connect("builder-inited", generate_sources)
    checks.setup(app)
    app.add_css_file("podcast.css")
    app.add_js_file("podcast.js", loading_method="defer")
    return {
        "version": __version__,
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

"""Sphinx extension for the Learning from Machine Learning show notes.

``setup()`` only registers; each concern lives in its own module:

- ``episode``: the Episode record and front matter decoding (no Sphinx)
- ``timestamps``: parsing timestamp lines into chapters (no Sphinx)
- ``registry``, ``mentions``: the people-and-books registry and the rules that
  recognise people, books and episodes in list items (no Sphinx)
- ``collect``: reading a post into an Episode and the page's header
- ``embed``: the YouTube embed, on sphinxcontrib-youtube's node
- ``chapters``: the chapters directive, legacy timestamp lists, JSON chapters
- ``references``: list items -> links to people, books and episodes
- ``placeholders``: content made from other pages' data, filled after reading
- ``listings``: episode listings and previous/next links
- ``prescan``, ``archive``, ``people``: the generated pages (years, people, books)
- ``feeds``, ``structured``, ``redirects``, ``sitemap``: publishing (Atom/RSS,
  JSON-LD and social cards, the Jekyll site's old URLs, a complete sitemap)
- ``domain``: the ``podcast`` domain holding cross-document state
- ``collector``: keeps Python's garbage collector off long-lived doctrees
- ``partials``: each page title rendered to HTML once per build
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from . import (
    archive,
    chapters,
    collector,
    embed,
    feeds,
    listings,
    partials,
    people,
    placeholders,
    prescan,
    redirects,
    references,
    sitemap,
    structured,
)
from .collect import EpisodeTransform, check_duplicates, repair_front_matter
from .domain import PodcastDomain

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"


def add_static_path(app: Sphinx) -> None:
    # A new list: appending would change the shared default of every later app.
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]


def generate_sources(app: Sphinx) -> None:
    """``builder-inited``: the pages made from the posts, before reading."""
    episodes = prescan.scan(app)
    archive.generate(app, episodes)
    people.generate(app, episodes)


def setup(app: Sphinx) -> dict:
    app.add_config_value("podcast_episodes_dir", "episodes", "env", str)
    app.add_config_value("podcast_listen_links", [], "env", list)
    app.add_domain(PodcastDomain)
    app.add_transform(EpisodeTransform)
    app.connect("source-read", repair_front_matter)
    embed.setup(app)
    placeholders.setup(app)
    listings.setup(app)
    archive.setup(app)
    chapters.setup(app)
    references.setup(app)
    people.setup(app)
    feeds.setup(app)
    structured.setup(app)
    redirects.setup(app)
    collector.setup(app)
    partials.setup(app)
    sitemap.setup(app)
    app.connect("builder-inited", add_static_path)
    app.connect("builder-inited", generate_sources)
    app.connect("env-updated", check_duplicates)
    app.add_css_file("podcast.css")
    app.add_js_file("podcast.js", loading_method="defer")
    return {
        "version": __version__,
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

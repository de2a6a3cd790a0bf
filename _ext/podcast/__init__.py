"""Sphinx extension for the Learning from Machine Learning show notes.

The package is in layers, named for the phase of the build they run in; each
imports only itself and the layers below it (CONTRIBUTING.md draws them):

- ``core``: plain Python, no Sphinx, by subject: text, one post, people and
  books, transcripts
- ``build_speed``: Sphinx itself made cheaper, nothing of the podcast
- ``state``: the ``podcast`` domain, holding what each phase found, per document
- ``before_reading``: the posts read once, the directory of people, the sources
  of the pages made from them
- ``reading``: what runs while Sphinx reads a page (transforms, directives)
- ``after_reading``: what follows from all pages together (order, people,
  books, cross-references, checks)
- ``writing``: placeholders filled, players, pages drawn and rewritten
- ``publishing``: feeds, JSON-LD, JSON chapters, sitemap, redirects, the search
- ``importer``: ``make import``, no build, on the core alone

``setup()`` only wires them to Sphinx; the layers never import this module.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .after_reading import checks, crossrefs, derived
from .before_reading import page_kinds
from .build_speed import (
    code_blocks,
    html_escape,
    memory,
    myst_reading,
    parallel,
    parser_settings,
    smart_quotes,
    toctree_purge,
)
from .publishing import (
    feeds,
    json_chapters,
    pagefind,
    pagefind_runs,
    podcast_feed,
    redirects,
    sitemap,
    structured,
    transcript_files,
    transcript_search,
)
from .reading import (
    chapters,
    header,
    included_files,
    listing_directives,
    placeholders,
    references,
    source_text,
    transcript_page,
)
from .writing import (
    drawn_pages,
    gone_pages,
    made_pages,
    mentions,  # noqa: F401  (its renderer registers when imported)
    neighbours,
    partials,
    people,
    people_pages,
    player,
    renderers,
    transcript_html,
    transcript_pages,
)

__version__ = "0.1.0"

HERE = Path(__file__).parent


def add_own_files(app: Sphinx, config) -> None:
    """``config-inited``: the extension's scripts and stylesheet (``static/``), and
    its templates (``templates/``: the search page, the theme's layout without
    Sphinx's search)."""
    # New lists: appending would change the shared defaults of every later app.
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    config.templates_path = [*config.templates_path, str(HERE / "templates")]


def setup(app: Sphinx) -> dict:
    # read by `make import` (podcast.importer), not by the build
    for name in ("podcast_youtube_feed_url", "podcast_youtube_channel_id", "podcast_rss_url",
                 "podcast_substack_rss_url"):
        app.add_config_value(name, "", "", str)
    # before reading: the posts read, the directory of people, the generated sources
    page_kinds.setup(app)
    # reading
    source_text.setup(app)
    header.setup(app)
    included_files.setup(app)
    chapters.setup(app)
    references.setup(app)
    placeholders.setup(app)
    listing_directives.setup(app)
    transcript_page.setup(app)
    # after reading
    derived.setup(app)
    crossrefs.setup(app)
    checks.setup(app)
    # writing
    renderers.setup(app)
    people.setup(app)
    player.setup(app)
    transcript_html.setup(app)
    partials.setup(app)
    drawn_pages.setup(app)
    made_pages.setup(app)
    people_pages.setup(app)
    transcript_pages.setup(app)
    gone_pages.setup(app)
    neighbours.setup(app)
    # publishing
    feeds.setup(app)
    podcast_feed.setup(app)
    json_chapters.setup(app)
    structured.setup(app)
    transcript_files.setup(app)
    redirects.setup(app)
    sitemap.setup(app)
    pagefind.setup(app)
    pagefind_runs.setup(app)
    transcript_search.setup(app)
    # the whole build
    memory.setup(app)
    parser_settings.setup(app)
    myst_reading.setup(app)
    smart_quotes.setup(app)
    toctree_purge.setup(app)
    code_blocks.setup(app)
    html_escape.setup(app)
    parallel.setup(app)
    app.connect("config-inited", add_own_files)
    app.add_css_file("podcast.css")
    app.add_js_file("podcast.js", loading_method="defer")
    return {
        "version": __version__,
        "env_version": 8,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

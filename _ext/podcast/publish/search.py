"""The site's search: a Pagefind index made at the end of the build, and a
search page of the site's own in place of Sphinx's.

Sphinx's index is one file that the theme loads on every page, and that grows
with every episode and transcript. Pagefind's is in chunks a search fetches as
it needs them; a page view fetches nothing. ``podcast_search = "sphinx"``
keeps Sphinx's search instead.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import ENUM
from sphinx.util import logging

from ..core.search import (
    BOOK,
    EPISODE,
    PERSON,
    TRANSCRIPT,
    Bundle,
    Facets,
    bundles,
    facts,
    fingerprint,
    indexed,
)
from ..derive.index import BOOKS_PAGE, PEOPLE_DIR, derived_of
from ..pages.context import is_web_build
from ..state.domain import state_of

logger = logging.getLogger(__name__)



def uses_pagefind(app: Sphinx) -> bool:
    return is_web_build(app) and app.config.podcast_search == "pagefind"


def bundles_of(app: Sphinx) -> list[Bundle]:
    return bundles((app.config.podcast_episodes_dir, PEOPLE_DIR, BOOKS_PAGE.split("/")[0]))


def without_sphinx_search(app: Sphinx) -> None:
    """``builder-inited``: no ``searchindex.js`` and no Sphinx search page."""
    if uses_pagefind(app):
        app.builder.search = False


def facets_of(app: Sphinx, pagename: str) -> Facets | None:
    """The page's kind and filters; None for pages that are not searched."""
    state = state_of(app.env)

    if pagename in state.episodes:
        episode = state.episodes[pagename]
        return Facets(EPISODE, episode.title, episode.year, episode.guests)
    transcript = state.transcripts.get(pagename)
    if transcript is not None and transcript.episode in state.episodes:
        episode = state.episodes[transcript.episode]
        return Facets(TRANSCRIPT, episode.title, episode.year, episode.guests,
                      app.builder.get_target_uri(episode.docname))
    if pagename == BOOKS_PAGE:
        return Facets(BOOK, "Books")
    folder, _, slug = pagename.partition("/")
    person = state.directory.people.get(slug) if folder == PEOPLE_DIR else None
    if person is not None:
        guest = bool(derived_of(state).guest_of.get(slug))
        return Facets(PERSON, person.name, guests=(person.name,) if guest else ())
    return None


def mark_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: what Pagefind indexes of the page, and how."""
    context["podcast_search"] = app.config.podcast_search if is_web_build(app) else ""
    if not uses_pagefind(app) or "body" not in context:
        return
    facets = facets_of(app, pagename)
    if facets is not None:
        context["body"] = indexed(context["body"])
        context["podcast_search_facts"] = facts(facets)  # layout.html: after the article


def search_page(app: Sphinx):
    """``html-collect-pages``: the search page, reading Pagefind's bundles."""
    if not uses_pagefind(app):
        return
    notes, transcripts = bundles_of(app)
    folders = [notes.folder] + ([transcripts.folder] if state_of(app.env).transcripts else [])
    yield "search", {"title": "Search", "podcast_search_bundles": " ".join(
        f"{folder}/" for folder in folders)}, "podcast-search.html"


def pagefind_executable() -> Path | None:
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    executable = get_executable()
    return executable if executable is not None and executable.is_file() else None


def build_index(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: Pagefind over the written site, each bundle only when
    its pages changed (both at once: they are separate processes)."""
    if exception is not None or not uses_pagefind(app):
        return
    executable = pagefind_executable()
    if executable is None:
        logger.warning("the search index is not built: Pagefind is not installed "
                       "(pip install 'pagefind[bin]')", type="podcast", subtype="search")
        return
    site, stamps = Path(app.outdir), Path(app.doctreedir)
    running = []
    for bundle in bundles_of(app):
        pages = bundle.pages(site)
        stamp = stamps / f"{bundle.folder}.fingerprint"
        if not pages:  # no transcripts (any more): no bundle
            shutil.rmtree(site / bundle.folder, ignore_errors=True)
            stamp.unlink(missing_ok=True)
            continue
        current = fingerprint(site, pages)
        if (site / bundle.folder / "pagefind-entry.json").is_file() and stamp.is_file() \
                and stamp.read_text() == current:
            continue
        logger.info(f"indexing {len(pages)} pages for search ({bundle.folder}/)")
        stamp.unlink(missing_ok=True)  # until this index is whole
        try:
            process = subprocess.Popen(bundle.command(str(executable), site), text=True,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        except OSError as error:
            failed(bundle, str(error))
            continue
        running.append((bundle, process, stamp, current))
    for bundle, process, stamp, current in running:
        output, _ = process.communicate()
        if process.returncode:
            failed(bundle, output.strip()[-2000:] or f"exit status {process.returncode}")
        else:
            stamp.write_text(current)


def failed(bundle: Bundle, why: str) -> None:
    logger.warning(f"the search index {bundle.folder}/ is not built: {why}", type="podcast",
                   subtype="search")


def setup(app: Sphinx) -> None:
    app.add_config_value("podcast_search", "pagefind", "html", ENUM("pagefind", "sphinx"))
    app.connect("builder-inited", without_sphinx_search)
    app.connect("html-page-context", mark_page)
    app.connect("html-collect-pages", search_page)
    app.connect("build-finished", build_index)

"""People's pages: made from the directory of people once all is read, not
read as documents.

A site of 1,000 episodes names some 2,000 people. As documents, each of their
pages was generated as a source, parsed, transformed, pickled, loaded again,
resolved and rendered by the theme: a fifth of the build, for a heading and a
few lists. Now each is a doctree made in memory from the person's renderer
(``writing.people``), translated to HTML by the builder's own translator, and
handed to ``handle_page`` with the context Sphinx gives a document (title,
parents, neighbours, table of contents: ``writing.made_pages``), so every
``html-page-context`` handler sees it as before; ``writing.drawn_pages`` then draws most of them
without the theme's handlers. A serial build draws them in a process beside
its writing of the documents, a ``-j`` build with their folder's documents (the
people's index, the letters); the search indexes their bundle last.

In the navigation a person sits in their letter's page, as when its toctree
listed them: the letter's page includes them (``env.toctree_includes``), so
Sphinx relates them (the letter is their parent, the next letter's page
follows the last of them) and the theme's menus place them. A person's page is
written again only when what it shows (its content, title and neighbours)
changed since it was last written, or when Sphinx writes every page; a person
no post names any more loses their page. They are pages of the HTML builders
with one file per page; a single-page or an e-book build has none.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from docutils.frontend import Values
from sphinx.application import Sphinx

from ..before_reading.page_kinds import PEOPLE_DIR, person_page
from ..before_reading.people_sources import by_letter
from ..before_reading.sources import pages_are_documents
from ..core.people.directory import LETTER_PAGE, Person
from ..reading.placeholders import placeholder
from ..state.domain import state_of
from .context import Context
from .drawn_pages import drawer_of
from .made_pages import (
    draw_all,
    index_for_sphinx,
    page_context,
    reading_settings,
    titled_document,
    titles_of,
    writes_every_page,
    writes_pages,
)
from .renderers import RENDERERS, digest_of


def people_in_order(app: Sphinx) -> list[tuple[str, list[Person]]]:
    """Each letter's page and its people, as the people's index lists them."""
    return [(f"{PEOPLE_DIR}/{LETTER_PAGE}{initial}", people)
            for initial, people in by_letter(state_of(app.env).directory).items()]


def place_in_navigation(app: Sphinx, env) -> list[str]:
    """``env-updated``: each letter's page includes its people, as its toctree
    would, and each person's page has its title: Sphinx relates them (parent,
    previous, next) and the theme finds their place in its menus as it did when
    they were documents."""
    for gone in [name for name in env.titles
                 if name.startswith(f"{PEOPLE_DIR}/") and name not in env.all_docs]:
        env.titles.pop(gone)  # last build's people's pages
    if pages_are_documents(app):
        return []
    for letter_page, people in people_in_order(app):
        if letter_page in env.all_docs:
            env.toctree_includes[letter_page] = [person_page(person.slug) for person in people]
        for person in people:
            if person_page(person.slug) not in env.all_docs:
                env.titles[person_page(person.slug)] = nodes.title(person.name, person.name)
    return []


def person_doctree(app: Sphinx, person: Person, settings: Values) -> nodes.document:
    """The page's doctree: the name as its heading, then what the renderer shows."""
    pagename = person_page(person.slug)
    document, section = titled_document(pagename, person.name, settings)
    context = Context(app, pagename, state_of(app.env))
    section += RENDERERS["person"](context, placeholder("", kind="person", slug=person.slug))
    return document


class PeoplePages:
    """The people's pages of one build. What each showed when last written is
    kept in a file of the doctrees' folder, written once they are: Sphinx saves
    the environment before writing, and only when a document changed (a
    registry's edit changes people's pages and no document)."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}  # page -> its person, in order
        self.doctrees: dict[str, nodes.document] = {}  # page -> its doctree, once made
        self.digests: dict[str, str] = {}  # page -> digest of what it shows
        self.before: dict[str, str] = {}  # the same, as last written
        self.written = True

    def find_changed(self, app: Sphinx, env) -> list[str]:
        """``env-get-updated``, after the placeholders: what each page shows,
        digested; as last written when nothing other pages show changed (their
        data, the directory, the configuration) and no page of the folder was
        read again, which leaves their content, titles and neighbours as they were."""
        self.people, self.doctrees, self.digests = {}, {}, {}
        if pages_are_documents(app):
            return []
        self.written = False
        directory, self.before = shown_before(app)
        self.people = {person_page(person.slug): person
                       for _letter_page, people in people_in_order(app) for person in people
                       if person_page(person.slug) not in env.found_docs}  # else the host's
        # (the environment is saved only when a document changed: what the pages
        # showed of the directory is kept with them)
        domain = state_of(env)
        if not domain.shown_changed and directory == domain.data["directory"] \
                and self.people.keys() == self.before.keys() \
                and not any(docname.startswith(f"{PEOPLE_DIR}/") for docname in domain.reread):
            self.digests = dict(self.before)
            return []
        related = env.collect_relations()
        for page in self.people:
            neighbours = related.get(page, ())
            self.digests[page] = digest_of(
                [self.doctree(app, page), *(env.titles.get(name) for name in neighbours)])
        return []

    def doctree(self, app: Sphinx, page: str) -> nodes.document:
        """The page's doctree, made at the first ask."""
        if page not in self.doctrees:
            self.doctrees[page] = person_doctree(app, self.people[page], reading_settings(app))
        return self.doctrees[page]

    def write(self, app: Sphinx) -> None:
        """The pages whose content, title or neighbours changed since they were
        last written (all of them when Sphinx writes every page); the pages of
        people no longer named removed; the search index of Sphinx fed them all."""
        if self.written:
            return
        self.written = True
        builder = app.builder
        pages = [page for page, digest in self.digests.items()
                 if writes_every_page(app) or self.before.get(page) != digest
                 or not Path(builder.get_outfilename(page)).is_file()]
        drawer = drawer_of(app)
        titles_html = titles_of(app)

        def draw(pages: list[str]) -> None:
            for page in pages:
                doctree = self.doctree(app, page)
                related = tuple(builder.relations.get(page, (None, None, None)))
                drawer.draw(app, page, page_context(builder, page, doctree, related,
                                                    titles_html), doctree)

        draw_all(app, pages, draw, "writing people's pages... ", beside=True)
        index_for_sphinx(builder, ((page, self.doctree(app, page)) for page in self.people))
        for gone in sorted(self.before.keys() - self.digests.keys()):
            Path(builder.get_outfilename(gone)).unlink(missing_ok=True)
        shown_path(app).write_text(json.dumps(
            {"directory": state_of(app.env).data["directory"], "pages": self.digests},
            indent=0), encoding="utf-8")


# in the doctrees' folder: what the pages showed of the directory, and page -> digest,
# as last written
SHOWN = "people-pages.json"


def shown_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / SHOWN


def shown_before(app: Sphinx) -> tuple[str, dict[str, str]]:
    """What the people's pages showed of the directory and what each showed when
    last written (nothing, for a new doctrees' folder: every page is written then)."""
    try:
        found = json.loads(shown_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "", {}
    if not isinstance(found, dict) or not isinstance(pages := found.get("pages"), dict):
        return "", {}
    directory = found.get("directory")
    return directory if isinstance(directory, str) else "", {
        page: digest for page, digest in pages.items()
        if isinstance(page, str) and isinstance(digest, str)}


def person_pages(app: Sphinx) -> set[str]:
    """The people's pages of this build."""
    return {person_page(slug) for slug in state_of(app.env).directory.people}


def write_with_documents(app: Sphinx) -> None:
    """``builder-inited``: the people's pages written as Sphinx starts writing
    documents (``Builder.write_documents`` wrapped), in a process beside it in a
    serial build (some 2,000 pages at 1,000 episodes: the other core is idle
    there); with ``-j``, before their folder's documents, shared out among the
    processes. Either way before the search indexes their folder, last."""
    builder = app.builder
    people = PeoplePages()
    app.connect("env-get-updated", people.find_changed, priority=600)
    if pages_are_documents(app):
        return
    writes_pages(app, people)
    write_documents = builder.write_documents

    def write_people_with_their_folder(docnames) -> None:
        # a serial build draws them beside its writing, from its first pages on;
        # with -j, with their folder's pages (the search indexes the folder last)
        if app.parallel <= 1 or any(name.startswith(f"{PEOPLE_DIR}/") for name in docnames):
            people.write(app)
        write_documents(docnames)

    builder.write_documents = write_people_with_their_folder


def setup(app: Sphinx) -> None:
    app.connect("env-updated", place_in_navigation, priority=100)
    app.connect("builder-inited", write_with_documents)

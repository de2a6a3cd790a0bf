"""People's pages: made from the directory of people once all is read, not
read as documents.

A site of 1,000 episodes names some 2,000 people. As documents, each of their
pages was generated as a source, parsed, transformed, pickled, loaded again,
resolved and rendered by the theme: a fifth of the build, for a heading and a
few lists. Now each is a doctree made in memory from the person's renderer
(``writing.people``), translated to HTML by the builder's own translator, and
handed to ``handle_page`` with the context Sphinx gives a document (title,
parents, neighbours, table of contents), so every ``html-page-context``
handler sees it as before; ``writing.drawn_pages`` then draws most of them
without the theme's handlers. They are written with their folder's documents
(the people's index, the letters), the search's last bundle.

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
from docutils.frontend import Values, get_default_settings
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import _
from sphinx.util.display import status_iterator
from sphinx.util.osutil import relative_uri

from ..before_reading.page_kinds import PEOPLE_DIR, person_page
from ..before_reading.people_sources import by_letter, people_are_documents
from ..build_speed.parallel import in_processes
from ..core.people.directory import LETTER_PAGE, Person
from ..reading.placeholders import placeholder
from ..state.domain import state_of
from .context import Context
from .drawn_pages import drawer_of
from .renderers import RENDERERS, digest_of

FIRST_HERE = 8  # with -j: pages drawn in the main process, proving the shells first


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
    if people_are_documents(app):
        return []
    for letter_page, people in people_in_order(app):
        if letter_page in env.all_docs:
            env.toctree_includes[letter_page] = [person_page(person.slug) for person in people]
        for person in people:
            if person_page(person.slug) not in env.all_docs:
                env.titles[person_page(person.slug)] = nodes.title(person.name, person.name)
    return []


def reading_settings(app: Sphinx) -> Values:
    """Docutils' settings as Sphinx reads a page (its ids made as in a page read)."""
    settings = get_default_settings()
    vars(settings).update(app.env.settings)
    return settings


def person_doctree(app: Sphinx, person: Person, settings: Values) -> nodes.document:
    """The page's doctree: the name as its heading, then what the renderer shows."""
    pagename = person_page(person.slug)
    document = new_document(pagename, settings)
    section = nodes.section()
    section += nodes.title(person.name, person.name)
    section["names"].append(nodes.fully_normalize_name(person.name))
    document += section
    document.note_implicit_target(section, section)
    context = Context(app, pagename, state_of(app.env))
    section += RENDERERS["person"](context, placeholder("", kind="person", slug=person.slug))
    return document


def contents_of(title: nodes.title) -> nodes.bullet_list:
    """A page's table of contents when its title is its only section, as Sphinx
    makes it (``TocTreeCollector``, then ``document_toc``)."""
    return nodes.bullet_list("", nodes.list_item("", addnodes.compact_paragraph(
        "", "", nodes.reference("", "", *title.children, internal=True, refuri="#",
                                anchorname=""))))


class Titles:
    """A person's title and table of contents as HTML. Each is rendered once
    (``render_partial``: a whole docutils publish) around a stand-in name, and
    each person's name, escaped as the translator escapes text, put in its
    place; a name that is not plain text is rendered."""

    STAND_IN = "StandInName"

    def __init__(self, builder: StandaloneHTMLBuilder) -> None:
        self.builder = builder
        title = nodes.title(self.STAND_IN, self.STAND_IN)
        self.title = builder.render_partial(title.deepcopy())["title"].split(self.STAND_IN)
        self.toc = builder.render_partial(contents_of(title))["fragment"].split(self.STAND_IN)
        self.encode = builder.create_translator(
            new_document("", builder.docsettings), builder).encode
        self.pages: dict[str, str] = {}  # docname -> its title, as HTML

    def of_page(self, docname: str) -> str:
        """A page's title as HTML (a neighbour's, a parent's), once a build."""
        if docname not in self.pages:
            self.pages[docname] = self.of(self.builder.env.titles[docname])[0]
        return self.pages[docname]

    def of(self, title: nodes.title) -> tuple[str, str]:
        """(the title, the table of contents) of a page with this title."""
        if len(self.title) == 2 and len(self.toc) == 2 and len(title.children) == 1 \
                and isinstance(title[0], nodes.Text):
            name = self.encode(title.astext())
            return name.join(self.title), name.join(self.toc)
        return (self.builder.render_partial(title.deepcopy())["title"],
                self.builder.render_partial(contents_of(title))["fragment"])


def page_context(builder: StandaloneHTMLBuilder, pagename: str, doctree: nodes.document,
                 related: tuple, titles_html: Titles) -> dict:
    """What ``StandaloneHTMLBuilder.write_doc`` gives ``handle_page`` for a document."""
    doctree.settings = builder.docsettings
    builder.secnumbers, builder.fignumbers = {}, {}
    builder.imgpath = relative_uri(builder.get_target_uri(pagename), "_images")
    builder.dlpath = relative_uri(builder.get_target_uri(pagename), "_downloads")
    builder.current_docname = pagename
    visitor = builder.create_translator(doctree, builder)
    doctree.walkabout(visitor)
    titles = builder.env.titles
    rellinks = builder.globalcontext["rellinks"][:]
    parent, previous, following = related

    def link(docname: str | None) -> dict | None:
        if docname is None or docname not in titles:
            return None
        return {"link": builder.get_relative_uri(pagename, docname),
                "title": titles_html.of_page(docname)}

    next_link, prev_link = link(following), link(previous)
    if next_link:
        rellinks.append((following, next_link["title"], "N", _("next")))
    if prev_link:
        rellinks.append((previous, prev_link["title"], "P", _("previous")))
    parents = []
    while parent:  # up to the root, which the theme links on its own
        if parent in titles:
            parents.append(link(parent))
        parent = builder.relations.get(parent, (None,))[0]
    title, toc = titles_html.of(doctree[0][0])
    return {
        "parents": parents[-2::-1],
        "prev": prev_link,
        "next": next_link,
        "title": title,
        "meta": {},
        "body": "".join(visitor.fragment),
        "metatags": "".join(visitor.meta[2:]),
        "rellinks": rellinks,
        "sourcename": "",
        "toc": toc,
        "display_toc": False,
        "page_source_suffix": "",
        "has_maths_elements": getattr(visitor, "_has_maths_elements", False),
    }


class PeoplePages:
    """The people's pages of one build. What each showed when last written is
    kept in a file of the doctrees' folder, written once they are: Sphinx saves
    the environment before writing, and only when a document changed (a
    registry's edit changes people's pages and no document)."""

    def __init__(self) -> None:
        self.doctrees: dict[str, nodes.document] = {}  # page -> its doctree, in order
        self.digests: dict[str, str] = {}  # page -> digest of what it shows
        self.before: dict[str, str] = {}  # the same, as last written
        self.every_page = False  # Sphinx writes every page this build
        self.written = True

    def find_changed(self, app: Sphinx, env) -> list[str]:
        """``env-get-updated``, after the placeholders: each page made, and what
        it shows digested."""
        self.doctrees, self.digests = {}, {}
        if people_are_documents(app):
            return []
        self.written = False
        self.before = shown_before(app)
        related = env.collect_relations()
        settings = reading_settings(app)
        for _letter_page, people in people_in_order(app):
            for person in people:
                page = person_page(person.slug)
                if page in env.found_docs:  # a page of the host's (people_sources)
                    continue
                doctree = self.doctrees[page] = person_doctree(app, person, settings)
                neighbours = related.get(page, ())
                self.digests[page] = digest_of(
                    [doctree, *(env.titles.get(name) for name in neighbours)])
        return []

    def note_writing(self, app: Sphinx, build_docnames, updated_docnames) -> None:
        """``Builder.write``'s documents: whether Sphinx writes them all (a
        template, the theme or ``-a``), when every person's page is written too."""
        found = app.env.found_docs
        self.every_page = build_docnames is None or list(build_docnames) == ["__all__"] \
            or {*build_docnames, *updated_docnames} >= found

    def write(self, app: Sphinx) -> None:
        """The pages whose content, title or neighbours changed since they were
        last written (all of them when Sphinx writes every page); the pages of
        people no longer named removed; the search index of Sphinx fed them all."""
        if self.written:
            return
        self.written = True
        builder = app.builder
        pages = [page for page, digest in self.digests.items()
                 if self.every_page or self.before.get(page) != digest
                 or not Path(builder.get_outfilename(page)).is_file()]
        drawer = drawer_of(app)
        titles_html = Titles(builder)

        def draw(pages: list[str]) -> None:
            for page in pages:
                doctree = self.doctrees[page]
                related = tuple(builder.relations.get(page, (None, None, None)))
                drawer.draw(app, page, page_context(builder, page, doctree, related,
                                                    titles_html), doctree)

        # with -j, the first pages here: the processes then draw what they proved
        first = pages[:FIRST_HERE] if app.parallel > 1 else pages
        for page in status_iterator(first, "writing people's pages... ", "darkgreen",
                                    len(first), app.config.verbosity):
            draw([page])
        rest = pages[len(first):]
        if not in_processes(app, rest, draw):
            draw(rest)
        indexer = getattr(builder, "indexer", None)
        if indexer is not None:  # podcast_search = "sphinx": Sphinx's index has them all
            for page, doctree in self.doctrees.items():
                builder.index_page(page, doctree, doctree[0][0].astext())
            prune, kept = indexer.prune, set(self.doctrees)
            # it keeps the documents' pages alone when it is written
            indexer.prune = lambda docnames: prune({*docnames, *kept})
        for gone in sorted(self.before.keys() - self.digests.keys()):
            Path(builder.get_outfilename(gone)).unlink(missing_ok=True)
        shown_path(app).write_text(json.dumps(self.digests, indent=0), encoding="utf-8")


SHOWN = "people-pages.json"  # in the doctrees' folder: page -> digest, as last written


def shown_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / SHOWN


def shown_before(app: Sphinx) -> dict[str, str]:
    """What each person's page showed when last written (nothing, for a new
    doctrees' folder: every page is written then)."""
    try:
        found = json.loads(shown_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {page: digest for page, digest in found.items()
            if isinstance(page, str) and isinstance(digest, str)} \
        if isinstance(found, dict) else {}


def person_pages(app: Sphinx) -> set[str]:
    """The people's pages of this build."""
    return {person_page(slug) for slug in state_of(app.env).directory.people}


_PAGES = "podcast_people_pages"  # the build's PeoplePages, on the app


def write_with_documents(app: Sphinx) -> None:
    """``builder-inited``: the people's pages written before their folder's
    documents (``Builder.write_documents`` wrapped: before the search indexes
    the folder), all of them when Sphinx writes every document
    (``Builder.write`` wrapped)."""
    builder = app.builder
    people = PeoplePages()
    setattr(app, _PAGES, people)
    app.connect("env-get-updated", people.find_changed, priority=600)
    if people_are_documents(app):
        return
    write, write_documents = builder.write, builder.write_documents

    def write_noting(build_docnames, updated_docnames, method="update") -> None:
        if build_docnames is not None:
            build_docnames = list(build_docnames)
        updated_docnames = list(updated_docnames)
        people.note_writing(app, build_docnames, updated_docnames)
        write(build_docnames, updated_docnames, method)

    def write_people_with_their_folder(docnames) -> None:
        # with their folder's pages: the search indexes the folder once all are written
        if any(name.startswith(f"{PEOPLE_DIR}/") for name in docnames):
            people.write(app)
        write_documents(docnames)

    builder.write = write_noting
    builder.write_documents = write_people_with_their_folder


def write_if_not_yet(app: Sphinx) -> list:
    """``html-collect-pages``: the people's pages, if no document was written."""
    getattr(app, _PAGES).write(app)
    return []


def setup(app: Sphinx) -> None:
    app.connect("env-updated", place_in_navigation, priority=100)
    app.connect("builder-inited", write_with_documents)
    app.connect("html-collect-pages", write_if_not_yet)

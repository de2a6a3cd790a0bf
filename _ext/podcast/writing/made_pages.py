"""Pages made at writing without a source: what a document's page gets from
Sphinx, given to a doctree made in memory (``writing.people_pages``,
``writing.transcript_pages``).

Such a page is translated by the builder's own translator and handed to
``handle_page`` with the context ``StandaloneHTMLBuilder.write_doc`` gives a
document (title, parents, neighbours, table of contents), so every
``html-page-context`` handler sees it as any page. Sphinx's own bookkeeping of
a document (its sections' table of contents, whether every page is written)
is made here for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from docutils import nodes
from docutils.frontend import Values, get_default_settings
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import _
from sphinx.util.display import status_iterator
from sphinx.util.osutil import relative_uri
from sphinx.writers.html import HTMLWriter

from ..build_speed.memory import let_go
from ..build_speed.parallel import beside as in_a_process_beside
from ..build_speed.parallel import done_beside, in_processes

_SETTINGS: dict[tuple[int, str], Values] = {}  # (id of the builder, for what) -> settings


def reading_settings(app: Sphinx) -> Values:
    """Docutils' settings as Sphinx reads a page (its ids made as in a page read),
    made once a build: docutils makes them with an option parser of some 150
    options, a millisecond and as many objects for the collector."""
    key = (id(app.builder), "reading")
    if key not in _SETTINGS:
        settings = _SETTINGS[key] = get_default_settings()
        vars(settings).update(app.env.settings)
    return _SETTINGS[key]


def writing_settings(builder: StandaloneHTMLBuilder) -> Values:
    """Docutils' settings as the builder writes a page (also while reading,
    before ``prepare_writing`` has made them: made as it makes them, once)."""
    settings = getattr(builder, "docsettings", None)
    if settings is not None:
        return settings
    key = (id(builder), "writing")
    if key not in _SETTINGS:
        settings = _SETTINGS[key] = get_default_settings(HTMLWriter)
        vars(settings).update(builder.env.settings)
        settings.compact_lists = bool(builder.config.html_compact_lists)
    return _SETTINGS[key]


def forget_settings(app: Sphinx) -> None:
    """``builder-inited``: the settings of an earlier build in this process gone."""
    _SETTINGS.clear()


def titled_document(pagename: str, title: str, settings: Values,
                    heading: str | None = None) -> tuple[nodes.document, nodes.section]:
    """A page's doctree and its first section, titled ``title``, its id made
    from ``heading`` (the title as written, before its quotes were curled) as a
    page read makes a heading's."""
    document = new_document(pagename, settings)
    section = nodes.section()
    section += nodes.title(title, title)
    section["names"].append(nodes.fully_normalize_name(heading or title))
    document += section
    document.note_implicit_target(section, section)
    return document, section


def contents_of(section: nodes.section) -> nodes.bullet_list:
    """A page's table of contents from its first section, as Sphinx makes it
    (``TocTreeCollector``, then ``document_toc``): the first entry links the
    page, the others their section's first id."""
    first = [True]

    def entries(holder: nodes.Element) -> nodes.bullet_list | None:
        items = []
        for child in holder.children:
            if not isinstance(child, nodes.section):
                continue
            anchor = "" if first[0] else "#" + child["ids"][0]
            first[0] = False
            item = nodes.list_item("", addnodes.compact_paragraph("", "", nodes.reference(
                "", "", *child[0].deepcopy().children, internal=True, refuri=anchor or "#",
                anchorname=anchor)))
            inner = entries(child)
            if inner is not None:
                item += inner
            items.append(item)
        return nodes.bullet_list("", *items) if items else None

    holder = nodes.Element()
    holder.children = [section]  # read, not adopted: the section keeps its parent
    return entries(holder)


def sections_in(section: nodes.section) -> int:
    """How many sections the page's table of contents lists."""
    return 1 + sum(sections_in(child) for child in section.children
                   if isinstance(child, nodes.section))


class Titles:
    """A page's title and a title-only table of contents as HTML. Each is
    rendered once (``render_partial``: a whole docutils publish) around a
    stand-in name, and each page's title, escaped as the translator escapes
    text, put in its place; a title that is not plain text is rendered."""

    STAND_IN = "StandInName"

    def __init__(self, builder: StandaloneHTMLBuilder) -> None:
        self.builder = builder
        title = nodes.title(self.STAND_IN, self.STAND_IN)
        self.title = builder.render_partial(title.deepcopy())["title"].split(self.STAND_IN)
        section = nodes.section("", title)
        toc = contents_of(section)
        self.toc = builder.render_partial(toc)["fragment"].split(self.STAND_IN)
        let_go(toc)
        let_go(section)
        self.encode = builder.create_translator(
            new_document("", writing_settings(builder)), builder).encode
        self.pages: dict[str, str] = {}  # docname -> its title, as HTML

    def of_page(self, docname: str) -> str:
        """A page's title as HTML (a neighbour's, a parent's), once a build."""
        if docname not in self.pages:
            self.pages[docname] = self.of(self.builder.env.titles[docname])[0]
        return self.pages[docname]

    def of(self, title: nodes.title) -> tuple[str, str]:
        """(the title, the table of contents) of a page with this title alone."""
        if len(self.title) == 2 and len(self.toc) == 2 and len(title.children) == 1 \
                and isinstance(title[0], nodes.Text):
            name = self.encode(title.astext())
            return name.join(self.title), name.join(self.toc)
        return (self.builder.render_partial(title.deepcopy())["title"],
                self.builder.render_partial(contents_of(nodes.section("", title.deepcopy())))[
                    "fragment"])

    def contents(self, section: nodes.section, visitor) -> str:
        """The table of contents of a page whose first section is ``section``:
        translated as ``render_partial`` translates it, without the publisher's
        transforms, which change nothing in a list of links to sections of
        plain titles (a title with markup is rendered), by ``visitor``, the
        page's translator done with the page (a translator costs a millisecond
        to make)."""
        if sections_in(section) == 1:
            return self.of(section[0])[1]
        toc = contents_of(section)
        if any(not isinstance(child, nodes.Text) for title in section.findall(nodes.title)
               for child in title.children):
            return self.builder.render_partial(toc)["fragment"]
        document = new_document("<partial node>", writing_settings(self.builder))
        document.append(toc)
        done = len(visitor.body)
        toc.walkabout(visitor)
        let_go(document)
        return "".join(visitor.body[done:])


_TITLES = "podcast_titles_html"  # on the app: this build's Titles, made once a process


def titles_of(app: Sphinx) -> Titles:
    """This build's ``Titles`` (each made with two docutils publishes)."""
    if getattr(app, _TITLES, None) is None:
        setattr(app, _TITLES, Titles(app.builder))
    return getattr(app, _TITLES)


def at_page(builder: StandaloneHTMLBuilder, pagename: str) -> None:
    """The builder set to write ``pagename``, as ``write_doc`` sets it."""
    builder.secnumbers, builder.fignumbers = {}, {}
    builder.imgpath = relative_uri(builder.get_target_uri(pagename), "_images")
    builder.dlpath = relative_uri(builder.get_target_uri(pagename), "_downloads")
    builder.current_docname = pagename


@dataclass(frozen=True)
class Translated:
    """A page's parts as ``StandaloneHTMLBuilder.write_doc`` makes them."""

    body: str
    metatags: str
    has_maths: bool
    toc: str


def translated(builder: StandaloneHTMLBuilder, pagename: str, doctree: nodes.document,
               titles_html: Titles) -> Translated:
    """The page translated as ``write_doc`` translates a document (also while
    reading, before the builder has made its settings for writing)."""
    doctree.settings = writing_settings(builder)
    at_page(builder, pagename)
    visitor = builder.create_translator(doctree, builder)
    doctree.walkabout(visitor)
    made = Translated("".join(visitor.fragment), "".join(visitor.meta[2:]),
                      getattr(visitor, "_has_maths_elements", False),
                      titles_html.contents(doctree[0], visitor))
    # the translator points to itself (methods it keeps): emptied, it is freed at
    # once with what it wrote, not when the collector finds it (``memory``)
    visitor.__dict__.clear()
    return made


def page_context(builder: StandaloneHTMLBuilder, pagename: str, doctree: nodes.document,
                 related: tuple, titles_html: Titles, made: Translated | None = None) -> dict:
    """What ``StandaloneHTMLBuilder.write_doc`` gives ``handle_page`` for a document
    (``related``: its parent, previous and next pages; ``made``: the page as
    ``translated`` gave it, if it was translated before)."""
    if made is None:
        made = translated(builder, pagename, doctree, titles_html)
    else:
        at_page(builder, pagename)
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
    section = doctree[0]
    return {
        "parents": parents[-2::-1],
        "prev": prev_link,
        "next": next_link,
        "title": titles_html.of(section[0])[0],
        "meta": {},
        "body": made.body,
        "metatags": made.metatags,
        "rellinks": rellinks,
        "sourcename": "",
        "toc": made.toc,
        "display_toc": sections_in(section) > 1,
        "page_source_suffix": "",
        "has_maths_elements": made.has_maths,
    }


FIRST_HERE = 8  # with -j: pages drawn in the main process, proving the shells first


def draw_all(app: Sphinx, pages: list[str], draw: Callable[[list[str]], None],
             label: str, beside: bool = False) -> None:
    """``draw`` over the pages; with ``-j`` the first here (the drawer proves its
    shells on them), the rest shared out among the processes. ``beside``: pages
    nothing else in the build reads, which a serial build draws in a process
    beside its writing, until ``html-collect-pages``."""
    def each(listed: list[str]) -> None:
        for page in status_iterator(listed, label, "darkgreen", len(listed),
                                    app.config.verbosity):
            draw([page])

    if beside and app.parallel <= 1 and len(pages) > FIRST_HERE \
            and in_a_process_beside(app, lambda: each(pages)):
        return
    first = pages[:FIRST_HERE] if app.parallel > 1 else pages
    each(first)
    rest = pages[len(first):]
    if not in_processes(app, rest, draw):
        draw(rest)


def index_for_sphinx(builder: StandaloneHTMLBuilder,
                     doctrees: Iterator[tuple[str, nodes.document]]) -> None:
    """With ``podcast_search = "sphinx"``: Sphinx's index fed these pages, which
    it keeps when it prunes to the documents' pages."""
    indexer = getattr(builder, "indexer", None)
    if indexer is None:
        return
    kept = set()
    for page, doctree in doctrees:
        builder.index_page(page, doctree, doctree[0][0].astext())
        kept.add(page)
    prune = indexer.prune
    indexer.prune = lambda docnames: prune({*docnames, *kept})


_WRITERS = "podcast_page_writers"  # on the app: what writes pages without a source


def writes_pages(app: Sphinx, writer) -> None:
    """``writer`` (whose ``write(app)`` writes its pages once a build, when
    Sphinx's writing calls for them) also called at ``html-collect-pages``,
    should no document have been written."""
    if getattr(app, _WRITERS, None) is None:
        setattr(app, _WRITERS, [])
    getattr(app, _WRITERS).append(writer)


def write_pages_left(app: Sphinx) -> list:
    """``html-collect-pages``: the pages made without a source, if no document
    was written (their writers write each build's once)."""
    for writer in getattr(app, _WRITERS, ()):
        writer.write(app)
    done_beside(app)  # the pages drawn beside, and all else done there, are in now
    return []


_EVERY_PAGE = "podcast_writes_every_page"  # on the app: whether Sphinx writes every page


def writes_every_page(app: Sphinx) -> bool:
    """Whether Sphinx writes every page this build (a template, the theme or
    ``-a``): every page made without a source is written then too."""
    return getattr(app, _EVERY_PAGE, True)


def note_every_page(app: Sphinx) -> None:
    """``builder-inited``: ``Builder.write`` wrapped to note whether it writes
    every document."""
    builder = app.builder
    write = builder.write
    setattr(app, _EVERY_PAGE, True)

    def write_noting(build_docnames, updated_docnames, method="update") -> None:
        if build_docnames is not None:
            build_docnames = list(build_docnames)
        updated_docnames = list(updated_docnames)
        setattr(app, _EVERY_PAGE, build_docnames is None or build_docnames == ["__all__"]
                or {*build_docnames, *updated_docnames} >= app.env.found_docs)
        write(build_docnames, updated_docnames, method)

    builder.write = write_noting


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", forget_settings, priority=100)
    app.connect("builder-inited", note_every_page, priority=400)
    app.connect("html-collect-pages", write_pages_left)

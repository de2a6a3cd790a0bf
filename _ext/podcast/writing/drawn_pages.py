"""People's, transcripts' and episodes' pages drawn from one page the theme
rendered, not each rendered anew.

A person's page is one short article in the theme's whole page: header, menus,
sidebars, scripts, some 20 KB that are the same on every person's page but for
a few values (the title, the page's name and address, its neighbours, its
social tags, the article). The theme's templates cost some 5 ms a page, and a
site of 1,000 episodes has 2,000 people's pages: a fifth of the build. A
transcript's page is the same but for its chapters in the side column (the
theme's ``generate_toc_html``), one more value; an episode's too, its front
matter in the page's metadata aside, which no template shows (the probe proves it).

So the first person's page is rendered twice more: with each of those values
replaced by a probe (a string that shows which of the template's filters was
applied where it appears: as is, escaped, stripped of tags, or both), which
gives the page with holes; and as it is, which the holes filled with its own
values must give byte for byte, else every page is rendered as before. Each
other page of its kind whose context matches the first's in all else (the same
folder, the same kinds of neighbours, sections shown or not) is those holes
filled with its values (the shell, its holes and their probes: ``writing.page_shells``).

A person's or a transcript's page, which is no document
(``writing.people_pages``, ``writing.transcript_pages``), and an episode's,
which Sphinx writes (``draw_episodes_directly``), are drawn without the
theme's handlers that render its templates to learn what they show
(``Drawer.draw``): the theme's part of the page is the shell's, every other
handler runs as for any page. The first two pages of each shape are rendered
with the theme's handlers too, and must have given the same values both ways.
"""

from __future__ import annotations

import contextlib

from sphinx.application import Sphinx

from ..before_reading.page_kinds import person_of_page
from ..state.domain import state_of
from .page_shells import (
    Replayed,
    Shell,
    as_rendered,
    contents_of,
    holes,
    probe,
    shape,
    unshown_meta,
    with_probed_scripts,
    with_values,
)

DRAWN = "podcast-drawn-page.html"
MAX_SHELLS = 8  # kinds of pages tried; a context that differs on every page is none
# Pages of each shell rendered too and compared with the shell's: the first proves
# the holes, the second that nothing else differs from page to page (a sidebar
# marking the page it is on would).
PROOFS = 2


def drawn_kind(app: Sphinx, pagename: str) -> bool:
    """Whether the page is a person's, a transcript's or an episode's."""
    state = state_of(app.env)
    return person_of_page(state.directory, pagename) is not None \
        or pagename in state.transcripts or pagename in state.episodes


class Drawer:
    def __init__(self) -> None:
        self.shells: dict[tuple, Shell | None] = {}
        self.proven: dict[tuple, int] = {}
        # Drawn directly (``draw``): the shape of a page's context without the
        # theme's handlers -> [the shape of its whole context, pages that proved
        # the same values either way], or None when they differed.
        self.direct: dict[tuple, list | None] = {}
        self.asking: bool = False  # a page is being drawn directly
        self.drawing: bool = False  # in ``draw``: its pages handled as any
        self.asked: tuple | None = None  # its (shape, holes), for its rendering to prove
        self.done = False  # the page drawn directly was drawn

    def builder_inited(self, app: Sphinx) -> None:
        self.shells.clear()  # the theme and templates may differ from one build to the next
        self.proven.clear()
        self.direct.clear()

    def draw(self, app: Sphinx, pagename: str, context: dict, doctree) -> None:
        """Write a page of a drawn kind (``writing.people_pages``): with every
        ``html-page-context`` handler but the theme's, whose part of the page is
        the shell's, once two pages of its shape have given the same values
        that way as rendered; else rendered as any page."""
        builder = app.builder
        self.asked, self.done, self.drawing = None, False, True
        try:
            if app.config.podcast_draw_pages:
                with without_theme_handlers(app):
                    self.asking = True
                    try:
                        builder.handle_page(pagename, dict(context), event_arg=doctree)
                    finally:
                        self.asking = False
            if not self.done:
                builder.handle_page(pagename, context, event_arg=doctree)
        finally:
            self.asked, self.drawing = None, False

    def drawn_directly(self, pagename: str, context: dict) -> str:
        """``html-page-context`` of a page drawn directly: the page, or an empty
        one that its rendering, next, writes over."""
        contents = contents_of(context)
        key, found = shape(context, pagename, contents), holes(context, contents)
        entry = self.direct.get(key)
        shell = self.shells.get(entry[0]) if entry else None
        if shell is not None and entry[1] >= PROOFS:
            context["podcast_drawn_page"] = shell.fill([value for _, value in found])
            self.done = True
        else:
            self.asked = (key, found)
            context["podcast_drawn_page"] = ""
        return DRAWN

    def prove_direct(self, key: tuple, found: list, context: dict) -> None:
        """The page drawn directly, rendered: the values it gave either way."""
        if self.asked is None or key not in self.shells:
            return
        direct_key, direct_found = self.asked
        entry = self.direct.setdefault(direct_key, [key, 0])
        if entry is None:
            return
        if entry[0] != key or direct_found != found or self.shells[key] is None:
            self.direct[direct_key] = None
        else:
            entry[1] += 1

    def page_context(self, app: Sphinx, pagename: str, templatename: str, context: dict,
                     doctree) -> str | None:
        """``html-page-context``, after every other handler: a person's or a
        transcript's page drawn."""
        if not app.config.podcast_draw_pages or templatename != "page.html" \
                or not drawn_kind(app, pagename):
            return None
        if self.asking:
            return self.drawn_directly(pagename, context)
        slug = pagename.rpartition("/")[2]
        contents = contents_of(context)
        key, found = shape(context, pagename, contents), holes(context, contents)
        values = [value for _, value in found]
        if key not in self.shells:
            if len(self.shells) >= MAX_SHELLS:
                return None
            self.shells[key] = None  # until this page proves the shell right
            probes = with_values(context, [(where, probe(number))
                                           for number, (where, _) in enumerate(found)])
            probes["meta"] = unshown_meta(context.get("meta"))
            named = [number for number, (where, _) in enumerate(found) if where == ("pagename",)]
            # the theme numbers its ids page by page: the page rendered twice
            # gets the same ids both times, the ones it would have had
            ids = {"unique_html_id": Replayed(context["unique_html_id"])} \
                if callable(context.get("unique_html_id")) else {}
            probed = app.builder.templates.render(templatename, as_rendered(
                with_probed_scripts({**probes, **ids}, pagename, named[0])))
            for replayed in ids.values():
                replayed.replay()
            page = app.builder.templates.render(templatename, as_rendered({**context, **ids}))
            try:
                shell = Shell(probed, len(found))
            except ValueError:
                shell = None
            # all that names this page is a hole: nothing of it is left in the shell
            if shell is not None and slug not in probed and shell.fill(values) == page:
                self.shells[key] = shell
            self.prove_direct(key, found, context)
            context["podcast_drawn_page"] = page
            return DRAWN
        shell = self.shells[key]
        self.prove_direct(key, found, context)
        if shell is None:
            return None
        drawn = shell.fill(values)
        if self.proven.get(key, 1) < PROOFS:
            page = app.builder.templates.render(templatename, as_rendered(context))
            self.proven[key] = self.proven.get(key, 1) + 1
            if page != drawn:
                self.shells[key] = None
                drawn = page
        context["podcast_drawn_page"] = drawn
        return DRAWN


def theme_package(app: Sphinx) -> str:
    theme = getattr(app.builder, "theme", None)
    return getattr(theme, "name", "").replace("-", "_")


# The theme's handlers that render its templates to learn which show nothing (most
# of their cost); the others only set values (holes, or proven the same) and functions.
THEME_RENDERING = ("update_and_remove_templates", "set_secondary_sidebar_items")


@contextlib.contextmanager
def without_theme_handlers(app: Sphinx):
    """``html-page-context`` without the handlers of the theme's own package that
    render its templates (``THEME_RENDERING``)."""
    listeners = app.events.listeners["html-page-context"]
    package = theme_package(app)
    app.events.listeners["html-page-context"] = [
        listener for listener in listeners
        if not package or getattr(listener.handler, "__module__", "").partition(".")[0] != package
        or getattr(listener.handler, "__name__", "") not in THEME_RENDERING]
    try:
        yield
    finally:
        app.events.listeners["html-page-context"] = listeners


DRAWER = "podcast_drawer"  # the build's Drawer, on the app


def drawer_of(app: Sphinx) -> Drawer:
    return getattr(app, DRAWER)


def draw_episodes_directly(app: Sphinx) -> None:
    """``builder-inited``: an episode's page, which Sphinx writes as any
    document's, drawn as a person's is (``Drawer.draw``): the theme's handlers
    that render its templates to learn what they show took a millisecond a page."""
    builder = app.builder
    handle_page = getattr(builder, "handle_page", None)
    if handle_page is None or not app.config.podcast_draw_pages:
        return
    drawer = drawer_of(app)

    def handle_episode_drawn(pagename: str, addctx: dict, templatename: str = "page.html",
                             **options) -> None:
        if drawer.drawing or templatename != "page.html" or options.get("outfilename") \
                or pagename not in state_of(app.env).episodes:
            handle_page(pagename, addctx, templatename, **options)
        else:
            drawer.draw(app, pagename, addctx, options.get("event_arg"))

    builder.handle_page = handle_episode_drawn


def setup(app: Sphinx) -> None:
    app.add_config_value("podcast_draw_pages", True, "html", bool)
    drawer = Drawer()
    setattr(app, DRAWER, drawer)
    app.connect("builder-inited", drawer.builder_inited)
    app.connect("builder-inited", draw_episodes_directly)
    app.connect("html-page-context", drawer.page_context, priority=990)

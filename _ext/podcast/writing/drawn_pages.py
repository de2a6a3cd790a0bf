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
filled with its values.

A person's or a transcript's page, which is no document
(``writing.people_pages``, ``writing.transcript_pages``), is drawn without the
theme's handlers that render its templates to learn what they show
(``Drawer.draw``): the theme's part of the page is the shell's, every other
handler runs as for any page. The first two pages of each shape are rendered
with the theme's handlers too, and must have given the same values both ways.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape
from sphinx.application import Sphinx

from ..before_reading.page_kinds import person_of_page
from ..state.domain import state_of

# What differs from one person's page to the next, in the context.
TEXTS = ("body", "current_page_name", "metatags", "pagename", "pageurl", "podcast_search_facts",
         "sourcename", "title", "toc")
LINKS = ("next", "prev")  # None or {"link", "title"}
# A page's metadata (its front matter, MyST's bookkeeping), which no template
# shows: the theme asks only whether its own keys are there. The probe gives each
# value another (these, or UNSHOWN), so a template that showed one would fail the proof.
UNSHOWN_META = {"myst_slugs": {"probe": (0, "probe", "probe")},
                "wordcount": {"words": -1, "minutes": -1}}
UNSHOWN = "\x1bU<b>&amp;\"'\x1bU"
THEME_META = "html_theme."  # the theme's settings for a page, read by its templates
DRAWN = "podcast-drawn-page.html"
CONTENTS = "generate_toc_html"  # the theme's function: the page's sections, as HTML
_PROBE = re.compile("\x1bP([0-9]+)(.*?)\x1bQ", re.S)
_ONLY_TITLE = re.compile(r'<ul>\n<li><a class="reference internal" href="#">[^<]*</a></li>\n'
                         r'</ul>\n')

FILTERS: dict[str, Callable[[str], str]] = {
    "as is": str,
    "escaped": lambda value: str(escape(value)),
    "without tags": lambda value: Markup(value).striptags(),
    "without tags, escaped": lambda value: str(escape(Markup(value).striptags())),
}


def probe(number: int) -> str:
    """A value whose every filtered form differs from the others."""
    return f"\x1bP{number}<b>&amp;\"'\x1bQ"


def holes(context: dict) -> list[tuple[tuple, Any]]:
    """(where in the context, the value) of each value that differs between pages."""
    found: list[tuple[tuple, Any]] = [((name,), context.get(name)) for name in TEXTS]
    if shows_contents(context):
        found.append(((CONTENTS,), str(context[CONTENTS]())))
    for name in LINKS:
        if context.get(name):
            found += [((name, "link"), context[name]["link"]),
                      ((name, "title"), context[name]["title"])]
    for index, parent in enumerate(context.get("parents") or ()):
        found += [(("parents", index, "link"), parent["link"]),
                  (("parents", index, "title"), parent["title"])]
    for index, rellink in enumerate(context.get("rellinks") or ()):
        found += [(("rellinks", index, 0), rellink[0]), (("rellinks", index, 1), rellink[1])]
    return found


def shows_contents(context: dict) -> bool:
    """Whether the page has sections for the side column (the theme's template
    shows them when they have a length, where its side column shows them). A
    page whose contents are its title alone (a person's) has none: the theme
    shows a title's sections, not the title, and asking it parses the contents
    anew for each page (were a theme to show the title, the second page of the
    shape would differ from its drawing, and the theme render every page)."""
    contents = context.get(CONTENTS)
    if not callable(contents) or _ONLY_TITLE.fullmatch(str(context.get("toc", ""))):
        return False
    return len(contents()) >= 1


def shape(context: dict, pagename: str) -> tuple:
    """What two pages must share for one to be drawn from the other: the rest of
    the context, the folder, which neighbours there are, a title-only contents."""
    varying = {*TEXTS, *LINKS, "parents", "rellinks"}
    # the theme's script naming the page is the same on every page but for the name
    rest = tuple(sorted((name, repr(stable(shown_meta(value) if name == "meta" else value))
                         .replace(pagename, "\0")) for name, value in context.items()
                        if name not in varying and not callable(value)))
    return (pagename.rpartition("/")[0], rest,
            tuple(bool(context.get(name)) for name in LINKS),
            len(context.get("parents") or ()),
            tuple(rellink[2:] for rellink in context.get("rellinks") or ()),
            bool(_ONLY_TITLE.fullmatch(str(context.get("toc", "")))), shows_contents(context))


def shown_meta(meta: dict | None) -> tuple:
    """What templates may read of a page's metadata: which keys it has, and the
    theme's own settings."""
    return tuple(sorted((name, value if name.startswith(THEME_META) else None)
                        for name, value in (meta or {}).items()))


def unshown_meta(meta: dict | None) -> dict:
    """The metadata the probe renders with: each value but the theme's another."""
    return {name: value if name.startswith(THEME_META) else UNSHOWN_META.get(name, UNSHOWN)
            for name, value in (meta or {}).items()}


def stable(value: Any) -> Any:
    """A value as it compares from page to page (a script or a stylesheet by its
    file and attributes: each page has its own objects for them)."""
    if isinstance(value, (list, tuple)):
        return tuple(stable(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((repr(key), stable(item)) for key, item in value.items()))
    if hasattr(value, "filename") and hasattr(value, "attributes"):  # Sphinx's assets
        return ("asset", str(value.filename), stable(value.attributes),
                getattr(value, "priority", None))
    return repr(value)


def with_values(context: dict, values: list[tuple[tuple, Any]]) -> dict:
    """A copy of the context with these values put where they go."""
    copy = dict(context)
    for name in LINKS:
        if copy.get(name):
            copy[name] = dict(copy[name])
    copy["parents"] = [dict(parent) for parent in copy.get("parents") or ()]
    copy["rellinks"] = [list(rellink) for rellink in copy.get("rellinks") or ()]
    for where, value in values:
        if where == (CONTENTS,):
            copy[CONTENTS] = lambda kind="html", value=value: value
        elif len(where) == 1:
            copy[where[0]] = value
        else:
            holder = copy[where[0]]
            for step in where[1:-1]:
                holder = holder[step]
            holder[where[-1]] = value
    copy["rellinks"] = [tuple(rellink) for rellink in copy["rellinks"]]
    return copy


def with_probed_scripts(context: dict, pagename: str, number: int) -> dict:
    """The context with the page's name in inline scripts (the theme's
    ``DOCUMENTATION_OPTIONS.pagename``) replaced by probe ``number``."""
    scripts = []
    for script in context.get("script_files") or ():
        body = getattr(script, "attributes", {}).get("body", "")
        if pagename in body:
            script = type(script)(script.filename, priority=script.priority, **{
                **script.attributes, "body": body.replace(pagename, probe(number))})
        scripts.append(script)
    return {**context, "script_files": scripts}


class Shell:
    """A rendered page with holes: text between the holes, and for each hole
    which value goes there and through which filter."""

    def __init__(self, probed: str, count: int) -> None:
        self.texts: list[str] = []
        self.holes: list[tuple[int, Callable[[str], str]]] = []
        at = 0
        for found in _PROBE.finditer(probed):
            number = int(found[1])
            form = found[0]
            kind = next((name for name, apply in FILTERS.items()
                         if number < count and apply(probe(number)) == form), None)
            if kind is None:
                raise ValueError(f"a value shown in an unknown form: {form!r}")
            self.texts.append(probed[at:found.start()])
            self.holes.append((number, FILTERS[kind]))
            at = found.end()
        self.texts.append(probed[at:])

    def fill(self, values: list[Any]) -> str:
        parts = [self.texts[0]]
        for (number, apply), text in zip(self.holes, self.texts[1:], strict=True):
            parts += [apply(str(values[number])), text]
        return "".join(parts)


MAX_SHELLS = 8  # kinds of pages tried; a context that differs on every page is none
# Pages of each shell rendered too and compared with the shell's: the first proves
# the holes, the second that nothing else differs from page to page (a sidebar
# marking the page it is on would).
PROOFS = 2


def as_rendered(context: dict) -> dict:
    """The context as Sphinx renders it, after this event: its scripts and
    stylesheets in the order of their priorities (``StandaloneHTMLBuilder.handle_page``)."""
    found = dict(context)
    for name in ("script_files", "css_files"):
        with contextlib.suppress(AttributeError, KeyError):  # as Sphinx leaves them
            found[name] = sorted(found[name], key=lambda asset: asset.priority)
    return found


class Replayed:
    """The theme's ``unique_html_id`` (each call the next id of its kind, on this
    page), giving the same ids again after ``replay``."""

    def __init__(self, ids: Callable[[str], str]) -> None:
        self.ids = ids
        self.given: dict[str, list[str]] = {}
        self.used: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        given, used = self.given.setdefault(base, []), self.used.get(base, 0)
        if used == len(given):
            given.append(self.ids(base))
        self.used[base] = used + 1
        return given[used]

    def replay(self) -> None:
        self.used.clear()


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
        self.asked, self.done = None, False
        if app.config.podcast_draw_pages:
            with without_theme_handlers(app):
                self.asking = True
                try:
                    builder.handle_page(pagename, dict(context), event_arg=doctree)
                finally:
                    self.asking = False
        if not self.done:
            builder.handle_page(pagename, context, event_arg=doctree)
        self.asked = None

    def drawn_directly(self, pagename: str, context: dict) -> str:
        """``html-page-context`` of a page drawn directly: the page, or an empty
        one that its rendering, next, writes over."""
        key = shape(context, pagename)
        found = holes(context)
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
        key = shape(context, pagename)
        found = holes(context)
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


def setup(app: Sphinx) -> None:
    app.add_config_value("podcast_draw_pages", True, "html", bool)
    drawer = Drawer()
    setattr(app, DRAWER, drawer)
    app.connect("builder-inited", drawer.builder_inited)
    app.connect("html-page-context", drawer.page_context, priority=990)

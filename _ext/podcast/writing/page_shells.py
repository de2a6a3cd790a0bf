"""A rendered page with holes: the values that differ from page to page, each
replaced by a probe that shows which of the template's filters it went through
(as is, escaped, stripped of tags, or both), so that another page of the same
shape is the shell with its own values put back (``writing.drawn_pages``).

No Sphinx here: contexts, templates' output and the theme's functions alone.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

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


def holes(context: dict, contents: str | None) -> list[tuple[tuple, Any]]:
    """(where in the context, the value) of each value that differs between pages
    (``contents``: the page's, as ``contents_of`` gave them)."""
    found: list[tuple[tuple, Any]] = [((name,), context.get(name)) for name in TEXTS]
    if contents is not None:
        found.append(((CONTENTS,), contents))
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


def contents_of(context: dict) -> str | None:
    """The page's sections for the side column as the theme gives them, None
    where it shows none (the theme's template shows them when they have a
    length). Asked once a page: the theme parses the page's contents anew each
    time. A page whose contents are its title alone (a person's) has none: the
    theme shows a title's sections, not the title (were a theme to show the
    title, the second page of the shape would differ from its drawing, and the
    theme render every page)."""
    contents = context.get(CONTENTS)
    if not callable(contents) or _ONLY_TITLE.fullmatch(str(context.get("toc", ""))):
        return None
    shown = contents()
    return str(shown) if len(shown) >= 1 else None


def shape(context: dict, pagename: str, contents: str | None) -> tuple:
    """What two pages must share for one to be drawn from the other: the rest of
    the context, the folder, which neighbours there are, a title-only contents,
    sections shown or not (``contents``: as ``contents_of`` gave them)."""
    varying = {*TEXTS, *LINKS, "parents", "rellinks"}
    # the theme's script naming the page is the same on every page but for the name
    rest = tuple(sorted((name, repr(stable(shown_meta(value) if name == "meta" else value))
                         .replace(pagename, "\0")) for name, value in context.items()
                        if name not in varying and not callable(value)))
    return (pagename.rpartition("/")[0], rest,
            tuple(bool(context.get(name)) for name in LINKS),
            len(context.get("parents") or ()),
            tuple(rellink[2:] for rellink in context.get("rellinks") or ()),
            bool(_ONLY_TITLE.fullmatch(str(context.get("toc", "")))), contents is not None)


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

"""A source's text as the host meant it, before MyST reads it.

Sphinx reads every source as UTF-8 and stops the whole build at the first byte
that is none; bytes that are no UTF-8 are read as Windows-1252 instead. Where
YAML would misread a post's front matter (an unquoted ``: `` or ``#N`` in a
title), MyST is handed it as meant.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..before_reading.posts import scanned_body
from ..core.post.body import Body, read_body
from ..core.post.episode import is_episode
from ..core.post.frontmatter import repaired_front_matter
from ..core.text.encoding import LENIENT, not_utf8
from ..core.text.paths import is_inside

logger = logging.getLogger(__name__)


def read_leniently(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: Sphinx reads every source as UTF-8 and stops the
    whole build at the first byte that is none; bytes that are no UTF-8 are read
    as Windows-1252 instead (what such files use), and ``warn_encoding`` says so."""
    if env.settings.get("input_encoding", "").lower().replace("_", "-") in (
            "utf-8", "utf-8-sig", "utf8"):
        env.settings["input_encoding"] = LENIENT


OUTSIDE = "podcast_outside"  # temp_data: the page's file leads out of the project


def refuse_outside(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``, first: a source that is a symbolic link out of the project
    is not published (whatever it links to could be any file of the machine's):
    its page says so, and a warning names it."""
    path = app.env.doc2path(docname)
    if is_inside(path, app.srcdir):
        return
    logger.warning("the file is a symbolic link out of the project: not published",
                   location=(docname, 1), type="podcast", subtype="path")
    app.env.temp_data[OUTSIDE] = True
    source[0] = "# Not published\n\nThis page's file lies outside the project.\n"


def hide_outside_source(app: Sphinx, pagename: str, templatename: str, context: dict,
                        doctree) -> None:
    """``html-page-context``: no copy of such a source is published (``_sources/``)."""
    if context.get("sourcename") and not is_inside(app.env.doc2path(pagename), app.srcdir):
        context["sourcename"] = ""


def warn_encoding(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: a source that is no UTF-8, named with the line of its first
    such bytes."""
    if app.env.temp_data.get(OUTSIDE):
        return
    try:
        found = not_utf8(app.env.doc2path(docname).read_bytes())
    except OSError:
        return
    if found:
        line, read = found
        logger.warning("the file is no UTF-8 (saved as Windows-1252?): its bytes that are "
                       "none were read as Windows-1252, the first here as %r; save it as "
                       "UTF-8", read, location=(docname, line), type="podcast",
                       subtype="encoding")


def repair_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: front matter YAML would misread (an unquoted ``: `` or
    ``#N`` in a title) is rewritten as meant before MyST reads it, so that MyST
    neither drops it nor misses the title's heading. The header warns of it."""
    if is_episode(docname, app.config.podcast_episodes_dir):
        source[0] = repaired_front_matter(source[0]) or source[0]


def keep_text(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``, last: the page's text as MyST reads it, for ``body_of``."""
    app.env.temp_data["podcast_text"] = source[0]


def body_of(env: BuildEnvironment) -> Body:
    """The chapters and list items of the page being read (read once per post,
    with the reading that runs before Sphinx reads: ``core.post.body``)."""
    if "podcast_body" not in env.temp_data:
        scanned = None if env.temp_data.get(OUTSIDE) else scanned_body(
            env.docname, env.doc2path(env.docname))
        env.temp_data["podcast_body"] = scanned or read_body(
            env.temp_data.get("podcast_text", ""))
    return env.temp_data["podcast_body"]


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", read_leniently)
    app.connect("source-read", refuse_outside, priority=100)
    app.connect("html-page-context", hide_outside_source)
    app.connect("source-read", warn_encoding)
    app.connect("source-read", repair_front_matter)
    app.connect("source-read", keep_text, priority=900)

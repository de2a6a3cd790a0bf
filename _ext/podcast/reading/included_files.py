"""Files a post names in its body stay in the project.

Directives and roles that read or publish a file (``include``,
``literalinclude``, ``raw`` and ``csv-table`` with ``:file:``, images and
figures, ``{download}``) take a path relative to the post; one that climbs out
of the project, or a symbolic link that leads out, would put a file of the
machine's on the site. Each is refused with a warning at the post; ``:url:``
(which would read the network during the build) too. Sphinx's own directives
do the rest, unchanged.
"""

from __future__ import annotations

from pathlib import Path

import docutils.parsers.rst
from docutils import nodes
from docutils.parsers.rst.directives.misc import Raw
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.directives.patches import CSVTable
from sphinx.util import logging

from ..core.text.paths import is_inside

logger = logging.getLogger(__name__)

# docutils' own substitution sets (``<isonum.txt>``), which include may name
_STANDARD_INCLUDES = Path(docutils.parsers.rst.__file__).parent / "include"


def refused(env, named: str) -> str:
    """Why the file ``named`` from the page being read is not read; "" when it may be."""
    try:
        _, path = env.relfn2path(named, env.docname)
    except (OSError, ValueError):
        return f"{named[:80]!r} is no file name"
    if is_inside(Path(path), env.srcdir):
        return ""
    return f"{named[:80]!r} lies outside the project: not read"


class _ChecksFiles:
    """A directive whose files are checked before it reads them."""

    def named_files(self) -> list[str]:
        return [self.options["file"]] if "file" in self.options else []

    def run(self):
        env = self.state.document.settings.env
        why = ("its :url: would read the network during the build" if "url" in self.options
               else next(filter(None, (refused(env, named) for named in self.named_files())), ""))
        if why:
            line = self.state_machine.get_source_and_line(self.lineno)[1]
            logger.warning("%s: %s", self.name, why, location=(env.docname, line),
                           type="podcast", subtype="path")
            return []
        return super().run()


class CheckedLiteralInclude(_ChecksFiles, LiteralInclude):
    def named_files(self) -> list[str]:
        return [self.arguments[0]]


class CheckedRaw(_ChecksFiles, Raw):
    pass


class CheckedCSVTable(_ChecksFiles, CSVTable):
    pass


def refuse_outside_assets(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before Sphinx collects images and downloads: an image or a
    download whose file lies outside the project is text, not a copy of the file."""
    env = app.env
    # one walk for both: this runs on every page
    for node in [node for node in doctree.findall()
                 if isinstance(node, nodes.image | addnodes.download_reference)]:
        image = isinstance(node, nodes.image)
        named = node.get("uri" if image else "reftarget", "")
        if named.startswith("data:") and image or "://" in named:
            continue
        if why := refused(env, named):
            logger.warning("%s: %s", "image" if image else "download", why, location=node,
                           type="podcast", subtype="path")
            node.replace_self(nodes.inline("", node.get("alt", "") if image else node.astext()))


def refuse_outside_include(app: Sphinx, relative_path: Path, parent_docname: str,
                           content: list[str]) -> None:
    """``include-read``: an included file that lies outside the project (or links
    out) adds nothing to the page."""
    path = Path(app.srcdir, relative_path)
    if is_inside(path, app.srcdir) or is_inside(path, _STANDARD_INCLUDES):
        return
    # the event says no line: the first that includes a file of this name
    text = app.env.temp_data.get("podcast_text", "").splitlines()
    line = next((number for number, written in enumerate(text, start=1)
                 if ("{include}" in written or "include::" in written)
                 and Path(relative_path).name in written), None)
    logger.warning("include: %s", f"{str(relative_path)[:80]!r} lies outside the project: not "
                   "read", location=(app.env.docname, line), type="podcast", subtype="path")
    content[0] = ""


def setup(app: Sphinx) -> None:
    app.add_directive("literalinclude", CheckedLiteralInclude, override=True)
    app.add_directive("raw", CheckedRaw, override=True)
    app.add_directive("csv-table", CheckedCSVTable, override=True)
    app.connect("doctree-read", refuse_outside_assets, priority=100)
    app.connect("include-read", refuse_outside_include)

"""The Jekyll site's old URLs keep working.

Jekyll published each post at ``/<categories>/<YYYY>/<MM>/<DD>/<slug>.html``
under the site's base path (``core.jekyll``). Every build writes a redirect
page at each such path (with sphinx-reredirects' writer); links inside posts to
an old URL resolve to the new page (``derive.crossrefs``).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from sphinx.application import Sphinx
from sphinx_reredirects import Reredirects

from ..after_reading.derived import derived_of
from ..build_speed.parallel import beside_or_here
from ..core.text.paths import is_inside
from ..state.domain import state_of
from ..writing.context import is_web_build


def write_redirects(app: Sphinx) -> None:
    """A redirect page at every old URL."""
    derived = derived_of(state_of(app.env))
    redirects = {}
    for path, docname in derived.old_urls.items():
        if path[: -len(".html")] in app.env.found_docs:
            continue  # never hide a real page
        target = posixpath.relpath(app.builder.get_target_uri(docname), posixpath.dirname(path))
        written = Path(app.outdir, path)
        if not is_inside(written.parent, Path(app.outdir)):
            continue  # never anywhere but the site (categories are safe segments already)
        if written.is_file() and f'url={target}"' in written.read_text(encoding="utf-8"):
            continue  # already there, unchanged
        # keys keep their ".html", so the writer takes the path as it is
        redirects[path] = target
    Reredirects(app).create_redirects(redirects)


def write_beside(app: Sphinx, builder) -> None:
    """``write-started``: the redirect pages written beside the pages (they need
    what reading found, nothing the writing makes): a thousand small files took
    a second after the last page."""
    if is_web_build(app):
        beside_or_here(app, lambda: write_redirects(app))


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinx_reredirects")  # its writer; its own map stays empty
    app.connect("write-started", write_beside)

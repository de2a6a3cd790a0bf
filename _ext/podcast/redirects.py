"""The Jekyll site's old URLs keep working.

Jekyll published each post at ``/<categories>/<YYYY>/<MM>/<DD>/<slug>.html``
under the site's base path. Every build writes a redirect page at each such
path (with sphinx-reredirects' writer), and links inside posts to an old URL,
with or without the old base path, resolve to the new page.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx_reredirects import Reredirects

from .episode import Episode
from .placeholders import is_web_build

logger = logging.getLogger(__name__)

_JEKYLL_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-(?P<slug>.+)$")


def jekyll_path(episode: Episode) -> str | None:
    """``machine/learning/updates/2023/03/26/slug.html``, as Jekyll made it."""
    match = _JEKYLL_NAME.match(PurePosixPath(episode.docname).name)
    if not match or episode.published is None:
        return None
    categories = list(dict.fromkeys(category.lower() for category in episode.categories))
    day = episode.published
    parts = [*categories, f"{day:%Y}", f"{day:%m}", f"{day:%d}", f"{match['slug']}.html"]
    return "/".join(parts)


def old_urls(episodes) -> dict[str, str]:
    """Old path -> docname, for every episode that had a Jekyll URL."""
    found = {}
    for episode in episodes:
        path = jekyll_path(episode)
        if path:
            found.setdefault(path, episode.docname)
    return found


def lookup(target: str, urls: dict[str, str], base: str) -> str | None:
    """The docname an old link points to: ``/base/machine/.../slug.html``."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    base = "/" + base.strip("/") if base.strip("/") else ""
    if base and path.startswith(base + "/"):
        path = path[len(base):]
    return urls.get(path.lstrip("/"))


def write_redirects(app: Sphinx):
    """``html-collect-pages``: a redirect page at every old URL."""
    if not is_web_build(app):
        return []
    derived = app.env.get_domain("podcast").derived
    redirects = {}
    for path, docname in derived.old_urls.items():
        if path[: -len(".html")] in app.env.found_docs:
            continue  # never hide a real page
        target = posixpath.relpath(app.builder.get_target_uri(docname), posixpath.dirname(path))
        written = Path(app.outdir, path)
        if written.is_file() and f'url={target}"' in written.read_text(encoding="utf-8"):
            continue  # already there, unchanged
        # keys keep their ".html", so the writer takes the path as it is
        redirects[path] = target
    Reredirects(app).create_redirects(redirects)
    return []


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinx_reredirects")  # its writer; its own map stays empty
    app.add_config_value("podcast_jekyll_baseurl", "", "env", str)
    app.connect("html-collect-pages", write_redirects)

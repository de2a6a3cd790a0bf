"""The posts' front matter, read before Sphinx reads the posts themselves.

The generated pages (archive years, people) must exist as sources before
reading starts, so their list comes from a quick pass over each post's front
matter, decoded by the very function the reader uses: both agree. And where
YAML would misread a post's front matter, MyST is handed it as meant.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.discovery import Post
from ..core.episode import decode, is_episode
from ..core.frontmatter import as_myst_strings, front_matter, repaired_front_matter
from ..core.lists import list_items
from ..core.recognition import ItemFacts
from ..core.text import LENIENT, not_utf8, read_text

logger = logging.getLogger(__name__)

# The lists read last time, by file: a post is parsed again only when it changed.
LISTS_CACHE = "podcast-lists.pickle"
LISTS_CACHE_VERSION = 1


def read_leniently(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: Sphinx reads every source as UTF-8 and stops the
    whole build at the first byte that is none; bytes that are no UTF-8 are read
    as Windows-1252 instead (what such files use), and ``warn_encoding`` says so."""
    if env.settings.get("input_encoding", "").lower().replace("_", "-") in (
            "utf-8", "utf-8-sig", "utf8"):
        env.settings["input_encoding"] = LENIENT


def warn_encoding(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: a source that is no UTF-8, named with the line of its first
    such bytes."""
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


def episode_sources(app: Sphinx) -> list[Path]:
    folder = Path(app.srcdir) / app.config.podcast_episodes_dir
    if not folder.is_dir():
        return []
    suffixes = tuple(app.config.source_suffix)
    return sorted(path for path in folder.rglob("*") if path.suffix in suffixes
                  and path.is_file())


def scan(app: Sphinx) -> list[Post]:
    """Every post's Episode record (from its front matter) and its list items."""
    srcdir = Path(app.srcdir)
    cache_path = Path(app.doctreedir) / LISTS_CACHE
    cache = _load(cache_path)
    fresh: dict[str, tuple[int, int, list[ItemFacts]]] = {}
    posts = []
    for path in episode_sources(app):
        docname = path.relative_to(srcdir).with_suffix("").as_posix()
        episode = decode(docname, as_myst_strings(front_matter(path)))[0]
        stat = path.stat()
        cached = cache.get(docname)
        if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size):
            items = cached[2]
        else:
            items = list_items(read_text(path.read_bytes()))
        fresh[docname] = (stat.st_mtime_ns, stat.st_size, items)
        posts.append((episode, items))
    if fresh != cache:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_bytes(pickle.dumps((LISTS_CACHE_VERSION, fresh)))
    return posts


def _load(path: Path) -> dict:
    try:
        version, cache = pickle.loads(path.read_bytes())
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, TypeError, AttributeError,
            ModuleNotFoundError):
        return {}
    return cache if version == LISTS_CACHE_VERSION else {}


def setup(app: Sphinx) -> None:
    app.add_config_value("podcast_episodes_dir", "episodes", "env", str)
    app.connect("env-before-read-docs", read_leniently)
    app.connect("source-read", warn_encoding)
    app.connect("source-read", repair_front_matter)

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

from ..core.discovery import Post
from ..core.episode import decode, is_episode
from ..core.frontmatter import as_myst_strings, front_matter, repaired_front_matter
from ..core.lists import list_items
from ..core.recognition import ItemFacts

# The lists read last time, by file: a post is parsed again only when it changed.
LISTS_CACHE = "podcast-lists.pickle"
LISTS_CACHE_VERSION = 1


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
            items = list_items(path.read_text(encoding="utf-8-sig", errors="replace"))
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
    app.connect("source-read", repair_front_matter)

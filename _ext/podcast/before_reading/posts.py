"""Every post's front matter and list items, read before Sphinx reads the posts.

The generated pages (archive years, people, transcripts) must exist as sources
before reading starts, so their content comes from a quick pass over each post,
decoded by the very functions reading uses: both agree. A post is parsed again
only when its file changed (a cache in the doctree folder).
"""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..build_speed.ahead import spread
from ..build_speed.myst_reading import parse_ahead, tokens_of
from ..core.people.discovery import Post
from ..core.post import feed_data
from ..core.post.body import Body, body_of_tokens, chapters_of, read_body
from ..core.post.episode import decode
from ..core.post.frontmatter import front_matter_head, repaired_front_matter
from ..core.post.value_types import post_meta
from ..core.text.encoding import read_text
from ..core.text.paths import is_inside

logger = logging.getLogger(__name__)

# Each post's body and chapters read last time, by file: a post is parsed again only
# when it changed.
LISTS_CACHE = "podcast-lists.pickle"
LISTS_CACHE_VERSION = 5  # 4: read from MyST's own tokens; 5: with its chapters
# The bodies this build's scan read, by docname (with the file's mtime and size):
# reading takes a post's from here rather than parse it a second time.
_SCANNED: dict[str, tuple] = {}


def episode_sources(app: Sphinx) -> list[Path]:
    """The posts' files, one a page name: a file that is a symbolic link out of the
    project is none (reading publishes nothing of it), and of two files that are one
    page name (``a.md`` beside ``a.markdown``) the one Sphinx reads (the first by
    name), each warned of with both files named."""
    srcdir = Path(app.srcdir)
    folder = srcdir / app.config.podcast_episodes_dir
    if not folder.is_dir():
        return []
    suffixes = tuple(app.config.source_suffix)
    found: dict[Path, Path] = {}
    for path in sorted(path for path in folder.rglob("*") if path.suffix in suffixes
                       and path.is_file()):
        if not is_inside(path, srcdir):
            continue  # reading warns of it (reading.source_text)
        page = path.with_suffix("")
        if page in found:
            both = f"{found[page].relative_to(srcdir)} and {path.relative_to(srcdir)}"
            for where, which in ((found[page], "this one is the page"),
                                 (path, "this one is not published: rename one")):
                logger.warning("%s are one page name (%s): %s", both,
                               page.relative_to(srcdir).as_posix(), which,
                               location=f"{where}:1", type="podcast", subtype="collision")
            continue
        found[page] = path
    return list(found.values())


def scan(app: Sphinx) -> list[Post]:
    """Every post's Episode record (from its front matter, with its chapters) and
    its list items."""
    srcdir = Path(app.srcdir)
    cache_path = Path(app.doctreedir) / LISTS_CACHE
    cache = _load(cache_path)
    fresh: dict[str, tuple] = {}
    found = []
    for path in episode_sources(app):
        docname = path.relative_to(srcdir).with_suffix("").as_posix()
        feed = feed_data.read_file(path, srcdir)[0]  # reading warns of what is wrong in it
        episode = decode(docname, post_meta(front_matter_head(path), feed)[0])[0]
        stat = path.stat()
        cached = cache.get(docname)
        fresh[docname] = (stat.st_mtime_ns, stat.st_size, *(
            cached[2:] if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size)
            else (None, ())))
        found.append((docname, path, episode))
    unread = [(docname, path) for docname, path, _ in found if fresh[docname][2] is None]
    if app.parallel > 1 and len(unread) >= 100:
        read = bodies(app, [path for _, path in unread], app.parallel)
    else:  # in this process: MyST reads each post with the tokens found here
        read = [body_ahead(app, docname, path) for docname, path in unread]
    for (docname, _), body in zip(unread, read, strict=True):
        fresh[docname] = (*fresh[docname][:2], body, chapters_of(body.chapters))
    posts = []
    for docname, _, episode in found:
        _, _, body, chapters = fresh[docname]
        posts.append((replace(episode, chapters=chapters), list(body.items)))
    if fresh != cache:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_bytes(pickle.dumps((LISTS_CACHE_VERSION, fresh)))
    _SCANNED.clear()
    _SCANNED.update(fresh)
    return posts


def body_in(text: str, tokens: list | None) -> Body:
    """A post's body from the tokens MyST reads it with, or, where those depend
    on the post's own settings for MyST (None), from the text."""
    return read_body(text) if tokens is None else body_of_tokens(tokens)


def body_of(config, text: str) -> Body:
    """A post's body, read with MyST's parser in the site's ``config``."""
    found = tokens_of(config, text)
    return body_in(text, found and found[0])


def body_ahead(app: Sphinx, docname: str, path: Path) -> Body:
    """A post's body, from the tokens MyST will read it with, parsed once for
    both (a post whose front matter reading repairs is parsed again then)."""
    text = read_text(path.read_bytes())
    if repaired_front_matter(text) is not None:  # reading sees it repaired: not kept
        return body_of(app.env.myst_config, text)
    return body_in(text, parse_ahead(app, docname, text))


def bodies(app: Sphinx, paths: list[Path], processes: int) -> list[Body]:
    """Each post's body, in order, read in N forked processes with ``-j N`` (the
    bodies are a tenth of a clean build's time at 1,000 episodes, and the build
    waits for them before it reads a page). Their tokens are not sent back: they
    would cost the main process more to receive than the workers to parse again."""
    config = app.env.myst_config
    return spread(lambda index: body_of(config, read_text(paths[index].read_bytes())),
                  len(paths), processes)


def scanned_body(docname: str, path: Path) -> Body | None:
    """The body the scan read of ``path``, while the file is as it was then."""
    found = _SCANNED.get(docname)
    try:
        stat = path.stat()
    except OSError:
        return None
    return found[2] if found and found[:2] == (stat.st_mtime_ns, stat.st_size) else None


def _load(path: Path) -> dict:
    try:
        version, cache = pickle.loads(path.read_bytes())
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, TypeError, AttributeError,
            ModuleNotFoundError):
        return {}
    return cache if version == LISTS_CACHE_VERSION else {}

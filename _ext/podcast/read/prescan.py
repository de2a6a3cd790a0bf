"""The posts' front matter, read before Sphinx reads the posts themselves.

The generated pages (archive years, people) must exist as sources before
reading starts, so their list comes from a quick pass over each post's front
matter, decoded by the very function the reader uses: both agree. And where
YAML would misread a post's front matter, MyST is handed it as meant.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..core.episode import Episode, decode, is_episode
from ..core.frontmatter import as_myst_strings, front_matter, repaired_front_matter


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


def scan(app: Sphinx) -> list[Episode]:
    """Every post's Episode record, from its front matter only."""
    srcdir = Path(app.srcdir)
    episodes = []
    for path in episode_sources(app):
        docname = path.relative_to(srcdir).with_suffix("").as_posix()
        episodes.append(decode(docname, as_myst_strings(front_matter(path)))[0])
    return episodes


def setup(app: Sphinx) -> None:
    app.add_config_value("podcast_episodes_dir", "episodes", "env", str)
    app.connect("source-read", repair_front_matter)

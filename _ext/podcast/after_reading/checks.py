"""Checks across posts: two posts with one video, or one episode number."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.post.frontmatter import key_lines
from ..state.domain import state_of

logger = logging.getLogger(__name__)


def check_duplicates(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: two posts with one video or one episode number."""
    episodes = sorted(state_of(env).episodes.values(), key=lambda episode: episode.sort_key)
    for key, label, value_of in (("youtubeID", "video", lambda e: e.youtube_id),
                                 ("episode", "episode number", lambda e: e.number)):
        first_with: dict = {}
        for episode in episodes:
            value = value_of(episode)
            if value is None:
                continue
            if value in first_with:
                other = first_with[value]
                lines = key_lines(str(env.doc2path(episode.docname)))
                line = lines.get(key) or lines.get("title", 1)
                logger.warning(
                    "the %s %s is also %s's (%s)", label, value, other.docname,
                    env.doc2path(other.docname), location=(episode.docname, line),
                    type="podcast", subtype="duplicate")
            else:
                first_with[value] = episode


def setup(app: Sphinx) -> None:
    app.connect("env-updated", check_duplicates)

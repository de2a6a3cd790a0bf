"""The Jekyll site's old post URLs: what each episode's was, and which
episode an old link means. No Sphinx here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from .episode import Episode

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


def old_urls(episodes: Iterable[Episode]) -> dict[str, str]:
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

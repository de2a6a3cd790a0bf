"""Which podcast item and which newsletter post are the same episode as a video.
No Sphinx here.

By episode number (``#15``, ``Ep. 15``, ``Episode 15``, ``itunes:episode``),
else by a guest's name, else by publication date within a few days. A
newsletter post matches by date only when its title shares words with the
video's too: a newsletter issue that is no episode matches nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from ..core.post.episode import episode_number
from ..core.text.names import name_key
from .show_feeds import Newsletter, PodcastItem, Video, guests_in

WINDOW = timedelta(days=4)
_WORDS_TO_SHARE = 2
_SERIES = frozenset("learning from machine the a an and of in on with for to".split())


@dataclass(frozen=True)
class Match:
    video: Video
    item: PodcastItem | None = None
    item_by: str = ""  # how: "episode number", "guest", "date"
    newsletter: Newsletter | None = None
    newsletter_by: str = ""


def _guests(title: str) -> set[str]:
    return {name_key(name) for name in guests_in(title)}


def _words(title: str) -> set[str]:
    return {word for word in re.findall(r"\w+", title.casefold())
            if len(word) > 2 and word not in _SERIES and not word.isdigit()}


def _shares_words(video: Video, post: Newsletter) -> bool:
    return len(_words(video.title) & _words(post.title)) >= _WORDS_TO_SHARE


def _pick(video: Video, candidates: list, number_of, with_date) -> tuple[object, str]:
    """The candidate that is ``video``'s episode, and how it was told."""
    number = episode_number(video.title)
    if number is not None:
        found = [one for one in candidates if number_of(one) == number]
        if len(found) == 1:
            return found[0], "episode number"
    guests = _guests(video.title)
    if guests:
        found = [one for one in candidates if guests & _guests(one.title)]
        if len(found) == 1:
            return found[0], "guest"
    near = [one for one in candidates if abs(one.published - video.published) <= WINDOW
            and with_date(one)]
    near.sort(key=lambda one: abs(one.published - video.published))
    if near and (len(near) == 1 or abs(near[0].published - video.published) < abs(
            near[1].published - video.published)):
        return near[0], "date"
    return None, ""


def match(videos: list[Video], items: list[PodcastItem],
          posts: list[Newsletter]) -> tuple[list[Match], list[PodcastItem], list[Newsletter]]:
    """Each video with its podcast item and newsletter post (each used once); and
    the items and posts that matched no video."""
    items, posts = list(items), list(posts)
    matches = []
    for video in sorted(videos, key=lambda video: video.published):
        item, item_by = _pick(video, items, lambda one: one.number if one.number is not None
                              else episode_number(one.title), lambda one: True)
        if item is not None:
            items.remove(item)
        post, post_by = _pick(video, posts, lambda one: episode_number(one.title),
                              lambda one, video=video: _shares_words(video, one))
        if post is not None:
            posts.remove(post)
        matches.append(Match(video, item, item_by, post, post_by))
    return matches, items, posts

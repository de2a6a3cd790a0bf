"""Which podcast item and which newsletter post are the same episode as a video.
No Sphinx here.

By episode number (``#15``, ``Ep. 15``, ``Episode 15``, ``itunes:episode``),
else by a guest's name, else by publication date within a few days. A
newsletter post matches by date only when its title shares words with the
video's too: a newsletter issue that is no episode matches nothing. A candidate
whose number is not the video's is another episode: never matched by guest or
date (podcast item #903 is not video #902, even on the same day).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

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


class _Candidates:
    """Podcast items or newsletter posts, indexed once by episode number, by guest
    and by date, so that matching grows with the feeds, not with their product;
    each candidate is used once."""

    def __init__(self, candidates: list, number_of) -> None:
        self.all = candidates
        self.numbers = [number_of(one) for one in candidates]
        self.by_number: dict[int, list[int]] = defaultdict(list)
        self.by_guest: dict[str, list[int]] = defaultdict(list)
        for index, one in enumerate(candidates):
            if self.numbers[index] is not None:
                self.by_number[self.numbers[index]].append(index)
            for guest in _guests(one.title):
                self.by_guest[guest].append(index)
        self.by_date = sorted(range(len(candidates)), key=lambda index: candidates[index].published)
        self.dates = [candidates[index].published for index in self.by_date]
        self.used: set[int] = set()

    def numbered(self, number: int) -> list[int]:
        return [index for index in self.by_number.get(number, ()) if index not in self.used]

    def with_guest(self, guests: set[str]) -> set[int]:
        return {index for guest in guests for index in self.by_guest.get(guest, ())
                if index not in self.used}

    def near(self, moment: datetime) -> list[int]:
        start = bisect_left(self.dates, moment - WINDOW)
        end = bisect_right(self.dates, moment + WINDOW)
        return [index for index in self.by_date[start:end] if index not in self.used]

    def left(self) -> list:
        return [one for index, one in enumerate(self.all) if index not in self.used]


def _pick(video: Video, candidates: _Candidates, with_date) -> tuple[object, str]:
    """The candidate that is ``video``'s episode, and how it was told (and marks it used)."""
    found, how = _find(video, candidates, with_date)
    if found is None:
        return None, ""
    candidates.used.add(found)
    return candidates.all[found], how


def _find(video: Video, candidates: _Candidates, with_date) -> tuple[int | None, str]:
    number = episode_number(video.title)
    if number is not None:
        found = candidates.numbered(number)
        if len(found) == 1:
            return found[0], "episode number"

    def fits(index: int) -> bool:  # a candidate of another number is another episode
        return number is None or candidates.numbers[index] in (None, number)

    guests = _guests(video.title)
    if guests:
        by_guest = [index for index in candidates.with_guest(guests) if fits(index)]
        if len(by_guest) == 1:
            return by_guest[0], "guest"
    near = [index for index in candidates.near(video.published)
            if fits(index) and with_date(candidates.all[index])]
    near.sort(key=lambda index: abs(candidates.all[index].published - video.published))
    distance = [abs(candidates.all[index].published - video.published) for index in near[:2]]
    if near and (len(near) == 1 or distance[0] < distance[1]):
        return near[0], "date"
    return None, ""


def match(videos: list[Video], items: list[PodcastItem],
          posts: list[Newsletter]) -> tuple[list[Match], list[PodcastItem], list[Newsletter]]:
    """Each video with its podcast item and newsletter post (each used once); and
    the items and posts that matched no video."""
    item_index = _Candidates(items, lambda one: one.number if one.number is not None
                             else episode_number(one.title))
    post_index = _Candidates(posts, lambda one: episode_number(one.title))
    matches = []
    for video in sorted(videos, key=lambda video: video.published):
        item, item_by = _pick(video, item_index, lambda one: True)
        words = _words(video.title)
        post, post_by = _pick(video, post_index, lambda one, words=words: len(
            words & _words(one.title)) >= _WORDS_TO_SHARE)
        matches.append(Match(video, item, item_by, post, post_by))
    return matches, item_index.left(), post_index.left()

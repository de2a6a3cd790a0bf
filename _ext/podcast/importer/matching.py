"""Which podcast item and which newsletter post are the same episode as a video
or a post. No Sphinx here.

By the podcast GUID a post's data file recorded (an earlier run's match), by
episode number (``#15``, ``Ep. 15``, ``Episode 15``, ``itunes:episode``), else
by a guest's name (the episode's guests, named anywhere in the item's title:
``#4 Name: topics``, ``Topics with Name``, ``Ep. 9 - Name - Topics``), else by
publication date within a few days. Each way is tried for every episode before
the next way is (a sure match by number is not taken first by another
episode's guess by date). A newsletter post matches by date only when its title
shares words with the video's too: a newsletter issue that is no episode
matches nothing. A candidate whose number is not the episode's is another
episode: never matched, by GUID, guest or date (podcast item #903 is not video
#902, even on the same day). A candidate goes to one episode at most.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..core.post.episode import episode_number
from ..core.text.names import name_key
from .show_feeds import Newsletter, PodcastItem, Video, guests_in

WINDOW = timedelta(days=4)
_WORDS_TO_SHARE = 2
_SERIES = frozenset("learning from machine the a an and of in on with for to".split())


@dataclass(frozen=True)
class Seeker:
    """What an episode (a new video, or a post) says of itself, to be matched by."""

    number: int | None
    guests: tuple[str, ...]  # names as written
    published: datetime | None  # with its timezone
    words: frozenset[str] = frozenset()  # of its title (a newsletter by date needs some)
    guid: str = ""  # the podcast item an earlier run matched


@dataclass(frozen=True)
class Match:
    video: Video
    item: PodcastItem | None = None
    item_by: str = ""  # how: "episode number", "guest", "date"
    newsletter: Newsletter | None = None
    newsletter_by: str = ""
    item_why: str = ""  # why no item matched


def words_of(title: str) -> frozenset[str]:
    return frozenset(word for word in re.findall(r"\w+", title.casefold())
                     if len(word) > 2 and word not in _SERIES and not word.isdigit())


def video_seeker(video: Video) -> Seeker:
    return Seeker(episode_number(video.title), guests_in(video.title), video.published,
                  words_of(video.title))


class Candidates:
    """Podcast items or newsletter posts, indexed once by GUID, episode number, the
    words of their titles and date, so that matching grows with the feeds, not
    with their product; each candidate is used once."""

    def __init__(self, candidates: Sequence, number_of: Callable,
                 guid_of: Callable = lambda one: "") -> None:
        self.all = list(candidates)
        self.numbers = [number_of(one) for one in self.all]
        self.titles = [f" {name_key(one.title)} " for one in self.all]
        self.by_number: dict[int, list[int]] = defaultdict(list)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.by_guid: dict[str, list[int]] = defaultdict(list)
        for index, one in enumerate(self.all):
            if self.numbers[index] is not None:
                self.by_number[self.numbers[index]].append(index)
            for word in set(self.titles[index].split()):
                self.by_word[word].append(index)
            if guid := guid_of(one):
                self.by_guid[guid].append(index)
        self.by_date = sorted(range(len(self.all)), key=lambda index: self.all[index].published)
        self.dates = [self.all[index].published for index in self.by_date]
        self.used: set[int] = set()

    def numbered(self, number: int, free: bool = True) -> list[int]:
        return [index for index in self.by_number.get(number, ())
                if not free or index not in self.used]

    def naming(self, guests: tuple[str, ...], free: bool = True) -> set[int]:
        """The candidates whose title names one of ``guests`` (all of the name's
        words, in order), looked up by the name's rarest word."""
        found = set()
        for guest in guests:
            key = name_key(guest)
            words = key.split()
            if not words:
                continue
            rarest = min(words, key=lambda word: len(self.by_word.get(word, ())))
            found |= {index for index in self.by_word.get(rarest, ())
                      if f" {key} " in self.titles[index]}
        return {index for index in found if not free or index not in self.used}

    def near(self, moment: datetime, free: bool = True) -> list[int]:
        start = bisect_left(self.dates, moment - WINDOW)
        end = bisect_right(self.dates, moment + WINDOW)
        return [index for index in self.by_date[start:end] if not free or index not in self.used]

    def left(self) -> list:
        return [one for index, one in enumerate(self.all) if index not in self.used]


Fits = Callable[[Seeker, object], bool]


def _fits(seeker: Seeker, candidates: Candidates, index: int) -> bool:
    """A candidate of another number is another episode."""
    return seeker.number is None or candidates.numbers[index] in (None, seeker.number)


def _by_guid(seeker, candidates, with_date) -> tuple[int | None, str]:
    found = [index for index in candidates.by_guid.get(seeker.guid, ()) if seeker.guid
             and index not in candidates.used and _fits(seeker, candidates, index)]
    return (found[0], "podcast GUID, as matched before") if len(found) == 1 else (None, "")


def _by_number(seeker, candidates, with_date) -> tuple[int | None, str]:
    found = candidates.numbered(seeker.number) if seeker.number is not None else []
    return (found[0], "episode number") if len(found) == 1 else (None, "")


def _by_guest(seeker, candidates, with_date) -> tuple[int | None, str]:
    found = [index for index in candidates.naming(seeker.guests)
             if _fits(seeker, candidates, index)]
    return (found[0], "guest") if len(found) == 1 else (None, "")


def _by_date(seeker, candidates, with_date) -> tuple[int | None, str]:
    if seeker.published is None:
        return None, ""
    near = [index for index in candidates.near(seeker.published)
            if _fits(seeker, candidates, index) and with_date(seeker, candidates.all[index])]
    near.sort(key=lambda index: abs(candidates.all[index].published - seeker.published))
    distance = [abs(candidates.all[index].published - seeker.published) for index in near[:2]]
    if near and (len(near) == 1 or distance[0] < distance[1]):
        return near[0], "date"
    return None, ""


def why_not(seeker: Seeker, candidates: Candidates, with_date: Fits) -> str:
    """Why ``seeker`` matched nothing, each way it was looked for."""
    reasons = []
    if seeker.number is not None:
        numbered = candidates.numbered(seeker.number, free=False)
        reasons.append(f"no item numbered {seeker.number}" if not numbered else
                       f"the item numbered {seeker.number} is another episode's"
                       if not candidates.numbered(seeker.number) else
                       f"{len(numbered)} items numbered {seeker.number}")
    if seeker.guests:
        named = candidates.naming(seeker.guests)
        fitting = [index for index in named if _fits(seeker, candidates, index)]
        reasons.append(f"{len(fitting)} free items name {', '.join(seeker.guests)}"
                       if len(fitting) > 1 else
                       f"none free names {', '.join(seeker.guests)}"
                       + (" but with another number" if named else ""))
    if seeker.published is None:
        reasons.append("no date")
    else:
        near = candidates.near(seeker.published)
        fitting = [index for index in near if _fits(seeker, candidates, index)
                   and with_date(seeker, candidates.all[index])]
        days = WINDOW.days
        reasons.append(f"none free within {days} days of {seeker.published:%Y-%m-%d}"
                       + (" that has no other number" if near and not fitting else "")
                       if not fitting else f"{len(fitting)} equally near within {days} days")
    return "; ".join(reasons)


def assign(seekers: Sequence[Seeker], candidates: Candidates,
           with_date: Fits = lambda seeker, one: True) -> list[tuple[int | None, str]]:
    """Each seeker's candidate (an index of ``candidates.all``, marked used) and how it
    was told; ``None`` and why for a seeker that matched nothing. Each way is tried
    for all seekers, the oldest first, before the next."""
    told: list[tuple[int | None, str]] = [(None, "")] * len(seekers)
    order = sorted(range(len(seekers)), key=lambda index: (
        seekers[index].published is None, seekers[index].published
        and seekers[index].published.timestamp(), index))
    for way in (_by_guid, _by_number, _by_guest, _by_date):
        for index in order:
            if told[index][0] is None:
                found, how = way(seekers[index], candidates, with_date)
                if found is not None:
                    candidates.used.add(found)
                    told[index] = (found, how)
    return [(found, how) if found is not None else
            (None, why_not(seekers[index], candidates, with_date))
            for index, (found, how) in enumerate(told)]


def podcast_candidates(items: Sequence[PodcastItem]) -> Candidates:
    return Candidates(items, lambda one: one.number if one.number is not None
                      else episode_number(one.title), lambda one: one.guid)


def _shares_words(seeker: Seeker, post: Newsletter) -> bool:
    return len(seeker.words & words_of(post.title)) >= _WORDS_TO_SHARE


def match_all(videos: list[Video], posts: Sequence[Seeker], items: list[PodcastItem],
              newsletters: list[Newsletter]):
    """The new videos, each with its podcast item and newsletter post; the posts (as
    seekers), each with its podcast item (or ``None``) and how, or why not; and the
    items and newsletter posts that matched nothing. Videos and posts share the
    items: an item goes to one of them at most."""
    item_index = podcast_candidates(items)
    video_seekers = [video_seeker(video) for video in videos]
    told = assign([*video_seekers, *posts], item_index)
    post_index = Candidates(newsletters, lambda one: episode_number(one.title))
    letters = assign(video_seekers, post_index, _shares_words)
    matches = []
    for video, (item, item_by), (letter, letter_by) in zip(videos, told, letters, strict=False):
        found = item is not None
        matches.append(Match(video, item_index.all[item] if found else None,
                             item_by if found else "",
                             post_index.all[letter] if letter is not None else None,
                             letter_by if letter is not None else "", "" if found else item_by))
    catalogue = [(item_index.all[item] if item is not None else None, how)
                 for item, how in told[len(videos):]]
    matches.sort(key=lambda found: found.video.published)
    return matches, catalogue, item_index.left(), post_index.left()


def match(videos: list[Video], items: list[PodcastItem],
          posts: list[Newsletter]) -> tuple[list[Match], list[PodcastItem], list[Newsletter]]:
    """Each video with its podcast item and newsletter post (each used once); and
    the items and posts that matched no video."""
    matches, _, items_left, posts_left = match_all(videos, [], items, posts)
    return matches, items_left, posts_left

"""Everyone the posts' lists name, found across all posts at once. No Sphinx here.

Each item is classified against the directory of known people (registry and
guests); the phrases the evidence makes people join the directory, so that
they get pages and every post that names them links them. A name decided on
weak evidence in one post and on strong evidence in another is strong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..post.body import ItemFacts
from ..post.episode import Episode
from ..text.names import name_key
from .directory import Directory
from .recognition import Known, Mention, book_title, classify

Post = tuple[Episode, list[ItemFacts]]
# ``each(work, count)``: [work(0), ..., work(count - 1)], in order, where the caller
# likes (in processes of its own, say): each post's items are classified alone
Each = Callable[[Callable[[int], Any], int], list]


def in_turn(work: Callable[[int], Any], count: int) -> list:
    return [work(index) for index in range(count)]


def children_of(items: list[ItemFacts]) -> dict[int, list[ItemFacts]]:
    """Each item's index -> the items nested right under it."""
    children: dict[int, list[ItemFacts]] = {}
    for facts in items:
        if facts.parent >= 0:
            children.setdefault(facts.parent, []).append(facts)
    return children


def videos_of(episodes: Iterable[Episode]) -> dict[str, str]:
    """YouTube ID -> the docname of the (oldest) episode with that video."""
    videos: dict[str, str] = {}
    for episode in sorted(episodes, key=lambda episode: episode.sort_key):
        if episode.youtube_id:
            videos.setdefault(episode.youtube_id, episode.docname)
    return videos


def known_titles(posts: list[Post], known: Known, each: Each = in_turn) -> frozenset[str]:
    """Titles that a shop link or a books heading made books, in any post."""
    def titles_in(index: int) -> set[str]:
        episode, items = posts[index]
        post = Known(known.directory, known.videos, episode.guests, judging=known.judging)
        return {name_key(title) for facts in items if (title := book_title(facts, post))}

    titles = set().union(*each(titles_in, len(posts)))
    titles.discard("")
    return frozenset(titles)


def known_of(posts: list[Post], directory: Directory, videos: dict[str, str],
             judging: bool = True, each: Each = in_turn) -> Known:
    """What classifying the posts' items may use: the directory, the videos, and
    the book titles any post's shop link or books heading made known."""
    titles = known_titles(posts, Known(directory, videos, judging=judging), each)
    return Known(directory, videos, titles=titles, judging=judging)


def mentions_of(episode: Episode, items: list[ItemFacts], known: Known) -> list[list[Mention]]:
    """What each item of one post names, in item order."""
    known = Known(known.directory, known.videos, episode.guests, known.titles, known.judging)
    children = children_of(items)
    return [classify(facts, children.get(index, []), known)
            for index, facts in enumerate(items)]


def mentions_in(posts: list[Post], known: Known, each: Each = in_turn
                ) -> list[list[list[Mention]]]:
    """What each item of each post names, post by post."""
    return each(lambda index: mentions_of(*posts[index], known), len(posts))


def classified(posts: list[Post], directory: Directory, videos: dict[str, str],
               each: Each = in_turn) -> list[list[list[Mention]]]:
    """What each item of each post names, everyone in the lists being in the
    directory already (nothing judged anew)."""
    return mentions_in(posts, known_of(posts, directory, videos, judging=False, each=each),
                       each)


def discover_people(posts: list[Post], directory: Directory, each: Each = in_turn) -> Known:
    """Add everyone the posts' lists name to ``directory``, the strongest evidence
    for each name winning, in the order the posts (oldest first) name them.
    Returns what later classifying may use."""
    posts = sorted(posts, key=lambda post: post[0].sort_key)
    videos = videos_of(episode for episode, _ in posts)
    known = known_of(posts, directory, videos, each=each)
    found: dict[str, tuple[Mention, str, int]] = {}  # name_key -> first, strongest sighting
    for (episode, items), found_in_post in zip(posts, mentions_in(posts, known, each),
                                               strict=True):
        for facts, mentions in zip(items, found_in_post, strict=True):
            for mention in mentions:
                if mention.kind != "person" or mention.target or mention.verdict is None:
                    continue
                key = name_key(mention.name)
                if key not in found or (found[key][0].verdict.weak and not mention.verdict.weak):
                    found[key] = (mention, episode.docname, facts.line)
    for mention, docname, line in found.values():
        directory.add_person(mention.name, reasons=mention.verdict.reasons, found=(docname, line),
                             weak=mention.verdict.weak)
    return known

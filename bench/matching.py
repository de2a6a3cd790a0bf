"""How long ``make import`` takes to match N videos with N podcast items and N
newsletter posts (``podcast.importer.matching.match``), for each N given.

    python bench/matching.py [N ...]          (default: 1000 2000)

The feeds are made in the show's shapes (fixed seed), a week apart: most videos
and items carry the episode number, some items only the guest's name, some
neither (matched by date); every third newsletter post is about the episode, the
others are issues that match nothing. Prints, for each N, the seconds matching
took (the fastest of three runs, each with
no name compared before) and how the pairs were told.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

from podcast.core.text.names import name_key  # noqa: E402
from podcast.importer.matching import match  # noqa: E402
from podcast.importer.show_feeds import Newsletter, PodcastItem, Video  # noqa: E402

GIVEN = ("Ann Bo Cai Dara Eli Femi Gus Hana Ivo Jun Kai Lena Milo Noor Omar Pia Quinn Rui Sana "
         "Tom Uma Vik Wen Xia Yara Zeno Alma Bram Cleo Dev Esme Finn Gia Hugo Iris Jade Kofi "
         "Luca Maya Nils").split()
FAMILY = ("Lee Chen Okafor Ruiz Tanaka Novak Haddad Silva Kowalski Berg Ito Moreau Rossi Singh "
          "Jansen Petrov Costa Walsh Kim Ferreira Larsen Abe Dubois Nagy Sato Horvat Klein Mendes "
          "Quist Varga Young Zhou Adler Brandt Cruz Duarte Engel Frost Grau Holm Ibsen Juarez "
          "Kerr Lund Marsh Nolan Ortiz Park").split()
TOPICS = ("search evaluation robots vision speech graphs causality fairness compilers privacy "
          "retrieval agents embeddings forecasting").split()


def feeds(n: int, seed: int = 7) -> tuple[list[Video], list[PodcastItem], list[Newsletter]]:
    rng = random.Random(seed)
    names = [f"{given} {family}" for given in GIVEN for family in FAMILY]
    rng.shuffle(names)
    start = datetime(2015, 1, 5, 16, tzinfo=UTC)
    videos, items, posts = [], [], []
    for number in range(1, n + 1):
        guest, topic = names[number % len(names)], rng.choice(TOPICS)
        day = start + timedelta(days=7 * number)
        videos.append(Video(f"V{number:010d}", f"{guest}: {topic.title()} | Learning from "
                            f"Machine Learning #{number}", day, ""))
        shape = rng.random()
        if shape < 0.7:  # numbered, as the podcast's feed numbers its episodes
            items.append(PodcastItem(f"{guest}: {topic.title()}", day + timedelta(minutes=5),
                                     number))
        elif shape < 0.9:  # the guest's name only
            items.append(PodcastItem(f"{guest} | {topic.title()}", day + timedelta(hours=3)))
        else:  # neither: by date
            items.append(PodcastItem(f"A conversation on {topic}", day + timedelta(days=1)))
        if number % 3 == 0:
            posts.append(Newsletter(f"{guest}: {topic.title()} and learning machines", day
                                    + timedelta(days=1), f"https://example.org/p/{number}"))
        else:
            posts.append(Newsletter(f"What I read in week {number}", day + timedelta(days=3),
                                    f"https://example.org/w/{number}"))
    return videos, items, posts


def measure(n: int, repeat: int = 3) -> tuple[float, Counter]:
    videos, items, posts = feeds(n)
    best, how = float("inf"), Counter()
    for _ in range(repeat):
        name_key.cache_clear()  # each run compares names afresh, as make import does
        began = time.perf_counter()
        matches, _, _ = match(videos, items, posts)
        best = min(best, time.perf_counter() - began)
    for found in matches:
        how[f"item by {found.item_by or 'nothing'}"] += 1
        how[f"newsletter by {found.newsletter_by or 'nothing'}"] += 1
    return best, how


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    for n in arguments.sizes:
        seconds, how = measure(n, arguments.repeat)
        print(f"N = {n:,}: {seconds:.3f} s; " + ", ".join(f"{key} {count}" for key, count
                                                        in sorted(how.items())))


if __name__ == "__main__":
    main()

"""``make import``: a post for each new video of the show's YouTube channel,
matched with its podcast episode (the audio) and its newsletter post.

    python -m podcast.importer [PROJECT] [--dry-run] [--timeout SECONDS]
                               [--max-feed-mb MB] [--max-posts N]

Feeds (environment variables win over the ``conf.py`` settings beside them):
``YOUTUBE_FEED_URL`` or ``YOUTUBE_CHANNEL_ID`` (``podcast_youtube_feed_url``,
``podcast_youtube_channel_id``), ``PODCAST_RSS_URL`` (``podcast_rss_url``),
``SUBSTACK_RSS_URL`` (``podcast_substack_rss_url``). ``DRY_RUN=1`` shows what
would be written. Existing posts are never rewritten. Each feed has a deadline
for all of it (``--timeout``, 20 s) and a size limit (``--max-feed-mb``, 10);
at most ``--max-posts`` (50) posts are written a run, the rest left for the
next. The exit status is 1 when a feed could not be fetched or read, or a post
could not be written.
"""

from __future__ import annotations

import argparse
import logging
import os
import runpy
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from ..core.post.frontmatter import front_matter
from ..core.text.urls import youtube_id_from
from .catalogue import Kept, described, keep_catalogue, read_post, read_posts
from .fetching import DEADLINE, MAX_BYTES, FetchError, Limits, fetch
from .matching import Match, match_all
from .new_post import file_name, render
from .safe_values import video_id
from .show_feeds import FeedError, newsletters, podcast_items, youtube_videos

SETTINGS = {  # environment variable -> conf.py setting of the same meaning
    "YOUTUBE_FEED_URL": "podcast_youtube_feed_url",
    "YOUTUBE_CHANNEL_ID": "podcast_youtube_channel_id",
    "PODCAST_RSS_URL": "podcast_rss_url",
    "SUBSTACK_RSS_URL": "podcast_substack_rss_url",
}
CHANNEL_FEED = "https://www.youtube.com/feeds/videos.xml?channel_id={}"
FEEDS = {"YouTube": youtube_videos, "podcast RSS": podcast_items, "Substack RSS": newsletters}
MAX_POSTS = 50  # a run; the rest wait for the next (a feed gone wrong writes no thousands)


def settings(project: Path, environ: Mapping[str, str]) -> dict[str, str]:
    """Each setting from the environment, else from conf.py, else empty."""
    conf: dict = {}
    if (project / "conf.py").is_file():
        cwd = Path.cwd()
        try:  # conf.py may refer to files beside it
            os.chdir(project)
            conf = runpy.run_path(str(project / "conf.py"))
        finally:
            os.chdir(cwd)
    return {variable: (environ.get(variable) or str(conf.get(setting) or "")).strip()
            for variable, setting in SETTINGS.items()}


def feed_urls(found: dict[str, str]) -> dict[str, str]:
    """The feeds to read, by name; a feed without an address is left out."""
    youtube = found["YOUTUBE_FEED_URL"] or (
        CHANNEL_FEED.format(found["YOUTUBE_CHANNEL_ID"]) if found["YOUTUBE_CHANNEL_ID"] else "")
    urls = {"YouTube": youtube, "podcast RSS": found["PODCAST_RSS_URL"],
            "Substack RSS": found["SUBSTACK_RSS_URL"]}
    return {name: url for name, url in urls.items() if url}


def known_videos(episodes: Path) -> set[str]:
    """The videos the posts already have (in sub-folders too)."""
    found = set()
    for path in [*episodes.rglob("*.md"), *episodes.rglob("*.markdown")]:
        value = str(front_matter(path).get("youtubeID") or "")
        if video := youtube_id_from(value):
            found.add(video)
    return found


def new_videos(videos: list, have: set[str], say: Callable[[str], None]) -> list:
    """The videos no post has yet, each once; a video ID of another shape is skipped:
    it goes into the post, and a video ID is all it may be."""
    new, seen = [], set(have)
    for video in videos:
        if not video_id(video.video_id):
            say(f"skipped video {video.video_id!r} {video.title!r}: not a YouTube video ID "
                "(11 letters, digits, - or _)")
        elif video.video_id not in seen:
            seen.add(video.video_id)
            new.append(video)
    return new


def write_posts(matches: list[Match], project: Path, say: Callable[[str], None],
                dry_run: bool, max_posts: int) -> tuple[list[tuple[Match, Path]], bool]:
    """Write each match's post (the oldest first, at most ``max_posts``): the posts
    written (or that would be), and whether one could not be written. Two videos
    never share a file: the second gets its video ID in its name, and no file is
    ever overwritten."""
    episodes = project / "episodes"
    taken = {path.name.casefold() for path in episodes.iterdir()} if episodes.is_dir() else set()
    wrote: list[tuple[Match, Path]] = []
    trouble = False
    for number, found in enumerate(matches):
        if len(wrote) == max_posts:
            say(f"{len(matches) - number} more new video(s) left for the next run (at most "
                f"{max_posts} posts a run)")
            break
        video = found.video
        name = next((name for name in (file_name(found), file_name(found, with_id=True))
                     if name.casefold() not in taken), "")
        if not name:
            say(f"NOT WRITTEN: video {video.video_id} {video.title!r}: "
                f"{file_name(found, with_id=True)} exists")
            trouble = True
            continue
        taken.add(name.casefold())
        path = episodes / name
        if dry_run:
            say(f"would write {path.relative_to(project)}:\n{render(found)}")
            wrote.append((found, path))
            continue
        try:
            episodes.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8") as post:  # "x": never over another file
                post.write(render(found))
        except (OSError, ValueError) as error:
            say(f"NOT WRITTEN: video {video.video_id} {video.title!r}: "
                f"{getattr(error, 'strerror', None) or error} ({name})")
            trouble = True
            continue
        wrote.append((found, path))
        say(f"wrote {path.relative_to(project)}")
    return wrote, trouble


def run(project: Path, environ: Mapping[str, str], say: Callable[[str], None] = print,
        dry_run: bool = False, timeout: float = DEADLINE, max_bytes: int = MAX_BYTES,
        max_posts: int = MAX_POSTS, refresh_transcripts: bool = False,
        youtube_captions: bool = False) -> int:
    """Read the feeds, write the new posts, keep what the podcast feed says of every
    episode beside its post; the exit status. ``timeout`` is each feed's (and each
    transcript's) deadline, all of it; ``max_bytes`` a feed's size limit."""
    urls = feed_urls(settings(project, environ))
    limits = Limits(timeout, max_bytes)
    failed = False
    read: dict[str, list] = {name: [] for name in FEEDS}
    for name, parse in FEEDS.items():
        if name not in urls:
            say(f"{name}: no address set ({', '.join(_variables(name))}); skipped")
            continue
        try:
            read[name] = parse(fetch(urls[name], limits))
        except (FetchError, FeedError) as error:
            failed = True
            say(f"{name}: FAILED: {error} ({urls[name]})")
            continue
        say(f"{name}: {len(read[name])} entries ({urls[name]})")
    items = read["podcast RSS"]
    if trouble := next((item.transcripts_error for item in items if item.transcripts_error), ""):
        failed = True
        say(f"podcast RSS: its transcripts FAILED: {trouble}")
    posts = read_posts(project, say)
    new = new_videos(read["YouTube"], known_videos(project / "episodes"), say)
    matches, told, items, letters = match_all(new, [post.seeker for post in posts], items,
                                              read["Substack RSS"])
    for found in matches:
        say(_described(found))
    wrote, trouble = write_posts(matches, project, say, dry_run, max_posts)
    kept = Kept()
    if "podcast RSS" in urls and read["podcast RSS"]:
        pairs: list = []
        for post, (item, how) in zip(posts, told, strict=True):
            say(described(post, item, how))
            pairs.append((post, item))
        for found, path in wrote:  # the new posts' data files and transcripts
            if not dry_run and (found.item is not None or youtube_captions):
                post, _ = read_post(path, project)
                if post is not None:
                    pairs.append((post, found.item))
        kept = keep_catalogue(pairs, project, limits, say, dry_run, refresh_transcripts,
                              youtube_captions)
        matched = sum(1 for item, _ in told if item is not None)
        say(f"{matched} of {len(posts)} existing post(s) matched a podcast item")
    elif posts:
        say("no podcast items read: the posts' data files and transcripts are left as they are")
    for item in items:
        say(f"not matched: podcast item {item.title!r} ({item.published:%Y-%m-%d})")
    for post in letters:
        say(f"not matched: newsletter post {post.title!r} ({post.published:%Y-%m-%d})")
    if not new:
        say("no new videos")
    elif not dry_run:
        say(f"{len(wrote)} new post(s)")
    if not dry_run:
        changed = len(wrote) + kept.changed
        say(f"{changed} file(s) written or updated" if changed else "nothing changed")
    return 1 if failed or trouble or kept.failed else 0


def _variables(name: str) -> list[str]:
    return {"YouTube": ["YOUTUBE_FEED_URL", "YOUTUBE_CHANNEL_ID"],
            "podcast RSS": ["PODCAST_RSS_URL"], "Substack RSS": ["SUBSTACK_RSS_URL"]}[name]


def _described(found) -> str:
    video = found.video
    parts = [f"video {video.video_id} {video.title!r}"]
    parts.append(f"podcast item {found.item.title!r} (by {found.item_by})" if found.item
                 else f"no podcast item ({found.item_why})" if found.item_why
                 else "no podcast item")
    parts.append(f"newsletter {found.newsletter.url} (by {found.newsletter_by})"
                 if found.newsletter else "no newsletter post")
    notes = [*video.notes, *(found.item.notes if found.item else ()),
             *(found.newsletter.notes if found.newsletter else ())]
    return (" -> ".join(parts[:1]) + ": " + "; ".join(parts[1:])
            + "".join(f"\n  note: {note}" for note in notes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, nargs="?", default=Path.cwd())
    parser.add_argument("--dry-run", action="store_true",
                        default=os.environ.get("DRY_RUN", "") not in ("", "0"))
    parser.add_argument("--timeout", type=float, default=DEADLINE,
                        help=f"seconds for each feed, all of it (default {DEADLINE:g})")
    parser.add_argument("--max-feed-mb", type=float, default=MAX_BYTES / 2**20,
                        help=f"size limit of each feed (default {MAX_BYTES // 2**20})")
    parser.add_argument("--max-posts", type=int, default=MAX_POSTS,
                        help=f"new posts a run at most (default {MAX_POSTS})")
    parser.add_argument("--refresh-transcripts", action="store_true",
                        help="fetch again the transcripts imported before from the same address")
    parser.add_argument("--youtube-captions", action="store_true",
                        default=os.environ.get("YOUTUBE_CAPTIONS", "") not in ("", "0", "false"),
                        help="the video's captions from YouTube where the podcast feed links no "
                             "transcript (needs youtube-transcript-api; or YOUTUBE_CAPTIONS=1)")
    arguments = parser.parse_args(argv)
    logging.getLogger("urllib3").setLevel(logging.ERROR)  # its retries are ours to tell
    return run(arguments.project.resolve(), os.environ, dry_run=arguments.dry_run,
               timeout=arguments.timeout, max_bytes=int(arguments.max_feed_mb * 2**20),
               max_posts=arguments.max_posts,
               refresh_transcripts=arguments.refresh_transcripts,
               youtube_captions=arguments.youtube_captions)


if __name__ == "__main__":
    sys.exit(main())

"""``make import``: a post for each new video of the show's YouTube channel,
matched with its podcast episode (the audio) and its newsletter post.

    python -m podcast.cli.importer [PROJECT] [--dry-run] [--timeout SECONDS]

Feeds (environment variables win over the ``conf.py`` settings beside them):
``YOUTUBE_FEED_URL`` or ``YOUTUBE_CHANNEL_ID`` (``podcast_youtube_feed_url``,
``podcast_youtube_channel_id``), ``PODCAST_RSS_URL`` (``podcast_rss_url``),
``SUBSTACK_RSS_URL`` (``podcast_substack_rss_url``). ``DRY_RUN=1`` shows what
would be written. Existing posts are never rewritten. The exit status is 1 when
a feed could not be fetched or read.
"""

from __future__ import annotations

import argparse
import logging
import os
import runpy
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import TimeoutError as urllib3_timeouts
from urllib3.util.retry import Retry

from ..core.post.frontmatter import front_matter
from ..core.text.urls import youtube_id_from
from .matching import match
from .new_post import file_name, render
from .show_feeds import FeedError, newsletters, podcast_items, youtube_videos

SETTINGS = {  # environment variable -> conf.py setting of the same meaning
    "YOUTUBE_FEED_URL": "podcast_youtube_feed_url",
    "YOUTUBE_CHANNEL_ID": "podcast_youtube_channel_id",
    "PODCAST_RSS_URL": "podcast_rss_url",
    "SUBSTACK_RSS_URL": "podcast_substack_rss_url",
}
CHANNEL_FEED = "https://www.youtube.com/feeds/videos.xml?channel_id={}"
FEEDS = {"YouTube": youtube_videos, "podcast RSS": podcast_items, "Substack RSS": newsletters}


class FetchError(Exception):
    """A feed that could not be fetched: the reason, for the host."""


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


def session(retries: int = 2) -> requests.Session:
    """An HTTP client that tries again on a dropped connection or a server error."""
    client = requests.Session()
    retry = Retry(total=retries, connect=retries, read=retries, backoff_factor=0.3,
                  status_forcelist=(429, 500, 502, 503, 504), allowed_methods=("GET",))
    client.mount("http://", HTTPAdapter(max_retries=retry))
    client.mount("https://", HTTPAdapter(max_retries=retry))
    client.headers["User-Agent"] = "learning-from-machine-learning-site importer"
    return client


def fetch(client: requests.Session, url: str, timeout: float) -> bytes:
    try:
        response = client.get(url, timeout=timeout)
    except requests.RequestException as error:
        # after its retries, requests reports a timeout as the retries' failure
        cause = getattr(error.args[0], "reason", None) if error.args else None
        if isinstance(error, requests.Timeout) or isinstance(cause, TimeoutError | (
                urllib3_timeouts)):
            raise FetchError(f"no answer within {timeout:g} s") from None
        if isinstance(error, requests.exceptions.RetryError):
            raise FetchError("the server kept failing") from None
        raise FetchError(f"cannot fetch it ({cause or error.__class__.__name__})") from None
    if response.status_code != 200:
        raise FetchError(f"HTTP {response.status_code} {response.reason}")
    return response.content


def known_videos(episodes: Path) -> set[str]:
    """The videos the posts already have."""
    found = set()
    for path in episodes.glob("*.m*"):
        value = str(front_matter(path).get("youtubeID") or "")
        if video := youtube_id_from(value):
            found.add(video)
    return found


def run(project: Path, environ: Mapping[str, str], say: Callable[[str], None] = print,
        dry_run: bool = False, timeout: float = 20.0) -> int:
    """Read the feeds, write the new posts; the exit status."""
    urls = feed_urls(settings(project, environ))
    failed = False
    read: dict[str, list] = {name: [] for name in FEEDS}
    client = session()
    for name, parse in FEEDS.items():
        if name not in urls:
            say(f"{name}: no address set ({', '.join(_variables(name))}); skipped")
            continue
        try:
            read[name] = parse(fetch(client, urls[name], timeout))
        except (FetchError, FeedError) as error:
            failed = True
            say(f"{name}: FAILED: {error} ({urls[name]})")
            continue
        say(f"{name}: {len(read[name])} entries ({urls[name]})")
    episodes = project / "episodes"
    have = known_videos(episodes)
    new = [video for video in read["YouTube"] if video.video_id not in have]
    matches, items, posts = match(new, read["podcast RSS"], read["Substack RSS"])
    for found in matches:
        say(_described(found))
    wrote = 0
    for found in matches:
        path = episodes / file_name(found)
        if path.exists():
            say(f"  kept {path.name}: it exists")
            continue
        if dry_run:
            say(f"would write {path.relative_to(project)}:\n{render(found)}")
            continue
        episodes.mkdir(parents=True, exist_ok=True)
        path.write_text(render(found), encoding="utf-8")
        wrote += 1
        say(f"wrote {path.relative_to(project)}")
    for item in items:
        say(f"not matched: podcast item {item.title!r} ({item.published:%Y-%m-%d})")
    for post in posts:
        say(f"not matched: newsletter post {post.title!r} ({post.published:%Y-%m-%d})")
    if not new:
        say("no new videos")
    elif not dry_run:
        say(f"{wrote} new post(s)")
    return 1 if failed else 0


def _variables(name: str) -> list[str]:
    return {"YouTube": ["YOUTUBE_FEED_URL", "YOUTUBE_CHANNEL_ID"],
            "podcast RSS": ["PODCAST_RSS_URL"], "Substack RSS": ["SUBSTACK_RSS_URL"]}[name]


def _described(found) -> str:
    video = found.video
    parts = [f"video {video.video_id} {video.title!r}"]
    parts.append(f"podcast item {found.item.title!r} (by {found.item_by})" if found.item
                 else "no podcast item")
    parts.append(f"newsletter {found.newsletter.url} (by {found.newsletter_by})"
                 if found.newsletter else "no newsletter post")
    return " -> ".join(parts[:1]) + ": " + "; ".join(parts[1:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, nargs="?", default=Path.cwd())
    parser.add_argument("--dry-run", action="store_true",
                        default=os.environ.get("DRY_RUN", "") not in ("", "0"))
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    arguments = parser.parse_args(argv)
    logging.getLogger("urllib3").setLevel(logging.ERROR)  # its retries are ours to tell
    return run(arguments.project.resolve(), os.environ, dry_run=arguments.dry_run,
               timeout=arguments.timeout)


if __name__ == "__main__":
    sys.exit(main())

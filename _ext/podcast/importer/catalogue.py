"""The back catalogue: every post of the project, matched with its podcast item,
and what the feed says of it kept beside the post (its data file and its
transcript). No Sphinx here; the posts are never rewritten.

A post is read as the build reads it (``core.post``: its front matter, checked,
decoded into the episode record): its number (the title's, or ``episode:``),
its guests (the title's, or ``guests:``), its date (or its file name's), and
the podcast GUID its data file recorded, to be matched by (``matching``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..core.post import feed_data
from ..core.post.episode import decode
from ..core.post.frontmatter import front_matter_head, read_front_matter
from ..core.post.value_types import post_meta
from ..core.text.paths import is_inside
from ..core.text.times import aware
from .episode_data import TRANSCRIPT_KEYS, feed_values, update
from .fetching import Limits
from .matching import Seeker
from .show_feeds import PodcastItem, guests_in
from .transcript_download import Source, sources, transcript
from .youtube_captions import captions_address, fetch_captions

POST_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Post:
    path: Path
    name: str  # from the project, for the report
    title: str
    seeker: Seeker
    own: frozenset[str]  # the keys its front matter sets
    named_transcript: str  # its front matter's ``transcript:``
    recorded: dict[str, str]  # what its data file says now
    own_audio: str = ""  # its front matter's audio_url
    youtube_id: str = ""  # its video's


def post_files(episodes: Path) -> list[Path]:
    """The posts (in sub-folders too), in a stable order."""
    return sorted(path for suffix in POST_SUFFIXES for path in episodes.rglob(f"*{suffix}"))


def read_post(path: Path, project: Path) -> tuple[Post | None, list[str]]:
    """The post at ``path`` as matching needs it, and what was wrong; ``None`` for
    a post outside the project (a symbolic link leading out)."""
    name = path.relative_to(project).as_posix()
    if not (is_inside(path, project) and is_inside(path.parent, project)):
        return None, [f"skipped {name}: a symbolic link out of the project"]
    head = front_matter_head(path)
    own = frozenset(str(key) for key in read_front_matter(head)[0])
    meta = post_meta(head)[0]
    docname = path.relative_to(project).with_suffix("").as_posix()
    episode = decode(docname, meta)[0]
    recorded, problems = feed_data.read_file(path, project)
    data_name = feed_data.data_file(path).relative_to(project).as_posix()
    troubles = [f"note: {data_name}:{line}: {problem}" for line, problem in problems]
    guests = episode.guests or guests_in(episode.raw_title)
    guid = str(meta.get("podcast_guid") or recorded.get("podcast_guid") or "").strip()
    seeker = Seeker(episode.number, tuple(guests),
                    aware(episode.published) if episode.published else None, guid=guid)
    return Post(path, name, episode.raw_title or path.stem, seeker, own,
                str(meta.get("transcript") or ""), recorded,
                str(meta.get("audio_url") or "").strip(), episode.youtube_id or ""), troubles


def read_posts(project: Path, say: Callable[[str], None]) -> list[Post]:
    episodes = project / "episodes"
    posts = []
    for path in post_files(episodes) if episodes.is_dir() else []:
        post, troubles = read_post(path, project)
        for trouble in troubles:
            say(trouble)
        if post is not None:
            posts.append(post)
    return posts


def described(post: Post, item: PodcastItem | None, how: str) -> str:
    """One line of the report: what the post matched, and how; or why nothing."""
    number = f" #{post.seeker.number}" if post.seeker.number is not None else ""
    head = f"post {post.name}{number}"
    if item is None:
        return f"not matched: {head}: no podcast item ({how})"
    return (f"{head} -> podcast item {item.title!r} ({item.published:%Y-%m-%d}, by {how})"
            + "".join(f"\n  note: {note}" for note in item.notes))


@dataclass
class Kept:
    """What keeping the feed's data came to: files changed, and whether one failed."""

    changed: int = 0
    failed: bool = False


def offered(post: Post, item: PodcastItem | None, captions: bool) -> list[Source]:
    """Where the post's transcript may come from, best first: its podcast item's links;
    with ``captions``, where the item links none, the video's captions on YouTube."""
    found = sources(item.transcripts) if item is not None else []
    if not found and captions and post.youtube_id:
        found = [Source(captions_address(post.youtube_id), "YouTube captions, as WebVTT",
                        partial(_captions, post.youtube_id))]
    return found


def _captions(video_id: str, limits: Limits) -> tuple[bytes, str]:
    return fetch_captions(video_id, limits), ".vtt"


def keep(post: Post, item: PodcastItem | None, project: Path, limits: Limits,
         say: Callable[[str], None], dry_run: bool = False, refresh: bool = False,
         kept: Kept | None = None, captions: bool = False) -> Kept:
    """The post's transcript and data file from its podcast item ``item`` (``None``:
    the file keeps what it says, but for a transcript from YouTube's captions)."""
    kept = kept or Kept()
    if item is None:
        values = {key: value for key, value in post.recorded.items()
                  if key not in TRANSCRIPT_KEYS}
    else:
        values, refused = feed_values(item, post.own)
        for why in refused:
            say(f"note: {post.name}: {why}")
        if item.audio and post.own_audio and post.own_audio != item.audio.url:
            say(f"note: {post.name} has an audio_url of its own, which wins over the feed's "
                f"{item.audio.url}")
    got = transcript(post.path, post.name, offered(post, item, captions), post.recorded,
                     post.named_transcript, limits, dry_run, refresh)
    for line in got.told:
        say(line)
        kept.changed += line.startswith(("wrote", "updated"))
    kept.failed |= got.failed
    values.update({key: got.values[key] for key in TRANSCRIPT_KEYS if key in got.values})
    data_name = feed_data.data_file(post.path).relative_to(project).as_posix()
    told, failed = update(post.path, values, data_name, dry_run)
    if told:
        say(told)
        kept.changed += told.startswith(("wrote", "updated"))
    kept.failed |= failed
    return kept


def keep_catalogue(pairs: list[tuple[Post, PodcastItem | None]], project: Path, limits: Limits,
                   say: Callable[[str], None], dry_run: bool = False,
                   refresh: bool = False, captions: bool = False) -> Kept:
    """Each matched post's data file and transcript (with ``captions``, the posts no
    item matched too, for their videos' captions)."""
    kept = Kept()
    for post, item in pairs:
        if item is not None or (captions and post.youtube_id):
            keep(post, item, project, limits, say, dry_run, refresh, kept, captions)
    return kept

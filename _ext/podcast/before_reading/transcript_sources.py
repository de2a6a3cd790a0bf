"""The transcript pages' sources: one per episode with a transcript.

Everything the page shows of its episode (its title, video and chapters: the
block's lines) is written into the source, from the post as read before reading: reading the
transcript page reads no other file but the transcript, and the page is read
again whenever what it shows of the post changes (its source then changes).
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from ..core.people.discovery import Post
from ..core.transcripts.captions import transcript_file
from .sources import markdown_text


def transcripts_of(app: Sphinx, posts: list[Post]) -> dict[str, Path]:
    """Episode docname -> its transcript file, for every post that has one."""
    found = {}
    for episode, _ in posts:
        post = app.env.doc2path(episode.docname)
        path = transcript_file(post, str(episode.extra.get("transcript", "")))
        if path is not None:
            found[episode.docname] = path
    return found


def transcript_sources(app: Sphinx, posts: list[Post]) -> dict[str, str]:
    """``transcripts/``: file name -> Markdown, named after each post."""
    srcdir = Path(app.srcdir)
    episodes = {episode.docname: episode for episode, _ in posts}
    files = {}
    for docname, path in transcripts_of(app, posts).items():
        episode = episodes[docname]
        # one chapter a line, its start in seconds first: no title can end the block
        chapters = "".join(f"{chapter.start} {chapter.title}\n" for chapter in episode.chapters)
        files[f"{Path(docname).name}.md"] = (
            "---\norphan: true\n---\n\n"
            f"# Transcript: {markdown_text(episode.title)}\n\n"
            f"```{{podcast-transcript}}\n:episode: {docname}\n"
            f":file: {path.relative_to(srcdir).as_posix()}\n"
            f":title: {json.dumps(episode.title)}\n"
            f":video: {episode.youtube_id or ''}\n\n{chapters}```\n")
    return files

"""The transcript pages' sources: one per episode with a transcript to show,
for the builders that read them as documents (an e-book, a single page,
LaTeX); the web pages' are drawn from their post's reading, without a source
(``writing.transcript_pages``).

Everything the page shows of its episode (its title, video and chapters: the
block's lines) is written into the source, from the post as read before reading: reading the
transcript page reads no other file but the transcript, and the page is read
again whenever what it shows of the post changes (its source then changes).

Which post has a transcript page, and its name, is settled here for all posts
at once (``core.transcripts.files``) and kept in the state: reading a post links
that page and warns at the post of a transcript refused, empty or renamed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sphinx.application import Sphinx

from ..core.people.discovery import Post
from ..core.transcripts.captions import KINDS, TRANSCRIPTS_DIR, has_cues
from ..core.transcripts.files import (
    PostTranscript,
    load,
    page_names,
    page_title,
    transcript_file,
)
from ..state.domain import state_of
from .sources import made_before, markdown_text

PAGES = "transcript_pages"  # in the state's data: docname -> PostTranscript


def host_pages(folder: Path, suffixes) -> set[str]:
    """The page names of the host's own sources in ``folder`` (none the build made)."""
    if not folder.is_dir():
        return set()
    made = made_before(folder)
    return {path.stem for path in folder.iterdir()
            if path.suffix in suffixes and path.name not in made}


def transcripts_of(app: Sphinx, posts: list[Post]) -> dict[str, PostTranscript]:
    """Every post with a transcript file, or one refused: what reading needs of it."""
    srcdir = Path(os.path.normpath(app.srcdir))
    pages = page_names([episode.docname for episode, _ in posts],
                       app.config.podcast_episodes_dir,
                       host_pages(srcdir / TRANSCRIPTS_DIR, tuple(app.config.source_suffix)))
    found = {}
    for episode, _ in posts:
        path, refused = transcript_file(Path(app.env.doc2path(episode.docname)),
                                        str(episode.extra.get("transcript", "")), srcdir)
        if path is None:
            if refused:
                found[episode.docname] = PostTranscript("", "", refused, "path")
            continue
        file = path.relative_to(srcdir).as_posix()
        if not has_cues(load(path)[0], KINDS[path.suffix.lower()]):
            found[episode.docname] = PostTranscript(
                "", file, f"the transcript {file} has no cue to show: no transcript page")
            continue
        page, first = pages[episode.docname]
        found[episode.docname] = PostTranscript(page, file, _renamed(page, first, pages),
                                                "collision")
    state_of(app.env).data[PAGES] = found
    return found


def _renamed(page: str, first: str, pages: dict[str, tuple[str, str]]) -> str:
    """Why a post's transcript page has a hash in its name: whose name it is."""
    if not first:
        return ""
    if first in pages:  # another post's
        return (f"its transcript page would be {pages[first][0]}, the name of {first}'s: "
                f"it is {page}")
    return f"its transcript page would be {first}, a page of the site's own: it is {page}"


def transcript_sources(app: Sphinx, posts: list[Post], as_documents: bool
                       ) -> dict[str, str | None]:
    """``transcripts/``: file name -> Markdown, named after each post (None: a
    page drawn at writing, read with its post: ``writing.transcript_pages``)."""
    episodes = {episode.docname: episode for episode, _ in posts}
    files: dict[str, str | None] = {}
    for docname, found in transcripts_of(app, posts).items():
        if not found.page:
            continue
        name = f"{found.page.removeprefix(TRANSCRIPTS_DIR + '/')}.md"
        if not as_documents:
            files[name] = None
            continue
        episode = episodes[docname]
        # one chapter a line, its start in seconds first: no title can end the block
        chapters = "".join(f"{chapter.start} {chapter.title}\n" for chapter in episode.chapters)
        files[name] = (
            "---\norphan: true\n---\n\n"
            f"# {markdown_text(page_title(episode.title))}\n\n"
            f"```{{podcast-transcript}}\n:episode: {docname}\n"
            f":file: {found.file}\n"
            f":title: {json.dumps(episode.title)}\n"
            f":video: {episode.youtube_id or ''}\n\n{chapters}```\n")
    return files

"""Each transcript's original file, published beside its page
(``transcripts/x.vtt``), where feeds and podcast apps find it.

Only a file inside the project, checked again as it is published (it may have
become a symbolic link leading out since its page was read), and no larger
than what a transcript page reads of it (``MAX_BYTES``). A file published
before whose page is gone, or shows it no more, is removed."""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx

from ..core.transcripts.captions import MEDIA_TYPES, Transcript
from ..core.transcripts.files import MAX_BYTES, transcript_at
from ..state.domain import state_of
from ..writing.context import is_web_build

_BEFORE: dict[int, set[str]] = {}  # id of the app -> the files published by the last build


def published_path(page: str, transcript: Transcript) -> str:
    """``transcripts/x`` with ``episodes/x.vtt`` -> ``transcripts/x.vtt``."""
    return f"{page}{PurePosixPath(transcript.file).suffix.lower()}"


def source_of(app: Sphinx, transcript: Transcript) -> Path | None:
    """The file to publish, when it may be."""
    srcdir = Path(os.path.normpath(app.srcdir))
    path, _ = transcript_at(srcdir, transcript.file, srcdir)
    try:
        return path if path is not None and path.stat().st_size <= MAX_BYTES else None
    except OSError:
        return None


_BY_EPISODE: list = [None, {}]  # the transcripts indexed, and their index by episode


def of_episode(app: Sphinx, docname: str) -> tuple[str, str] | None:
    """The published transcript file of an episode (path in the site, media type);
    the transcripts indexed by episode once (each feed asks for every episode)."""
    transcripts = state_of(app.env).transcripts
    if _BY_EPISODE[0] is not transcripts or len(_BY_EPISODE[1]) != len(transcripts):
        _BY_EPISODE[:] = [transcripts, {}]
        for page, transcript in sorted(transcripts.items()):
            _BY_EPISODE[1].setdefault(transcript.episode, (page, transcript))
    found = _BY_EPISODE[1].get(docname)
    if found is None or source_of(app, found[1]) is None:
        return None
    return published_path(*found), MEDIA_TYPES[found[1].kind]


def note_published(app: Sphinx, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: what the last build published, before reading forgets
    the pages removed or read again."""
    _BEFORE[id(app)] = {published_path(page, transcript)
                        for page, transcript in state_of(env).transcripts.items()}
    return []


def copy_files(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the original files, copied when they changed."""
    before = _BEFORE.pop(id(app), set())
    if exception is not None or not is_web_build(app):
        return
    published = set()
    for page, transcript in state_of(app.env).transcripts.items():
        source = source_of(app, transcript)
        if source is None:
            continue
        path = published_path(page, transcript)
        target = Path(app.outdir) / path
        # copied with its time, a file unchanged since is known by its size and time
        # alone, not read again (an hour's transcript is 100 KB; a thousand of them)
        if not target.is_file() or not filecmp.cmp(source, target):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        published.add(path)
    for path in sorted(before - published):
        (Path(app.outdir) / path).unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", note_published)
    app.connect("build-finished", copy_files)

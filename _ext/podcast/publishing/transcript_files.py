"""Each transcript's original file, published beside its page
(``transcripts/x.vtt``), where feeds and podcast apps find it."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from sphinx.application import Sphinx

from ..core.transcripts.captions import MEDIA_TYPES, Transcript
from ..state.domain import state_of
from ..writing.context import is_web_build


def published_path(page: str, transcript: Transcript) -> str:
    """``transcripts/x`` with ``episodes/x.vtt`` -> ``transcripts/x.vtt``."""
    return f"{page}{PurePosixPath(transcript.file).suffix.lower()}"


def of_episode(app: Sphinx, docname: str) -> tuple[str, str] | None:
    """The published transcript file of an episode (path in the site, media type)."""
    for page, transcript in state_of(app.env).transcripts.items():
        if transcript.episode == docname:
            return published_path(page, transcript), MEDIA_TYPES[transcript.kind]
    return None


def copy_files(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the original files, copied when they changed."""
    if exception is not None or not is_web_build(app):
        return
    for page, transcript in state_of(app.env).transcripts.items():
        source = Path(app.srcdir) / transcript.file
        target = Path(app.outdir) / published_path(page, transcript)
        if source.is_file() and (not target.is_file()
                                 or target.read_bytes() != source.read_bytes()):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def setup(app: Sphinx) -> None:
    app.connect("build-finished", copy_files)

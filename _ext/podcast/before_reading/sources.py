"""Writing generated sources before reading: only when their text changes, in
folders that say what the build made there, Markdown-escaped where it is data.

Each generated folder holds a ``.gitignore`` that lists exactly the files the
build made in it: git leaves them out, the next build removes those it no
longer makes, and ``make clean`` removes them all; a file of the host's in such
a folder is none of them, and is never touched.
"""

from __future__ import annotations

from pathlib import Path

MANIFEST = ".gitignore"
MARK = "# Made by the build from the posts (make clean removes them): not committed."


def pages_are_documents(app) -> bool:
    """Whether the pages the build makes of each person and each transcript are
    sources read as any (not pages drawn at writing: ``writing.people_pages``,
    ``writing.transcript_pages``): for builders other than the web pages', one
    file a page."""
    builder = app.builder
    return builder.format != "html" or builder.name.startswith("epub") \
        or builder.name == "singlehtml"


def write_if_changed(path: Path, text: str) -> None:
    """Rewrite a generated source only when its text changes (sphinx-autobuild
    would otherwise rebuild for ever)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def made_before(folder: Path) -> set[str]:
    """The files the build made in ``folder`` last time, as its manifest lists them."""
    try:
        lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    if not lines or lines[0] != MARK:
        return set()  # a .gitignore of the host's
    return {line[1:] for line in lines[1:] if line.startswith("/") and "/" not in line[1:]}


def write_folder(folder: Path, files: dict[str, str | None]) -> list[str]:
    """Make ``folder`` hold ``files`` (name -> text): write what changed, remove
    what the build made before and makes no more, and list what it made. A file
    there that the build did not make is the host's: never written over nor
    removed; the names it kept the build from writing are returned. A name
    without text is a page the build makes there without a source: none is
    written, but a file of the host's there keeps it from being made too."""
    before = made_before(folder)
    if (folder / MANIFEST).is_file() and not before:
        return []  # the folder's .gitignore is the host's: the folder is his, not the build's
    kept = sorted(name for name in files
                  if name not in before and (folder / name).exists()
                  or (folder / name).is_symlink() or "/" in name or name.startswith("."))
    made = {name: text for name, text in files.items()
            if name not in kept and text is not None}
    for name, text in made.items():
        write_if_changed(folder / name, text)
    for name in sorted(before - set(made) - {MANIFEST}):
        if not (folder / name).is_symlink():
            (folder / name).unlink(missing_ok=True)
    listed = "".join(f"/{name}\n" for name in sorted({MANIFEST, *made}))
    write_if_changed(folder / MANIFEST, f"{MARK}\n{listed}")
    return kept


def markdown_text(text: str) -> str:
    """Text for a generated Markdown source: every ASCII punctuation escaped,
    so a name like ``<b>Ann</b>`` stays text."""
    return "".join(f"\\{char}" if char in _PUNCTUATION else char for char in text)


_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def toctree(entries: list[str]) -> str:
    return "```{toctree}\n:hidden:\n\n" + "".join(f"{entry}\n" for entry in entries) + "```\n"

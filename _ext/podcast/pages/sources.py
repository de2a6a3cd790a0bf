"""Writing generated sources (the archive, people and books pages) before
reading: only when their text changes, Markdown-escaped where it is data."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, text: str) -> None:
    """Rewrite a generated source only when its text changes (sphinx-autobuild
    would otherwise rebuild for ever)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def remove_stale(folder: Path, keep: set[str]) -> None:
    """Delete generated sources in ``folder`` that are no longer made."""
    if folder.is_dir():
        for path in folder.glob("*.md"):
            if path.name not in keep:
                path.unlink()


def markdown_text(text: str) -> str:
    """Text for a generated Markdown source: every ASCII punctuation escaped,
    so a name like ``<b>Ann</b>`` stays text."""
    return "".join(f"\\{char}" if char in _PUNCTUATION else char for char in text)


_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def toctree(entries: list[str]) -> str:
    return "```{toctree}\n:hidden:\n\n" + "".join(f"{entry}\n" for entry in entries) + "```\n"

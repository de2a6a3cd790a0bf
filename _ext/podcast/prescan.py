"""Reading the posts' front matter before Sphinx reads them.

The generated pages (archive years, people) must exist as sources before
reading starts, so their list comes from a quick pass over each post's front
matter, decoded by the very function the reader uses: both agree.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import yaml
from sphinx.application import Sphinx

from .episode import Episode, decode

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def front_matter_head(path: Path | str) -> list[str]:
    """The file's lines from the opening ``---`` to the closing one (read no further);
    [] when the file has no front matter or cannot be read."""
    head: list[str] = []
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as source:
            first = source.readline()
            if first.strip() != "---":
                return []
            head.append(first)
            for line in source:
                head.append(line)
                if line.strip() in ("---", "..."):
                    break
    except OSError:
        return []
    return head


def front_matter(path: Path) -> dict:
    """The YAML between the opening and closing ``---``; {} when there is none."""
    head = front_matter_head(path)[1:]
    if head and head[-1].strip() in ("---", "..."):
        head = head[:-1]
    try:
        data = yaml.load("".join(head), Loader=_LOADER)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def as_myst_strings(data: dict) -> dict[str, str]:
    """Front matter values as MyST hands them over: strings, lists as JSON."""
    strings = {}
    for key, value in data.items():
        if isinstance(value, str | date | datetime | int | float):
            strings[str(key)] = str(value)
        elif value is not None:
            strings[str(key)] = json.dumps(value, default=str)
    return strings


def episode_sources(app: Sphinx) -> list[Path]:
    folder = Path(app.srcdir) / app.config.podcast_episodes_dir
    if not folder.is_dir():
        return []
    suffixes = tuple(app.config.source_suffix)
    return sorted(path for path in folder.rglob("*") if path.suffix in suffixes
                  and path.is_file())


def scan(app: Sphinx) -> list[Episode]:
    """Every post's Episode record, from its front matter only."""
    srcdir = Path(app.srcdir)
    episodes = []
    for path in episode_sources(app):
        docname = path.relative_to(srcdir).with_suffix("").as_posix()
        episodes.append(decode(docname, as_myst_strings(front_matter(path)))[0])
    return episodes


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

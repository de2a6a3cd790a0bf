"""The archive: "All episodes" and one page per year, generated before reading.

Generated as sources (not added at ``html-collect-pages``) so that they sit in
the toctree, the navigation and the search index. Grouping by year keeps the
navigation small: an episode page links its own year's episodes, not all of
them. Files are rewritten only when their text changes, so sphinx-autobuild
does not rebuild for ever.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import yaml
from sphinx.application import Sphinx
from sphinx.util import logging

from .episode import date_from_filename, parse_date, sort_key
from .listings import UNDATED

logger = logging.getLogger(__name__)

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_GENERATED_NAME = re.compile(rf"^(?:\d{{4}}|{UNDATED})\.md$")


def front_matter_date(path: Path) -> datetime | None:
    """The post's date as the reader will decode it, from the file's head only."""
    head: list[str] = []
    with open(path, encoding="utf-8-sig", errors="replace") as source:
        first = source.readline()
        if first.strip() == "---":
            for line in source:
                if line.strip() in ("---", "..."):
                    break
                head.append(line)
    try:
        data = yaml.load("".join(head), Loader=_LOADER) if head else None
    except yaml.YAMLError:
        data = None
    value = data.get("date") if isinstance(data, dict) else None
    if value:
        try:
            return parse_date(str(value))[0]
        except ValueError:
            pass
    return date_from_filename(path.name)


def episode_sources(srcdir: Path, episodes_dir: str, suffixes: tuple[str, ...]) -> list[Path]:
    folder = srcdir / episodes_dir
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.rglob("*") if path.suffix in suffixes and path.is_file())


def group_by_year(srcdir: Path, sources: list[Path]) -> dict[str, list[str]]:
    """year -> docnames of that year, newest first; years newest first."""
    dated = []
    for path in sources:
        docname = path.relative_to(srcdir).with_suffix("").as_posix()
        dated.append((front_matter_date(path), docname))
    dated.sort(key=lambda item: sort_key(item[0], item[1]), reverse=True)
    years: dict[str, list[str]] = {}
    for published, docname in dated:
        years.setdefault(str(published.year) if published else UNDATED, []).append(docname)
    return dict(sorted(years.items(), key=lambda item: (item[0] != UNDATED, item[0]),
                       reverse=True))


def _toctree(entries: list[str]) -> str:
    return "```{toctree}\n:hidden:\n\n" + "".join(f"{entry}\n" for entry in entries) + "```\n"


def year_page(year: str, docnames: list[str]) -> str:
    heading = "Undated episodes" if year == UNDATED else f"{year}"
    return (
        f"# {heading}\n\n"
        + _toctree([f"/{docname}" for docname in docnames])
        + f"\n```{{episode-list}}\n:year: {year}\n:style: cards\n```\n"
    )


def index_page(years: dict[str, list[str]]) -> str:
    parts = ["# All episodes\n\n", _toctree(list(years))]
    for year, docnames in years.items():
        count = f"{len(docnames)} episode" + ("s" if len(docnames) != 1 else "")
        label = "Undated" if year == UNDATED else year
        parts.append(
            f"\n## {label}\n\n[{count} in {label}]({year}.md)\n\n"
            f"```{{episode-list}}\n:year: {year}\n:style: list\n```\n"
        )
    if not years:
        parts.append("\nNo episodes yet.\n")
    return "".join(parts)


def write_if_changed(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate_archive(app: Sphinx) -> None:
    """``builder-inited``: write ``archive/index.md`` and a page per year."""
    folder_name = app.config.podcast_archive_dir
    if not folder_name:
        return
    srcdir = Path(app.srcdir)
    folder = srcdir / folder_name
    suffixes = tuple(app.config.source_suffix)
    years = group_by_year(
        srcdir, episode_sources(srcdir, app.config.podcast_episodes_dir, suffixes)
    )
    write_if_changed(folder / "index.md", index_page(years))
    for year, docnames in years.items():
        write_if_changed(folder / f"{year}.md", year_page(year, docnames))
    for stale in folder.glob("*.md"):
        if _GENERATED_NAME.match(stale.name) and stale.stem not in years:
            stale.unlink()


def setup(app: Sphinx) -> None:
    app.add_config_value("podcast_archive_dir", "archive", "env", str)
    app.connect("builder-inited", generate_archive)

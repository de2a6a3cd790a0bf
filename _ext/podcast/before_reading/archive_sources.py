"""The archive: "All episodes" and one page per year, generated before reading.

Generated as sources (not added at ``html-collect-pages``) so that they sit in
the toctree, the navigation and the search index. Grouping by year keeps the
navigation small: an episode page links its own year's episodes, not all of
them.
"""

from __future__ import annotations

from ..core.post.episode import UNDATED, Episode, year_key
from .sources import toctree


def group_by_year(episodes: list[Episode]) -> dict[str, list[str]]:
    """year -> docnames of that year, newest first; years newest first."""
    years: dict[str, list[str]] = {}
    for episode in sorted(episodes, key=lambda episode: episode.sort_key, reverse=True):
        years.setdefault(year_key(episode), []).append(episode.docname)
    return dict(sorted(years.items(), key=lambda item: (item[0] != UNDATED, item[0]),
                       reverse=True))


def year_page(year: str, docnames: list[str]) -> str:
    heading = "Undated episodes" if year == UNDATED else year
    return (
        f"# {heading}\n\n"
        + toctree([f"/{docname}" for docname in docnames])
        + f"\n```{{episode-list}}\n:year: {year}\n:style: cards\n```\n"
    )


def index_page(years: dict[str, list[str]]) -> str:
    parts = ["# All episodes\n\n", toctree(list(years))]
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


def archive_sources(episodes: list[Episode]) -> dict[str, str]:
    """``archive/``: file name -> Markdown, ``index.md`` and a page per year."""
    years = group_by_year(episodes)
    return {"index.md": index_page(years),
            **{f"{year}.md": year_page(year, docnames) for year, docnames in years.items()}}

"""The ``podcast`` domain: every piece of state that spans documents.

Keyed by docname, so that ``clear_doc`` and ``merge_domaindata`` keep
incremental and parallel builds equal to a clean serial one.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any

from sphinx.domains import Domain

from .episode import Episode


class PodcastDomain(Domain):
    name = "podcast"
    label = "Podcast"
    data_version = 1
    initial_data: dict[str, Any] = {
        "episodes": {},  # docname -> Episode
        "listings": {},  # docname -> list of listing options placed in that page
        "published": {},  # docname -> digest of the derived content last written
    }

    @property
    def episodes(self) -> dict[str, Episode]:
        return self.data["episodes"]

    @property
    def listings(self) -> dict[str, list[dict[str, Any]]]:
        return self.data["listings"]

    @property
    def published(self) -> dict[str, str]:
        return self.data["published"]

    def add_episode(self, episode: Episode) -> None:
        self.episodes[episode.docname] = episode

    def add_listing(self, docname: str, options: dict[str, Any]) -> None:
        self.listings.setdefault(docname, []).append(options)

    def clear_doc(self, docname: str) -> None:
        self.episodes.pop(docname, None)
        self.listings.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("episodes", "listings"):
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    def chronological(self) -> list[Episode]:
        """All episodes, oldest first."""
        return sorted(self.episodes.values(), key=lambda episode: episode.sort_key)

    def newest_first(self) -> list[Episode]:
        return self.chronological()[::-1]

    def neighbours(self) -> dict[str, tuple[Episode | None, Episode | None]]:
        """docname -> (previous, next) episode in date order."""
        ordered = self.chronological()
        padded: list[Episode | None] = [None, *ordered, None]
        return {
            episode.docname: (padded[index], padded[index + 2])
            for index, episode in enumerate(ordered)
        }

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return []

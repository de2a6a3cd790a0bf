"""The ``podcast`` domain's state: what reading found, per document.

Everything that spans documents is stored here, keyed by docname, so that
``clear_doc`` and ``merge_domaindata`` keep incremental and parallel builds
equal to a clean serial one. What follows from all pages together is computed
by ``derive`` and only cached here; the cross-references Sphinx asks the
domain to resolve are answered by ``derive.crossrefs``, whose subclass of
this one is the domain registered.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from ..core.people.directory import Directory
from ..core.post.body import ItemFacts
from ..core.post.episode import Episode

PER_DOCUMENT = ("episodes", "items", "placeholders", "labels", "transcripts")


class PodcastState(Domain):
    name = "podcast"
    label = "Podcast"
    data_version = 6
    initial_data: dict[str, Any] = {
        "episodes": {},  # docname -> Episode
        "items": {},  # docname -> [ItemFacts]: the list items of its reference lists
        "placeholders": {},  # docname -> [options of each placeholder in that page]
        "published": {},  # docname -> digest of the filled-in content last written
        "labels": {},  # docname -> [(anchor, text)]: its chapters, as {ref} targets
        # docname -> (transcript page, Transcript: its episode, file and who is named
        # when): recorded by the page read, or by its post when the page is drawn
        "transcripts": {},
        "directory": "",  # digest of the directory of people and books last published
    }
    # The directory of people and books: made anew by every build before reading.
    directory: Directory = Directory()

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # what derive computed from all pages; None until asked for after reading
        self.derived: Any = None
        # docname -> its placeholders, rendered after reading and kept until written
        self.rendered: dict[str, dict[str, list]] = {}
        # docname -> what other pages showed of it, before it was read again
        self.before: dict[str, bytes] = {}
        self.config_changed = True
        self.processes = 1  # what the build may use (``-j``)
        # after reading: the pages read again, and whether what other pages show of
        # them (or the directory, or the configuration) changed
        self.reread: set[str] = set()
        self.shown_changed = True
        self._transcripts: dict[str, Any] | None = None  # page -> Transcript, once asked

    @property
    def episodes(self) -> dict[str, Episode]:
        return self.data["episodes"]

    @property
    def items(self) -> dict[str, list[ItemFacts]]:
        return self.data["items"]

    @property
    def placeholders(self) -> dict[str, list[dict[str, Any]]]:
        return self.data["placeholders"]

    @property
    def published(self) -> dict[str, str]:
        return self.data["published"]

    @property
    def labels(self) -> dict[str, list[tuple[str, str]]]:
        return self.data["labels"]

    def add_episode(self, episode: Episode) -> None:
        self.episodes[episode.docname] = episode

    def add_placeholder(self, docname: str, options: dict[str, Any]) -> None:
        self.placeholders.setdefault(docname, []).append(options)

    def add_items(self, docname: str, items: list[ItemFacts]) -> None:
        if items:
            self.items[docname] = items

    @property
    def transcripts(self) -> dict[str, Any]:
        """Transcript page -> its Transcript, whoever recorded it (in no order)."""
        if self._transcripts is None:
            self._transcripts = dict(self.data["transcripts"].values())
        return self._transcripts

    def transcript_read_by(self, docname: str) -> Any:
        """The Transcript that reading ``docname`` recorded, if any."""
        found = self.data["transcripts"].get(docname)
        return found[1] if found else None

    def add_transcript(self, docname: str, page: str, transcript: Any) -> None:
        if docname in self.data["transcripts"]:
            self._transcripts = None  # what it recorded before goes
        elif self._transcripts is not None:  # asked for after each page read: kept
            self._transcripts[page] = transcript
        self.data["transcripts"][docname] = (page, transcript)

    def add_labels(self, docname: str, labels: list[tuple[str, str]]) -> None:
        if labels:
            self.labels[docname] = labels

    def clear_doc(self, docname: str) -> None:
        for key in PER_DOCUMENT:
            self.data[key].pop(docname, None)
        self._transcripts = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in PER_DOCUMENT:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value
        self._transcripts = None


def state_of(env: BuildEnvironment) -> PodcastState:
    return env.get_domain("podcast")

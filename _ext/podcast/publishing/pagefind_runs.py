"""Pagefind's runs: each bundle indexed as soon as its pages are written.

Pagefind reads written pages, so it used to run when the whole site was: at
1,000 episodes with transcripts, 20 s at the end of the build while nothing
else ran. Now the pages are written bundle by bundle, the transcripts' first
(they take Pagefind longest), then the show notes', then the people's; each bundle but
the last is indexed while the next ones are written, on the core Sphinx's
writing leaves free. Where the transcripts' pages are staged as their posts are
read (``publishing.transcript_search``), their bundles read the staged pages
and are indexed during the reading already. At ``build-finished`` every
bundle's pages are read again: one whose pages changed after its run (none
should) is indexed again, the
others whose pages changed are indexed then, ``AT_ONCE`` at a time, while
the feeds and the rest are written.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import tempfile
import threading
from fnmatch import fnmatchcase
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..writing.context import is_web_build
from ..writing.transcript_pages import drawn_transcripts
from .pagefind import (
    NOTES_BY_YEAR,
    TRANSCRIPTS,
    Bundle,
    bundles_of,
    fingerprint,
    known_digests,
    site_path,
    uses_pagefind,
)

logger = logging.getLogger(__name__)

AT_ONCE = 2  # Pagefind runs at a time at the end: the cores of a Read the Docs builder
WHILE_WRITING = 1  # and while Sphinx writes, which keeps a core busy
NICENESS = 10  # Pagefind's priority below the build's, so that it takes the idle core's time


def holds(bundle: Bundle, page: str) -> bool:
    """Whether the bundle reads the page (its path from the site's root), as
    its globs match: ``**/`` any folders or none."""
    return any(fnmatchcase(page, pattern) or fnmatchcase(page, pattern.replace("**/", ""))
               for pattern in bundle.patterns)


def in_bundles(pages: dict[str, str], found: list[Bundle]) -> list[tuple[Bundle, list]]:
    """The docnames of ``pages`` (docname: its page's path) in the order to write
    them, bundle by bundle (none without pages): the transcripts' first (Pagefind
    takes longest over them), then the show notes' (the first bundle of
    ``found``, with the pages of none, then their years', if any), the people's
    last: the people's pages are written with their folder's
    (``writing.people_pages``), and Pagefind reads them faster than the notes,
    which it reads meanwhile."""
    notes, others = found[0], found[1:]
    transcripts = [bundle for bundle in others if bundle.folder.startswith(TRANSCRIPTS)]
    rest = [bundle for bundle in others if not bundle.folder.startswith(TRANSCRIPTS)]
    order = [*transcripts, notes, *rest]
    groups: dict[str, list[str]] = {bundle.folder: [] for bundle in order}
    for docname in sorted(pages):
        home = next((bundle for bundle in others if holds(bundle, pages[docname])), notes)
        groups[home.folder].append(docname)
    return [(bundle, groups[bundle.folder]) for bundle in order if groups[bundle.folder]]


class Runs:
    """The bundles' Pagefind runs, in the order given, in worker threads (each
    waits on its process); what each run indexed, and why one failed."""

    def __init__(self, executable: str, site: Path, stamps: Path) -> None:
        self.executable, self.site, self.stamps = executable, site, stamps
        # where the transcripts' bundles read their pages, when they are staged
        # as they are read (``publishing.transcript_search``); else the site
        self.transcripts_from: Path | None = None
        self.known = known_digests(stamps / "pagefind-pages.json")
        self.waiting: queue.Queue = queue.Queue()
        self.workers: list[threading.Thread] = []
        self.indexed: dict[str, tuple[str, threading.Event]] = {}  # folder: fingerprint, done
        self.failures: list[tuple[Bundle, str]] = []

    def source(self, bundle: Bundle) -> Path:
        """Where the bundle's pages are read: the site, or the staged pages."""
        if self.transcripts_from is not None and bundle.folder.startswith(TRANSCRIPTS):
            return self.transcripts_from
        return self.site

    def pages(self, bundle: Bundle) -> list[Path]:
        return bundle.pages(self.source(bundle))

    def stale(self, bundle: Bundle, pages: list[Path]) -> str | None:
        """The fingerprint of the bundle's ``pages``, if its index is not of them."""
        current = fingerprint(self.source(bundle), pages, self.known)
        stamp = self.stamps / f"{bundle.folder}.fingerprint"
        if (self.site / bundle.folder / "pagefind-entry.json").is_file() and stamp.is_file() \
                and stamp.read_text() == current:
            return None
        return current

    def start(self, bundle: Bundle, pages: list[Path], current: str, workers: int) -> None:
        """Index the bundle's ``pages``, whose fingerprint is ``current``, with up
        to ``workers`` runs at once."""
        logger.info(f"indexing {len(pages)} pages for search ({bundle.folder}/)")
        (self.stamps / f"{bundle.folder}.fingerprint").unlink(missing_ok=True)  # until whole
        done = threading.Event()
        self.indexed[bundle.folder] = (current, done)
        self.waiting.put((bundle, current, done))
        while len(self.workers) < workers:
            worker = threading.Thread(target=self._work, daemon=True)
            worker.start()
            self.workers.append(worker)

    def _work(self) -> None:
        while (job := self.waiting.get()) is not None:
            bundle, current, done = job
            try:
                self._run(bundle, current)
            finally:
                done.set()

    def command(self, bundle: Bundle) -> list[str]:
        """Pagefind's command for the bundle, at a lower priority where the system
        can say so: the pages still being written come first."""
        source = self.source(bundle)
        command = bundle.command(self.executable, self.site,
                                 None if source == self.site else source)
        nice = shutil.which("nice")
        return [nice, "-n", str(NICENESS), *command] if nice else command

    def _run(self, bundle: Bundle, current: str) -> None:
        # Pagefind adds its files beside the last index's (their names are their
        # contents'): an index made anew leaves none of the old one behind
        shutil.rmtree(self.site / bundle.folder, ignore_errors=True)
        with tempfile.TemporaryFile("w+") as output:
            try:
                code = subprocess.call(self.command(bundle), stdout=output,
                                       stderr=subprocess.STDOUT)
            except OSError as error:
                self.failures.append((bundle, str(error)))
                return
            output.seek(0)
            said = output.read().strip()[-2000:]
        if code:
            self.failures.append((bundle, said or f"exit status {code}"))
        else:
            (self.stamps / f"{bundle.folder}.fingerprint").write_text(current)

    def finish(self) -> None:
        """Wait for every run; warn of those that failed."""
        for _ in self.workers:
            self.waiting.put(None)
        for worker in self.workers:
            worker.join()
        for bundle, why in self.failures:
            logger.warning(f"the search index {bundle.folder}/ is not built: {why}",
                           type="podcast", subtype="search")


def pagefind_executable() -> Path | None:
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    executable = get_executable()
    return executable if executable is not None and executable.is_file() else None


_RUNS = "podcast_pagefind_runs"  # the build's Runs, on the app


def runs_of(app: Sphinx) -> Runs | None:
    """The build's Pagefind runs (None without Pagefind)."""
    return getattr(app, _RUNS, None)


def index_while_writing(app: Sphinx) -> None:
    """``builder-inited``: the pages written bundle by bundle, each but the last
    indexed as soon as it is written (``Builder.write_documents``, which
    builders may override, wrapped)."""
    executable = pagefind_executable()
    if not uses_pagefind(app) or executable is None:
        return
    runs = Runs(str(executable), Path(app.outdir), Path(app.doctreedir))
    setattr(app, _RUNS, runs)
    builder = app.builder
    write_documents = builder.write_documents

    def write_in_bundles(docnames) -> None:
        # the transcript pages, drawn without a source, are written when called for
        pages = {docname: site_path(app, docname)
                 for docname in [*docnames, *drawn_transcripts(app)]}
        groups = in_bundles(pages, bundles_of(app))
        for bundle, group in groups:
            write_documents(set(group))
            if bundle is not groups[-1][0] and bundle.folder not in runs.indexed \
                    and (found := runs.pages(bundle)) \
                    and (current := runs.stale(bundle, found)) is not None:
                runs.start(bundle, found, current, WHILE_WRITING)

    builder.write_documents = write_in_bundles


def build_index(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: Pagefind over each bundle whose pages changed since
    its index was made (during the writing, or before this build); the bundles
    of transcripts or of episodes by year no longer grouped so are removed."""
    if exception is not None or not uses_pagefind(app) or not is_web_build(app):
        return
    runs: Runs | None = getattr(app, _RUNS, None)
    if runs is None:
        logger.warning("the search index is not built: Pagefind is not installed "
                       "(pip install 'pagefind[bin]')", type="podcast", subtype="search")
        return
    site, stamps = runs.site, runs.stamps
    current_bundles = bundles_of(app)
    kept = {bundle.folder for bundle in current_bundles}
    for old in [found for prefix in (TRANSCRIPTS, NOTES_BY_YEAR)  # the bundles by year
                for found in (*site.glob(f"{prefix}*/"), *stamps.glob(f"{prefix}*.fingerprint"))]:
        if old.name.removesuffix(".fingerprint") not in kept:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    names: set[str] = set()  # every page indexed, for the digests kept
    for bundle in current_bundles:
        pages = runs.pages(bundle)
        names.update(page.relative_to(runs.source(bundle)).as_posix() for page in pages)
        if not pages:  # no transcripts (any more): no bundle
            shutil.rmtree(site / bundle.folder, ignore_errors=True)
            (stamps / f"{bundle.folder}.fingerprint").unlink(missing_ok=True)
            continue
        if bundle.folder in runs.indexed:
            indexed, done = runs.indexed[bundle.folder]
            if indexed == fingerprint(runs.source(bundle), pages, runs.known):
                continue
            done.wait()  # a page written after its run: indexed again, once it is done
        if (current := runs.stale(bundle, pages)) is not None:
            runs.start(bundle, pages, current, AT_ONCE)
    (stamps / "pagefind-pages.json").write_text(json.dumps(
        {name: runs.known[name] for name in sorted(names & runs.known.keys())}),
        encoding="utf-8")


def wait_for_index(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``, after the feeds and the rest: the indexing done."""
    runs: Runs | None = getattr(app, _RUNS, None)
    if runs is not None:
        runs.finish()


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", index_while_writing)
    # the last runs go on while the feeds, the sitemap and the rest are written
    app.connect("build-finished", build_index, priority=100)
    app.connect("build-finished", wait_for_index, priority=900)

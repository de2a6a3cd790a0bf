"""Incremental builds equal clean ones: every page that shows other documents'
data is rebuilt when that data changes (the registry, a post's lists, a
transcript, a post's chapters), and nothing is left of a page that is gone."""

import shutil

import pytest
from helpers import build_root, page, search_records, written
from test_builds import output_files

TALK = "episodes/2023-03-26-talk"
# A post whose lists name people the transcript of the other post names too.
PEOPLE_POST = """---
title: 'Grace Hopper: Compilers | Learning from Machine Learning #6'
date: 2023-06-01 10:00:00 +0000
youtubeID: GRACEVIDEO1
---

Grace Hopper on compilers.

## References from the Episode

- [Fei-Fei Li](https://www.linkedin.com/in/fei-fei-li-4541247/) - ImageNet
- [Chip Huyen](https://www.linkedin.com/in/chiphuyen/)
"""
TRANSCRIPT = TALK + ".vtt"
SAID = ("WEBVTT\n\n00:00:01.000 --> 00:00:04.500\n<v Seth Levine>Welcome, with Fei-Fei Li "
        "in mind.\n\n00:01:16.000 --> 00:01:30.000\n<v Sebastian Raschka>Andrew Ng taught "
        "me, and Chip Huyen wrote the book.\n")

CHANGES = {
    "registry: a person made nobody": {
        "registry.yaml": "people:\n  - name: Andrew Ng\n    website: https://www.andrewng.org/"
                         "\nnot_people: [Fei-Fei Li]\n"},
    "a post's people list: a person added, one removed": {
        "episodes/2023-06-01-people.md": PEOPLE_POST.replace(
            "- [Chip Huyen](https://www.linkedin.com/in/chiphuyen/)\n",
            "- [Seth Levine](https://www.linkedin.com/in/sethplevine/)\n")},
    "a transcript: other words, other people": {
        TRANSCRIPT: SAID.replace("Andrew Ng taught me", "Fei-Fei Li taught me")},
    "a post's chapters: the transcript's headings follow": {
        TALK + ".md": (
            "---\ntitle: 'Sebastian Raschka: Learning ML | Learning from Machine Learning #4'\n"
            "date: 2023-03-26 18:02:06 -0500\nyoutubeID: TALKVIDEO01\n---\n\n"
            "Sebastian Raschka on learning machine learning.\n\n"
            "```{chapters}\n00:00 - Welcome\n01:10 - Where it began\n```\n")},
}


GENERATED = ("_build", "archive", "people", "books", "transcripts")


def copy_sources(folder, to):
    """The host's files of a built test folder: what a clean build starts from."""
    shutil.rmtree(to, ignore_errors=True)
    shutil.copytree(folder, to, ignore=lambda where, names: [
        name for name in names if where == str(folder) and name in GENERATED])


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_incremental_build_equals_a_clean_one(sphinx_test_tempdir, rootdir, change):
    root = rootdir / "test-transcripts"
    slug = "".join(char if char.isalnum() else "-" for char in change)
    folder = sphinx_test_tempdir / f"incremental-{slug}"
    shutil.rmtree(folder, ignore_errors=True)
    first = build_root(root, folder, files={"episodes/2023-06-01-people.md": PEOPLE_POST,
                                            TRANSCRIPT: SAID})
    first.cleanup()
    incremental = build_root(root, folder, files=CHANGES[change])
    incremental.cleanup()
    clean_folder = sphinx_test_tempdir / f"clean-{slug}"
    copy_sources(folder, clean_folder)
    clean = build_root(root, clean_folder)
    clean.cleanup()
    made, expected = output_files(incremental), output_files(clean)
    assert not set(made) ^ set(expected), " ".join(sorted(set(made) ^ set(expected)))
    differ = [name for name in expected if made[name] != expected[name]]
    assert not differ, " ".join(differ)
    if "chapters" in change:  # the transcript page follows its post's new chapters
        headings = [h.get_text().rstrip("#") for h in
                    page(incremental, "transcripts/2023-03-26-talk").select("article h2")]
        assert headings == ["Welcome", "Where it began"]


OLDER_POST = """---
title: 'Ada Lovelace: Engines | Learning from Machine Learning #1'
date: 2022-01-10 10:00:00 +0000
youtubeID: ADAVIDEO001
---

Ada Lovelace on engines.
"""
OLDER_SAID = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Seth Levine>Engines, and the loom.\n"
NEW_SAID = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Seth Levine>Compilers, at last.\n"


def test_a_new_transcript_rebuilds_its_episode_and_its_index_alone(sphinx_test_tempdir, rootdir):
    """A transcript added to one episode: that episode's page and its transcript's
    are written (and the year's page listing it), and the search index of that
    year's transcripts made again, not another year's."""
    folder = sphinx_test_tempdir / "incremental-new-transcript"
    shutil.rmtree(folder, ignore_errors=True)
    one_a_year = {"podcast_transcripts_per_index": 1}
    first = build_root(rootdir / "test-transcripts", folder, confoverrides=one_a_year, files={
        "episodes/2023-06-01-people.md": PEOPLE_POST, "episodes/2022-01-10-ada.md": OLDER_POST,
        "episodes/2022-01-10-ada.vtt": OLDER_SAID})
    first.cleanup()
    indexes = {bundle.name: bundle.joinpath("pagefind-entry.json").stat().st_mtime_ns
               for bundle in first.outdir.glob("pagefind-transcripts*")}
    assert set(indexes) == {"pagefind-transcripts-2022", "pagefind-transcripts-2023"}
    again = build_root(rootdir / "test-transcripts", folder, confoverrides=one_a_year,
                       files={"episodes/2023-06-01-people.vtt": NEW_SAID})
    again.cleanup()
    # and the year's page, which Sphinx writes again with any page it lists
    assert written(again) == {"episodes/2023-06-01-people", "transcripts/2023-06-01-people",
                              "archive/2023"}
    assert "Compilers, at last" in page(again, "transcripts/2023-06-01-people").get_text()
    now = {bundle.name: bundle.joinpath("pagefind-entry.json").stat().st_mtime_ns
           for bundle in again.outdir.glob("pagefind-transcripts*")}
    assert now["pagefind-transcripts-2022"] == indexes["pagefind-transcripts-2022"]
    assert now["pagefind-transcripts-2023"] != indexes["pagefind-transcripts-2023"]
    said = search_records(again, "pagefind-transcripts-2023")
    assert "transcripts/2023-06-01-people.html" in said


NEWER_POST = OLDER_POST.replace("2022-01-10", "2024-02-01").replace("#1", "#9").replace(
    "ADAVIDEO001", "ADAVIDEO009")


def test_an_edit_to_one_episode_indexes_its_years_notes_alone(sphinx_test_tempdir, rootdir):
    """The show notes indexed by year (``podcast_notes_per_index``): an edit to
    one episode's notes makes its years' index again, not the first one's, and
    the search page reads them all; each episode in one index, an undated post's
    (and its transcript) too, as Pagefind reads the bundles' globs."""
    folder = sphinx_test_tempdir / "incremental-notes-by-year"
    shutil.rmtree(folder, ignore_errors=True)
    by_year = {"podcast_notes_per_index": 1}
    first = build_root(rootdir / "test-transcripts", folder, confoverrides=by_year, files={
        "episodes/2022-01-10-ada.md": OLDER_POST, "episodes/2024-02-01-ada.md": NEWER_POST,
        "episodes/welcome.md": OLDER_POST.replace("#1", "#0"), "episodes/welcome.vtt": NEW_SAID})
    first.cleanup()
    indexes = {bundle.name: bundle.joinpath("pagefind-entry.json").stat().st_mtime_ns
               for bundle in first.outdir.glob("pagefind*") if bundle.name != "pagefind-people"
               and not bundle.name.startswith("pagefind-transcripts")}
    assert set(indexes) == {"pagefind", "pagefind-notes-2023", "pagefind-notes-2024"}
    assert page(first, "search").select_one("[data-bundles]")["data-bundles"].split()[:3] == [
        "pagefind/", "pagefind-notes-2023/", "pagefind-notes-2024/"]
    found = {name: set(search_records(first, name)) for name in indexes}
    assert {"episodes/2022-01-10-ada.html", "episodes/welcome.html"} <= found["pagefind"]
    assert "transcripts/welcome.html" in search_records(first, "pagefind-transcripts-other")
    assert "episodes/2024-02-01-ada.html" in found["pagefind-notes-2024"]
    assert sum(len(urls) for urls in found.values()) == len(set().union(*found.values()))
    again = build_root(rootdir / "test-transcripts", folder, confoverrides=by_year, files={
        "episodes/2024-02-01-ada.md": NEWER_POST.replace("on engines", "on looms")})
    again.cleanup()
    now = {name: again.outdir.joinpath(name, "pagefind-entry.json").stat().st_mtime_ns
           for name in indexes}
    assert now["pagefind"] == indexes["pagefind"]
    assert now["pagefind-notes-2023"] == indexes["pagefind-notes-2023"]
    assert now["pagefind-notes-2024"] != indexes["pagefind-notes-2024"]
    assert "looms" in search_records(again, "pagefind-notes-2024")[
        "episodes/2024-02-01-ada.html"]["content"]

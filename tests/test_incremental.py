"""Incremental builds equal clean ones: every page that shows other documents'
data is rebuilt when that data changes (the registry, a post's lists, a
transcript, a post's chapters), and nothing is left of a page that is gone."""

import shutil

import pytest
from helpers import build_root, page
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

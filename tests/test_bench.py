"""The benchmark's generator and runner work (on a tiny N; timings live in the benchmark)."""

import json
import re
import subprocess
import sys

import pytest
from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402
from podcast.core.post.episode import decode, parse_title  # noqa: E402
from podcast.core.post.frontmatter import as_myst_strings, front_matter  # noqa: E402


def test_generated_posts_have_the_hosts_shapes(tmp_path):
    posts = generate(40, tmp_path, seed=3)
    assert len(posts) == 40
    again = generate(40, tmp_path / "again", seed=3)
    assert [p.read_bytes() for p in posts] == [p.read_bytes() for p in again]  # fixed seed
    text = "\n".join(path.read_text(encoding="utf-8") for path in posts)
    for shape in (r"^- \d\d:\d\d - ", r"^- \[\d\d:\d\d\]\(https://www\.youtube\.com/watch\?v=",
                  r"^- \d\d:\d\d [A-Z]", r"## Connect with ", r"'s Books", r"https://amzn\.to/",
                  r"https://youtu\.be/", r"^  - [A-Z]", r"\n  Machine Learning #"):
        assert re.search(shape, text, re.MULTILINE), shape
    guests = []
    for path in posts:
        episode, problems = decode(path.stem, as_myst_strings(front_matter(path)))
        assert problems == [], path
        assert episode.guests and episode.number and episode.youtube_id
        guests += episode.guests
    assert len(set(guests)) < len(guests)  # some guests come back
    assert parse_title("A B: C | Learning from Machine Learning #1").guests == ("A B",)


def test_generated_transcripts_are_an_hour_long_and_read_cleanly(tmp_path):
    from podcast.core.transcripts.captions import read_transcript

    posts = generate(2, tmp_path, seed=3, transcripts=True)
    for post in posts:
        cues, troubles = read_transcript(post.with_suffix(".vtt").read_text(), "vtt")
        assert troubles == [] and len(cues) == 900 and cues[-1].end == 3600
        assert sum(len(cue.text.split()) for cue in cues) == 9000
        assert {cue.speaker for cue in cues} == {"Seth Levine", *decode(
            post.stem, as_myst_strings(front_matter(post)))[0].guests}


def test_the_benchmark_runs_and_reports(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "6", "--out", str(tmp_path),
                    "--repeat", "2"], check=True, capture_output=True, text=True)
    results = json.loads((tmp_path / "results-6.json").read_text())
    for key in ("a_serial", "b_parallel", "c_naive", "d_features_off", "e_edit_one",
                "e_add_one", "e_naive_edit_one", "f_transcripts_serial", "g_transcripts_parallel",
                "h_transcripts_edit_one", "i_new_transcript"):
        assert results[key]["wall_s"] > 0 and results[key]["peak_rss_mb"] > 0, key
        row = results[key]
        assert row["cpu_s"] > 0
        assert row["cores_used"] == pytest.approx(row["cpu_s"] / row["wall_s"], abs=0.05)
    assert results["a_serial"]["episode_page_max_kb"] > 0
    # clean builds ran twice each; the fastest is reported
    for key in ("a_serial", "b_parallel", "c_naive", "d_features_off", "f_transcripts_serial",
                "g_transcripts_parallel"):
        runs = results[key]["runs_wall_s"]
        assert len(runs) == 2 and results[key]["wall_s"] == min(runs), key
    assert results["b_parallel"]["files_differing_from_serial"] == []
    assert results["g_transcripts_parallel"]["files_differing_from_serial"] == []
    assert 0 < results["e_edit_one"]["pages_written"] <= 20
    assert 0 < results["h_transcripts_edit_one"]["pages_written"] <= 20
    assert results["f_transcripts_serial"]["transcript_page_median_kb"] > 0
    # the transcript added is indexed again with its year's transcripts alone (and its
    # episode, which now links it, with the notes)
    made_again = results["i_new_transcript"]["indexes_made_again"]
    assert made_again[0] == "pagefind" and len(made_again) == 2
    assert made_again[1].startswith("pagefind-transcripts-")
    assert set(results["ratios"]) == {"ours_over_features_off", "parallel_speed_up",
                                      "ours_over_naive", "edit_over_naive_edit",
                                      "transcripts_over_without", "parallel_speed_up_transcripts",
                                      "parallel_bound", "parallel_bound_transcripts"}
    ratios = results["ratios"]
    assert ratios["parallel_bound_transcripts"] == round(
        results["f_transcripts_serial"]["wall_s"]
        / (results["g_transcripts_parallel"]["cpu_s"] / 2), 3)

    # where the time goes, on the site the benchmark prepared
    output = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "phases.py"), str(tmp_path / "n6" / "ours")],
        check=True, capture_output=True, text=True).stdout
    phases = json.loads(output.splitlines()[-1])
    assert list(phases["phases_s"]) == ["start-up", "reading", "after reading", "writing",
                                        "finishing"]
    assert phases["pages"]["episodes"]["count"] == 7  # six, and the one the benchmark added
    assert phases["pages"]["people"]["read_s"] > 0 and phases["pages"]["people"]["write_s"] > 0


@pytest.mark.browser
def test_the_search_benchmark_measures_both_searches(tmp_path):
    from browser import chromium_path

    if chromium_path() is None:
        pytest.skip("no Chromium found (apt-get install chromium): browser tests skipped")
    subprocess.run([sys.executable, str(ROOT / "bench" / "search.py"), "3", "--out",
                    str(tmp_path)], check=True, capture_output=True, text=True)
    results = json.loads((tmp_path / "search-3.json").read_text())
    assert results["words"][0] == "learning"
    for label in ("without_transcripts", "with_transcripts"):
        before, after = results[label]["sphinx"], results[label]["pagefind"]
        # Sphinx's index comes with every page; Pagefind's with none
        assert before["page_view_search_kb"] > 0 and after["page_view_search_kb"] == 0
        for row in (before, after):
            assert row["search_common_kb"] > 0 and row["search_rare_kb"] > 0
        assert after["edit_one"]["transcripts_indexed_again"] is False
        assert after["index"]["pagefind"]["pages"] > 3
    def transcript_bundles(label: str) -> list[str]:
        return [bundle for bundle in results[label]["pagefind"]["index"]
                if bundle.startswith("pagefind-transcripts")]
    assert transcript_bundles("with_transcripts") and not transcript_bundles("without_transcripts")

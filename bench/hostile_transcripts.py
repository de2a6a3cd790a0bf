"""What two hostile transcripts cost a build: a small site of two posts, built
without transcripts and with two oversized files beside the posts.

    python bench/hostile_transcripts.py [--repeat 3] [--keep DIR]

The files, made in a temporary folder: a 100 MB WebVTT of a thousand cues of
100 KB each, and one of a million tiny cues (35 MB). Each site is built
clean with ``sphinx-build`` in a process of its own (wall time, and the peak
memory of the build and the processes it waited for, from ``wait4``), and the
largest transcript page and the site's size are reported. The bound asked:
the site with the files within twice the time and memory of the site without.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "_ext")]

from podcast.core.transcripts.files import MAX_BYTES  # noqa: E402
from run import clean_build, prepare_ours  # noqa: E402

POST = """---
title: '{guest}: {topic} | Learning from Machine Learning #{number}'
date: 2024-0{number}-01 10:00:00 +0000
youtubeID: HOSTILEVID{number}
---

{guest} on {topic}, and what a career in machine learning teaches.

## Episode Timestamps

- 00:00 - Introduction
- 05:00 - {topic}
- 20:00 - Advice

## Resources

- [{guest}](https://example.org/{number})
"""
POSTS = {"2024-01-01-ann-lee": ("Ann Lee", "Search"), "2024-02-01-bo-chen": ("Bo Chen", "Robots")}


def at(second: float) -> str:
    whole = int(second)
    return (f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}."
            f"{round(second % 1 * 1000):03d}")


def write_big_cues(path: Path, cues: int = 1_000, size: int = 100_000) -> None:
    """A WebVTT of ``cues`` cues of ``size`` bytes each (one line of words)."""
    phrase = "machine learning is a career of small lessons "
    words = (phrase * (size // len(phrase) + 1))[:size]
    with path.open("w", encoding="utf-8") as file:
        file.write("WEBVTT\n\n")
        for number in range(cues):
            file.write(f"{at(number * 5)} --> {at(number * 5 + 4)}\n{words}\n\n")


def write_tiny_cues(path: Path, cues: int = 1_000_000) -> None:
    """A WebVTT of ``cues`` cues of one word, a tenth of a second each."""
    with path.open("w", encoding="utf-8") as file:
        file.write("WEBVTT\n\n")
        for number in range(cues):
            file.write(f"{at(number / 10)} --> {at(number / 10 + 0.09)}\nHi.\n\n")


def make_site(folder: Path, episodes: Path, hostile: bool) -> Path:
    prepare_ours(folder, episodes)
    if hostile:
        write_big_cues(folder / "episodes" / "2024-01-01-ann-lee.vtt")
        write_tiny_cues(folder / "episodes" / "2024-02-01-bo-chen.vtt")
    return folder


def measured(folder: Path, repeat: int) -> dict:
    outdir = folder / "_build" / "html"
    found = clean_build(folder, outdir, repeat=repeat)
    pages = [path.stat().st_size for path in (outdir / "transcripts").glob("*.html")]
    inputs = [path.stat().st_size for path in (folder / "episodes").glob("*.vtt")]
    return {**found, "transcripts_mb": round(sum(inputs) / 1e6, 1),
            "largest_transcript_page_kb": round(max(pages, default=0) / 1024, 1),
            "site_mb": round(sum(path.stat().st_size for path in outdir.rglob("*")
                                 if path.is_file()) / 1e6, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each build (the "
                        "fastest is kept)")
    parser.add_argument("--keep", type=Path, help="make the sites here, and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="hostile-transcripts-"))
    try:
        episodes = work / "posts"
        episodes.mkdir(parents=True, exist_ok=True)
        for number, (name, (guest, topic)) in enumerate(POSTS.items(), start=1):
            (episodes / f"{name}.md").write_text(
                POST.format(guest=guest, topic=topic, number=number), encoding="utf-8")
        results = {}
        for label, hostile in (("without the files", False), ("with the two files", True)):
            folder = work / label.replace(" ", "-")
            shutil.rmtree(folder, ignore_errors=True)
            results[label] = measured(make_site(folder, episodes, hostile), args.repeat)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"two posts; at most {MAX_BYTES:,} bytes read of a transcript\n")
    print("| site | transcripts MB | wall s | peak MB | largest transcript page KB | "
          "site MB | warnings |")
    print("|---|---|---|---|---|---|---|")
    for label, found in results.items():
        print(f"| {label} | {found['transcripts_mb']} | {found['wall_s']} | "
              f"{found['peak_rss_mb']} | {found['largest_transcript_page_kb']} | "
              f"{found['site_mb']} | {found['warnings']} |")
    without, with_files = results.values()
    time_ratio = with_files["wall_s"] / without["wall_s"]
    memory_ratio = with_files["peak_rss_mb"] / without["peak_rss_mb"]
    within = time_ratio <= 2 and memory_ratio <= 2
    print(f"\nwith / without: time {time_ratio:.2f}, memory {memory_ratio:.2f} "
          f"({'within' if within else 'NOT within'} twice)")
    sys.exit(0 if within else 1)


if __name__ == "__main__":
    main()

"""Benchmark the site on N generated episodes, against a naive MyST build.

    python bench/run.py 1000 [--out _build/bench] [--skip-naive] [--repeat 3]
                             [--transcripts both|without|only] [--only-serial]

On the same generated posts, in one run, it measures, first without transcripts:

  a. our site, clean build, serial
  b. our site, clean build, -j 2 (and whether every file it writes equals a's)
  c. the naive baseline: bare MyST + pydata-sphinx-theme, no extension, one flat
     toctree of all episodes
  d. our site with the extension switched off (same theme, same year-grouped
     toctree written as plain pages), to isolate the extension's cost
  e. incremental builds of (a): after editing one episode's body, and after adding
     an episode (wall time and pages written), and the naive site's after the edit

then with a one-hour WebVTT transcript beside every post but one:

  f. our site, clean build, serial
  g. the same with -j 2 (and whether every file it writes equals f's)
  h. an incremental build of (f) after editing one episode's notes
  i. then the missing transcript added: pages written, search indexes made again

and reports wall time, CPU time (the build's and its processes', Pagefind's
included) and the cores it kept busy on average, peak memory, median and largest
episode page, total site size and the ratios, as a table and as JSON
(``<out>/results-N.json``); ``parallel_bound``: the most ``-j 2`` could gain
over the serial build, its own CPU time spread over both cores throughout.
``--repeat R`` runs each clean build R times and keeps the fastest.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

from generate import generate  # noqa: E402
from helpers import search_contents  # noqa: E402

PROJECT_FILES = ["conf.py", "index.md", "registry.yaml", "_ext", "_static", "_templates"]
NAIVE_CONF = """\
project = "Learning from Machine Learning"
extensions = ["myst_parser"]
source_suffix = {".md": "markdown", ".markdown": "markdown"}
myst_title_to_header = True
html_theme = "pydata_sphinx_theme"
suppress_warnings = ["myst.header", "myst.xref_missing"]
"""
NAIVE_INDEX = """\
# Learning from Machine Learning

```{toctree}
:glob:
:reversed:

episodes/*
```
"""
OFF_CONF = """\
exec(open("conf_project.py").read())
extensions = ["myst_parser"]  # the site without its extension
"""
OFF_INDEX = """\
# Learning from Machine Learning

```{toctree}
:hidden:

archive/index
```
"""


def run_build(source: Path, outdir: Path, jobs: int = 1) -> dict:
    """One sphinx-build in a process of its own: wall time, peak memory, pages written."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", str(source), str(outdir),
               "-d", str(outdir.parent / f"{outdir.name}-doctrees")]
    if jobs > 1:
        command += ["-j", str(jobs)]
    before = html_mtimes(outdir)
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, text=True)
        # wait4 gives this build's own peak memory (with the workers it waited for)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        output, errors = stdout.read(), stderr.read()
    if process.returncode:
        raise SystemExit(f"build of {source} failed:\n{errors[-3000:]}")
    del output
    # pages written: HTML files that are new or changed (whatever Sphinx prints)
    written = [path for path, mtime in html_mtimes(outdir).items() if before.get(path) != mtime]
    # CPU time of the build and of every process it waited for (its forks, Pagefind)
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 1), "cores_used": round(cpu / wall, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "pages_written": len(written), "warnings": errors.count("WARNING")}


def clean_build(source: Path, outdir: Path, jobs: int = 1, repeat: int = 1) -> dict:
    """A clean build, ``repeat`` times: the fastest is kept (a busy machine only
    ever slows a build down), with every run's wall time beside it."""
    runs = []
    for _ in range(repeat):
        for folder in (outdir, outdir.parent / f"{outdir.name}-doctrees"):
            shutil.rmtree(folder, ignore_errors=True)
        runs.append(run_build(source, outdir, jobs))
    fastest = min(runs, key=lambda run: run["wall_s"])
    return {**fastest, "runs_wall_s": [run["wall_s"] for run in runs]}


def html_mtimes(outdir: Path) -> dict[Path, int]:
    """The pages of documents (not genindex, search, or the redirects of old URLs)."""
    if not outdir.is_dir():
        return {}
    return {path: path.stat().st_mtime_ns for path in outdir.rglob("*.html")
            if "_static" not in path.parts and path.name not in ("genindex.html", "search.html")
            and not path.read_bytes().startswith(b"<html><head><noscript>")}


def sizes(outdir: Path) -> dict:
    episodes = sorted(path.stat().st_size for path in (outdir / "episodes").glob("*.html"))
    total = sum(path.stat().st_size for path in outdir.rglob("*") if path.is_file())
    found = {
        "episode_page_median_kb": round(statistics.median(episodes) / 1024, 1),
        "episode_page_max_kb": round(max(episodes) / 1024, 1),
        "site_mb": round(total / 1024 / 1024, 1),
        "pages": len(list(outdir.rglob("*.html"))),
    }
    # what a browser downloads for its first search: Sphinx's whole index
    index = outdir / "searchindex.js"
    if index.is_file():
        found["search_index_mb"] = round(index.stat().st_size / 1024 / 1024, 2)
    transcripts = sorted(path.stat().st_size for path in (outdir / "transcripts").glob("*.html"))
    if transcripts:
        found["transcript_page_median_kb"] = round(statistics.median(transcripts) / 1024, 1)
    return found


def prepare_ours(folder: Path, episodes: Path) -> Path:
    folder.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, folder / name)
    shutil.copytree(episodes, folder / "episodes")
    return folder


def prepare_naive(folder: Path, episodes: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "conf.py").write_text(NAIVE_CONF)
    (folder / "index.md").write_text(NAIVE_INDEX)
    shutil.copytree(episodes, folder / "episodes")
    return folder


def prepare_off(folder: Path, episodes: Path) -> Path:
    """Our conf.py and theme, no extension; the same year-grouped toctree as plain pages."""
    prepare_ours(folder, episodes)
    (folder / "conf.py").rename(folder / "conf_project.py")
    (folder / "conf.py").write_text(OFF_CONF)
    (folder / "index.md").write_text(OFF_INDEX)
    years: dict[str, list[str]] = defaultdict(list)
    for path in sorted((folder / "episodes").iterdir(), reverse=True):
        years[path.name[:4]].append(f"/episodes/{path.stem}")
    archive = folder / "archive"
    archive.mkdir()
    (archive / "index.md").write_text("# All episodes\n\n```{toctree}\n:hidden:\n\n"
                                      + "\n".join(sorted(years, reverse=True)) + "\n```\n")
    for year, docnames in years.items():
        (archive / f"{year}.md").write_text(f"# {year}\n\n```{{toctree}}\n\n"
                                            + "\n".join(docnames) + "\n```\n")
    return folder


def differing_files(first: Path, second: Path) -> list[str]:
    """Files that differ between two builds: pages, feeds, sitemap, search index...

    A search bundle whose contents are the same counts as the same, whatever the
    order Pagefind wrote its maps in (see ``search_contents``)."""
    same = {entry.parent.relative_to(first) for entry in first.glob("*/pagefind-entry.json")
            if search_contents(entry.parent) == search_contents(second / entry.parent.name)}

    def files(folder: Path) -> set[Path]:
        return {path.relative_to(folder) for path in folder.rglob("*")
                if path.is_file() and path.name != ".buildinfo"
                and not any(bundle in path.relative_to(folder).parents for bundle in same)}

    return sorted(str(name) for name in files(first) | files(second)
                  if not (first / name).is_file() or not (second / name).is_file()
                  or (first / name).read_bytes() != (second / name).read_bytes())


def edit_one(folder: Path) -> Path:
    posts = sorted((folder / "episodes").iterdir())
    post = posts[len(posts) // 2]
    with open(post, "a", encoding="utf-8") as stream:
        stream.write("\nOne more sentence, added to the body.\n")
    return post


def without_transcripts(posts: Path, folder: Path) -> Path:
    """The same posts, their transcripts left out."""
    shutil.copytree(posts, folder, ignore=shutil.ignore_patterns("*.vtt"))
    return folder


def index_times(outdir: Path) -> dict[str, int]:
    return {entry.parent.name: entry.stat().st_mtime_ns
            for entry in outdir.glob("pagefind*/pagefind-entry.json")}


def benchmark(count: int, out: Path, naive: bool = True, only_serial: bool = False,
              repeat: int = 1, transcripts: str = "both") -> dict:
    """``transcripts``: "both" (the site without them, then with them), "without"
    or "only"."""
    if out.exists():
        shutil.rmtree(out)
    said = out / "posts-transcripts"
    generate(count, said, transcripts=True)
    episodes = without_transcripts(said, out / "posts")
    results: dict = {"episodes": count, "machine": machine(), "repeat": repeat}
    if transcripts != "only":
        results.update(without(count, out, episodes, naive, only_serial, repeat))
    if transcripts != "without":
        results.update(with_transcripts(out, said, only_serial, repeat))
    results["ratios"] = ratios(results)
    return results


def without(count: int, out: Path, episodes: Path, naive: bool, only_serial: bool,
            repeat: int) -> dict:
    """a to e: the show notes alone."""
    results: dict = {}
    ours = prepare_ours(out / "ours", episodes)
    results["a_serial"] = clean_build(ours, out / "ours-html", repeat=repeat)
    results["a_serial"].update(sizes(out / "ours-html"))
    if only_serial:
        return results

    ours_j2 = prepare_ours(out / "ours-j2", episodes)
    results["b_parallel"] = clean_build(ours_j2, out / "ours-j2-html", jobs=2,
                                        repeat=repeat)
    results["b_parallel"]["files_differing_from_serial"] = differing_files(
        out / "ours-html", out / "ours-j2-html")[:20]

    if naive:
        naive_site = prepare_naive(out / "naive", episodes)
        results["c_naive"] = clean_build(naive_site, out / "naive-html", repeat=repeat)
        results["c_naive"].update(sizes(out / "naive-html"))

    off = prepare_off(out / "off", episodes)
    results["d_features_off"] = clean_build(off, out / "off-html", repeat=repeat)
    results["d_features_off"].update(sizes(out / "off-html"))

    edited = edit_one(ours)
    results["e_edit_one"] = run_build(ours, out / "ours-html")
    results["e_edit_one"]["edited"] = edited.name
    extra = out / "extra"
    generate(count + 1, extra, seed=8)
    newest = sorted(extra.iterdir())[-1]
    shutil.copy2(newest, ours / "episodes" / ("2099-01-01-" + newest.name[11:]))
    results["e_add_one"] = run_build(ours, out / "ours-html")
    if naive:
        edit_one(naive_site)
        results["e_naive_edit_one"] = run_build(naive_site, out / "naive-html")
    return results


def with_transcripts(out: Path, said: Path, only_serial: bool, repeat: int) -> dict:
    """f to i: the same posts, each with a one-hour transcript but one, which
    comes last (i)."""
    results: dict = {}
    site = prepare_ours(out / "said", said)
    transcripts = sorted((site / "episodes").glob("*.vtt"))
    late = transcripts[len(transcripts) // 3]
    kept = out / "late.vtt"
    shutil.move(late, kept)
    results["f_transcripts_serial"] = clean_build(site, out / "said-html", repeat=repeat)
    results["f_transcripts_serial"].update(sizes(out / "said-html"))
    if only_serial:
        return results

    site_j2 = prepare_ours(out / "said-j2", said)
    (site_j2 / "episodes" / late.name).unlink()
    results["g_transcripts_parallel"] = clean_build(site_j2, out / "said-j2-html", jobs=2,
                                                    repeat=repeat)
    results["g_transcripts_parallel"]["files_differing_from_serial"] = differing_files(
        out / "said-html", out / "said-j2-html")[:20]

    edited = edit_one(site)
    results["h_transcripts_edit_one"] = run_build(site, out / "said-html")
    results["h_transcripts_edit_one"]["edited"] = edited.name

    before = index_times(out / "said-html")
    shutil.move(kept, late)
    results["i_new_transcript"] = run_build(site, out / "said-html")
    after = index_times(out / "said-html")
    results["i_new_transcript"]["indexes_made_again"] = sorted(
        name for name in after if before.get(name) != after[name])
    results["i_new_transcript"]["indexes"] = len(after)
    return results


def ratios(results: dict) -> dict:
    def wall(key: str) -> float | None:
        return results[key]["wall_s"] if key in results else None

    found = {}
    pairs = {"ours_over_naive": ("a_serial", "c_naive"),
             "ours_over_features_off": ("a_serial", "d_features_off"),
             "parallel_speed_up": ("a_serial", "b_parallel"),
             "edit_over_naive_edit": ("e_edit_one", "e_naive_edit_one"),
             "transcripts_over_without": ("f_transcripts_serial", "a_serial"),
             "parallel_speed_up_transcripts": ("f_transcripts_serial", "g_transcripts_parallel")}
    for name, (top, bottom) in pairs.items():
        if wall(top) and wall(bottom):
            found[name] = round(wall(top) / wall(bottom), 3)
    # the most -j 2 could gain over a serial build that already keeps both cores
    # busy part of the time: its own CPU time spread over both cores throughout
    bounds = {"parallel_bound": ("a_serial", "b_parallel"),
              "parallel_bound_transcripts": ("f_transcripts_serial", "g_transcripts_parallel")}
    for name, (serial, parallel) in bounds.items():
        if wall(serial) and parallel in results:
            found[name] = round(wall(serial) / (results[parallel]["cpu_s"] / 2), 3)
    return found


def machine() -> str:
    cpu = "unknown CPU"
    try:
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = model.group(1) if model else cpu
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}"


def table(results: dict) -> str:
    rows = [("build", "wall s", "CPU s (cores)", "peak MB", "pages written",
             "episode page median/max KB", "site MB")]
    labels = {"a_serial": "a. ours, serial", "b_parallel": "b. ours, -j 2",
              "c_naive": "c. naive baseline", "d_features_off": "d. ours, extension off",
              "e_edit_one": "e. ours, edit one episode", "e_add_one": "e. ours, add one episode",
              "e_naive_edit_one": "e. naive, edit one episode",
              "f_transcripts_serial": "f. ours + transcripts, serial",
              "g_transcripts_parallel": "g. ours + transcripts, -j 2",
              "h_transcripts_edit_one": "h. ours + transcripts, edit one episode",
              "i_new_transcript": "i. ours + transcripts, one transcript added"}
    for key, label in labels.items():
        if key not in results:
            continue
        row = results[key]
        page = (f"{row['episode_page_median_kb']} / {row['episode_page_max_kb']}"
                if "episode_page_median_kb" in row else "")
        rows.append((label, str(row["wall_s"]), f"{row['cpu_s']} ({row['cores_used']})",
                     str(row["peak_rss_mb"]),
                     str(row["pages_written"]), page, str(row.get("site_mb", ""))))
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "---|" * len(rows[0]))
    lines.append("")
    lines.append("ratios: " + ", ".join(f"{k} = {v}" for k, v in results["ratios"].items()))
    for key in ("b_parallel", "g_transcripts_parallel"):
        if key in results:
            differing = results[key]["files_differing_from_serial"]
            lines.append(f"{key}: files differing from serial: {len(differing)} {differing[:5]}")
    if "i_new_transcript" in results:
        row = results["i_new_transcript"]
        lines.append(f"one transcript added: search indexes made again "
                     f"{row['indexes_made_again']} of {row['indexes']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "bench")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--only-serial", action="store_true",
                        help="build our site once, serially (for large N)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="clean builds this many times each, keeping the fastest")
    parser.add_argument("--transcripts", choices=["both", "without", "only"], default="both",
                        help="the site without transcripts, with a one-hour one (about "
                             "9,000 words) per episode, or both (the default)")
    arguments = parser.parse_args()
    work = arguments.out / f"n{arguments.count}"
    results = benchmark(arguments.count, work, naive=not arguments.skip_naive,
                        only_serial=arguments.only_serial, repeat=arguments.repeat,
                        transcripts=arguments.transcripts)
    suffix = ("-serial" if arguments.only_serial else "") + (
        "" if arguments.transcripts == "both" else f"-{arguments.transcripts}-transcripts")
    report = arguments.out / f"results-{arguments.count}{suffix}.json"
    report.write_text(json.dumps(results, indent=1))
    print(json.dumps({key: row for key, row in results.items() if key.endswith("serial")})
          if arguments.only_serial else table(results))
    print(f"\nJSON: {report}")


if __name__ == "__main__":
    main()

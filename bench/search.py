"""What the search costs a listener, before (Sphinx's index) and after (Pagefind).

    python bench/search.py 1000 [--out _build/bench-search]

On N generated episodes, without and then with a one-hour transcript each (the
same posts), it builds the site twice, ``podcast_search = "sphinx"`` and
``"pagefind"``, serves it on localhost and measures in Chromium, in one run:

  - a page view (an episode): every byte it downloads, and the search's share;
  - a search for a common word ("learning") and for a rare one (the word of
    the fewest posts): the bytes the search downloads, as served without compression,
    beyond what every page loads anyway (the theme's styles, scripts, fonts),
    and the time to its results;
  - Pagefind's index: each bundle's build time and peak memory, and an
    incremental build after one episode's notes change (and whether the
    transcripts were indexed again).

Results go to ``<out>/search-N.json`` and a table.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests"), str(ROOT / "_ext")]

from browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402
from generate import generate  # noqa: E402
from podcast.publishing.pagefind import bundles  # noqa: E402
from run import edit_one, prepare_ours, run_build  # noqa: E402

COMMON = "learning"
SEARCH_FILES = re.compile(r"searchindex\.js|searchtools\.js|language_data\.js|/pagefind|"
                          r"podcast-search\.js")
DONE = {  # when each search page has shown its results and fetched what they need
    "sphinx": "() => { const s = document.querySelector('#search-results .search-summary');"
              " return s && /^(Search finished|Your search did not match)/.test(s.textContent); }",
    "pagefind": "() => { const s = document.getElementById('podcast-search-status');"
                " return s && /result|Nothing/.test(s.textContent); }",
}


def rare_word(posts: list[Path]) -> str:
    """The word of the fewest posts' notes (front matter and URLs aside): the
    generator's prose is a small vocabulary, so it is a name of a product."""
    seen: Counter[str] = Counter()
    for post in posts:
        text = post.read_text(encoding="utf-8")
        text = re.sub(r"https?://[^\s)]+", " ", text[text.index("---", 3) + 3:])
        seen.update({word.lower() for word in re.findall(r"\b[A-Za-z]{5,}\b", text)})
    return min(seen, key=lambda word: (seen[word], word))


def measure(site: Path, episode: str, words: list[str], kind: str) -> dict:
    from playwright.sync_api import sync_playwright

    found: dict = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(),
                                             args=CHROMIUM_ARGS)

        def load(path: str, done: str | None = None) -> tuple[dict[str, int], float]:
            context = browser.new_context()  # an empty cache
            page = context.new_page()
            page.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith(base) else route.abort())
            sizes: dict[str, int] = {}

            def counted(response):
                with contextlib.suppress(Exception):  # an aborted or bodiless response
                    sizes[response.url.replace(base, "")] = len(response.body())

            page.on("response", counted)
            started = time.perf_counter()
            page.goto(f"{base}/{path}")
            if done:
                page.wait_for_function(done, timeout=600_000)
            elapsed = time.perf_counter() - started
            page.wait_for_load_state("networkidle")
            context.close()
            return sizes, elapsed

        view, _ = load(episode)
        shared = {url for url in view if not SEARCH_FILES.search(url)}
        found["page_view_kb"] = kb(sum(view.values()))
        found["page_view_search_kb"] = kb(sum(size for url, size in view.items()
                                              if SEARCH_FILES.search(url)))
        for label, word in zip(("common", "rare"), words, strict=True):
            sizes, elapsed = load(f"search.html?q={word}", DONE[kind])
            own = {url: size for url, size in sizes.items() if url not in shared}
            found[f"search_{label}_kb"] = kb(sum(own.values()))
            found[f"search_{label}_requests"] = len(own)
            found[f"search_{label}_s"] = round(elapsed, 2)
        browser.close()
    return found


def kb(size: int) -> float:
    return round(size / 1024, 1)


def index_runs(site: Path) -> dict:
    """Each Pagefind bundle built again on its own: wall time and peak memory."""
    from pagefind.service import get_executable

    runs = {}
    transcripts = [f"transcripts/{page.stem}" for page in (site / "transcripts").glob("*.html")]
    for bundle in bundles("episodes", transcripts=transcripts):
        if not bundle.pages(site):
            continue
        started = time.perf_counter()
        process = subprocess.Popen(bundle.command(str(get_executable()), site),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        runs[bundle.folder] = {"wall_s": round(time.perf_counter() - started, 2),
                               "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
                               "pages": len(bundle.pages(site)),
                               "size_mb": round(sum(path.stat().st_size for path in (
                                   site / bundle.folder).rglob("*")) / 1024 / 1024, 1)}
    return runs


def variant(posts: Path, out: Path, kind: str, words: list[str]) -> dict:
    """One site (Sphinx's search or Pagefind), built and measured."""
    source = prepare_ours(out / kind, posts)
    (source / "conf.py").write_text((source / "conf.py").read_text()
                                    + f"\npodcast_search = {kind!r}\n")
    outdir = out / f"{kind}-html"
    result = {"build": run_build(source, outdir)}
    episodes = sorted((outdir / "episodes").glob("*.html"))
    episode = episodes[len(episodes) // 2]
    result.update(measure(outdir, episode.relative_to(outdir).as_posix(), words, kind))
    if kind == "pagefind":
        def transcript_indexes() -> dict:
            return {entry: entry.stat().st_mtime_ns
                    for entry in outdir.glob("pagefind-transcripts*/pagefind-entry.json")}
        before = transcript_indexes()
        edit_one(source)
        result["edit_one"] = run_build(source, outdir)
        result["edit_one"]["transcripts_indexed_again"] = bool(before) and (
            transcript_indexes() != before)
        result["index"] = index_runs(outdir)
    return result


def benchmark(count: int, out: Path) -> dict:
    if out.exists():
        shutil.rmtree(out)
    with_transcripts = out / "posts-transcripts"
    posts = generate(count, with_transcripts, transcripts=True)
    without = out / "posts"
    without.mkdir()
    for post in posts:
        shutil.copy2(post, without / post.name)
    words = [COMMON, rare_word(posts)]
    results: dict = {"episodes": count, "words": words}
    for label, folder in (("without_transcripts", without),
                          ("with_transcripts", with_transcripts)):
        results[label] = {kind: variant(folder, out / label, kind, words)
                          for kind in ("sphinx", "pagefind")}
    return results


def table(results: dict) -> str:
    rows = [("site", "search", "build s", "page view KB (search's)", "common word KB / s",
             "rare word KB / s")]
    for label in ("without_transcripts", "with_transcripts"):
        for kind, row in results[label].items():
            rows.append((label.replace("_", " "), kind, str(row["build"]["wall_s"]),
                         f"{row['page_view_kb']} ({row['page_view_search_kb']})",
                         f"{row['search_common_kb']} / {row['search_common_s']}",
                         f"{row['search_rare_kb']} / {row['search_rare_s']}"))
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "---|" * len(rows[0]))
    for label in ("without_transcripts", "with_transcripts"):
        after = results[label]["pagefind"]
        lines.append(f"{label}: index {json.dumps(after['index'])}; edit one episode "
                     f"{after['edit_one']['wall_s']} s, transcripts indexed again: "
                     f"{after['edit_one']['transcripts_indexed_again']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "bench-search")
    arguments = parser.parse_args()
    results = benchmark(arguments.count, arguments.out / f"n{arguments.count}")
    report = arguments.out / f"search-{arguments.count}.json"
    report.write_text(json.dumps(results, indent=1))
    print(table(results))
    print(f"\nJSON: {report}")


if __name__ == "__main__":
    main()

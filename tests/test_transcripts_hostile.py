"""Transcripts that attack or cost: files outside the project (beside a post, named by
the front matter, by the directive), pages that collide, UTF-16, character
references, empty files, oversized files. Each builds, warns at its file and line,
and publishes the rest; nothing of a file outside the project is published."""

import codecs
import os
import re
import shutil
import tracemalloc

import pytest
from helpers import build_root, page, warnings
from podcast.core.transcripts.captions import (
    MAX_CUE_CHARS,
    MAX_TROUBLES,
    read_transcript,
)
from podcast.core.transcripts.files import MAX_BYTES, load, page_names, transcript_file

SECRET = "root:x:0:0:the-secret-of-the-machine"
OUTSIDE = "transcripts-hostile-outside"  # a folder beside the site, standing for /etc


def cue(second: int, text: str, comma: bool = False) -> str:
    at = f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}" + ("," if comma else ".")
    return f"{at}000 --> {at}900\n{text}\n\n"


def vtt(*texts: str) -> str:
    return "WEBVTT\n\n" + "".join(cue(second, text) for second, text in enumerate(texts))


def srt(*texts: str) -> str:
    return "".join(f"{number}\n" + cue(number, text, comma=True)
                   for number, text in enumerate(texts, start=1))


def post(name: str, front: str = "", body: str = "") -> tuple[str, str]:
    """A post: front matter (title, date and ``front``), its own words, ``body``."""
    return f"episodes/{name}.md", (
        f"---\ntitle: 'Post {name}'\n"
        f"date: 2023-06-01 10:00:00 +0000\n{front}---\n\nThe words of {name}.\n\n{body}")


def directive(file: str) -> str:
    return ("```{podcast-transcript}\n:episode: episodes/2023-06-05-directive\n"
            f":file: {file}\n```\n\n")


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir, rootdir):
    folder = sphinx_test_tempdir / "transcripts-hostile"
    outside = sphinx_test_tempdir / OUTSIDE / "passwd.vtt"
    for path in (folder, outside.parent):
        shutil.rmtree(path, ignore_errors=True)
    outside.parent.mkdir(parents=True)
    outside.write_text(vtt(SECRET), encoding="utf-8")
    shutil.copytree(rootdir / "test-transcripts", folder)
    (folder / "files").mkdir(exist_ok=True)
    os.symlink(outside, folder / "episodes/2023-06-01-beside.vtt")
    os.symlink(outside, folder / "files/linked.vtt")
    files = dict([
        post("2023-06-01-beside"),
        post("2023-06-02-absolute", f"transcript: {outside}\n"),
        post("2023-06-03-climbing", f"transcript: ../../{OUTSIDE}/passwd.vtt\n"),
        post("2023-06-04-linked", "transcript: ../files/linked.vtt\n"),
        post("2023-06-05-directive", body=directive(str(outside))
             + directive(f"../{OUTSIDE}/passwd.vtt") + directive("files/linked.vtt")
             + directive("conf.py") + "The end of the directive post.\n"),
        post("2023-06-06-same"), ("episodes/2023-06-06-same.vtt", vtt("Top words.")),
        post("2024/2023-06-06-same"), ("episodes/2024/2023-06-06-same.vtt", vtt("Nested words.")),
        post("2024-2023-06-06-same"), ("episodes/2024-2023-06-06-same.vtt", vtt("Flat words.")),
        post("2023-06-07-hosts"), ("episodes/2023-06-07-hosts.vtt", vtt("Generated words.")),
        ("transcripts/2023-06-07-hosts.md", "---\norphan: true\n---\n\n# The host page\n"),
        ("transcripts/notes.md", "---\norphan: true\n---\n\n# Notes of the host\n"),
        post("2023-06-10-entities"),
        ("episodes/2023-06-10-entities.vtt", vtt("Q&amp;A &lt;b&gt;bold&lt;/b&gt; it&#39;s")),
        post("2023-06-11-empty"), ("episodes/2023-06-11-empty.vtt", ""),
        post("2023-06-12-nocues"), ("episodes/2023-06-12-nocues.vtt", "WEBVTT\n\nNOTE none\n"),
        post("2023-06-13-long"), ("episodes/2023-06-13-long.vtt", vtt("long " * 3000, "After.")),
        post("2023-06-14-huge"),
        post("2023-06-08-utf16le"), post("2023-06-09-utf16be"),
    ])
    (folder / "episodes/2023-06-08-utf16le.srt").write_bytes(
        codecs.BOM_UTF16_LE + srt("Caf\u00e9 in little-endian.").encode("utf-16-le"))
    (folder / "episodes/2023-06-09-utf16be.vtt").write_bytes(
        codecs.BOM_UTF16_BE + vtt("Caf\u00e9 in big-endian.").encode("utf-16-be"))
    with (folder / "episodes/2023-06-14-huge.vtt").open("w", encoding="utf-8") as file:
        file.write("WEBVTT\n\n")
        for second in range(MAX_BYTES // 90 + 5_000):  # past MAX_BYTES
            file.write(cue(second, f"Huge cue {second} " + "x" * 50))
    app = build_root(rootdir / "test-transcripts", folder, files=files)
    yield app
    app.cleanup()


def warned(app, name: str, line: int, pattern: str) -> bool:
    where = re.escape(f"episodes/{name}")
    return bool(re.search(rf"{where}\.\w+:{line}: WARNING: {pattern}", warnings(app)))


def test_nothing_of_a_file_outside_the_project_is_published(site):
    for path in site.outdir.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path
    assert "Extension error" not in warnings(site)


@pytest.mark.parametrize(("name", "line", "why"), [
    ("2023-06-01-beside", 1, r"'2023-06-01-beside.vtt' is a symbolic link out of the project"),
    ("2023-06-02-absolute", 4, r"'/.*passwd.vtt' is an absolute path"),
    ("2023-06-03-climbing", 4, rf"'\.\./\.\./{OUTSIDE}/passwd.vtt' leads out of the project"),
    ("2023-06-04-linked", 4, r"'\.\./files/linked.vtt' is a symbolic link out of the project"),
])
def test_a_transcript_outside_the_project_is_refused_at_the_post(site, name, line, why):
    assert warned(site, name, line, why + r".*\[podcast\.path\]")
    episode = page(site, f"episodes/{name}")
    assert f"The words of {name}." in episode.get_text()
    assert episode.select_one(".podcast-transcript-link") is None
    assert not (site.outdir / "transcripts" / f"{name}.html").exists()


def test_the_directive_reads_no_file_outside_the_project(site):
    name = "2023-06-05-directive"
    for line, why in [(8, "is an absolute path"), (13, "leads out of the project"),
                      (18, "is a symbolic link out of the project"),
                      (23, "is no .vtt or .srt file")]:
        assert warned(site, name, line, rf"the transcript's :file: .*{why}.*\[podcast\.path\]")
    text = page(site, f"episodes/{name}").get_text()
    assert "The words of" in text and "The end of the directive post." in text
    rss = (site.outdir / "rss.xml").read_text(encoding="utf-8")
    assert "passwd" not in rss and "2023-06-05-directive.vtt" not in rss


def test_posts_of_one_name_in_two_folders_get_two_transcript_pages(site):
    links = {name: page(site, f"episodes/{name}").select_one(".podcast-transcript-link a")["href"]
             for name in ("2023-06-06-same", "2024/2023-06-06-same", "2024-2023-06-06-same")}
    assert links["2023-06-06-same"] == "../transcripts/2023-06-06-same.html"
    assert links["2024-2023-06-06-same"] == "../transcripts/2024-2023-06-06-same.html"
    nested = re.fullmatch(r"\.\./\.\./transcripts/(2024-2023-06-06-same-[0-9a-f]{8})\.html",
                          links["2024/2023-06-06-same"])
    assert nested
    for name, said in [("2023-06-06-same", "Top words."), (nested[1], "Nested words."),
                       ("2024-2023-06-06-same", "Flat words.")]:
        assert said in page(site, f"transcripts/{name}").select_one("article").get_text()
    assert warned(site, "2024/2023-06-06-same", 1, r"its transcript page would be "
                  r"transcripts/2024-2023-06-06-same, the name of episodes/2024-2023-06-06-same's"
                  rf": it is transcripts/{nested[1]} \[podcast\.collision\]")


def test_a_page_of_the_hosts_in_the_transcripts_folder_stays_and_is_built(site):
    assert "Notes of the host" in page(site, "transcripts/notes").get_text()
    assert "The host page" in page(site, "transcripts/2023-06-07-hosts").get_text()
    assert (site.srcdir / "transcripts/2023-06-07-hosts.md").read_text(
        encoding="utf-8").endswith("# The host page\n")
    link = page(site, "episodes/2023-06-07-hosts").select_one(".podcast-transcript-link a")
    generated = re.fullmatch(r"\.\./transcripts/(2023-06-07-hosts-[0-9a-f]{8})\.html",
                             link["href"])[1]
    assert "Generated words." in page(site, f"transcripts/{generated}").get_text()
    assert warned(site, "2023-06-07-hosts", 1, r"its transcript page would be "
                  r"transcripts/2023-06-07-hosts, a page of the site's own")


def test_utf16_transcripts_with_their_byte_order_mark_are_read(site):
    for name, said in [("2023-06-08-utf16le", "Caf\u00e9 in little-endian."),
                       ("2023-06-09-utf16be", "Caf\u00e9 in big-endian.")]:
        assert said in page(site, f"transcripts/{name}").select_one("article").get_text()
        assert not warned(site, name, r"\d+", "the transcript is no UTF-8")


def test_character_references_in_cues_are_the_characters(site):
    paragraph = page(site, "transcripts/2023-06-10-entities").select_one(
        "p.podcast-transcript-paragraph")
    assert paragraph.get_text().endswith("Q&A <b>bold</b> it\u2019s")  # curled, as any text
    assert "Q&amp;A &lt;b&gt;bold&lt;/b&gt; it\u2019s" in str(paragraph)  # escaped once
    head = (site.outdir / "transcripts/2023-06-10-entities.html").read_text(encoding="utf-8")
    for tag in ('property="og:description"', 'name="description"'):
        content = re.search(rf'<meta {tag} content="([^"]*)"', head)[1]
        assert "Q&amp;A &lt;b&gt;bold" in content and "&amp;amp;" not in content, content


@pytest.mark.parametrize("name", ["2023-06-11-empty", "2023-06-12-nocues"])
def test_an_empty_transcript_gives_no_page_and_no_link(site, name):
    assert page(site, f"episodes/{name}").select_one(".podcast-transcript-link") is None
    assert not (site.outdir / "transcripts" / f"{name}.html").exists()
    assert not (site.srcdir / "transcripts" / f"{name}.md").exists()
    assert warned(site, name, 1, rf"the transcript episodes/{name}.vtt has no cue to show: "
                  r"no transcript page \[podcast\.transcript\]")


def test_a_long_cue_is_cut_with_an_ellipsis(site):
    paragraph = page(site, "transcripts/2023-06-13-long").select_one(
        "p.podcast-transcript-paragraph").get_text()
    assert paragraph.endswith("long… After.") and len(paragraph) < MAX_CUE_CHARS + 100
    assert warned(site, "2023-06-13-long", 3, rf"a cue of more than {MAX_CUE_CHARS:,} "
                  r"characters: cut \[podcast\.transcript\]")


def test_a_transcript_past_the_byte_limit_is_read_to_it_and_not_published(site):
    shown = page(site, "transcripts/2023-06-14-huge").select_one("article").get_text()
    assert "Huge cue 0 " in shown and "Huge cue 19999 " in shown and "Huge cue 20000 " not in shown
    assert warned(site, "2023-06-14-huge", r"\d+", r"more than 20000 cues")
    assert not (site.outdir / "transcripts/2023-06-14-huge.vtt").exists()
    assert "2023-06-14-huge.vtt" not in (site.outdir / "rss.xml").read_text(encoding="utf-8")


def test_the_byte_limit_reads_to_the_last_whole_line(tmp_path):
    path = tmp_path / "big.vtt"
    path.write_text(vtt(*(f"Cue {n}." for n in range(1000))), encoding="utf-8")
    text, troubles = load(path, limit=1000)
    assert len(text.encode("utf-8")) <= 1000 and text.endswith("\n")
    assert troubles[-1].message.startswith("the transcript is larger than 1,000 bytes")
    assert troubles[-1].line == text.count("\n") + 1
    cues, _ = read_transcript(text, "vtt")
    assert cues and cues[-1].text.startswith("Cue ")


def test_a_huge_file_is_never_loaded_whole(tmp_path):
    path = tmp_path / "sparse.vtt"
    with path.open("wb") as file:
        file.truncate(20 * MAX_BYTES)  # 100 MB, sparse: no disk
    tracemalloc.start()
    load(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 4 * MAX_BYTES


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"),
                                            (codecs.BOM_UTF16_BE, "utf-16-be")])
@pytest.mark.parametrize("kind", ["vtt", "srt"])
def test_utf16_is_read_cut_at_the_limit_or_not(tmp_path, bom, codec, kind):
    path = tmp_path / f"t.{kind}"
    text = (vtt if kind == "vtt" else srt)(*(f"Na\u00efve {n}." for n in range(50)))
    path.write_bytes(bom + text.encode(codec))
    assert load(path) == (text, [])
    cut, troubles = load(path, limit=301)  # an odd limit: half a character
    assert text.startswith(cut) and cut.endswith("\n") and len(troubles) == 1


def test_troubles_are_listed_up_to_a_bound():
    cues, troubles = read_transcript("WEBVTT\n\n" + "00:00:aa --> x\nbroken\n\n" * 500, "vtt")
    assert not cues and len(troubles) == MAX_TROUBLES + 1
    assert troubles[-1].message == f"and {500 - MAX_TROUBLES} more troubles below this line, " \
                                   "not listed"


def test_page_names_are_distinct_stable_and_leave_the_hosts_alone():
    posts = ["episodes/2024/a", "episodes/a", "episodes/2024-a", "episodes/x/y/Notes"]
    names = page_names(posts, "episodes", taken={"notes"})
    assert names == page_names(list(reversed(posts)), "episodes/", taken={"notes"})
    assert names["episodes/a"] == ("transcripts/a", "")
    assert names["episodes/2024-a"] == ("transcripts/2024-a", "")
    assert re.fullmatch(r"transcripts/2024-a-[0-9a-f]{8}", names["episodes/2024/a"][0])
    assert names["episodes/2024/a"][1] == "episodes/2024-a"
    assert names["episodes/x/y/Notes"] == ("transcripts/x-y-Notes", "")
    assert page_names(["episodes/notes"], "episodes", {"Notes"})["episodes/notes"][1] == (
        "transcripts/Notes")
    assert len({page for page, _ in names.values()}) == len(posts)
    long = page_names(["episodes/" + "n" * 300], "episodes")["episodes/" + "n" * 300][0]
    assert len(long.encode()) <= len("transcripts/") + 200


def test_transcript_file_refuses_what_leads_out(tmp_path):
    root = tmp_path / "site"
    (root / "episodes").mkdir(parents=True)
    (tmp_path / "out.vtt").write_text(vtt("Out."), encoding="utf-8")
    post = root / "episodes/a.md"
    assert transcript_file(post, "", root) == (None, "")
    os.symlink(tmp_path / "out.vtt", root / "episodes/a.vtt")
    assert "symbolic link out" in transcript_file(post, "", root)[1]
    (root / "episodes/a.vtt").unlink()
    os.symlink(root / "nowhere.vtt", root / "episodes/a.vtt")  # a broken link, inside
    assert "is no file" in transcript_file(post, "", root)[1]
    for named, why in [("../../out.vtt", "leads out"), (str(tmp_path / "out.vtt"), "absolute"),
                       ("~/out.vtt", "absolute"), ("../episodes/a.md", "no .vtt or .srt"),
                       ("missing.srt", "is no file"), ("x" * 300 + ".vtt", "is no file")]:
        assert why in transcript_file(post, named, root)[1], named


NESTED, TOP = "2024/2023-06-06-same", "2024-2023-06-06-same"
LATER = {  # what changes between two builds -> (files written, files linked out)
    "a post whose name the transcript page has is added": (
        dict([post(TOP), (f"episodes/{TOP}.vtt", vtt("Flat words."))]), []),
    "a transcript becomes a link out of the project": ({}, [f"episodes/{NESTED}.vtt"]),
    "a transcript is emptied": ({f"episodes/{NESTED}.vtt": "WEBVTT\n"}, []),
}


@pytest.mark.parametrize("change", sorted(LATER))
def test_an_incremental_build_equals_a_clean_one(sphinx_test_tempdir, rootdir, change):
    from test_builds import output_files

    root = rootdir / "test-transcripts"
    slug = re.sub(r"\W+", "-", change)
    folder, clean_folder = (sphinx_test_tempdir / f"{kind}-transcripts-{slug}"
                            for kind in ("incremental", "clean"))
    outside = sphinx_test_tempdir / f"outside-{slug}.vtt"
    for path in (folder, clean_folder):
        shutil.rmtree(path, ignore_errors=True)
    outside.write_text(vtt(SECRET), encoding="utf-8")
    os.utime(outside, (0, 0))  # older than any build: no mtime tells Sphinx it changed
    build_root(root, folder, files=dict([
        post(NESTED), (f"episodes/{NESTED}.vtt", vtt("Nested words."))])).cleanup()
    written, linked = LATER[change]
    for name in linked:
        (folder / name).unlink()
        os.symlink(outside, folder / name)
    incremental = build_root(root, folder, files=written)
    incremental.cleanup()
    shutil.copytree(folder, clean_folder, symlinks=True, ignore=lambda where, names: [
        name for name in names if where == str(folder) and name in ("_build", "transcripts")])
    clean = build_root(root, clean_folder)
    clean.cleanup()
    made, expected = output_files(incremental), output_files(clean)
    assert not set(made) ^ set(expected), " ".join(sorted(set(made) ^ set(expected)))
    # (a post added changes every page's navigation, which is not the transcripts')
    shown = [name for name in expected if "added" not in change
             or name.startswith(("transcripts/", "episodes/2024", "rss", "feed"))]
    assert not [name for name in shown if made[name] != expected[name]]
    assert not [name for name, data in made.items() if SECRET.encode() in repr(data).encode()]
    link = page(incremental, f"episodes/{NESTED}").select_one(".podcast-transcript-link a")
    if "added" in change:
        assert re.search(rf"transcripts/{TOP}-[0-9a-f]{{8}}\.html$", link["href"])
        assert "Flat words." in page(incremental, f"transcripts/{TOP}").get_text()
    else:
        assert link is None


def test_a_parallel_build_equals_a_serial_one(sphinx_test_tempdir, rootdir):
    from test_builds import output_files

    files = dict([post(NESTED), (f"episodes/{NESTED}.vtt", vtt("Nested words.")),
                  post(TOP), (f"episodes/{TOP}.vtt", vtt("Flat words.")),
                  post("2023-06-07-hosts"), ("episodes/2023-06-07-hosts.vtt", vtt("Words.")),
                  ("transcripts/2023-06-07-hosts.md", "---\norphan: true\n---\n\n# Host\n"),
                  post("2023-06-11-empty"), ("episodes/2023-06-11-empty.vtt", "")])
    apps = []
    for jobs in (1, 2):
        folder = sphinx_test_tempdir / f"transcripts-jobs-{jobs}"
        shutil.rmtree(folder, ignore_errors=True)
        apps.append(build_root(rootdir / "test-transcripts", folder, files=files,
                               parallel=jobs))
        apps[-1].cleanup()
    serial, parallel = apps
    assert sorted(warnings(parallel).replace(str(parallel.srcdir), "").splitlines()) == sorted(
        warnings(serial).replace(str(serial.srcdir), "").splitlines())
    made, expected = output_files(parallel), output_files(serial)
    assert made.keys() == expected.keys()
    assert not [name for name in expected if made[name] != expected[name]]

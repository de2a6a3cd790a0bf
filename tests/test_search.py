"""The search index: what Pagefind indexes of each page, how the build makes it,
and what the pages load (nothing of it until a search)."""

import os
import re

import pytest
from helpers import build_root, page, search_records, warnings
from podcast.publishing.pagefind import (
    EPISODE,
    TRANSCRIPT,
    Bundle,
    Facets,
    facts,
    fingerprint,
    indexed,
    notes_bundles,
    transcript_bundles,
)
from podcast.publishing.pagefind_runs import Runs, holds, in_bundles

ADA = "episodes/2023-01-09-ada.html"
GRACE = "episodes/2023-02-01-grace.html"


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir, rootdir):
    app = build_root(rootdir / "test-people", sphinx_test_tempdir / "search-module")
    yield app
    app.cleanup()


@pytest.fixture(scope="module")
def records(site):
    return search_records(site)


# -- the core ------------------------------------------------------------------------


def test_filters_and_title_are_escaped_text_the_index_reads_but_does_not_index():
    facets = Facets(EPISODE, "Ann & <Bo>", 2023, ('Cy "C" Dee',))
    hidden = facts(facets)
    assert hidden.startswith('<div hidden data-pagefind-ignore="index">')
    assert '<span data-pagefind-filter="guest">Cy &quot;C&quot; Dee</span>' in hidden
    assert '<span data-pagefind-meta="title">Ann &amp; &lt;Bo&gt;</span>' in hidden
    assert '<span data-pagefind-filter="year">2023</span>' in hidden
    said = facts(Facets(TRANSCRIPT, "Ann Lee: Evals", 2023, ("Ann Lee",), "episodes/a.html"))
    assert '<span data-pagefind-meta="title">Transcript</span>' in said
    assert '<span data-pagefind-filter="episode_title">Ann Lee: Evals</span>' in said
    assert '<span data-pagefind-filter="episode_url">episodes/a.html</span>' in said
    assert indexed("<p>Body</p>") == (
        '<div class="podcast-search-body" data-pagefind-body><p>Body</p></div>')


def test_a_bundle_reads_its_folders_only(tmp_path):
    notes = Bundle("pagefind", ("episodes/**/*.html", "people/**/*.html"))
    assert notes.glob == "{episodes/**/*.html,people/**/*.html}"
    assert Bundle("t", ("transcripts/**/*.html",)).glob == "transcripts/**/*.html"
    for name in ("episodes/a.html", "people/b/c.html", "archive/2023.html", "index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    assert [p.relative_to(tmp_path).as_posix() for p in notes.pages(tmp_path)] == [
        "episodes/a.html", "people/b/c.html"]


def test_the_fingerprint_follows_contents_not_times(tmp_path):
    first = tmp_path / "a.html"
    first.write_text("one")
    before = fingerprint(tmp_path, [first])
    first.write_text("one")  # rewritten, the same
    assert fingerprint(tmp_path, [first]) == before
    first.write_text("two")
    assert fingerprint(tmp_path, [first]) != before


def test_a_page_not_written_since_is_not_read_again(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("one")
    known: dict = {}
    first = fingerprint(tmp_path, [page], known)
    assert first == fingerprint(tmp_path, [page]) and list(known) == ["a.html"]
    known["a.html"][2] = "00" * 32  # what it was said to be, at its size and time
    assert fingerprint(tmp_path, [page], known) != first
    os.utime(page, ns=(1, 1))  # written again: read again
    assert fingerprint(tmp_path, [page], known) == first
    for broken in ([1], "x", [1, 2, "not hex"], None):  # a damaged record: read again
        assert fingerprint(tmp_path, [page], {"a.html": broken}) == first


# -- what a page view loads ------------------------------------------------------------


def test_no_page_loads_a_search_index(site):
    assert not (site.outdir / "searchindex.js").exists()
    for html in site.outdir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "searchindex.js" not in text and "searchtools.js" not in text, html
        if html.name != "search.html":
            assert "pagefind" not in text.replace("data-pagefind", ""), html


def test_the_search_page_reads_the_bundle_and_says_when_javascript_is_off(site):
    search = page(site, "search")
    root = search.select_one("#podcast-search")
    assert root["data-bundles"] == "pagefind/ pagefind-people/"  # no transcripts on this site
    said = root.select_one("noscript")
    assert "Search needs JavaScript" in said.get_text()
    assert said.select_one("a[href='archive/index.html']")
    form = search.select_one("form.podcast-search-form")
    assert form["method"] == "get" and form.select_one("input[name=q]")  # to this page
    assert {select["name"] for select in form.select("select")} == {"kind", "year", "guest"}
    assert search.select_one("script[src='_static/podcast-search.js']")
    # the navbar's field (and Ctrl+K) lead here
    assert page(site, "index").select_one("form.bd-search")["action"] == "search.html"
    assert (site.outdir / "pagefind" / "pagefind.js").is_file()


def test_a_person_page_links_a_search_for_their_name(site):
    link = page(site, "people/grace-hopper").select_one(".podcast-person-search a")
    assert link["href"] == "../search.html?q=Grace+Hopper"


# -- what is indexed ---------------------------------------------------------------


def test_episodes_people_and_books_are_indexed_listings_are_not(records):
    kinds = {url: record["filters"]["kind"] for url, record in records.items()}
    assert kinds[ADA] == ["Episode"] and kinds["people/grace-hopper.html"] == ["Person"]
    assert kinds["books/index.html"] == ["Book"]
    listings = [url for url in records if re.search(
        r"^(index|archive/|people/(index|guests|letter-))", url)]
    assert listings == []
    assert not [url for url in records if url.startswith(("genindex", "search"))]


def test_an_episode_carries_its_year_and_title(records):
    grace = records[GRACE]
    assert grace["filters"]["year"] == ["2023"]
    assert grace["meta"]["title"] == "Grace Hopper: Compilers"  # as the page shows it


def test_a_title_with_an_ampersand_is_text(build):
    app = build(testroot="people", files={"episodes/2023-05-05-amp.md": (
        "---\ntitle: 'Ann Lee & Bo Chen: Search & Rescue | Learning from Machine Learning "
        "#64'\nguests: [Ann Lee, Bo Chen]\n---\n\nBody.\n")})
    record = search_records(app)["episodes/2023-05-05-amp.html"]
    assert record["meta"]["title"] == "Ann Lee & Bo Chen: Search & Rescue"
    assert record["filters"]["guest"] == ["Ann Lee", "Bo Chen"]
    assert "&amp;" not in record["content"]


def test_only_what_the_page_says_is_indexed(records):
    ada = records[ADA]["content"]
    assert "Ada Lovelace on engines." in ada
    # not the next episode's title, the player's label, or text for screen readers
    assert "Compilers" not in ada and "Play video" not in ada and "on this site" not in ada
    assert "#" not in ada.split()  # headings' permalinks
    # a person's page is their name, bio and books: its lists repeat the episodes (a name
    # finds the person, not everyone in the same episodes), its links say "Website"
    moshe = records["people/moshe-wasserblat.html"]["content"]
    assert moshe == "Moshe Wasserblat. Research manager."
    grace = records["people/grace-hopper.html"]["content"]
    assert "Engines" not in grace and "Mentioned in" not in grace
    assert grace.startswith("Grace Hopper.") and "Compilers Made Easy" in grace


def test_the_facts_are_out_of_the_article(site):
    grace = page(site, "people/grace-hopper")
    assert grace.select_one("article").get_text(" ", strip=True).startswith("Grace Hopper")
    assert grace.select_one("[data-pagefind-filter=kind]").get_text() == "Person"


def test_a_guest_page_can_be_filtered_by_guest(records):
    guest = [record for record in records.values()
             if record["filters"]["kind"] == ["Person"] and "guest" in record["filters"]]
    assert guest and all(record["filters"]["guest"] == [record["meta"]["title"]]
                         for record in guest)


def test_books_are_anchors_for_sub_results(records):
    books = {anchor["id"] for anchor in records["books/index.html"]["anchors"]}
    assert "book-compilers-made-easy" in books


# -- how the build makes it ------------------------------------------------------------


def test_an_unchanged_site_is_not_indexed_again(build):
    app = build(testroot="people")
    entry = app.outdir / "pagefind" / "pagefind-entry.json"
    before = entry.stat().st_mtime_ns
    again = build(testroot="people")
    assert "indexing" not in again.status.getvalue()
    assert entry.stat().st_mtime_ns == before
    changed = build(testroot="people", files={"episodes/2023-01-09-ada.md": (
        "---\ntitle: 'Ada Lovelace: Engines | Learning from Machine Learning #1'\n"
        "date: 2023-01-09 10:00:00 -0500\n---\n\nAda Lovelace on quaternions.\n")})
    assert "indexing" in changed.status.getvalue()
    assert "quaternions" in search_records(changed)[ADA]["content"]


def test_sphinx_search_stays_available(build):
    app = build(testroot="people", confoverrides={"podcast_search": "sphinx"})
    assert (app.outdir / "searchindex.js").is_file()
    assert not (app.outdir / "pagefind").exists()
    assert "searchindex.js" in (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind" not in (app.outdir / ADA).read_text(encoding="utf-8")
    assert "podcast.search" not in warnings(app)
    # people's pages, made without sources, are in its index, this build and the next
    for again in (app, build(testroot="people", confoverrides={"podcast_search": "sphinx"})):
        index = (again.outdir / "searchindex.js").read_text(encoding="utf-8")
        assert '"people/grace-hopper"' in index and '"people/moshe-wasserblat"' in index


@pytest.mark.parametrize(("binary", "said"), [
    ("/nonexistent/pagefind", "the search index is not built: Pagefind is not installed"),
    ("/bin/false", "the search index pagefind/ is not built: exit status 1"),
])
def test_without_a_working_pagefind_the_build_warns_and_publishes(build, monkeypatch, binary,
                                                                  said):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", binary)
    app = build(testroot="people")
    assert said in warnings(app) and "[podcast.search]" in warnings(app)
    assert (app.outdir / ADA).is_file() and (app.outdir / "search.html").is_file()
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    again = build(testroot="people")  # the next build makes the index it could not
    assert "podcast.search" not in warnings(again)
    assert ADA in search_records(again)


def test_transcripts_are_indexed_in_bundles_of_whole_years(tmp_path):
    """Pagefind holds a bundle's index in memory: transcripts go in bundles of a few
    hundred, a year never split, and every page in exactly one bundle."""
    names = ([f"2019-01-0{day}-a" for day in range(1, 5)] + ["2020-02-01-b", "2021-03-01-c",
             "2021-03-02-d", "2022-01-01-e"] + ["talk", "1-first", "2019x", "20190101"])
    found = transcript_bundles("transcripts", names, 3)
    assert [bundle.folder for bundle in found] == [
        "pagefind-transcripts-2019", "pagefind-transcripts-2020", "pagefind-transcripts-2022",
        "pagefind-transcripts-other"]
    assert found[1].patterns == ("transcripts/2020-*.html", "transcripts/2021-*.html")
    for name in names + ["../escape"]:
        (tmp_path / "transcripts" / f"{name}.html").parent.mkdir(exist_ok=True)
        (tmp_path / "transcripts" / f"{name}.html").write_text(name)
    pages = [page.stem for bundle in found for page in bundle.pages(tmp_path)]
    assert sorted(pages) == sorted(names)
    assert transcript_bundles("transcripts", []) == []


def test_show_notes_are_indexed_by_year_from_a_few_hundred_episodes_on(tmp_path):
    """An edit to one episode's notes indexes again its years' episodes, not
    all of them: from ``size`` episodes on, the first years (with the undated
    posts and the other pages the notes' index reads) stay in the bundle the
    search loads first, the later ones go by year; every page in exactly one."""
    names = ["2019-01-01-a", "2019-05-01-b", "2020-01-01-c", "2021-01-01-d", "2021-06-01-e",
             "talk", "1-first"]
    found = notes_bundles("episodes", ("books",), names, 2)
    assert [bundle.folder for bundle in found] == ["pagefind", "pagefind-notes-2020"]
    assert found[1].patterns == ("episodes/2020-*.html", "episodes/2021-*.html")
    for path in [*(f"episodes/{name}.html" for name in names), "books/index.html",
                 "people/ada.html"]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path)
    pages = [page.relative_to(tmp_path).as_posix() for bundle in found
             for page in bundle.pages(tmp_path)]
    assert sorted(pages) == sorted([*(f"episodes/{name}.html" for name in names),
                                    "books/index.html"])
    order = in_bundles({path.removesuffix(".html"): path for path in pages}, found)
    assert [(bundle.folder, len(group)) for bundle, group in order] == [
        ("pagefind", 5), ("pagefind-notes-2020", 3)]
    # fewer episodes, or posts in folders of their own (named as a year, perhaps): one
    everything = ("episodes/**/*.html", "books/**/*.html")
    assert notes_bundles("episodes", ("books",), names[:1], 2) == [Bundle("pagefind", everything)]
    assert notes_bundles("episodes", ("books",), [*names, "2022/x"], 2) == [
        Bundle("pagefind", everything)]
    assert notes_bundles("episodes", ("books",), ["talk", "walk"], 2) == [
        Bundle("pagefind", everything)]


def test_pages_are_written_bundle_by_bundle_transcripts_first(tmp_path):
    """Each bundle is indexed once its pages are written, while the next are: the
    transcripts' first (Pagefind's longest), the show notes' (with the pages of
    no bundle), the people's last; a bundle holds the very pages Pagefind's
    globs read."""
    notes = Bundle("pagefind", ("episodes/**/*.html", "archive/**/*.html"))
    people = Bundle("pagefind-people", ("people/**/*.html",))
    names = ["2019-01-01-a", "2019-02-01-b", "2021-01-01-c", "talk", "2019x"]
    found = [notes, people, *transcript_bundles("transcripts", names, 2)]
    pages = {name: f"{name}.html" for name in (
        "index", "search", "episodes/2019-01-01-a", "archive/2019", "people/ada",
        "people/letter/a", *(f"transcripts/{name}" for name in names))}
    order = in_bundles(pages, found)
    assert [(bundle.folder, group) for bundle, group in order] == [
        ("pagefind-transcripts-2019", ["transcripts/2019-01-01-a", "transcripts/2019-02-01-b"]),
        ("pagefind-transcripts-2021", ["transcripts/2021-01-01-c"]),
        ("pagefind-transcripts-other", ["transcripts/2019x", "transcripts/talk"]),
        ("pagefind", ["archive/2019", "episodes/2019-01-01-a", "index", "search"]),
        ("pagefind-people", ["people/ada", "people/letter/a"])]
    for path in pages.values():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path)
    for bundle in found:
        assert {page.relative_to(tmp_path).as_posix() for page in bundle.pages(tmp_path)} == {
            path for path in pages.values() if holds(bundle, path)}, bundle.folder
    assert in_bundles({"episodes/a": "episodes/a.html"}, found) == [(notes, ["episodes/a"])]
    # an incremental build that writes a transcript alone writes nothing else
    assert in_bundles({"transcripts/talk": "transcripts/talk.html"}, found) == [
        (found[-1], ["transcripts/talk"])]


def test_pagefind_yields_the_core_to_the_pages_being_written(tmp_path):
    """Pagefind runs beside the writing: below the build's priority where the
    system has ``nice``, else as it is."""
    import shutil
    bundle = Bundle("pagefind-people", ("people/**/*.html",))
    command = Runs("/opt/pagefind", tmp_path, tmp_path).command(bundle)
    assert command[-len(bundle.command("/opt/pagefind", tmp_path)):] == bundle.command(
        "/opt/pagefind", tmp_path)
    if shutil.which("nice"):
        assert command[:3] == [shutil.which("nice"), "-n", "10"]

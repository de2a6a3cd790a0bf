"""Transcripts: read from WebVTT and SRT, shown as a page of their own, linked
to the moment, searchable, in the feeds; bad ones never fail the build."""

import json
import re
import subprocess

import pytest
from helpers import build_root, page, search_contents, search_records, warnings, written
from hypothesis import given, settings
from hypothesis import strategies as st
from podcast.core.post.timestamps import Chapter
from podcast.core.transcripts.captions import paragraphs, read_transcript
from sphinx.util.console import strip_escape_sequences

TALK = "episodes/2023-03-26-talk"
LISTEN = "episodes/2023-04-01-listen"
BROKEN = "episodes/2023-05-01-broken"


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir, rootdir):
    app = build_root(rootdir / "test-transcripts", sphinx_test_tempdir / "transcripts-module")
    yield app
    app.cleanup()


def test_speakers_from_voice_tags_and_leading_names():
    cues, troubles = read_transcript(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann Lee>Hello.\n\n"
        "00:00:02.000 --> 00:00:03.000\nBo Chen: Hi, Ann.\n", "vtt")
    assert [(cue.speaker, cue.text, cue.line) for cue in cues] == [
        ("Ann Lee", "Hello.", 3), ("Bo Chen", "Hi, Ann.", 6)]
    assert troubles == []


def test_paragraphs_change_with_the_speaker_and_the_chapter():
    cues, _ = read_transcript("1\n00:00:01,000 --> 00:00:02,000\nAnn: One.\n\n"
                              "2\n00:00:02,000 --> 00:00:03,000\nAnn: Two.\n\n"
                              "3\n00:01:05,000 --> 00:01:06,000\nAnn: Three.\n\n"
                              "4\n00:01:07,000 --> 00:01:08,000\nBo: Four.\n", "srt")
    found = paragraphs(cues, (Chapter(0, "Start"), Chapter(60, "Later")))
    assert [(p.start, p.speaker, p.text, p.chapter and p.chapter.title) for p in found] == [
        (1, "Ann", "One. Two.", "Start"), (65, "Ann", "Three.", "Later"),
        (67, "Bo", "Four.", None)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "1",
                                 "00:00:0x.000 --> 9", "00:00:03,000 --> 00:00:01,000", "Hi",
                                 "<v Ann>", "NOTE x", "Ann: words", "-->", "\u202e"]),
                max_size=30),
       st.sampled_from(["vtt", "srt"]))
def test_any_transcript_reads_without_an_error(lines, kind):
    cues, troubles = read_transcript("\n".join(lines), kind)
    assert all(cue.text for cue in cues) and all(trouble.line >= 1 for trouble in troubles)
    paragraphs(cues)


def test_the_transcript_is_a_page_of_its_own_linked_from_the_episode(site):
    episode = page(site, TALK)
    link = episode.select_one(".podcast-transcript-link a")
    assert link["href"] == "../transcripts/2023-03-26-talk.html"
    assert (site.outdir / f"{TALK}.html").stat().st_size < 60 * 1024
    transcript = page(site, "transcripts/2023-03-26-talk")
    assert transcript.find("h1").get_text().startswith("Transcript: Sebastian Raschka")
    headings = [h.get_text().rstrip("#") for h in transcript.select("article h2")]
    assert headings == ["Introduction", "Career Background", "Industry vs. Academia"]
    first = transcript.select("p.podcast-transcript-paragraph")[0]
    time = first.select_one("a.podcast-transcript-time")
    assert time.get_text() == "00:01" and time["id"] == "t-1"  # the paragraph's anchor
    assert time["href"] == "https://www.youtube.com/watch?v=TALKVIDEO01&t=1s"
    assert time["data-episode"] == "../episodes/2023-03-26-talk.html"
    assert first.select_one(".podcast-transcript-speaker").get_text() == "Seth Levine: "
    # a new paragraph at each change of speaker and at each chapter
    starts = [p.select_one("a.podcast-transcript-time")["id"]
              for p in transcript.select("p.podcast-transcript-paragraph")]
    assert not [p for p in transcript.select("p.podcast-transcript-paragraph") if p.get("id")]
    assert starts == ["t-1", "t-10", "t-76", "t-320", "t-341"]


def test_names_in_the_transcript_link_and_the_person_page_lists_the_moments(site):
    transcript = page(site, "transcripts/2023-03-26-talk")
    people = [a["href"] for a in transcript.select("article a[href*='people/']")]
    assert people.count("../people/andrew-ng.html") == 2
    assert "../people/sebastian-raschka.html" in people  # the guest
    moments = page(site, "people/andrew-ng").select(".podcast-named-at li")
    assert [li.get_text(" ", strip=True) for li in moments] == [
        "named at 00:10 in #4", "named at 05:41 in #4"]
    assert moments[0].a["href"] == "../transcripts/2023-03-26-talk.html#t-10"


def test_the_transcripts_have_a_search_index_of_their_own(site):
    notes, said = search_records(site), search_records(site, "pagefind-transcripts-2023")
    assert not [url for url in notes if url.startswith("transcripts/")]
    assert [url for url, record in said.items() if "zygomorphic" in record["content"]] == [
        "transcripts/2023-03-26-talk.html"]
    talk = said["transcripts/2023-03-26-talk.html"]
    assert talk["filters"]["kind"] == ["Transcript"]
    # its title and episode are shown (and "Play" links made), not searched: the
    # episode's title finds the episode
    assert talk["filters"]["episode_url"] == ["episodes/2023-03-26-talk.html"]
    assert talk["filters"]["episode_title"] == ["Sebastian Raschka: Learning ML"]
    assert talk["meta"] == {"title": "Transcript"}
    paragraphs = [anchor for anchor in talk["anchors"] if anchor["id"].startswith("t-")]
    assert {"t-76", "t-320"} <= {anchor["id"] for anchor in paragraphs}
    # each paragraph's anchor is its time, which is not indexed: the index does not
    # keep the paragraph's words a second time as the anchor's text
    assert paragraphs and not [anchor for anchor in paragraphs if anchor["text"]]
    # what was said, not who said it at every turn, nor the times
    assert "Seth Levine" not in talk["content"] and "01:16" not in talk["content"]
    assert "My career began with computational biology" in talk["content"]
    assert page(site, "search").select_one("#podcast-search")["data-bundles"] == (
        "pagefind/ pagefind-people/ pagefind-transcripts-2023/")


def test_the_transcripts_are_indexed_as_soon_as_their_posts_are_read(site):
    """A year's transcripts are indexed once its posts are read, before any page
    is written, from what Pagefind reads of their pages staged as they are read."""
    said = strip_escape_sequences(site.status.getvalue())
    indexing = said.index("indexing 3 pages for search (pagefind-transcripts-2023/)")
    assert said.rindex("reading sources... [", 0, indexing) \
        == said.rindex("reading sources... [ 55%] episodes/2023-05-01-broken", 0, indexing)
    assert indexing < said.index("writing transcript pages... [")


def test_the_staged_transcripts_index_is_the_written_pages_index(site, tmp_path):
    """Pagefind run over the written transcript pages, as it ran before they were
    staged, makes the same index as the one made from the staged pages."""
    from podcast.publishing.pagefind import bundles_of
    from podcast.publishing.pagefind_runs import pagefind_executable
    bundle = next(bundle for bundle in bundles_of(site)
                  if bundle.folder == "pagefind-transcripts-2023")
    subprocess.run(bundle.command(str(pagefind_executable()), tmp_path, site.outdir),
                   check=True, capture_output=True)
    staged = site.outdir / bundle.folder
    assert search_contents(tmp_path / bundle.folder) == search_contents(staged)
    assert search_contents(staged) is not None


def test_feeds_and_data_carry_the_transcript(site):
    rss = (site.outdir / "rss.xml").read_text(encoding="utf-8")
    assert ('<podcast:transcript url="https://example.org/podcast/transcripts/'
            '2023-03-26-talk.vtt" type="text/vtt"/>') in rss
    assert ('<podcast:transcript url="https://example.org/podcast/transcripts/'
            '2023-04-01-listen.srt" type="application/x-subrip"/>') in rss
    copied = (site.outdir / "transcripts" / "2023-03-26-talk.vtt").read_text(encoding="utf-8")
    assert copied.startswith("WEBVTT") and "zygomorphic" in copied
    data = json.loads(page(site, TALK).select_one('script[type="application/ld+json"]').string)
    assert data["transcript"] == "https://example.org/podcast/transcripts/2023-03-26-talk.html"


def test_a_transcript_named_in_the_front_matter_and_srt(site):
    transcript = page(site, "transcripts/2023-04-01-listen")
    text = transcript.select_one("article").get_text(" ", strip=True)
    assert "We talk about quasicrystal learning today." in text
    # no video: the time opens the episode page there, where the audio seeks
    assert transcript.select_one("a.podcast-transcript-time")["href"] == (
        "../episodes/2023-04-01-listen.html#t=0")


def test_a_bad_transcript_warns_with_its_line_and_shows_the_rest(site):
    text = warnings(site)
    vtt = re.escape("2023-05-01-broken.vtt")
    assert re.search(rf"{vtt}:4: WARNING: the transcript is no UTF-8", text)
    assert re.search(rf"{vtt}:6: WARNING: cannot read this cue", text)
    assert re.search(rf"{vtt}:9: WARNING: this cue starts before the one above it", text)
    assert re.search(rf"{vtt}:12: WARNING: an empty cue: skipped", text)
    shown = page(site, "transcripts/2023-05-01-broken").select_one("article").get_text()
    assert "Caf\u00e9 talk, first." in shown and "The rest is shown." in shown


SRT = "1\n00:00:01,000 --> 00:00:02,000\nHello.\n"


def test_a_transcript_added_later_is_linked_from_its_episode(build, rootdir):
    build(testroot="transcripts")
    app = build(testroot="transcripts", files={"episodes/2023-05-01-broken.srt": SRT},
                remove=["episodes/2023-05-01-broken.vtt"])
    assert page(app, BROKEN).select_one(".podcast-transcript-link a")["href"].endswith(
        "transcripts/2023-05-01-broken.html")
    app = build(testroot="transcripts", remove=["episodes/2023-05-01-broken.srt"])
    assert page(app, BROKEN).select_one(".podcast-transcript-link") is None
    assert not (app.outdir / "transcripts" / "2023-05-01-broken.html").exists()
    assert (app.outdir / "transcripts" / "2023-03-26-talk.html").is_file()


def test_a_huge_transcript_is_cut_with_a_warning():
    from podcast.core.transcripts.captions import MAX_CUES

    lines = ["WEBVTT", ""]
    for second in range(MAX_CUES + 10):
        lines += [f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.000 --> "
                  f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.500",
                  "Words.", ""]
    cues, troubles = read_transcript("\n".join(lines), "vtt")
    assert len(cues) == MAX_CUES
    assert troubles[-1].message == f"more than {MAX_CUES} cues: the rest is left out"
    assert troubles[-1].line == 3 * MAX_CUES + 3


HEAD = ("---\ntitle: 'Sebastian Raschka: Learning ML | Learning from Machine Learning #4'\n"
        "date: 2023-03-26 18:02:06 -0500\nyoutubeID: TALKVIDEO01\n---\n\n"
        "Sebastian Raschka on learning machine learning.\n\n")
SHAPES = {
    "a list under a heading": "## Episode Timestamps\n\n- 00:00 - Welcome\n"
                              "- 01:10 - Where it began\n- 05:18 - Industry vs. Academia\n",
    "a list of times, no heading": "## Outline\n\n1. [00:00](https://www.youtube.com/watch?v="
                                   "TALKVIDEO01&t=0s) Welcome\n2. (01:10) Where it began\n"
                                   "3. [05:18] Industry vs. Academia\n",
    "a chapters block": "```{chapters}\n00:00 - Welcome\n01:10 - Where it began\n\n"
                        "05:18 - Industry vs. Academia\n```\n",
    "pasted after a label": "Timestamps:\n00:00 Welcome\n01:10 Where it began\n"
                            "05:18 Industry vs. Academia\n",
    "pasted from 00:00": "Some prose first.\n\n00:00 Welcome  \n01:10 Where it began  \n"
                         "05:18 Industry vs. Academia\n",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_transcript_headings_come_from_every_chapter_shape(build, shape):
    app = build(testroot="transcripts", files={f"{TALK}.md": HEAD + SHAPES[shape]})
    episode = [li.select_one(".podcast-chapter-title").get_text()
               for li in page(app, TALK).select(".podcast-chapters li.podcast-chapter")]
    assert episode == ["Welcome", "Where it began", "Industry vs. Academia"]
    transcript = page(app, "transcripts/2023-03-26-talk")
    headings = [h.get_text().rstrip("#") for h in transcript.select("article h2")]
    assert headings == episode


def test_paragraphs_drawn_from_data_are_the_html_their_nodes_would_be(site, sphinx_test_tempdir,
                                                                       rootdir):
    """With Sphinx's search the paragraphs become nodes again (its index reads words
    from nodes); the article the HTML writer makes of them is the same, byte for byte."""
    as_nodes = build_root(rootdir / "test-transcripts", sphinx_test_tempdir / "transcripts-nodes",
                          confoverrides={"podcast_search": "sphinx"})
    for name in ("2023-03-26-talk", "2023-04-01-listen", "2023-05-01-broken"):
        drawn, built = (str(page(app, f"transcripts/{name}").select_one("article section"))
                        for app in (site, as_nodes))
        assert drawn == built and "podcast-transcript-paragraph" in drawn
    index = (as_nodes.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert '"zygomorph' in index  # a word said in the transcript alone
    as_nodes.cleanup()


def test_other_formats_get_the_paragraphs_as_text(sphinx_test_tempdir, rootdir):
    app = build_root(rootdir / "test-transcripts", sphinx_test_tempdir / "transcripts-text",
                     buildername="text")
    text = (app.outdir / "transcripts" / "2023-03-26-talk.txt").read_text(encoding="utf-8")
    assert "00:10 **Sebastian Raschka: **Thanks for having me. I first learned from Andrew Ng's" \
        in " ".join(text.split())  # the text builder curls no quotes
    app.cleanup()


def test_transcript_pages_drawn_from_one_are_the_pages_the_theme_renders(sphinx_test_tempdir,
                                                                         rootdir):
    """Each transcript's page but the first is drawn from the first's, its chapters
    in the side column a hole too: the same bytes as the theme rendering every
    one, its numbered ids included; and the drawing was used, not only tried."""
    from podcast.writing.drawn_pages import PROOFS, Drawer
    talk = (rootdir / "test-transcripts" / f"{TALK}.md").read_text(encoding="utf-8")
    said = (rootdir / "test-transcripts" / f"{TALK}.vtt").read_text(encoding="utf-8")
    more = {}
    for day, guest in ((10, "Ann Lee"), (11, "Bo Chen & Co"), (12, "Dana <b>Bold</b>")):
        name = f"episodes/2023-06-{day}-more"
        more[f"{name}.md"] = talk.replace("Sebastian Raschka: Learning ML", f"{guest}: Talk")
        more[f"{name}.vtt"] = said.replace("Sebastian Raschka", guest)
    drawn: list[str] = []
    page_context = Drawer.page_context

    def counted(self, app, pagename, *args):
        proofs = {key: self.proven.get(key, 1) for key in self.shells}
        result = page_context(self, app, pagename, *args)
        if pagename.startswith("transcripts/") and any(
                self.shells.get(key) and count >= PROOFS for key, count in proofs.items()):
            drawn.append(pagename)
        return result

    Drawer.page_context = counted
    try:
        again = build_root(rootdir / "test-transcripts",
                           sphinx_test_tempdir / "transcripts-drawn", files=more)
    finally:
        Drawer.page_context = page_context
    rendered = build_root(rootdir / "test-transcripts",
                          sphinx_test_tempdir / "transcripts-rendered", files=more,
                          confoverrides={"podcast_draw_pages": False})
    pages = sorted(path.name for path in (again.outdir / "transcripts").glob("*.html"))
    assert len(pages) == 6
    for name in pages:
        assert (again.outdir / "transcripts" / name).read_bytes() == (
            rendered.outdir / "transcripts" / name).read_bytes(), name
    assert "pst-page-navigation-heading" in (again.outdir / "transcripts" / pages[0]).read_text(
        encoding="utf-8")
    assert len(drawn) >= 2, drawn
    again.cleanup()
    rendered.cleanup()


def as_documents(monkeypatch) -> None:
    """Transcripts' (and people's) pages read as documents, as an e-book's are."""
    from podcast.before_reading import page_kinds
    from podcast.writing import people_pages, transcript_pages
    for module in (page_kinds, people_pages, transcript_pages):
        monkeypatch.setattr(module, "pages_are_documents", lambda app: True)


def test_transcript_pages_drawn_with_their_posts_are_the_pages_their_documents_were(
        sphinx_test_tempdir, rootdir, monkeypatch):
    """A transcript page is no document: its post reads the transcript, and the
    page is made at writing; byte for byte the page its document gave (quotes
    curled in the title, the link and the chapters; the side column's chapters;
    the player), but for the copy of a source it no longer has. A site built
    when they were documents keeps them, their sources' copies gone."""
    talk = (rootdir / "test-transcripts" / f"{TALK}.md").read_text(encoding="utf-8")
    quoted = {f"{TALK}.md": talk.replace("Learning ML", "Learning ML's \"basics\" -- again")
              .replace("Career Background", "Career's 'Background'")}
    settings = {"html_show_sourcelink": False}
    as_documents(monkeypatch)
    documents = build_root(rootdir / "test-transcripts", sphinx_test_tempdir / "said-documents",
                           files=quoted, confoverrides=settings)
    upgraded = build_root(rootdir / "test-transcripts", sphinx_test_tempdir / "said-upgraded",
                          files=quoted, confoverrides=settings)
    assert "transcripts/2023-03-26-talk" in upgraded.env.found_docs
    monkeypatch.undo()
    drawn = build_root(rootdir / "test-transcripts", sphinx_test_tempdir / "said-drawn",
                       files=quoted, confoverrides=settings)
    upgraded = build_root(rootdir / "test-transcripts", sphinx_test_tempdir / "said-upgraded",
                          confoverrides=settings)
    names = sorted(path.name for path in (documents.outdir / "transcripts").glob("*.html"))
    assert len(names) == 3
    for app in (drawn, upgraded):
        assert not [name for name in app.env.found_docs if name.startswith("transcripts/")]
        for name in names:
            assert (app.outdir / "transcripts" / name).read_bytes() == (
                documents.outdir / "transcripts" / name).read_bytes(), name
    assert not list((upgraded.outdir / "_sources" / "transcripts").glob("*"))
    heading = page(drawn, "transcripts/2023-03-26-talk").find("h1").get_text()
    assert "ML\u2019s \u201cbasics\u201d \u2013 again" in heading
    for app in (documents, drawn, upgraded):
        app.cleanup()


def test_a_notes_edit_writes_its_transcript_page_again_and_no_other(build, rootdir):
    """The post is read again, and its transcript with it: its page is written
    again, the other transcripts' are not; an edit of the transcript alone does
    the same."""
    from helpers import written
    root = rootdir / "test-transcripts"
    build(testroot="transcripts")
    notes = (root / f"{TALK}.md").read_text(encoding="utf-8") + "\nOne more line of notes.\n"
    app = build(testroot="transcripts", files={f"{TALK}.md": notes})
    assert {"transcripts/2023-03-26-talk", TALK} <= written(app)
    assert not {"transcripts/2023-04-01-listen", "transcripts/2023-05-01-broken"} & written(app)
    said = (root / f"{TALK}.vtt").read_text(encoding="utf-8")
    app = build(testroot="transcripts", files={f"{TALK}.vtt": said.replace(
        "zygomorphic", "zygomorphous")})
    assert "transcripts/2023-03-26-talk" in written(app)
    assert "transcripts/2023-04-01-listen" not in written(app)
    assert "zygomorphous" in page(app, "transcripts/2023-03-26-talk").get_text()


def test_transcripts_read_ahead_give_the_pages_and_warnings_read_with_their_posts(
        sphinx_test_tempdir, rootdir, monkeypatch):
    """A serial build reads the transcripts ahead, on another core, in the order
    of their posts: the same pages and warnings as each read with its post."""
    from podcast.build_speed import ahead
    from podcast.reading import transcript_page
    talk = (rootdir / "test-transcripts" / f"{TALK}.md").read_text(encoding="utf-8")
    said = (rootdir / "test-transcripts" / f"{TALK}.vtt").read_text(encoding="utf-8")
    broken = (rootdir / "test-transcripts" / f"{BROKEN}.vtt").read_bytes().decode("cp1252")
    more = {}
    for day in range(10, 20):
        name = f"episodes/2023-06-{day}-more"
        more[f"{name}.md"] = talk.replace("Sebastian Raschka: Learning ML", f"Talk {day}")
        more[f"{name}.vtt"] = said if day % 2 else broken
    taken: list[bool] = []
    take = ahead.Ahead.take

    def counted(self, key):
        found = take(self, key)
        taken.append(found is not ahead.MISSING)
        return found

    monkeypatch.setattr(ahead.Ahead, "take", counted)
    read_ahead = build_root(rootdir / "test-transcripts", sphinx_test_tempdir / "said-ahead",
                            files=more)
    read_ahead.cleanup()
    monkeypatch.setattr(transcript_page, "AHEAD_FROM", 10 ** 6)
    with_posts = build_root(rootdir / "test-transcripts", sphinx_test_tempdir / "said-with-posts",
                            files=more)
    assert taken.count(True) == len(taken) == 13
    names = sorted(path.name for path in (with_posts.outdir / "transcripts").glob("*.html"))
    assert len(names) == 13
    for name in names:
        assert (read_ahead.outdir / "transcripts" / name).read_bytes() == (
            with_posts.outdir / "transcripts" / name).read_bytes(), name
    ahead_said, posts_said = (
        [line.replace(folder, "") for line in warnings(app).splitlines() if "[podcast" in line]
        for app, folder in ((read_ahead, "said-ahead"), (with_posts, "said-with-posts")))
    assert ahead_said == posts_said
    assert any("cannot read this cue" in line for line in ahead_said)
    with_posts.cleanup()


def test_transcript_pages_drawn_beside_the_writing_are_those_drawn_in_it(
        sphinx_test_tempdir, rootdir, monkeypatch):
    """A serial build draws the transcript pages in a process beside the one
    writing the documents: the same pages, each listed as written."""
    from podcast.writing import made_pages
    talk = (rootdir / "test-transcripts" / f"{TALK}.md").read_text(encoding="utf-8")
    said = (rootdir / "test-transcripts" / f"{TALK}.vtt").read_text(encoding="utf-8")
    more = {}
    for day in range(10, 20):
        name = f"episodes/2023-06-{day}-more"
        more[f"{name}.md"] = talk.replace("Sebastian Raschka: Learning ML", f"Talk {day}")
        more[f"{name}.vtt"] = said
    started: list[int] = []
    beside = made_pages.in_a_process_beside

    def counted(app, work):
        done = beside(app, work)
        started.append(int(done))
        return done

    monkeypatch.setattr(made_pages, "in_a_process_beside", counted)
    drawn_beside = build_root(rootdir / "test-transcripts", sphinx_test_tempdir / "beside",
                              files=more)
    drawn_beside.cleanup()
    assert started == [1]
    monkeypatch.setattr(made_pages, "in_a_process_beside", lambda app, work: False)
    drawn_here = build_root(rootdir / "test-transcripts", sphinx_test_tempdir / "here",
                            files=more)
    names = sorted(path.name for path in (drawn_here.outdir / "transcripts").glob("*.html"))
    assert len(names) == 13
    for name in names:
        assert (drawn_beside.outdir / "transcripts" / name).read_bytes() == (
            drawn_here.outdir / "transcripts" / name).read_bytes(), name
    listed = {app: {page for page in written(app) if page.startswith("transcripts/")}
              for app in (drawn_beside, drawn_here)}
    assert len(listed[drawn_beside]) == 13 and listed[drawn_beside] == listed[drawn_here]
    assert warnings(drawn_beside) == warnings(drawn_here).replace("/here/", "/beside/")
    drawn_here.cleanup()

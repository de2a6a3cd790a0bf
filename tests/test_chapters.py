"""Chapters in built pages: legacy lists, the directive, warnings, JSON chapters."""

import json
import re

import pytest
from helpers import build_root, page, warnings

LEGACY = "episodes/2023-02-24-legacy"
DIRECTIVE = "episodes/2023-03-01-directive"
SHAPES = "episodes/2023-04-01-shapes"
PROBLEMS = "episodes/2023-05-01-problems"
NO_VIDEO = "episodes/2023-06-01-no-video"
PASTED = "episodes/2023-07-01-pasted"


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir, rootdir):
    app = build_root(rootdir / "test-chapters", sphinx_test_tempdir / "chapters-module")
    yield app
    app.cleanup()


def chapters(app, docname):
    return page(app, docname).select_one("ol.podcast-chapters")


def seconds_of(item):
    return int(re.search(r"[?&]t=(\d+)s$", item.a["href"]).group(1))


def test_legacy_list_becomes_chapters_with_the_right_seconds(site):
    items = chapters(site, LEGACY).find_all("li", recursive=False)
    assert [seconds_of(item) for item in items] == [149, 392, 480, 540, 600, 720, 3638, 3678]
    assert all(item.a["href"].startswith("https://www.youtube.com/watch?v=jOj4d3JNBDU&t=")
               for item in items)
    titles = [item.select_one(".podcast-chapter-title").get_text() for item in items]
    assert titles[0] == "What attracted you to Machine Learning?"
    assert titles[-1] == "Production and Real-World Applications - Don’t reinvent the wheel"
    durations = [d.get_text() for d in chapters(site, LEGACY).select(".podcast-chapter-duration")]
    assert durations[:2] == ["(4 min)", "(1 min)"] and len(durations) == 7  # last: unknown


def test_the_heading_stays(site):
    section = page(site, LEGACY).select_one("section#episode-timestamps")
    assert section.find("h2").get_text().startswith("Episode Timestamps")
    assert section.select_one("ol.podcast-chapters") is not None


def test_anchors_are_unique_and_come_from_the_time(site):
    for docname in (LEGACY, DIRECTIVE, SHAPES, PROBLEMS, NO_VIDEO, PASTED):
        ids = [tag["id"] for tag in page(site, docname).find_all(id=True)]
        assert len(ids) == len(set(ids)), docname
    items = chapters(site, LEGACY).find_all("li", recursive=False)
    assert [item["id"] for item in items][:2] == ["chapter-02-29", "chapter-06-32"]
    assert items[6]["id"] == "chapter-1-00-38"


def test_directive_and_legacy_list_give_the_same_html(site):
    assert str(chapters(site, DIRECTIVE)) == str(chapters(site, LEGACY))


def test_star_bullets_numbered_lists_and_lists_without_a_heading(site):
    soup = page(site, SHAPES)
    lists = soup.select("ol.podcast-chapters")
    assert [[seconds_of(li) for li in ol.find_all("li", recursive=False)] for ol in lists] == [
        [0, 46, 107], [0, 210]]
    # a nested note under a chapter stays
    assert "a nested note that stays" in lists[0].get_text()
    # a list that is not timestamps is left alone
    references = soup.select_one("section#links-we-mentioned ul")
    assert references is not None and "12 monkeys: not a time" in references.get_text()


def test_ref_targets_a_chapter_from_another_page(site):
    links = page(site, "index").select("article a.reference.internal")
    assert [a["href"] for a in links] == [
        f"{LEGACY}.html#chapter-1-00-38", f"{LEGACY}.html#chapter-02-29"]
    assert "What attracted you to Machine Learning?" in links[1].get_text()


def test_problems_are_warned_with_file_and_line(site):
    text = warnings(site)
    problems = f"{PROBLEMS}.md"
    expected = [
        (12, "podcast.chapter", "cannot read a chapter in 'Coffee break"),
        (14, "podcast.chapter-order", "chapter 03:00 starts before"),
        (15, "podcast.chapter-duplicate", "two chapters start at 03:00"),
        (16, "podcast.chapter-link", "links to second 999, not 420; the label wins"),
        (17, "podcast.chapter-link", "links to another video"),
        (18, "podcast.chapter", "cannot read a chapter in 'Closing words"),
    ]
    for line, subtype, message in expected:
        assert re.search(rf"{re.escape(problems)}:{line}: WARNING: .*{re.escape(message)}.*"
                         rf"\[{re.escape(subtype)}\]", text), (line, text)
    assert re.search(rf"{NO_VIDEO}\.md:10: WARNING: chapters in a post without a video.*"
                     r"\[podcast.chapter-video\]", text)
    # the directive post shares the legacy post's video, on purpose (same HTML)
    assert re.search(rf"{DIRECTIVE}\.md:4: WARNING: the video jOj4d3JNBDU is also {LEGACY}'s",
                     text)
    assert len(text.strip().splitlines()) == 9  # and the bad audio's, below
    # in the order of the post's lines
    lines = [int(number) for number in re.findall(rf"{re.escape(problems)}:(\d+): WARNING", text)]
    assert lines == sorted(lines)


def test_a_bad_item_is_kept_and_the_label_wins(site):
    items = chapters(site, PROBLEMS).find_all("li", recursive=False)
    assert items[1].get_text(strip=True) == "Coffee break, no time here"
    assert "podcast-chapter-unparsed" in items[1]["class"]
    assert seconds_of(items[5]) == 420  # the label said 07:00, the link t=999
    ids = [item.get("id") for item in items if item.get("id")]
    assert "chapter-03-00" in ids and "chapter-03-00-2" in ids


def test_without_a_video_chapters_render_without_links(site):
    items = chapters(site, NO_VIDEO).find_all("li", recursive=False)
    assert len(items) == 2 and all(item.find("a") is None for item in items)


def test_json_chapters_beside_the_page_and_linked(site):
    data = json.loads((site.outdir / f"{LEGACY}.chapters.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.2.0"
    assert data["title"] == "Nils Reimers: Sentence Transformers"
    assert data["podcastName"] == "Test podcast"
    assert [c["startTime"] for c in data["chapters"]] == [149, 392, 480, 540, 600, 720, 3638,
                                                          3678]
    assert data["chapters"][0] == {
        "startTime": 149,
        "title": "What attracted you to Machine Learning?",
        "url": "https://example.org/podcast/episodes/2023-02-24-legacy.html#chapter-02-29",
    }
    link = page(site, LEGACY).select_one(".podcast-chapters-json a")
    assert link["href"] == "2023-02-24-legacy.chapters.json"


def test_chapters_are_in_the_episode_record(site):
    episode = site.env.get_domain("podcast").episodes[LEGACY]
    assert [chapter.start for chapter in episode.chapters][:2] == [149, 392]


def test_youtube_rules_are_opt_in(build):
    app = build(testroot="chapters", confoverrides={"podcast_chapters_youtube_rules": True})
    text = warnings(app)
    assert "[podcast.chapter-youtube]" in text
    assert re.search(rf"{LEGACY}\.markdown:\d+: WARNING: the first chapter starts at 02:29", text)


def test_ref_targets_follow_an_edited_chapter(build, rootdir):
    build(testroot="chapters")
    post = rootdir / "test-chapters" / f"{LEGACY}.markdown"
    index = (rootdir / "test-chapters" / "index.md").read_text()
    app = build(testroot="chapters", files={
        f"{LEGACY}.markdown": post.read_text().replace("- 1:00:38 ", "- 1:00:40 "),
        "index.md": index + "\n",  # re-read, so its references are resolved again
    })
    labels = app.env.get_domain("std").labels
    assert f"{LEGACY}#chapter-1-00-40" in labels
    assert f"{LEGACY}#chapter-1-00-38" not in labels
    assert f"undefined label: '{LEGACY}#chapter-1-00-38'" in warnings(app)
    links = page(app, "index").select("article a.reference.internal")
    assert [a["href"] for a in links] == [f"{LEGACY}.html#chapter-02-29"]


def test_timestamps_pasted_as_plain_lines(site):
    soup = page(site, PASTED)
    lists = soup.select("ol.podcast-chapters")
    assert [[seconds_of(li) for li in ol.find_all("li", recursive=False)] for ol in lists] == [
        [0, 160, 252, 630], [660, 750], [0, 60, 120], [0, 252, 630]]
    titles = [title.get_text() for title in lists[0].select(".podcast-chapter-title")]
    assert titles == ["Intro", "The path into ML", "Why judges fail", "Calibration"]
    # lines kept apart by hard breaks (two spaces or a backslash at their end)
    titles = [title.get_text() for title in lists[3].select(".podcast-chapter-title")]
    assert titles == ["Hello", "Middle", "End"]
    # the label stays before its chapters; a lone time in prose is left alone
    assert lists[1].find_previous_sibling("p").get_text() == "Timestamps:"
    assert any(p.get_text().startswith("At 12:00 we talk about lunch") for p in soup.select("p"))
    # two times of day, under no timestamps heading and not from 00:00, are prose
    assert any(p.get_text().startswith("09:00 Doors open") for p in soup.select("p"))
    assert f"{PASTED}.md" not in warnings(site)


def test_a_bad_pasted_line_is_warned_at_its_own_line(build):
    post = ("---\ntitle: 'Lines | Learning from Machine Learning #9'\n"
            "youtubeID: LiNeS000001\n---\n\n## Timestamps\n\n00:00 Intro\n05:99 Bad seconds\n"
            "07:00 Fine\n")
    app = build(testroot="chapters", files={"episodes/2023-08-01-lines.md": post})
    assert "2023-08-01-lines.md:9: WARNING: cannot read a chapter in '05:99 Bad seconds'" in (
        warnings(app))


def test_a_link_wrapping_in_a_pasted_line_keeps_later_lines_numbers(build):
    post = ("---\ntitle: 'Wrap | Learning from Machine Learning #9'\n"
            "youtubeID: WrApPeD0001\n---\n\n**Timestamps**\n00:00 Intro with [Ann\n"
            "Lee](https://example.com)\n04:12 Why\n03:00 Back\n")
    app = build(testroot="chapters", files={"episodes/2023-08-02-wrap.md": post})
    assert "2023-08-02-wrap.md:10: WARNING: chapter 03:00 starts before" in warnings(app)


AUDIO = "episodes/2023-07-01-audio"
AUDIO_ONLY = "episodes/2023-07-02-audio-only"
BAD_AUDIO = "episodes/2023-07-03-bad-audio"


def test_the_audio_plays_beside_the_video_and_downloads_nothing_before(site):
    soup = page(site, AUDIO)
    player = soup.select_one(".podcast-audio audio")
    assert player.has_attr("controls") and player["preload"] == "none"
    assert not player.has_attr("src") and not player.has_attr("autoplay")
    source = player.find("source")
    assert (source["src"], source["type"]) == ("https://media.example.org/kenji.mp3",
                                               "audio/mpeg")
    assert player["aria-label"] == "Audio: Kenji Tanaka: Robot Learning"
    video = soup.select_one(".podcast-video")
    assert video is not None and video.find_next(class_="podcast-audio") is not None


def test_without_a_video_chapters_seek_the_audio(site):
    soup = page(site, AUDIO_ONLY)
    assert soup.select_one(".podcast-video") is None
    links = [a["href"] for a in soup.select("ol.podcast-chapters a.podcast-chapter-link")]
    assert links == ["#t=0", "#t=120"]
    assert f"{AUDIO_ONLY}.md" not in warnings(site)  # chapters that can seek: no warning


def test_feeds_and_json_ld_carry_the_audio(site):
    rss = (site.outdir / "rss.xml").read_text(encoding="utf-8")
    assert ('<enclosure url="https://media.example.org/kenji.mp3" length="41000000" '
            'type="audio/mpeg"/>') in rss
    atom = (site.outdir / "feed.xml").read_text(encoding="utf-8")
    assert re.search(r'<link href="https://media.example.org/kenji.mp3" rel="enclosure" '
                     r'type="audio/mpeg" length="41000000"/>', atom)
    data = [json.loads(script.string) for script in page(site, AUDIO).select(
        'script[type="application/ld+json"]')]
    assert data[0]["audio"] == {"@type": "AudioObject",
                                "contentUrl": "https://media.example.org/kenji.mp3",
                                "encodingFormat": "audio/mpeg", "duration": "PT0H48M10S",
                                "contentSize": "41000000"}


def test_audio_that_is_no_web_address_is_dropped_with_a_warning(site):
    text = warnings(site)
    assert re.search(rf"{BAD_AUDIO}\.md:5: WARNING: audio_url 'javascript:alert\(1\)' is no "
                     r"http\(s\) URL; dropped", text)
    assert page(site, BAD_AUDIO).select_one(".podcast-audio") is None
    assert "javascript:" not in (site.outdir / f"{BAD_AUDIO}.html").read_text(encoding="utf-8")

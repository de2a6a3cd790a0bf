"""make import: new posts from the show's feeds, fetched from a real HTTP server
on 127.0.0.1 serving feed files in their real shapes."""

import http.server
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, serving
from podcast.core.post.frontmatter import front_matter
from podcast.importer.command import run

FEEDS = Path(__file__).parent / "feeds"
TRANSCRIPT = b"https://media.rss.com/learning-from-machine-learning/priya.vtt"
EXISTING = """---
categories: machine learning updates
date: 2025-05-28 22:30:30 +0000
layout: post
title: 'Maxime Labonne: Thinking beyond Transformers | Learning from Machine Learning #12'
youtubeID: IOC2k5k8oto
---

Already here.
"""


class Feeds(http.server.BaseHTTPRequestHandler):
    """The feed files, and feeds that fail: missing, slow, broken, flaky."""

    flaky_failures = 0

    def do_GET(self):
        name = self.path.strip("/")
        if name == "slow.xml":
            time.sleep(3)
        if name == "flaky.xml" and Feeds.flaky_failures < 1:
            Feeds.flaky_failures += 1
            return self.send_error(503)
        if name == "broken.xml":
            return self.answer(b"<html><body>Oops, no feed here")
        path = FEEDS / {"slow.xml": "substack.xml", "flaky.xml": "podcast.xml"}.get(name, name)
        if not path.is_file():
            return self.send_error(404)
        # the podcast feed's transcript, served here (the tests reach no other host)
        server = f"http://127.0.0.1:{self.server.server_address[1]}".encode()
        self.answer(path.read_bytes().replace(TRANSCRIPT, server + b"/transcripts/priya.vtt"))

    def answer(self, data: bytes) -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting: what the slow feed is for

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    with serving(Feeds) as url:
        yield url


@pytest.fixture
def project(tmp_path, server):
    (tmp_path / "episodes").mkdir()
    (tmp_path / "episodes" / "2025-05-28-maxime-labonne.markdown").write_text(EXISTING)
    (tmp_path / "conf.py").write_text(
        f"podcast_youtube_feed_url = '{server}/youtube.xml'\n"
        f"podcast_rss_url = '{server}/podcast.xml'\n"
        f"podcast_substack_rss_url = '{server}/substack.xml'\n")
    return tmp_path


def importing(project, env=None, **kwargs):
    said = []
    status = run(project, env or {}, said.append, **kwargs)
    return status, "\n".join(said)


def test_new_videos_become_posts_in_the_hosts_shape(project):
    status, said = importing(project)
    assert status == 0, said
    posts = sorted(path.name for path in (project / "episodes").glob("*.markdown"))
    priya = ("2025-07-15-priya-raman-retrieval-evaluation-search-learning-from-machine-learning-"
             "14.markdown")
    assert posts == ["2025-05-28-maxime-labonne.markdown",
                     "2025-06-20-kenji-tanaka-robot-learning-learning-from-machine-learning-"
                     "13.markdown", priya]
    text = (project / "episodes" / priya).read_text()
    assert text.startswith(
        "---\ncategories: machine learning updates\ndate: 2025-07-15 16:00:12 +0000\n"
        "layout: post\ntitle: 'Priya Raman: Retrieval, Evaluation & Search | Learning from "
        "Machine Learning #14'\nyoutubeID: 'NEWVIDEO001'\n"
        "substack_url: 'https://mindfulmachines.substack.com/p/priya-raman-retrieval-evaluation'\n"
        "audio_url: 'https://media.rss.com/learning-from-machine-learning/2025_07_15_16_05_00_"
        "priya.mp3'\naudio_type: 'audio/mpeg'\naudio_length: 58211456\naudio_duration: 3725\n"
        "---\n")
    assert "She explains why evaluation comes first." in text
    assert "## Links\n\n- [Priya's website](https://priya.example.org/)\n" in text
    assert "## Episode Timestamps\n\n- 00:00 - Introduction\n- 02:15 - Career background\n" in text
    meta = front_matter(project / "episodes" / priya)
    assert meta["title"].endswith("#14") and meta["youtubeID"] == "NEWVIDEO001"
    # what the feed knows besides, beside the post: its data file and its transcript
    stem = priya.removesuffix(".markdown")
    assert (project / "episodes" / f"{stem}.feed.yaml").read_text().splitlines()[2:5] == [
        "podcast_guid: '7a1b2c3d-0014-4000-8000-000000000014'", "episode: '14'",
        "transcript_url: 'http://127.0.0.1:" + said.split("127.0.0.1:")[1].split("/")[0]
        + "/transcripts/priya.vtt'"]
    assert (project / "episodes" / f"{stem}.vtt").read_bytes() == (
        FEEDS / "transcripts" / "priya.vtt").read_bytes()
    # what matched what, and what matched nothing
    assert ("video NEWVIDEO001 'Priya Raman: Retrieval, Evaluation & Search | Learning from "
            "Machine Learning #14': podcast item") in said
    assert "(by episode number)" in said and "(by guest)" in said
    assert "not matched: newsletter post 'Five things I learned about search this month'" in said


def test_a_second_run_writes_nothing(project):
    importing(project)
    before = {path: path.read_text() for path in (project / "episodes").iterdir()}
    status, said = importing(project)
    assert status == 0 and "no new videos" in said and "nothing changed" in said
    assert {path: path.read_text() for path in (project / "episodes").iterdir()} == before


def test_a_dry_run_shows_and_writes_nothing(project):
    status, said = importing(project, dry_run=True)
    assert status == 0
    assert "would write episodes/2025-07-15-priya-raman" in said
    assert "youtubeID: 'NEWVIDEO001'" in said
    assert len(list((project / "episodes").iterdir())) == 1


@pytest.mark.parametrize(("feed", "reason"), [
    ("missing.xml", "HTTP 404"),
    ("broken.xml", "no feed"),
    ("slow.xml", "timeout: not all of it within 1 s"),
])
def test_a_feed_that_fails_is_named_and_the_others_still_serve(project, server, feed, reason):
    env = {"SUBSTACK_RSS_URL": f"{server}/{feed}"}  # the environment wins over conf.py
    status, said = importing(project, env, timeout=1)
    assert status == 1
    assert f"Substack RSS: FAILED: {reason}" in said and f"({server}/{feed})" in said
    written = (project / "episodes").glob("2025-07-15-*.markdown")
    text = next(written).read_text()
    assert "audio_url:" in text and "substack_url" not in text  # written from the other feeds


def test_a_server_error_is_tried_again(project, server):
    Feeds.flaky_failures = 0
    status, said = importing(project, {"PODCAST_RSS_URL": f"{server}/flaky.xml"})
    assert status == 0 and "podcast RSS: 2 entries" in said


def test_make_import_runs_the_command_with_no_traceback(project, server):
    result = subprocess.run(
        [sys.executable, "-m", "podcast.importer.command", str(project)],
        env={"PYTHONPATH": str(ROOT / "_ext"), "DRY_RUN": "1",
             "YOUTUBE_FEED_URL": f"{server}/missing.xml"},
        capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "YouTube: FAILED: HTTP 404" in result.stdout and "Traceback" not in result.stderr


def test_matching_by_number_guest_or_date():
    from datetime import UTC, datetime, timedelta

    from podcast.importer.matching import match
    from podcast.importer.show_feeds import Newsletter, PodcastItem, Video

    day = datetime(2025, 3, 3, tzinfo=UTC)
    videos = [Video("A" * 11, "Ann Lee: Search | Learning from Machine Learning #15", day),
              Video("B" * 11, "Bo Chen | Vision | Learning from Machine Learning #16",
                    day + timedelta(days=30)),
              Video("C" * 11, "A conversation on robots and rivers", day + timedelta(days=60))]
    items = [PodcastItem("Ep. 15 - Search with Ann", day + timedelta(days=9), None),
             PodcastItem("Bo Chen: Vision", day + timedelta(days=40)),
             PodcastItem("Rivers", day + timedelta(days=61))]
    posts = [Newsletter("Robots and rivers, a conversation", day + timedelta(days=62), "c"),
             Newsletter("What I read this week", day + timedelta(days=1), "x")]
    matches, items_left, posts_left = match(videos, items, posts)
    assert [(found.item_by, found.newsletter_by) for found in matches] == [
        ("episode number", ""), ("guest", ""), ("date", "date")]
    assert items_left == [] and [post.title for post in posts_left] == ["What I read this week"]


def test_numbers_that_contradict_are_never_matched_by_date_or_guest():
    from datetime import UTC, datetime, timedelta

    from podcast.importer.matching import match
    from podcast.importer.show_feeds import Newsletter, PodcastItem, Video

    day = datetime(2025, 3, 3, 16, tzinfo=UTC)
    videos = [Video("A" * 11, "Ann Lee: Search | Learning from Machine Learning #902", day)]
    items = [PodcastItem("Ann Lee: Search, part two", day + timedelta(hours=1), 903)]
    posts = [Newsletter("Ann Lee: Search | Learning from Machine Learning #903",
                        day + timedelta(hours=2), "https://example.org/903")]
    matches, items_left, posts_left = match(videos, items, posts)
    assert matches[0].item is None and matches[0].newsletter is None
    assert len(items_left) == 1 and len(posts_left) == 1
    # without a number of its own, the item of that day is the video's
    matches, _, _ = match(videos, [PodcastItem("Search, with Ann", day + timedelta(hours=1))], [])
    assert matches[0].item_by == "date"


def test_matching_grows_about_linearly():
    """Matching indexes the candidates (by number, guest and date) instead of
    comparing every video with every item: twice the feeds take about twice the time."""
    sys.path.insert(0, str(ROOT / "bench"))
    from matching import measure

    small, _ = measure(250, repeat=2)
    large, how = measure(1000, repeat=2)
    assert large < 8 * small + 0.05, (small, large)  # quadratic would be 16 times
    assert how["item by episode number"] > 600

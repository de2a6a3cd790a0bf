"""Chapters in a real browser: a click or a deep link seeks the embedded player."""

import re

import pytest
from browser import Offsite, player_commands, served_root, wait_for_command
from test_timestamps import OFFSETS

pytestmark = pytest.mark.browser

LEGACY = "episodes/2023-02-24-legacy"
SEEK_HOUR = {"event": "command", "func": "seekTo", "args": [3638, True]}


@pytest.fixture(scope="module")
def site_url(sphinx_test_tempdir, rootdir):
    with served_root(rootdir / "test-chapters", sphinx_test_tempdir / "browser-chapters") as url:
        yield url





def test_clicking_a_chapter_seeks_the_player(page, site_url):
    Offsite(page, player=True)
    page.goto(f"{site_url}/{LEGACY}.html")
    page.click("#chapter-1-00-38 a")
    assert wait_for_command(page, SEEK_HOUR), player_commands(page)
    assert {"event": "command", "func": "playVideo", "args": []} in player_commands(page)
    src = page.locator(".podcast-video iframe").get_attribute("src")
    assert "start=3638" in src and "enablejsapi=1" in src
    assert page.url.endswith("#chapter-1-00-38")  # the page stays; the player seeks


def test_a_second_chapter_click_seeks_the_loaded_player(page, site_url):
    Offsite(page, player=True)
    page.goto(f"{site_url}/{LEGACY}.html")
    page.click("#chapter-02-29 a")
    assert wait_for_command(page, {"event": "command", "func": "seekTo", "args": [149, True]})
    page.click("#chapter-1-00-38 a")
    assert wait_for_command(page, SEEK_HOUR)
    assert page.locator(".podcast-video iframe").count() == 1


def test_player_is_brought_into_view(page, site_url):
    Offsite(page, player=True)
    page.set_viewport_size({"width": 390, "height": 700})
    page.goto(f"{site_url}/{LEGACY}.html")
    page.locator("#chapter-1-01-18 a").scroll_into_view_if_needed()
    page.click("#chapter-1-01-18 a")
    page.wait_for_function("() => { const box = document.querySelector('.podcast-video')"
                           ".getBoundingClientRect(); return box.top >= 0 && box.bottom <= "
                           "innerHeight; }", timeout=5000)  # scrolled smoothly into view
    box = page.locator(".podcast-video").bounding_box()
    assert box["y"] < 700 and box["y"] + box["height"] > 0


@pytest.mark.parametrize("fragment", ["t=3638", "t=1h0m38s", "t=1:00:38", "chapter-1-00-38"])
def test_deep_link_starts_the_player_there(page, site_url, fragment):
    Offsite(page, player=True)
    page.goto(f"{site_url}/{LEGACY}.html#{fragment}")
    assert wait_for_command(page, SEEK_HOUR), player_commands(page)


def test_keyboard_reaches_the_chapter_links(page, site_url):
    Offsite(page, player=True)
    page.goto(f"{site_url}/{LEGACY}.html")
    page.focus("#chapter-02-29 a")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('li').id")
    assert focused == "chapter-06-32"
    page.keyboard.press("Enter")
    assert wait_for_command(page, {"event": "command", "func": "seekTo", "args": [392, True]})


def test_middle_click_is_left_to_the_browser(page, site_url):
    Offsite(page, player=True)
    page.goto(f"{site_url}/{LEGACY}.html")
    href = page.get_attribute("#chapter-1-00-38 a", "href")
    assert href == "https://www.youtube.com/watch?v=jOj4d3JNBDU&t=3638s"
    with page.context.expect_page() as opened:  # the browser opens it in a new tab
        page.click("#chapter-1-00-38 a", button="middle")
    assert opened.value.url.startswith(("https://www.youtube.com/watch", "chrome-error"))
    assert page.locator(".podcast-video iframe").count() == 0


# -- the episode's audio --------------------------------------------------------------

AUDIO_POST = """---
title: 'Sound Only: Listening | Learning from Machine Learning #30'
date: 2023-08-01 10:00:00 +0000
audio_url: https://media.example.org/sound.wav
audio_type: audio/wav
---

An episode to listen to.

## Episode Timestamps

- 00:00 - Introduction
- 02:00 - The middle
"""
BOTH_POST = AUDIO_POST.replace("Sound Only", "Sound And Vision").replace(
    "audio_url:", "youtubeID: SOUNDVIDEO1\naudio_url:").replace("#30", "#31")


def silence(seconds: int) -> bytes:
    """A real WAV file: 8 kHz, 8-bit mono silence."""
    import io
    import wave

    data = io.BytesIO()
    with wave.open(data, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(1)
        sound.setframerate(8000)
        sound.writeframes(b"\x80" * 8000 * seconds)
    return data.getvalue()


@pytest.fixture(scope="module")
def audio_site(sphinx_test_tempdir, rootdir):
    import shutil

    folder = sphinx_test_tempdir / "browser-audio"
    shutil.copytree(rootdir / "test-chapters", folder)
    (folder / "episodes" / "2023-08-01-sound.md").write_text(AUDIO_POST)
    (folder / "episodes" / "2023-08-02-both.md").write_text(BOTH_POST)
    with served_root(rootdir / "test-chapters", folder) as url:
        yield url


def serve_sound(page):
    """The audio as a media server serves it: byte ranges, so that it can seek."""
    offsite = Offsite(page, player=True)
    sound = silence(150)

    def answer(route):
        asked = re.match(r"bytes=(\d+)-(\d*)", route.request.headers.get("range", ""))
        if not asked:
            return route.fulfill(status=200, content_type="audio/wav", body=sound,
                                 headers={"Accept-Ranges": "bytes"})
        start = int(asked[1])
        end = min(int(asked[2] or len(sound) - 1), len(sound) - 1)
        route.fulfill(status=206, content_type="audio/wav", body=sound[start:end + 1],
                      headers={"Accept-Ranges": "bytes",
                               "Content-Range": f"bytes {start}-{end}/{len(sound)}"})

    page.route("https://media.example.org/**", answer)
    return offsite


def audio_time(page) -> float:
    """Where the audio is, once it has moved past the first chapter."""
    page.wait_for_function("() => document.querySelector('.podcast-audio audio')"
                           ".currentTime > 60", timeout=5000)
    return page.evaluate("document.querySelector('.podcast-audio audio').currentTime")


def test_without_a_video_a_chapter_seeks_the_audio(page, audio_site):
    serve_sound(page)
    page.goto(f"{audio_site}/episodes/2023-08-01-sound.html")
    assert page.evaluate("document.querySelector('.podcast-audio audio').preload") == "none"
    page.click("#chapter-02-00 a")
    assert 119 <= audio_time(page) <= 125
    assert page.url.endswith("#chapter-02-00")


def test_a_chapter_seeks_the_audio_when_it_is_the_one_playing(page, audio_site):
    serve_sound(page)
    page.goto(f"{audio_site}/episodes/2023-08-02-both.html")
    page.evaluate("document.querySelector('.podcast-audio audio').dispatchEvent("
                  "new Event('play'))")  # the listener pressed play on the audio
    page.click("#chapter-02-00 a")
    assert 119 <= audio_time(page) <= 125
    assert page.locator(".podcast-video iframe").count() == 0  # the video stays unloaded


# -- transcripts ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def transcript_site(sphinx_test_tempdir, rootdir):
    with served_root(rootdir / "test-transcripts",
                     sphinx_test_tempdir / "browser-transcripts") as url:
        yield url


def test_clicking_a_paragraphs_time_seeks_the_player(page, transcript_site):
    Offsite(page, player=True)
    page.goto(f"{transcript_site}/transcripts/2023-03-26-talk.html")
    with page.expect_navigation():
        page.click("#t-76.podcast-transcript-time")  # the time is the anchor
    assert page.url.endswith("/episodes/2023-03-26-talk.html#t=76")
    assert wait_for_command(page, {"event": "command", "func": "seekTo", "args": [76, True]})


def test_a_deep_link_shows_what_was_said_then(page, transcript_site):
    Offsite(page, player=True)
    page.goto(f"{transcript_site}/transcripts/2023-03-26-talk.html#t=330")
    page.wait_for_selector(".podcast-transcript-current")
    assert page.evaluate("document.querySelector('.podcast-transcript-current > "
                         ".podcast-transcript-time').id") == "t-320"
    assert page.locator("iframe").count() == 0  # the transcript page has no player to load


def test_the_page_reads_a_time_as_the_python_does(page, site_url):
    """podcast.js reads "#t=" times itself: on every case of the Python's table it
    gives what ``parse_offset`` gives (``tests/test_timestamps.py``)."""
    page.goto(f"{site_url}/{LEGACY}.html")
    values = [value for value, _ in OFFSETS]
    read = page.evaluate("(values) => values.map(window.podcastPlayer.parseOffset)", values)
    assert list(zip(values, read, strict=True)) == OFFSETS

"""The audio's player in a real browser, with a real audio file from a host on
127.0.0.1 that answers byte ranges: each control and its key, the chapter
playing marked (audio and video alike), sharing the moment, resuming after a
reload, and the transcript following the audio. The test root's audio comes
from a post's data file (``<post>.feed.yaml``) and from a post's front matter."""

import shutil

import pytest
from browser import (
    MediaHost,
    Offsite,
    playing_video,
    serve,
    serve_media,
    silent_wav,
    video_at,
)
from helpers import build_in_subprocess

pytestmark = pytest.mark.browser

LISTEN = "episodes/2023-08-01-listen"  # audio only, from its data file; a transcript
BOTH = "episodes/2023-08-02-both"  # video and audio
VIDEO = "episodes/2023-08-03-video"  # video only
TRANSCRIPT = "transcripts/2023-08-01-listen"
KEY = f"podcast-position:{LISTEN}"
AUDIO = ".podcast-audio audio"
# what else a page keeps in the browser: pydata-sphinx-theme its light, dark or auto,
# media-chrome the volume and whether the sound is muted (docs/player.md)
OTHER_KEYS = ("theme", "mode", "media-chrome-pref-volume", "media-chrome-pref-muted")
PLAYER_FILES = ("media-chrome.js", "podcast-player.js", "podcast-player.css")


@pytest.fixture(scope="module")
def media():
    """Three minutes of silence for each episode with audio, as its host serves it."""
    with serve_media({"listen.wav": silent_wav(180), "both.wav": silent_wav(180)}) as host:
        yield host


@pytest.fixture(scope="module")
def site_url(sphinx_test_tempdir, rootdir, media: MediaHost):
    root = rootdir / "test-player"
    folder = sphinx_test_tempdir / "browser-player"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(root, folder)
    for path in folder.glob("episodes/*"):  # the posts' audio is on the host here
        if path.suffix in (".md", ".yaml"):
            path.write_text(path.read_text().replace("https://media.example.org", media.url))
    with serve(build_in_subprocess(root, folder)) as url:
        yield url


def open_page(page, site_url, docname: str, fragment: str = ""):
    Offsite(page)
    page.goto(f"{site_url}/{docname}.html{fragment}")
    page.wait_for_function("() => document.querySelector('.podcast-audio-ready')")


def audio(page, expression: str):
    return page.evaluate(f"document.querySelector('{AUDIO}').{expression}")


def shown(page, selector: str) -> str:
    """What a media-chrome control shows (its text is in its shadow root)."""
    return page.evaluate("""(selector) => {
        const root = document.querySelector(selector).shadowRoot;
        const slot = root.querySelector('slot[name=icon]') ||
            root.querySelector('slot:not([name])');
        return slot.textContent.replace(/\\u00a0/g, ' ').trim(); }""", selector)


TIME = ".podcast-audio media-time-display"
# the audio has sought to between two seconds, and its controls know it
SOUGHT = ("audio.currentTime >= {} && audio.currentTime < {} && !audio.seeking && "
          "Math.abs(audio.currentTime - document.querySelector('.podcast-audio "
          "media-time-display').getAttribute('mediacurrenttime')) < 1")
SPEED = ".podcast-audio media-playback-rate-button"


def wait_until(page, condition: str, timeout: float = 8000):
    """Wait until ``condition`` (a JavaScript expression on ``audio``) holds."""
    page.wait_for_function(f"() => {{ const audio = document.querySelector('{AUDIO}'); "
                           f"return {condition}; }}", timeout=timeout)


def play_from(page, seconds: float) -> None:
    """Press play (if it is not playing), then move the audio to ``seconds``, as the
    slider would."""
    if audio(page, "paused"):
        page.get_by_role("button", name="play", exact=True).click()
    wait_until(page, "!audio.paused && audio.readyState >= 1")
    page.evaluate(f"document.querySelector('{AUDIO}').currentTime = {seconds}")
    wait_until(page, f"Math.abs(audio.currentTime - {seconds}) < 2 && !audio.seeking")


# -- pages without audio carry none of it ----------------------------------------------


def test_only_the_pages_with_audio_load_the_player(page, site_url):
    offsite = Offsite(page)
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    for docname in ("index", VIDEO, "archive/2023", LISTEN, TRANSCRIPT):
        loaded.clear()
        page.goto(f"{site_url}/{docname}.html")
        page.wait_for_load_state("networkidle")
        files = sorted(name for name in PLAYER_FILES if any(name in url for url in loaded))
        with_audio = docname in (LISTEN, TRANSCRIPT)
        assert files == (sorted(PLAYER_FILES) if with_audio else []), docname
        assert (page.locator(".podcast-audio").count() == 1) == with_audio, docname
    youtube = [url for url in offsite.requests if "ytimg" not in url]
    assert youtube == []  # nothing from a third party but the video's thumbnail


def test_nothing_is_fetched_before_play_and_nothing_moves(page, site_url, media):
    media.requests.clear()
    # what moved inside the player as the page loaded, and every height its box had
    # (the theme may paint its column wider before its sidebar comes: not the player's)
    page.add_init_script("""window.moved = []; window.heights = [];
        new PerformanceObserver((list) => list.getEntries().forEach((entry) => {
            entry.sources.forEach((source) => {
                const box = document.querySelector('.podcast-audio');
                if (source.node && box && box !== source.node && box.contains(source.node))
                    window.moved.push(source.node.nodeName + '.' + source.node.className);
            }); })).observe({type: "layout-shift", buffered: true});
        const sizes = new ResizeObserver((entries) => entries.forEach(
            (entry) => window.heights.push(entry.contentRect.height)));
        const watch = () => { const box = document.querySelector('.podcast-audio');
            // from when the page's parser has passed it (the box is whole)
            if (box && box.nextElementSibling) sizes.observe(box);
            else requestAnimationFrame(watch); };
        requestAnimationFrame(watch);""")
    offsite = Offsite(page)
    page.goto(f"{site_url}/{LISTEN}.html")
    page.wait_for_function("() => document.querySelector('.podcast-audio-ready')")
    page.wait_for_load_state("networkidle")
    assert media.requests == [] and offsite.requests == []
    assert audio(page, "preload") == "none" and audio(page, "controls") is False
    # the controls took the place of the browser's, in the same space: no layout shift
    page.wait_for_timeout(300)
    assert page.evaluate("window.moved") == []
    assert len(set(page.evaluate("window.heights"))) == 1
    box = page.locator(".podcast-audio media-controller").bounding_box()
    assert 46 <= box["height"] <= 50
    # the duration the feed says, before the audio is asked for
    assert shown(page, TIME) == "0:00 / 3:00"


def test_without_javascript_the_browser_plays_it(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{LISTEN}.html")
    assert audio(page, "controls") is True
    assert page.locator(".podcast-audio audio").is_visible()
    assert not page.locator(".podcast-share").is_visible()  # nothing to share without it
    context.close()


# -- the controls ----------------------------------------------------------------------


def test_each_control_is_named_and_does_what_it_says(page, site_url, media):
    media.requests.clear()
    open_page(page, site_url, LISTEN)
    page.get_by_role("button", name="play", exact=True).click()
    wait_until(page, "!audio.paused && audio.currentTime > 0")
    assert media.requests[0] == ("listen.wav", "bytes=0-")
    play_from(page, 60)
    page.get_by_role("button", name="seek forward 30 seconds").click()
    wait_until(page, SOUGHT.format(89, 95))
    page.get_by_role("button", name="seek back 15 seconds").click()
    wait_until(page, SOUGHT.format(74, 80))
    # it sought through byte ranges: asked for the bytes of the second 60 on, not all
    starts = [int(range_[6:].split("-")[0]) for _, range_ in media.requests if range_]
    assert any(8000 * 59 < start <= 8000 * 95 for start in starts), media.requests
    assert page.get_by_role("button", name="Playback rate 1").count() == 1
    assert shown(page, SPEED) == "1x"
    for rate in (1.25, 1.5, 1.75, 2, 0.75, 1):  # each press, the next speed, shown
        page.locator(SPEED).click()
        wait_until(page, f"audio.playbackRate === {rate}")
        page.wait_for_function("(rate) => document.querySelector('.podcast-audio "
                               "media-playback-rate-button').shadowRoot.querySelector("
                               "'slot[name=icon]').textContent === rate + 'x'", arg=rate)
        assert page.get_by_role("button", name=f"Playback rate {rate:g}").count() == 1
    time = shown(page, TIME)
    assert time.startswith("1:1") and time.endswith(" / 3:00")
    page.get_by_role("button", name="pause", exact=True).click()
    wait_until(page, "audio.paused")
    slider = page.get_by_role("slider", name="seek")
    assert slider.count() == 1


def test_the_keyboard_reaches_every_control_and_plays(page, site_url):
    open_page(page, site_url, LISTEN)
    page.focus("a.podcast-chapter-link >> nth=0")  # from the chapters, back up the page
    names = []
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        names.append(page.evaluate("""() => {
            let element = document.activeElement;
            while (element.shadowRoot && element.shadowRoot.activeElement)
                element = element.shadowRoot.activeElement;
            return element.getAttribute('aria-label') || element.textContent.trim();
        }"""))
        if names[-1] == "seek back 15 seconds":
            break
    assert names[::-1][:8] == ["seek back 15 seconds", "play", "seek forward 30 seconds",
                               "playback time", "seek", "Playback rate 1", "Copy link",
                               page.locator(".podcast-share-link").inner_text()]
    page.focus(".podcast-audio media-play-button")
    page.keyboard.press("Space")
    wait_until(page, "!audio.paused && audio.readyState >= 1")
    page.evaluate(f"document.querySelector('{AUDIO}').currentTime = 60")
    wait_until(page, SOUGHT.format(60, 64))
    page.keyboard.press("ArrowRight")  # 10 s on, as the list of keys says
    wait_until(page, SOUGHT.format(70, 75))
    page.keyboard.press("ArrowLeft")
    wait_until(page, SOUGHT.format(60, 65))
    page.keyboard.press("ArrowLeft")
    wait_until(page, SOUGHT.format(50, 55))
    page.keyboard.press("Space")
    wait_until(page, "audio.paused")
    assert page.evaluate("window.scrollY") == 0  # the keys moved the audio, not the page
    page.focus(".podcast-audio media-time-range")  # the slider: its arrows move it
    page.keyboard.press("ArrowRight")
    wait_until(page, "audio.currentTime > 52")
    page.keyboard.press("Shift+?")  # the list of keys, without those a sound has not
    dialog = page.locator("media-keyboard-shortcuts-dialog")
    dialog.wait_for()
    keys = dialog.evaluate("(dialog) => dialog.shadowRoot.textContent")
    assert "Seek forward 10s" in keys and "Toggle Playback" in keys
    assert "fullscreen" not in keys and "Picture in Picture" not in keys


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844},
                                      {"width": 1280, "height": 900}])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("docname", [LISTEN, TRANSCRIPT])
def test_the_player_is_accessible_while_it_plays(browser, site_url, docname, scheme, viewport):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    open_page(page, site_url, docname)
    play_from(page, 70)
    page.wait_for_selector("[aria-current='true']")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    results = Axe().run(page)
    serious = [(violation["id"], [node["target"] for node in violation["nodes"]][:3])
               for violation in results.response["violations"]
               if violation["impact"] in ("serious", "critical")]
    context.close()
    assert serious == []


# -- the chapter playing -----------------------------------------------------------------


def current_chapter(page) -> list[str]:
    return page.eval_on_selector_all("li.podcast-chapter[aria-current='true']",
                                     "items => items.map(item => item.id)")


def test_the_chapter_playing_is_marked_and_named(page, site_url):
    open_page(page, site_url, LISTEN)
    assert current_chapter(page) == []
    play_from(page, 65)
    page.wait_for_selector("#chapter-01-00[aria-current='true']")
    assert current_chapter(page) == ["chapter-01-00"]
    assert page.locator(".podcast-audio .podcast-now").inner_text() == (
        "Chapter 2 of 3: The middle")
    page.click("#chapter-02-00 a")  # a chapter's click seeks, as before
    page.wait_for_selector("#chapter-02-00[aria-current='true']")
    assert current_chapter(page) == ["chapter-02-00"]
    assert 119 <= audio(page, "currentTime") <= 125
    assert page.locator(".podcast-audio .podcast-now").inner_text() == "Chapter 3 of 3: The end"
    assert page.url.endswith("#chapter-02-00")


def test_the_chapter_the_video_plays_is_marked_too(page, site_url):
    playing_video(page)
    page.goto(f"{site_url}/{VIDEO}.html")
    page.click("#chapter-01-00 a")
    page.wait_for_selector("#chapter-01-00[aria-current='true']")
    assert page.locator(".podcast-video + .podcast-now").inner_text() == (
        "Chapter 2 of 3: The middle")
    video_at(page, 130)  # the video plays on into the next chapter
    page.wait_for_selector("#chapter-02-00[aria-current='true']")
    assert current_chapter(page) == ["chapter-02-00"]
    assert page.locator(".podcast-now").inner_text() == "Chapter 3 of 3: The end"


def test_beside_a_video_the_audio_marks_its_chapter(page, site_url):
    playing_video(page)
    page.goto(f"{site_url}/{BOTH}.html")
    page.wait_for_function("() => document.querySelector('.podcast-audio-ready')")
    assert page.locator(".podcast-now").count() == 1  # the audio's line serves both
    play_from(page, 125)
    page.wait_for_selector("#chapter-02-00[aria-current='true']")
    page.click("#chapter-01-00 a")  # the audio is the one playing: it seeks
    page.wait_for_selector("#chapter-01-00[aria-current='true']")
    assert 59 <= audio(page, "currentTime") <= 65
    assert page.locator(".podcast-video iframe").count() == 0


# -- sharing the moment ------------------------------------------------------------------


def test_the_moment_is_shared_by_a_link_that_opens_the_player_there(browser, site_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_page(page, site_url, LISTEN)
    link = page.locator(".podcast-share-link")
    assert link.inner_text() == f"{site_url}/{LISTEN}.html#t=0"
    play_from(page, 95)
    page.get_by_role("button", name="pause", exact=True).click()
    wait_until(page, "audio.paused")
    second = int(audio(page, "currentTime"))
    shared = f"{site_url}/{LISTEN}.html#t={second}"
    assert link.inner_text() == shared and link.get_attribute("href") == shared
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_selector(".podcast-share-said:text('Link copied')", state="attached")
    assert page.evaluate("navigator.clipboard.readText()") == shared
    assert page.get_by_role("button", name="Copied").count() == 1
    # opened elsewhere, the page's player is at that second
    other = context.new_page()
    Offsite(other)
    other.goto(shared)
    wait_until(other, f"Math.abs(audio.currentTime - {second}) < 2")
    other.wait_for_selector("#chapter-01-00[aria-current='true']")
    context.close()


# -- resuming ----------------------------------------------------------------------------


def test_coming_back_the_player_is_where_the_listener_left(page, site_url, media):
    open_page(page, site_url, LISTEN)
    assert page.locator(".podcast-resume").is_hidden()
    play_from(page, 95)
    page.get_by_role("button", name="pause", exact=True).click()
    wait_until(page, "audio.paused")
    left = int(audio(page, "currentTime"))
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == str(left)
    # the player keeps that second and nothing else; the theme keeps its light or
    # dark, media-chrome the volume and whether it is muted
    kept = page.evaluate("Object.keys(localStorage)")
    assert [key for key in kept if key not in OTHER_KEYS] == [KEY], kept
    media.requests.clear()
    page.reload()
    page.wait_for_function("() => document.querySelector('.podcast-audio-ready')")
    resume = page.locator(".podcast-resume-continue")
    assert resume.is_visible() and resume.inner_text() == f"Continue at 1:{left - 60:02d}"
    assert page.locator(".podcast-resume-restart").is_visible()
    assert int(audio(page, "currentTime")) == left  # play goes on from there
    assert shown(page, TIME) == f"1:{left - 60:02d} / 3:00"
    assert current_chapter(page) == ["chapter-01-00"]
    page.wait_for_load_state("networkidle")
    assert media.requests == []  # still nothing fetched before play
    resume.click()
    wait_until(page, f"!audio.paused && audio.currentTime >= {left}")
    assert page.locator(".podcast-resume").is_hidden()
    assert audio(page, "currentTime") < left + 5


def test_the_listener_may_start_over(page, site_url):
    open_page(page, site_url, LISTEN)
    play_from(page, 70)
    page.get_by_role("button", name="pause", exact=True).click()
    wait_until(page, "audio.paused")
    page.reload()
    page.wait_for_function("() => document.querySelector('.podcast-audio-ready')")
    page.locator(".podcast-resume-restart").click()
    wait_until(page, "!audio.paused && audio.currentTime > 0")
    assert audio(page, "currentTime") < 5
    assert page.locator(".podcast-resume").is_hidden()


def test_an_episode_heard_to_the_end_starts_from_the_beginning(page, site_url):
    open_page(page, site_url, LISTEN)
    play_from(page, 100)
    page.get_by_role("button", name="pause", exact=True).click()
    wait_until(page, "audio.paused")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is not None
    page.get_by_role("button", name="play", exact=True).click()
    page.evaluate(f"document.querySelector('{AUDIO}').currentTime = 178")
    wait_until(page, "audio.ended")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    page.reload()
    page.wait_for_function("() => document.querySelector('.podcast-audio-ready')")
    assert page.locator(".podcast-resume").is_hidden()
    assert audio(page, "currentTime") == 0


def test_a_shared_moment_wins_over_where_one_left(page, site_url):
    open_page(page, site_url, LISTEN)
    page.evaluate(f"localStorage.setItem('{KEY}', '150')")
    page.goto(f"{site_url}/{LISTEN}.html#t=30")
    wait_until(page, "Math.abs(audio.currentTime - 30) < 2")
    assert page.locator(".podcast-resume").is_hidden()


# -- the transcript, following the audio -------------------------------------------------


def settled(page) -> None:
    """Wait until the page has stopped scrolling (for a fifth of a second)."""
    page.wait_for_function("""() => new Promise((done) => {
        let last = scrollY, still = 0;
        const look = () => { still = scrollY === last ? still + 1 : 0; last = scrollY;
            if (still >= 12) done(true); else requestAnimationFrame(look); };
        requestAnimationFrame(look); })""")


def said(page) -> list[str]:
    """The anchors (their times') of the paragraphs marked as being said."""
    return page.eval_on_selector_all(
        ".podcast-transcript-current",
        "paragraphs => paragraphs.map(p => p.querySelector('.podcast-transcript-time').id)")


def paragraph(anchor: str) -> str:
    """The paragraph whose time is ``#anchor``."""
    return f".podcast-transcript-paragraph:has(> #{anchor})"


# Whether the element is wholly inside the window.
IN_VIEW = """selector => { const box = document.querySelector(selector)
    .getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }"""
# Each scrollIntoView the page asks for: the element's id (a paragraph's: its time's)
# and how (smooth or at once).
RECORD_SCROLLS = """window.scrolls = [];
        const scroll = Element.prototype.scrollIntoView;
        Element.prototype.scrollIntoView = function (options) {
            const time = this.querySelector(":scope > .podcast-transcript-time");
            window.scrolls.push([time ? time.id : this.id, options && options.behavior]);
            return scroll.call(this, options); };"""


def in_view(page, selector: str) -> bool:
    return page.evaluate(IN_VIEW, selector)


def test_the_transcript_page_plays_and_follows_what_is_said(page, site_url):
    page.add_init_script(RECORD_SCROLLS)
    page.set_viewport_size({"width": 1280, "height": 700})
    open_page(page, site_url, TRANSCRIPT)
    assert page.locator(".podcast-audio-transcript audio").count() == 1
    page.locator("#t-90").click()  # plays from there, here
    wait_until(page, "!audio.paused && audio.currentTime >= 90")
    assert page.url.endswith(f"/{TRANSCRIPT}.html#t=90")
    page.wait_for_selector(paragraph("t-90") + "[aria-current='true']")
    assert said(page) == ["t-90"]
    page.evaluate(f"document.querySelector('{AUDIO}').currentTime = 150")  # it plays on
    page.wait_for_selector(paragraph("t-150") + ".podcast-transcript-current")
    assert said(page) == ["t-150"]
    page.wait_for_function(IN_VIEW, arg=paragraph("t-150"))
    assert ["t-150", "smooth"] in page.evaluate("window.scrolls")
    # the player stays in view above it, under the header
    assert in_view(page, ".podcast-audio-transcript media-controller")
    # the chapter is named near the player
    assert page.locator(".podcast-audio .podcast-now").inner_text() == "Chapter 3 of 3: The end"


def test_the_transcript_follows_without_motion_for_who_prefers_none(page, site_url):
    page.emulate_media(reduced_motion="reduce")
    page.add_init_script(RECORD_SCROLLS)
    page.set_viewport_size({"width": 1280, "height": 700})
    open_page(page, site_url, TRANSCRIPT)
    play_from(page, 160)
    page.wait_for_selector(paragraph("t-160") + ".podcast-transcript-current")
    assert ["t-160", "auto"] in page.evaluate("window.scrolls")
    assert in_view(page, paragraph("t-160"))


def test_a_reader_who_scrolled_away_is_left_there(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 700})
    open_page(page, site_url, TRANSCRIPT)
    play_from(page, 150)
    page.wait_for_selector(paragraph("t-150") + ".podcast-transcript-current")
    settled(page)  # followed there
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")  # back to the top, to read
    settled(page)
    assert page.evaluate("window.scrollY") == 0
    page.evaluate(f"document.querySelector('{AUDIO}').currentTime = 170")
    page.wait_for_selector(paragraph("t-170") + ".podcast-transcript-current")
    page.wait_for_timeout(500)
    assert page.evaluate("window.scrollY") == 0


def test_the_transcript_and_the_episode_share_where_one_left(page, site_url):
    open_page(page, site_url, TRANSCRIPT)
    play_from(page, 80)
    page.get_by_role("button", name="pause", exact=True).click()
    wait_until(page, "audio.paused")
    open_page(page, site_url, LISTEN)
    assert page.locator(".podcast-resume-continue").inner_text().startswith("Continue at 1:2")


# -- e-books ----------------------------------------------------------------------------


def test_an_e_book_carries_none_of_the_player(sphinx_test_tempdir, rootdir):
    """Built in a process of its own (as the browser tests build): no warning, the
    transcript's times as links, and none of the player's files."""
    import os
    import subprocess
    import sys
    import zipfile

    from helpers import ROOT

    folder = sphinx_test_tempdir / "player-epub"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(rootdir / "test-player", folder)
    path = os.pathsep.join([str(ROOT / "_ext"), str(ROOT / "tests")])
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "epub", "-d", str(folder / "doctrees"),
         str(folder), str(folder / "_build" / "epub")],
        capture_output=True, text=True, check=False, env={**os.environ, "PYTHONPATH": path})
    assert result.returncode == 0, result.stderr[-3000:]
    book = next((folder / "_build" / "epub").glob("*.epub"))
    names = zipfile.ZipFile(book).namelist()
    assert not [name for name in names if "player" in name or "vendor" in name]
    transcript = zipfile.ZipFile(book).read(f"{TRANSCRIPT}.xhtml").decode()
    assert 'class="podcast-transcript-time"' in transcript and "<audio" not in transcript


def test_a_transcript_pages_player_follows_its_episodes_audio(sphinx_test_tempdir, rootdir):
    """What the feed says of the episode changes: an incremental build writes the
    transcript page's player again, as a clean build would."""
    from bs4 import BeautifulSoup

    folder = sphinx_test_tempdir / "player-incremental"
    if folder.exists():
        shutil.rmtree(folder)

    def player(html) -> tuple:
        soup = BeautifulSoup((html / f"{TRANSCRIPT}.html").read_text(encoding="utf-8"),
                             "html.parser")
        controller = soup.select_one(".podcast-audio-transcript media-controller")
        return controller.get("defaultduration"), controller.select_one("source")["src"]

    html = build_in_subprocess(rootdir / "test-player", folder)
    assert player(html) == ("180", "https://media.example.org/listen.wav")
    data = folder / "episodes" / "2023-08-01-listen.feed.yaml"
    data.write_text(data.read_text().replace("'180'", "'175'"))  # its length alone
    html = build_in_subprocess(rootdir / "test-player", folder)
    assert player(html) == ("175", "https://media.example.org/listen.wav")
    data.write_text(data.read_text().replace("listen.wav", "new.wav"))  # its address
    html = build_in_subprocess(rootdir / "test-player", folder)
    assert player(html) == ("175", "https://media.example.org/new.wav")

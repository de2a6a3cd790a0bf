"""The embed in a real browser: nothing from YouTube but the thumbnail before play."""

import pytest
from browser import Offsite, served_root
from test_site import ONE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(sphinx_test_tempdir, rootdir):
    with served_root(rootdir / "test-site", sphinx_test_tempdir / "browser-site") as url:
        yield url




def test_nothing_but_the_thumbnail_loads_before_play(page, site_url):
    offsite = Offsite(page)
    page.goto(f"{site_url}/{ONE}.html")
    page.wait_for_load_state("networkidle")
    youtube = [url for url in offsite.requests if "youtube" in url or "ytimg" in url]
    assert youtube == ["https://i.ytimg.com/vi/bLW_RH2Y6oI/hqdefault.jpg"]
    assert page.locator("iframe").count() == 0
    assert page.context.cookies() == []


def test_pressing_play_loads_the_privacy_player(page, site_url):
    offsite = Offsite(page)
    page.goto(f"{site_url}/{ONE}.html")
    with page.expect_request(lambda request: request.url.startswith(
            "https://www.youtube-nocookie.com/embed/bLW_RH2Y6oI?")):
        page.click(".podcast-video-facade")
    iframe = page.locator(".podcast-video iframe")
    iframe.wait_for()
    src = iframe.get_attribute("src")
    assert src.startswith("https://www.youtube-nocookie.com/embed/bLW_RH2Y6oI?")
    assert "autoplay=1" in src and "enablejsapi=1" in src
    assert iframe.get_attribute("title") == "Video: Ada Lovelace: Engines, Poetry, Science"
    assert page.locator(".podcast-video-facade").count() == 0
    assert any(url.startswith("https://www.youtube-nocookie.com/embed/")
               for url in offsite.requests)


def test_keyboard_reaches_and_presses_play(page, site_url):
    Offsite(page)
    page.goto(f"{site_url}/{ONE}.html")
    page.keyboard.press("Tab")
    for _ in range(40):  # Tab through the page until the play button has the focus
        if page.evaluate("document.activeElement.matches('.podcast-video-facade')"):
            break
        page.keyboard.press("Tab")
    label = page.evaluate("document.activeElement.textContent")
    assert label == "Play video: Ada Lovelace: Engines, Poetry, Science"
    page.keyboard.press("Enter")
    iframe = page.locator(".podcast-video iframe")
    iframe.wait_for()
    src = iframe.get_attribute("src")
    assert src.startswith("https://www.youtube-nocookie.com/embed/bLW_RH2Y6oI?")
    assert "autoplay=1" in src  # Enter plays, as a click does
    assert page.locator(".podcast-video-facade").count() == 0
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"  # focus follows

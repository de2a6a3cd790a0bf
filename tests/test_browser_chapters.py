"""Chapters in a real browser: a click or a deep link seeks the embedded player."""

import pytest
from browser import Offsite, player_commands, served_root

pytestmark = pytest.mark.browser

LEGACY = "episodes/2023-02-24-legacy"
SEEK_HOUR = {"event": "command", "func": "seekTo", "args": [3638, True]}


@pytest.fixture(scope="module")
def site_url(sphinx_test_tempdir, rootdir):
    with served_root(rootdir / "test-chapters", sphinx_test_tempdir / "browser-chapters") as url:
        yield url




def wait_for_command(page, command):
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].length > 0", timeout=5000)
    for _ in range(50):
        if command in player_commands(page):
            return True
        page.wait_for_timeout(100)
    return False


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
    page.wait_for_timeout(800)
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
    page.click("#chapter-1-00-38 a", button="middle")
    page.wait_for_timeout(300)
    assert page.locator(".podcast-video iframe").count() == 0

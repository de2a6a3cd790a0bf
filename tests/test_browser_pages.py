"""The main pages in a real browser: light and dark, phone and desktop, axe-core.

Screenshots are kept under ``_build/screenshots/`` as test artifacts.
"""

import pytest
from browser import Offsite, served_root
from helpers import ROOT

pytestmark = pytest.mark.browser

# Every kind of page the site makes, on a site whose listings look like the real
# ones (cards with thumbnails, as many as the home shows).
PAGES = {
    "home": "index.html",
    "episode": "episodes/2019-01-11-maxime-gill-responsible-ai-learning-from-machine-learning-1"
               ".html",
    "person": "people/maxime-gill.html",
    "people": "people/index.html",
    "guests": "people/guests.html",
    "books": "books/index.html",
    "archive": "archive/index.html",
    "year": "archive/2019.html",
    "search": "search.html?q=learning",
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCREENSHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture(scope="module")
def site_url(sphinx_test_tempdir, rootdir):
    with served_root(rootdir / "test-listings", sphinx_test_tempdir / "browser-pages") as url:
        yield url



@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_in_every_mode(browser, site_url, name, scheme, viewport):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    Offsite(page)
    page.goto(f"{site_url}/{PAGES[name]}")
    page.wait_for_load_state("load")
    if name == "search":
        page.wait_for_selector("#podcast-search-results li", timeout=10000)
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{scheme}-{viewport}.png", full_page=True)
    # nothing wider than the screen: no sideways scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    results = Axe().run(page)
    serious = [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    context.close()
    assert serious == []


def test_a_keyboard_walk_through_the_home_page_meets_every_card_once(page, site_url):
    Offsite(page)
    page.goto(f"{site_url}/index.html")
    cards = page.locator(".podcast-card").count()
    assert cards == 6
    stops = []
    for _ in range(120):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => {
            const element = document.activeElement;
            const card = element.closest('.podcast-card');
            return {card: card ? [...document.querySelectorAll('.podcast-card')].indexOf(card)
                                 : null,
                    name: element.textContent.trim(), tag: element.tagName};
        }""")
        if stops and stop == stops[0]:
            break
        stops.append(stop)
    in_cards = [stop for stop in stops if stop["card"] is not None]
    assert sorted(stop["card"] for stop in in_cards) == list(range(cards))
    assert all(stop["tag"] == "A" and stop["name"] for stop in in_cards)  # named links


def test_a_click_anywhere_on_a_card_opens_its_episode(page, site_url):
    Offsite(page)
    page.goto(f"{site_url}/index.html")
    card = page.locator(".podcast-card").nth(1)
    href = card.locator("a.podcast-card-link").get_attribute("href")
    box = card.locator(".podcast-card-excerpt").bounding_box()  # the excerpt's words
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.url.endswith(href)

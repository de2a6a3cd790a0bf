"""The main pages in a real browser: light and dark, phone and desktop, axe-core.

Screenshots are kept under ``_build/screenshots/`` as test artifacts.
"""

import pytest
from browser import Offsite, served_root
from helpers import ROOT

pytestmark = pytest.mark.browser

PAGES = {
    "home": "index.html",
    "episode": "episodes/2023-01-09-ada.html",
    "person": "people/grace-hopper.html",
    "books": "books/index.html",
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCREENSHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture(scope="module")
def site_url(sphinx_test_tempdir, rootdir):
    with served_root(rootdir / "test-people", sphinx_test_tempdir / "browser-pages") as url:
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

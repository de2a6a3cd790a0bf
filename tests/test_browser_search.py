"""The search in a real browser: Pagefind's index, read piece by piece, on a site
with chapters, people and transcripts."""

import re

import pytest
from browser import Offsite, served_root, wait_for_command

pytestmark = pytest.mark.browser

TALK = "episodes/2023-03-26-talk.html"
TALK_TRANSCRIPT = "transcripts/2023-03-26-talk.html"


@pytest.fixture(scope="module")
def site_url(sphinx_test_tempdir, rootdir):
    with served_root(rootdir / "test-transcripts", sphinx_test_tempdir / "browser-search") as url:
        yield url


def search(page, site_url, query: str) -> list[dict]:
    """Open the search page at ``query``; the results shown, as title, URL and places."""
    page.goto(f"{site_url}/search.html?{query}")
    page.wait_for_function("""() => {
        const said = document.getElementById('podcast-search-status').textContent;
        return said && !said.startsWith('Searching');
    }""", timeout=15000)
    page.wait_for_function("""() => document.getElementById('podcast-search-results')
        .children.length > 0 || document.getElementById('podcast-search-status')
        .textContent.startsWith('Nothing')""", timeout=15000)
    return page.evaluate("""() => [...document.querySelectorAll('.podcast-search-result')]
        .map(item => ({
            title: item.querySelector('.podcast-search-title').textContent,
            url: item.querySelector('.podcast-search-title a').getAttribute('href'),
            kind: item.querySelector('.podcast-search-facts').textContent,
            places: [...item.querySelectorAll('.podcast-search-place')].map(a => ({
                title: a.textContent, url: a.getAttribute('href')})),
            plays: [...item.querySelectorAll('.podcast-search-play')].map(
                a => a.getAttribute('href')),
        }))""")


def test_a_page_view_fetches_no_search_index(page, site_url):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    Offsite(page)
    for path in (TALK, "index.html", "people/andrew-ng.html", TALK_TRANSCRIPT):
        page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
    assert [url for url in fetched if re.search(r"pagefind|searchindex|searchtools", url)] == []


def test_a_word_of_the_show_notes_finds_its_episode(page, site_url):
    Offsite(page)
    results = search(page, site_url, "q=listen")
    assert results[0]["url"] == "/episodes/2023-04-01-listen.html"
    assert results[0]["title"] == "Audio Only" and results[0]["kind"] == "Episode · 2023"


def test_a_name_finds_the_person_first(page, site_url):
    Offsite(page)
    results = search(page, site_url, "q=Andrew+Ng")
    assert results[0]["url"] == "/people/andrew-ng.html" and results[0]["kind"] == "Person"
    # then where they are named: the transcript, at the paragraphs that name them
    transcript = next(result for result in results if result["url"] == f"/{TALK_TRANSCRIPT}")
    assert [place["url"] for place in transcript["places"]] == [
        f"/{TALK_TRANSCRIPT}#t=10", f"/{TALK_TRANSCRIPT}#t=341"]


def test_a_phrase_said_only_in_a_transcript_finds_it_and_plays_there(page, site_url):
    Offsite(page, player=True)
    results = search(page, site_url, "q=zygomorphic+flower")
    assert [result["url"] for result in results] == [f"/{TALK_TRANSCRIPT}"]
    assert results[0]["title"] == "Transcript: Sebastian Raschka: Learning ML"
    assert results[0]["places"] == [{"title": "01:16", "url": f"/{TALK_TRANSCRIPT}#t=76"}]
    assert results[0]["plays"] == [f"/{TALK}#t=76"]
    assert page.locator(".podcast-search-said mark").all_inner_texts() == [
        "zygomorphic", "flower"]
    # the paragraph, in its transcript
    page.click(".podcast-search-place")
    page.wait_for_selector(".podcast-transcript-current:has(> #t-76)")
    # "Play from here": the episode, its player at that second
    page.go_back()
    page.wait_for_selector(".podcast-search-play")
    page.click(".podcast-search-play")
    page.wait_for_selector(".podcast-video iframe")
    assert "start=76" in page.locator(".podcast-video iframe").get_attribute("src")


def test_a_chapter_sub_result_seeks_the_player(page, site_url):
    Offsite(page, player=True)
    results = search(page, site_url, "q=Career+Background&kind=Episode")
    assert [result["url"] for result in results] == [f"/{TALK}"]
    assert results[0]["places"][0] == {"title": "01:15 Career Background",
                                       "url": f"/{TALK}#chapter-01-15"}
    page.click(".podcast-search-place")
    page.wait_for_selector(".podcast-video iframe")
    assert "start=75" in page.locator(".podcast-video iframe").get_attribute("src")
    assert wait_for_command(page, {"event": "command", "func": "seekTo", "args": [75, True]})


def test_filters_narrow_and_stay_in_the_address(page, site_url):
    Offsite(page)
    results = search(page, site_url, "q=learning&kind=Transcript")
    assert results and all(result["kind"].startswith("Transcript") for result in results)
    assert page.locator("select[name=kind]").input_value() == "Transcript"
    page.select_option("select[name=kind]", "Episode")
    page.wait_for_function("() => location.search.includes('kind=Episode')")
    page.wait_for_function("""() => [...document.querySelectorAll('.podcast-search-facts')]
        .every(facts => facts.textContent.startsWith('Episode'))""")
    results = search(page, site_url, "guest=Sebastian+Raschka")
    assert {result["url"] for result in results} == {
        f"/{TALK}", f"/{TALK_TRANSCRIPT}", "/people/sebastian-raschka.html"}


def test_the_filters_offer_what_the_index_knows_once_approached(page, site_url):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    Offsite(page)
    search(page, site_url, "q=learning")
    assert not [url for url in fetched if "/filter/" in url]  # a search alone needs none
    page.focus("select[name=year]")
    page.wait_for_function("document.querySelectorAll('select[name=guest] option').length > 1")
    assert "Sebastian Raschka" in page.locator("select[name=guest] option").all_inner_texts()
    assert page.locator("select[name=year] option").all_inner_texts() == ["Any year", "2023"]


def test_the_navbar_search_leads_to_the_results(page, site_url):
    Offsite(page)
    page.goto(f"{site_url}/{TALK}")
    page.keyboard.press("Control+k")
    field = page.locator("#pst-search-dialog input[name=q]")
    field.wait_for(state="visible")
    field.fill("zygomorphic")
    field.press("Enter")
    page.wait_for_selector(".podcast-search-result")
    assert page.url.endswith("/search.html?q=zygomorphic")
    assert page.locator("#podcast-search-q").input_value() == "zygomorphic"


def test_a_title_is_shown_as_text(page, site_url):
    Offsite(page)
    results = search(page, site_url, "q=Broken+Captions")
    assert results[0]["title"] == "Broken Captions"
    assert page.locator(".podcast-search-title a").first.inner_html() == "Broken Captions"


def test_an_episode_title_finds_the_episode_not_its_transcript(page, site_url):
    Offsite(page)
    results = search(page, site_url, "q=Audio+Only")
    assert results[0]["url"] == "/episodes/2023-04-01-listen.html"
    assert "/transcripts/2023-04-01-listen.html" not in [result["url"] for result in results]
    # its transcript is found by what was said, under its episode's title
    results = search(page, site_url, "q=quasicrystal")
    assert [(result["title"], result["url"]) for result in results] == [
        ("Transcript: Audio Only", "/transcripts/2023-04-01-listen.html")]


def test_more_results_come_on_asking(page, site_url):
    Offsite(page)
    search(page, site_url, "q=learning")
    shown = page.locator(".podcast-search-result").count()
    status = page.locator("#podcast-search-status").inner_text()
    total = int(status.split()[0])
    assert shown == min(total, 10)
    assert page.locator("#podcast-search-more").is_hidden() == (total <= 10)


def test_without_javascript_the_search_page_says_so(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/search.html?q=learning")
    said = page.locator("#podcast-search .admonition")
    assert said.is_visible() and "Search needs JavaScript" in said.inner_text()
    assert page.locator("form.podcast-search-form").is_hidden()
    context.close()

"""Building the test site: episode pages, listings, archive and navigation."""

import pytest
from helpers import build_root, page, warnings

WELCOME = "episodes/2023-01-07-welcome"
ONE = "episodes/2023-01-09-episode-one"
THREE = "episodes/2023-02-24-grace-hopper-compilers-learning-from-machine-learning-3"
TURING = "episodes/2024-03-01-alan-turing"
TWO_GUESTS = "episodes/2025-05-28-two-guests"
NEWEST_FIRST = [TWO_GUESTS, TURING, THREE, ONE, WELCOME]


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir, rootdir):
    app = build_root(rootdir / "test-site", sphinx_test_tempdir / "site-module")
    yield app
    app.cleanup()


def linked_docnames(element, app, fromdocname):
    """Docnames of the internal links inside ``element``, in order."""
    base = app.outdir / fromdocname
    names = []
    for anchor in element.select("a.reference.internal"):
        target = (base.parent / anchor["href"].split("#")[0]).resolve()
        names.append(target.relative_to(app.outdir.resolve()).with_suffix("").as_posix())
    return names


def test_builds_without_warnings(site):
    assert warnings(site) == ""


def test_one_h1_with_the_clean_title(site):
    soup = page(site, THREE)
    headings = soup.find_all("h1")
    assert [h.get_text(" ", strip=True).rstrip("#").strip() for h in headings] == [
        "Grace Hopper: Compilers, Bugs, Navy"
    ]
    assert soup.title.get_text().startswith("Grace Hopper: Compilers, Bugs, Navy")


def test_byline_shows_number_date_and_guest(site):
    byline = page(site, ONE).select_one(".podcast-byline").get_text()
    assert "Episode 1" in byline
    assert "January 9, 2023" in byline
    assert "with Ada Lovelace" in byline


def test_explicit_guests_and_number(site):
    soup = page(site, TWO_GUESTS)
    byline = soup.select_one(".podcast-byline").get_text()
    assert "Episode 14" in byline and "with José Núñez, Zoë Müller" in byline
    assert soup.find("h1").get_text().startswith("The Future of Search")
    # the post's own text stays text
    assert "search engines & ranking." in soup.select_one("article").get_text()


def test_plain_post_has_no_embed(site):
    soup = page(site, WELCOME)
    assert soup.select(".podcast-video") == []
    assert soup.find("iframe") is None
    assert soup.find("h1").get_text().startswith("Welcome to the Podcast!")
    assert soup.select_one(".podcast-listen") is not None


def test_embed_is_a_facade_with_a_privacy_iframe(site):
    soup = page(site, ONE)
    box = soup.select_one("div.podcast-video")
    assert box["data-video-id"] == "bLW_RH2Y6oI"
    assert "style" not in box.attrs  # size comes from the stylesheet: 16:9 at any width
    facade = box.select_one("a.podcast-video-facade")
    assert facade["href"] == "https://www.youtube.com/watch?v=bLW_RH2Y6oI"
    assert facade.img["src"] == "https://i.ytimg.com/vi/bLW_RH2Y6oI/hqdefault.jpg"
    # the iframe waits in a template until play is pressed
    assert box.find("iframe").find_parent("template") is not None
    iframe = box.find("iframe")
    assert iframe["src"].startswith("https://www.youtube-nocookie.com/embed/bLW_RH2Y6oI?")
    assert "enablejsapi=1" in iframe["src"]
    assert iframe["title"] == "Video: Ada Lovelace: Engines, Poetry, Science"
    assert iframe["loading"] == "lazy"
    assert "autoplay" in iframe["allow"] and "encrypted-media" in iframe["allow"]
    assert "width" not in iframe.attrs and "style" not in iframe.attrs


def test_stylesheet_makes_the_embed_responsive(site):
    css = (site.outdir / "_static" / "podcast.css").read_text()
    assert "aspect-ratio: 16 / 9" in css
    assert "560px" not in css


def test_youtube_url_in_front_matter_gives_its_id(site):
    box = page(site, TURING).select_one("div.podcast-video")
    assert box["data-video-id"] == "ZOBKLKzI3xY"


def test_substack_and_listen_links(site):
    soup = page(site, ONE)
    substack = soup.select_one(".podcast-substack a")
    assert substack.get_text() == "Read on Substack"
    assert substack["href"] == "https://example.substack.com/p/ada"
    listen = [a["href"] for a in soup.select(".podcast-listen a")]
    assert listen == ["https://podcasts.apple.com/podcast/id1", "https://example.org/feed.xml"]
    # no Substack link where the post has none
    assert page(site, THREE).select_one(".podcast-substack") is None


def test_home_lists_the_latest_episodes_newest_first(site):
    cards = page(site, "index").select_one(".podcast-cards")
    assert linked_docnames(cards, site, "index") == NEWEST_FIRST[:3]  # one link per card
    assert all(len(card.select("a")) == 1 and card.select_one("a.podcast-card-link").get_text()
               for card in cards.select(".podcast-card"))
    first = cards.select_one(".podcast-card")
    assert first.select_one(".podcast-card-facts").get_text() == (
        "#14 · May 28, 2025 · José Núñez, Zoë Müller")
    assert "search engines" in first.select_one(".podcast-card-excerpt").get_text()


def test_plain_post_card_has_no_thumbnail(site):
    cards = page(site, "archive/2023").select(".podcast-card")
    assert len(cards) == 3
    welcome = cards[-1]
    assert welcome.select_one(".podcast-card-title").get_text() == "Welcome to the Podcast!"
    assert welcome.find("img") is None


def test_archive_groups_by_year_newest_first(site):
    soup = page(site, "archive/index")
    years = [h.get_text(strip=True).rstrip("#") for h in soup.select("article h2")]
    assert years == ["2025", "2024", "2023"]
    listed = []
    for listing in soup.select(".podcast-episode-list"):
        listed += linked_docnames(listing, site, "archive/index")
    assert listed == NEWEST_FIRST


def test_previous_and_next_in_date_order(site):
    def pager(docname):
        soup = page(site, docname)
        prev = soup.select_one(".podcast-pager-prev")
        nxt = soup.select_one(".podcast-pager-next")
        return (
            linked_docnames(prev, site, docname)[0] if prev else None,
            linked_docnames(nxt, site, docname)[0] if nxt else None,
        )

    chronological = NEWEST_FIRST[::-1]
    for index, docname in enumerate(chronological):
        expected_prev = chronological[index - 1] if index else None
        expected_next = chronological[index + 1] if index + 1 < len(chronological) else None
        assert pager(docname) == (expected_prev, expected_next)


def test_episode_navigation_does_not_link_every_episode(site):
    nav = page(site, TURING).select_one(".bd-sidebar-primary")
    linked = {a.get("href", "") for a in nav.find_all("a")}
    # its own year is listed, other years' episodes are not
    assert not any("2023-01-09-episode-one" in href for href in linked)
    assert any("2025.html" in href for href in linked)


def test_extension_is_parallel_safe(site):
    metadata = site.extensions["podcast"]
    assert metadata.parallel_read_safe and metadata.parallel_write_safe

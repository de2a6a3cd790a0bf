"""The podcast feed (podcast.xml), read back as podcast apps read it: gPodder's
podcastparser, the XML itself, and the JSON chapters it points to."""

import io
import json
import re
import shutil
import uuid
from xml.etree import ElementTree

import jsonschema
import podcastparser
import pytest
from helpers import build_root, page
from podcast.core.post.feed_data import data_text
from podcast.publishing.podcast_feed import feed_guid

# podcastparser (0.6.11) knows the Podcasting 2.0 namespace by its first address only
# (the specification's GitHub page); taught its address now, from outside.
podcastparser.Namespace.NAMESPACES.setdefault("https://podcastindex.org/namespace/1.0", "podcast")

BASE = "https://example.org/podcast/"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PODCAST = "{https://podcastindex.org/namespace/1.0}"
ADA = "episodes/2023-01-09-episode-one"
CHAPTERED = "episodes/2024-05-01-chaptered"
FILES = {
    f"{ADA}.feed.yaml": data_text({
        "audio_url": "https://cdn.example/ada.mp3", "audio_type": "audio/mpeg",
        "audio_length": "1234567", "audio_duration": "3600", "podcast_guid": "rss-guid-ada",
        "artwork_url": "https://cdn.example/ada-art.jpg"}),
    f"{ADA}.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ada Lovelace>Hello, engines.\n",
    f"{CHAPTERED}.md": (
        "---\ntitle: 'Bo Chen: Chapters & Things | Learning from Machine Learning #20'\n"
        "date: 2024-05-01 10:00:00 +0000\nyoutubeID: AAAAAAAAAA1\n"
        "audio_url: https://cdn.example/bo.mp3\naudio_length: '999'\naudio_duration: '1:02:03'\n"
        "---\n\nBo Chen on <chapters> & things.\n\n## Episode Timestamps\n\n"
        "- 00:00 - Intro\n- 01:30 - The middle & more\n- 1:00:00 - The end\n"),
}
# The JSON chapters 1.2 shape (Podcasting 2.0's jsonChapters.md): what an app reads
CHAPTERS_SCHEMA = {
    "type": "object", "required": ["version", "chapters"],
    "properties": {
        "version": {"const": "1.2.0"}, "title": {"type": "string"},
        "podcastName": {"type": "string"},
        "chapters": {"type": "array", "items": {
            "type": "object", "required": ["startTime"],
            "properties": {"startTime": {"type": "number", "minimum": 0},
                           "endTime": {"type": "number"}, "title": {"type": "string"},
                           "url": {"type": "string", "format": "uri"},
                           "img": {"type": "string"}, "toc": {"type": "boolean"}}}}},
}


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir, rootdir):
    app = build_root(rootdir / "test-site", sphinx_test_tempdir / "podcast-feed", files=FILES)
    yield app
    app.cleanup()


def parsed(app):
    text = (app.outdir / "podcast.xml").read_bytes()
    return podcastparser.parse(BASE + "podcast.xml", io.BytesIO(text))


def channel(app):
    return ElementTree.parse(app.outdir / "podcast.xml").getroot().find("channel")


def test_apps_read_every_episode_with_audio_newest_first(site):
    episodes = parsed(site)["episodes"]
    assert [episode["title"] for episode in episodes] == [
        "Bo Chen: Chapters & Things", "Ada Lovelace: Engines, Poetry, Science"]
    bo, ada = episodes
    assert (bo["total_time"], bo["number"]) == (3723, 20)
    assert (ada["total_time"], ada["number"]) == (3600, 1)
    assert ada["enclosures"] == [{"url": "https://cdn.example/ada.mp3", "file_size": 1234567,
                                  "mime_type": "audio/mpeg"}]
    assert ada["guid"] == "rss-guid-ada"  # the podcast host's, as the import found it
    assert bo["guid"].startswith("urn:uuid:")  # stable, not the page's address
    assert ada["transcript_url"] == BASE + "transcripts/2023-01-09-episode-one.vtt"
    assert bo["chapters_json_url"] == BASE + f"{CHAPTERED}.chapters.json"
    assert [(c["start"], c["title"]) for c in bo["chapters"]] == [
        (0, "Intro"), (90, "The middle & more"), (3600, "The end")]
    assert ada["episode_art_url"] == "https://cdn.example/ada-art.jpg"
    assert bo["episode_art_url"] == "https://i.ytimg.com/vi/AAAAAAAAAA1/hqdefault.jpg"
    guests = {(person["role"], person["name"]) for person in ada["persons"]}
    assert guests == {("guest", "Ada Lovelace"), ("host", "Author name not set")}
    assert BASE + "people/ada-lovelace.html" in {person.get("href") for person in ada["persons"]}


def test_episodes_without_audio_stay_in_the_readers_feeds(site):
    titles = [item.findtext("title") for item in channel(site).findall("item")]
    assert "Welcome to the Podcast!" not in titles
    readers = ElementTree.parse(site.outdir / "rss.xml").getroot().find("channel")
    assert "Welcome to the Podcast!" in [item.findtext("title") for item in readers.iter("item")]


def test_each_item_has_what_apps_require(site):
    for item in channel(site).findall("item"):
        assert item.find("enclosure").get("url").startswith("https://")
        assert item.findtext(f"{ITUNES}explicit") == "false"
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.findtext(f"{PODCAST}episode") == item.findtext(f"{ITUNES}episode")
    text = (site.outdir / "podcast.xml").read_text(encoding="utf-8")
    assert ("<description><![CDATA[<p>With Bo Chen. Bo Chen on &lt;chapters&gt; &amp; things."
            in text)
    vtt = channel(site).find(f"item/{PODCAST}transcript[@type='text/vtt']")
    assert vtt is not None and vtt.get("rel") == "captions"


def test_the_channel_says_what_apple_and_psp1_require(site):
    feed = channel(site)
    assert feed.findtext("title") and feed.findtext("description") and feed.findtext("language")
    assert feed.find("{http://www.w3.org/2005/Atom}link[@rel='self']").get("href") == (
        BASE + "podcast.xml")
    assert feed.find(f"{ITUNES}image").get("href") == BASE + "_static/podcast-artwork.png"
    assert feed.find(f"{ITUNES}category").get("text") == "Technology"
    assert feed.findtext(f"{ITUNES}explicit") == "false"
    assert feed.findtext(f"{ITUNES}type") == "episodic"
    assert feed.findtext(f"{PODCAST}locked") == "yes"
    guid = feed.findtext(f"{PODCAST}guid")
    namespace = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
    assert guid == feed_guid(BASE + "podcast.xml") == str(
        uuid.uuid5(namespace, "example.org/podcast/podcast.xml"))
    assert feed.find(f"{PODCAST}person").get("role") == "host"
    assert parsed(site)["import_prohibited"] is True


def test_the_artwork_is_shipped_square_and_large_enough(site):
    data = (site.outdir / "_static/podcast-artwork.png").read_bytes()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and width == height and 1400 <= width <= 3000


def test_every_url_is_absolute_https(site):
    text = (site.outdir / "podcast.xml").read_text(encoding="utf-8")
    urls = re.findall(r'(?:url|href)="([^"]+)"', text) + re.findall(r"<link>([^<]+)<", text)
    assert urls and all(url.startswith("https://") for url in urls), urls


def test_the_json_chapters_validate(site):
    for path in site.outdir.glob("episodes/*.chapters.json"):
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), CHAPTERS_SCHEMA)
    assert (site.outdir / f"{CHAPTERED}.chapters.json").is_file()


def test_every_page_names_the_podcast_feed(site):
    links = page(site, "index").find_all("link", rel="alternate", type="application/rss+xml")
    assert "podcast.xml" in {link["href"] for link in links}


def test_settings_make_the_channel(build):
    app = build(files=FILES, confoverrides={
        "podcast_guid": "11111111-2222-5333-8444-555555555555", "podcast_explicit": True,
        "podcast_owner": {"name": "Ann Host", "email": "ann@example.org"},
        "podcast_host": {"name": "Ann Host", "href": "https://ann.example"},
        "podcast_category": "Technology > Tech News",
        "podcast_funding": [{"url": "https://example.org/support", "text": "Support us"},
                            {"url": "javascript:alert(1)", "text": "no"}]})
    feed = channel(app)
    assert feed.findtext(f"{PODCAST}guid") == "11111111-2222-5333-8444-555555555555"
    assert feed.findtext(f"{ITUNES}explicit") == "true"
    assert feed.find(f"{ITUNES}owner/{ITUNES}email").text == "ann@example.org"
    assert feed.find(f"{PODCAST}locked").get("owner") == "ann@example.org"
    assert feed.find(f"{ITUNES}category/{ITUNES}category").get("text") == "Tech News"
    assert [f.get("url") for f in feed.findall(f"{PODCAST}funding")] == [
        "https://example.org/support"]
    hosts = feed.findall(f"item/{PODCAST}person[@role='host']")
    assert hosts and all(host.text == "Ann Host" for host in hosts)
    bo = feed.find("item")
    assert "urn:uuid:" in bo.findtext("guid")


def test_a_feed_with_no_episode_yet_has_no_build_time(build):
    app = build()  # the test site's posts have no audio
    first = (app.outdir / "podcast.xml").read_bytes()
    assert b"<item>" not in first and b"Thu, 01 Jan 1970 00:00:00 +0000" in first
    app = build(files={"episodes/2023-01-07-welcome.markdown": (
        app.srcdir / "episodes/2023-01-07-welcome.markdown").read_text() + "\nMore.\n"})
    assert (app.outdir / "podcast.xml").read_bytes() == first


def test_unchanged_incremental_and_parallel_builds_write_the_same_feed(sphinx_test_tempdir,
                                                                       rootdir, site):
    first = (site.outdir / "podcast.xml").read_bytes()
    again = build_root(rootdir / "test-site", site.srcdir)  # nothing changed
    assert (again.outdir / "podcast.xml").read_bytes() == first
    again.cleanup()
    folder = sphinx_test_tempdir / "podcast-feed-parallel"
    shutil.copytree(site.srcdir, folder, ignore=shutil.ignore_patterns("_build"))
    parallel = build_root(rootdir / "test-site", folder, parallel=2)
    assert (parallel.outdir / "podcast.xml").read_bytes() == first
    parallel.cleanup()

"""Publishing: feeds, JSON-LD, social cards, sitemap, old Jekyll URLs, e-book."""

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from datetime import datetime

import pytest
from helpers import ROOT, build_root, page, warnings, written

BASE = "https://example.org/podcast/"
ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
NEWEST_FIRST = [
    "episodes/2025-05-28-two-guests",
    "episodes/2024-03-01-alan-turing",
    "episodes/2023-02-24-grace-hopper-compilers-learning-from-machine-learning-3",
    "episodes/2023-01-09-episode-one",
    "episodes/2023-01-07-welcome",
]
ONE = "episodes/2023-01-09-episode-one"


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir, rootdir):
    app = build_root(rootdir / "test-site", sphinx_test_tempdir / "publish-module")
    yield app
    app.cleanup()


@pytest.fixture(scope="module")
def chapters_site(sphinx_test_tempdir, rootdir):
    app = build_root(rootdir / "test-chapters", sphinx_test_tempdir / "publish-chapters")
    yield app
    app.cleanup()


def json_ld(soup):
    return [json.loads(script.string) for script in
            soup.find_all("script", type="application/ld+json")]


def test_atom_feed(site):
    feed = ElementTree.parse(site.outdir / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "feed.xml"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == BASE
    entries = feed.findall(f"{ATOM}entry")
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == [f"{BASE}{docname}.html" for docname in NEWEST_FIRST]
    first = entries[0]
    assert first.find(f"{ATOM}title").text == "The Future of Search"
    published = datetime.fromisoformat(first.find(f"{ATOM}published").text)
    assert published.isoformat() == "2025-05-28T22:30:30+02:00"  # its own timezone
    assert "José Núñez, Zoë Müller" in first.find(f"{ATOM}summary").text
    assert [c.find(f"{ATOM}name").text for c in first.findall(f"{ATOM}contributor")] == [
        "José Núñez", "Zoë Müller"]
    thumbnail = first.find(f".//{MEDIA}thumbnail")
    assert thumbnail.get("url") == "https://i.ytimg.com/vi/IOC2k5k8oto/hqdefault.jpg"


def test_rss_feed(site):
    channel = ElementTree.parse(site.outdir / "rss.xml").getroot().find("channel")
    # the channel links the site, and names itself
    assert channel.find("link").text == BASE
    assert channel.find(f"{ATOM}link").get("href") == f"{BASE}rss.xml"
    items = channel.findall("item")
    assert [item.find("link").text for item in items] == [
        f"{BASE}{docname}.html" for docname in NEWEST_FIRST]
    assert items[0].find("pubDate").text.endswith("+0200")
    assert items[-1].find("pubDate").text.endswith("-0500")
    assert "José Núñez" in items[0].find("description").text
    assert items[0].find(f"{MEDIA}thumbnail") is not None or items[0].find(
        f".//{MEDIA}thumbnail") is not None


def is_redirect(path):
    return path.read_text(encoding="utf-8").startswith("<html><head><noscript>")


def test_every_page_names_the_feeds(site):
    for path in site.outdir.rglob("*.html"):
        if "_static" in path.parts or is_redirect(path):
            continue
        soup = page(site, path.relative_to(site.outdir).with_suffix("").as_posix())
        types = {link["type"] for link in soup.find_all("link", rel="alternate")}
        assert {"application/atom+xml", "application/rss+xml"} <= types, path


def test_feeds_are_rewritten_on_incremental_builds(build):
    build()
    app = build(files={"episodes/2025-07-01-new.md": (
        "---\ntitle: 'New: Show | Learning from Machine Learning #20'\n"
        "date: 2025-07-01\n---\n\nNew.\n")})
    feed = ElementTree.parse(app.outdir / "feed.xml").getroot()
    assert feed.find(f"{ATOM}entry/{ATOM}title").text == "New: Show"


def test_the_sitemap_of_an_incremental_build_lists_every_page(build):
    clean = build()
    first, post = sitemap_urls(clean), clean.srcdir / f"{NEWEST_FIRST[0]}.md"
    app = build(files={post: post.read_text(encoding="utf-8") + "\nOne more sentence.\n"})
    assert NEWEST_FIRST[0] in written(app)
    assert len(written(app)) < len(app.env.found_docs) / 2  # most pages were not rewritten
    assert sitemap_urls(app) == first


def test_episode_json_ld(chapters_site):
    soup = page(chapters_site, "episodes/2023-02-24-legacy")
    [data] = json_ld(soup)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "PodcastEpisode"
    assert data["name"] == "Nils Reimers: Sentence Transformers"
    assert data["episodeNumber"] == 3
    assert data["datePublished"] == "2023-02-24T21:32:54-05:00"
    assert data["url"] == BASE + "episodes/2023-02-24-legacy.html"
    assert data["partOfSeries"]["@type"] == "PodcastSeries"
    assert data["actor"] == [{"@type": "Person", "name": "Nils Reimers",
                              "url": BASE + "people/nils-reimers.html"}]
    video = data["video"]
    assert video["@type"] == "VideoObject"
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/jOj4d3JNBDU"
    assert video["thumbnailUrl"] == "https://i.ytimg.com/vi/jOj4d3JNBDU/hqdefault.jpg"
    assert video["uploadDate"] == "2023-02-24T21:32:54-05:00"
    clips = video["hasPart"]
    assert len(clips) == 8
    assert clips[0] == {"@type": "Clip", "name": "What attracted you to Machine Learning?",
                        "startOffset": 149, "endOffset": 392,
                        "url": "https://www.youtube.com/watch?v=jOj4d3JNBDU&t=149s"}
    assert "endOffset" not in clips[-1] and clips[-1]["startOffset"] == 3678


def test_home_json_ld(site):
    [data] = json_ld(page(site, "index"))
    assert data["@type"] == "PodcastSeries"
    assert data["url"] == BASE and data["webFeed"] == BASE + "feed.xml"
    assert data["description"] == "A test podcast."


EVIL = "episodes/2025-08-01-evil"
EVIL_POST = """---
title: 'Eve </script><script>alert(1)</script> & <b>Co</b> | Learning from Machine Learning #30'
date: 2025-08-01 10:00:00 +0000
youtubeID: EEEEEEEEEEE
---

Eve says </script> and <!-- too.
"""


def test_text_from_posts_never_breaks_out(build):
    app = build(files={f"{EVIL}.md": EVIL_POST})
    html = (app.outdir / f"{EVIL}.html").read_text(encoding="utf-8")
    soup = page(app, EVIL)
    data = json_ld(soup)[0]
    assert data["name"] == "Eve </script><script>alert(1)</script> & <b>Co</b>"
    # no script element but the ones the site writes
    scripts = soup.find_all("script")
    assert not any("alert(1)" in (script.string or "") and script.get("type") !=
                   "application/ld+json" for script in scripts)
    assert "<script>alert(1)" not in html
    # the social cards carry the title as text
    og_title = soup.find("meta", property="og:title")["content"]
    assert og_title == "Eve </script><script>alert(1)</script> & <b>Co</b>"
    head = html.split("</head>")[0]
    assert re.search(r'property="og:title" content="Eve &lt;/script&gt;&lt;script&gt;', head)
    feed = ElementTree.parse(app.outdir / "feed.xml").getroot()
    assert feed.find(f"{ATOM}entry/{ATOM}title").text.startswith("Eve </script>")


def test_social_cards(site):
    soup = page(site, ONE)
    meta = {tag.get("property") or tag.get("name"): tag["content"]
            for tag in soup.find_all("meta") if tag.get("content")}
    assert meta["og:title"] == "Ada Lovelace: Engines, Poetry, Science"
    assert meta["og:description"] == (
        "The first episode welcomes Ada Lovelace to talk about engines.")
    assert meta["description"] == meta["og:description"]
    assert meta["og:image"] == "https://i.ytimg.com/vi/bLW_RH2Y6oI/hqdefault.jpg"
    assert meta["og:url"] == f"{BASE}{ONE}.html"
    assert meta["twitter:card"] == "summary_large_image"


def sitemap_urls(app) -> list[str]:
    sitemap = ElementTree.parse(app.outdir / "sitemap.xml").getroot()
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    return [url.find(f"{namespace}loc").text for url in sitemap]


def test_sitemap_and_canonical_links(site):
    urls = sitemap_urls(site)
    assert urls == sorted(set(urls))  # one order, whatever order pages were written in
    assert {f"{BASE}{docname}.html" for docname in site.env.found_docs} <= set(urls)
    assert f"{BASE}people/jose-nunez.html" in urls
    canonical = page(site, ONE).find("link", rel="canonical")["href"]
    assert canonical == f"{BASE}{ONE}.html"


def test_the_pages_reach_the_sitemap_without_a_server_process(sphinx_test_tempdir, rootdir):
    """sphinx-sitemap keeps the pages written in a queue of a server process (a
    round trip for each page); the build keeps its own, in the process."""
    import multiprocessing

    from sphinx.testing.util import SphinxTestApp
    folder = sphinx_test_tempdir / "sitemap-queue"
    shutil.copytree(rootdir / "test-site", folder)
    sys.modules.pop("testconf", None)  # read afresh, as build_root does
    app = SphinxTestApp("html", srcdir=folder)  # the builder is made: its queue too
    try:
        assert isinstance(app.sitemap_links, queue.Queue)
        assert not multiprocessing.active_children()
    finally:
        app.cleanup()


def test_redirects_and_chapters_written_beside_the_writing_are_those_written_in_it(
        sphinx_test_tempdir, rootdir, monkeypatch):
    """The redirect pages and the JSON chapters are written in a process beside
    the pages: the same files, and the same warnings, as written in the build's."""
    from podcast.build_speed import parallel
    started = []
    beside = parallel.beside

    def counted(app, work):
        started.append(beside(app, work))
        return started[-1]

    monkeypatch.setattr(parallel, "beside", counted)
    written_beside = build_root(rootdir / "test-chapters", sphinx_test_tempdir / "written-beside")
    written_beside.cleanup()
    assert started == [True, True]
    monkeypatch.setattr(parallel, "beside", lambda app, work: False)
    written_here = build_root(rootdir / "test-chapters", sphinx_test_tempdir / "written-here")

    def files(app) -> dict[str, bytes]:
        return {path.relative_to(app.outdir).as_posix(): path.read_bytes()
                for path in app.outdir.rglob("*") if path.name.endswith(".chapters.json")
                or path.suffix == ".html" and is_redirect(path)}

    found = files(written_beside)
    assert any(name.endswith(".json") for name in found)
    assert any(name.endswith(".html") for name in found)
    assert found == files(written_here)
    assert warnings(written_beside) == warnings(written_here).replace(
        "/written-here/", "/written-beside/")
    written_here.cleanup()


def test_every_old_url_redirects_to_an_existing_page(site):
    redirects = sorted(path for path in site.outdir.rglob("*.html") if is_redirect(path))
    assert {path.relative_to(site.outdir).as_posix() for path in redirects} == {
        "2025/05/28/two-guests.html",  # no categories
        # categories as a YAML list
        "machine learning/interviews/2024/03/01/alan-turing.html",
        "machine/learning/update/2023/01/07/welcome.html",
        "machine/learning/updates/2023/01/09/episode-one.html",
        "machine/learning/updates/2023/02/24/"
        "grace-hopper-compilers-learning-from-machine-learning-3.html",
    }
    for path in redirects:
        text = path.read_text(encoding="utf-8")
        target = re.search(r'url=([^"]+)"', text).group(1)
        assert (path.parent / target).resolve().is_file(), path


def test_links_to_old_urls_resolve_without_warning(site):
    link = page(site, "episodes/2023-01-07-welcome").select_one("article a[href*='episode-one']")
    assert link["href"] == "2023-01-09-episode-one.html"
    assert "xref_missing" not in warnings(site)


def test_epub_has_chapters_as_links(build):
    app = build("epub", testroot="chapters")
    # the chapters root warns about its deliberately broken posts, nothing else
    assert all(re.search(r"\[podcast\.(chapter|duplicate|link)", line)
               for line in warnings(app).strip().splitlines())
    text = (app.outdir / "episodes" / "2023-02-24-legacy.xhtml").read_text(encoding="utf-8")
    assert 'href="https://www.youtube.com/watch?v=jOj4d3JNBDU&amp;t=3638s"' in text
    assert "<iframe" not in text and "<script" not in text
    assert (app.outdir / "episodes" / "2023-02-24-legacy.xhtml").is_file()


def test_a_single_page_build_has_no_sitemap_of_other_pages(build):
    app = build("singlehtml")
    urls = sitemap_urls(app) if (app.outdir / "sitemap.xml").is_file() else []
    assert all(url.endswith("index.html") for url in urls)


def test_a_build_prints_nothing_about_social_card_images(rootdir, tmp_path):
    folder = tmp_path / "site"
    shutil.copytree(rootdir / "test-site", folder)
    path = os.pathsep.join([str(ROOT / "_ext"), str(ROOT / "tests")])
    run = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(folder),
                          str(folder / "_build")], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": path})
    assert "matplotlib" not in run.stdout + run.stderr

"""Hostile input: every bad post still builds, warns with its file and line, and
publishes the rest; nothing from the input reaches the HTML as markup."""

import json
import re
import shutil
import socket

import pytest
from helpers import build_root, page, warnings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EVIL_TITLE = "Eve <script>alert(1)</script> & <b>Co</b>"

POSTS = {
    "malformed": "---\ntitle: 'never closed\ndate: [2023\n---\n\nThe body of a malformed post.\n",
    "not-a-mapping": "---\n- just\n- a list\n---\n\nThe body of a list post.\n",
    "no-title": "---\ndate: 2023-04-01\n---\n\nThe body of an untitled post.\n\n## Part\n\n"
                "text\n",
    "empty-title": "---\ntitle: ''\ndate: 2023-04-02\n---\n\nThe body of an empty title.\n",
    "bad-date": "---\ntitle: 'Bad Date: Topic | Learning from Machine Learning #40'\n"
                "date: yesterday at noon\n---\n\nThe body of a bad date.\n",
    "bad-video": "---\ntitle: 'Bad Video: Topic | Learning from Machine Learning #41'\n"
                 "date: 2023-04-04\nyoutubeID: '\"><script>alert(1)</script>'\n---\n\n"
                 "The body of a bad video.\n",
    "url-video": "---\ntitle: 'Url Video: Topic | Learning from Machine Learning #42'\n"
                 "date: 2023-04-05\nyoutubeID: https://www.youtube.com/watch?v=gOEey-pbM90&t=3s\n"
                 "---\n\nThe body of a URL video.\n",
    "bad-links": "---\ntitle: 'Bad Links: Topic | Learning from Machine Learning #43'\n"
                 "date: 2023-04-06\nyoutubeID: AAAAAAAAAA7\n"
                 "substack_url: javascript:alert(1)\n---\n\nThe body of bad links.\n\n"
                 "## Episode Timestamps\n\n- [01:00](javascript:alert(1)) - A chapter\n"
                 "- 02:00 - Another\n",
    "evil": "---\ntitle: '" + EVIL_TITLE.replace("'", "''") + " | Learning from Machine Learning "
            "#44'\ndate: 2023-04-07\nyoutubeID: AAAAAAAAAA8\n"
            "guests: ['<i>Mallory</i> <img src=x onerror=alert(2)>']\n---\n\n"
            "The body of the evil post.\n\n```{chapters}\n00:00 <script>alert(3)</script>\n"
            "01:00 Fine & <dandy>\n```\n",
    "twin-a": "---\ntitle: 'Twin A: Topic | Learning from Machine Learning #45'\ndate: 2023-04-08\n"
              "youtubeID: TTTTTTTTTTT\n---\n\nThe body of the first twin.\n",
    "twin-b": "---\ntitle: 'Twin B: Topic | Learning from Machine Learning #45'\ndate: 2023-04-09\n"
              "youtubeID: TTTTTTTTTTT\n---\n\nThe body of the second twin.\n",
    "colon-title": "---\ntitle: Priya Raman: Retrieval, RAG | Learning from Machine Learning #50"
                   "\ndate: 2023-04-14\ncategories:\n- machine\n- learning\n---\n\n"
                   "The body of an unquoted title.\n",
    "comment-number": "---\ntitle: Omar Haddad | Edge AI | Learning from Machine Learning #51"
                      "\ndate: 2023-04-15\n---\n\nThe body of a title read as a comment.\n",
    "empty": "",
    "crlf": "---\r\ntitle: 'Crlf Post: Topic | Learning from Machine Learning #46'\r\n"
            "date: 2023-04-10\r\n---\r\n\r\nThe body with CRLF.\r\n\r\n"
            "## Episode Timestamps\r\n\r\n- 00:10 - One\r\n- 01:10 - Two\r\n",
    "bom": "\ufeff---\ntitle: 'Bom Post: Topic | Learning from Machine Learning #47'\n"
           "date: 2023-04-11\n---\n\nThe body with a BOM.\n",
}


def docname(name):
    return f"episodes/2023-04-01-{name}"


def huge_post() -> str:
    paragraph = "A long paragraph about machine learning and life. " * 40 + "\n\n"
    body = paragraph * (5 * 1024 * 1024 // len(paragraph) + 1)
    return ("---\ntitle: 'Huge Post: Topic | Learning from Machine Learning #48'\n"
            "date: 2023-04-12\n---\n\nThe start of a huge post.\n\n" + body)


def long_chapters() -> str:
    lines = "".join(f"- {minute // 60}:{minute % 60:02d}:00 - Chapter {minute}\n"
                    for minute in range(500))
    return ("---\ntitle: 'Long Chapters: Topic | Learning from Machine Learning #49'\n"
            "date: 2023-04-13\nyoutubeID: AAAAAAAAAA9\n---\n\nMany chapters.\n\n"
            "## Episode Timestamps\n\n" + lines)


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir, rootdir):
    files = {f"{docname(name)}.md": text for name, text in POSTS.items()}
    files[f"{docname('huge')}.md"] = huge_post()
    files[f"{docname('long-chapters')}.md"] = long_chapters()
    folder = sphinx_test_tempdir / "hostile"
    shutil.copytree(rootdir / "test-site", folder)
    for name, text in files.items():  # bytes as written: CRLF and BOM kept
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    app = build_root(rootdir / "test-site", folder)
    yield app
    app.cleanup()


def warned(app, name, line, pattern):
    return re.search(rf"{re.escape(docname(name))}\.md:{line}: WARNING: .*{pattern}",
                     warnings(app))


@pytest.mark.parametrize("name", [*POSTS, "huge", "long-chapters"])
def test_every_post_is_published_with_its_body(site, name):
    if name == "empty":
        assert (site.outdir / f"{docname(name)}.html").is_file()
        return
    article = page(site, docname(name)).select_one("article").get_text(" ", strip=True)
    assert "body" in article or "huge post" in article or "Many chapters" in article, article


def test_other_pages_are_still_published(site):
    assert (site.outdir / "episodes/2023-01-09-episode-one.html").is_file()
    assert "Ada Lovelace" in page(site, "archive/index").get_text()


def test_malformed_and_non_mapping_front_matter_warn(site):
    assert warned(site, "malformed", 2, r"no valid YAML.*\[podcast\.front-matter\]")
    assert warned(site, "not-a-mapping", 1, "YAML is not a dict")


def test_yaml_that_misreads_the_title_is_read_as_meant_and_warned(site):
    assert warned(site, "colon-title", 2, r"no valid YAML.*\[podcast\.front-matter\]")
    # one warning, ours: MyST reads the front matter as meant too
    assert not re.search(rf"{docname('colon-title')}\.md:\d+: WARNING: .*\[myst\.",
                         warnings(site))
    colon = page(site, docname("colon-title"))
    description = colon.find("meta", property="og:description")["content"]
    assert description == "The body of an unquoted title."
    assert colon.find("h1").get_text().startswith("Priya Raman: Retrieval, RAG")
    assert "Episode 50" in colon.select_one(".podcast-byline").get_text()
    assert (site.outdir / "people" / "priya-raman.html").is_file()
    # its categories too: its old URL redirects
    assert (site.outdir / "machine/learning/2023/04/14/colon-title.html").is_file()
    assert warned(site, "comment-number", 2, r"'#51'.*as a comment.*\[podcast\.front-matter\]")
    comment = page(site, docname("comment-number"))
    assert comment.find("h1").get_text().startswith("Omar Haddad: Edge AI")
    assert "Episode 51" in comment.select_one(".podcast-byline").get_text()


def test_missing_and_empty_titles_warn_and_use_the_file_name(site):
    assert warned(site, "no-title", 1, r"no title.*\[podcast\.title\]")
    assert warned(site, "empty-title", 2, r"no title.*\[podcast\.title\]")
    assert page(site, docname("no-title")).find("h1").get_text().startswith("2023-04-01-no-title")
    assert len(page(site, docname("no-title")).find_all("h1")) == 1


def test_bad_date_warns_and_falls_back_to_the_file_name(site):
    assert warned(site, "bad-date", 3, r"cannot read the date.*\[podcast\.date\]")
    assert "April 1, 2023" in page(site, docname("bad-date")).select_one(".podcast-byline").text


def test_bad_video_id_warns_and_has_no_embed(site):
    assert warned(site, "bad-video", 4, r"no YouTube video ID.*\[podcast\.youtube\]")
    soup = page(site, docname("bad-video"))
    assert soup.select_one(".podcast-video") is None
    assert "alert(1)" not in str(soup.select_one("article"))


def test_a_youtube_url_gives_its_id(site):
    box = page(site, docname("url-video")).select_one(".podcast-video")
    assert box["data-video-id"] == "gOEey-pbM90"


def test_links_with_other_schemes_are_dropped(site):
    assert warned(site, "bad-links", 5, r"substack_url .* dropped.*\[podcast\.link\]")
    assert warned(site, "bad-links", 12, r"no web address: dropped.*\[podcast\.link\]")
    html = str(page(site, docname("bad-links")).select_one("article"))
    assert "javascript:" not in html


def test_markup_in_front_matter_and_chapters_is_text(site):
    soup = page(site, docname("evil"))
    assert soup.find("h1").get_text().startswith(EVIL_TITLE)
    article = str(soup.select_one("article"))
    for markup in ("<script>", "<img src=x", "<dandy>", "<b>Co</b>", "<i>Mallory"):
        assert markup not in article, markup
    titles = [t.get_text() for t in soup.select(".podcast-chapter-title")]
    assert titles == ["<script>alert(3)</script>", "Fine & <dandy>"]
    guest = page(site, "people/i-mallory-i-img-src-x-onerror-alert-2")
    assert guest.find("h1").get_text().startswith("<i>Mallory</i> <img src=x onerror=alert(2)>")
    assert guest.select_one("article img") is None
    # listings, feeds, JSON-LD, social cards and the search index
    assert EVIL_TITLE in page(site, "archive/index").get_text()
    # (the search index keeps titles as JSON data; Sphinx's search escapes them on display)
    for name in ("index.html", "archive/index.html", "archive/2023.html", "feed.xml",
                 "rss.xml", "people/index.html", "people/guests.html"):
        text = (site.outdir / name).read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>Co</b>" not in text, name
        assert "<img src=x" not in text, name
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["name"] == EVIL_TITLE
    assert soup.find("meta", property="og:title")["content"] == EVIL_TITLE


def test_two_posts_with_one_video_or_number_warn_naming_both(site):
    text = warnings(site)
    assert re.search(rf"{docname('twin-b')}\.md:4: WARNING: the video TTTTTTTTTTT is also "
                     rf"{docname('twin-a')}'s", text)
    assert re.search(rf"{docname('twin-b')}\.md:2: WARNING: the episode number 45 is also "
                     rf"{docname('twin-a')}'s", text)


def test_crlf_bom_huge_and_long_lists(site):
    crlf = page(site, docname("crlf"))
    assert crlf.find("h1").get_text().startswith("Crlf Post: Topic")
    assert len(crlf.select("ol.podcast-chapters > li")) == 2
    assert page(site, docname("bom")).find("h1").get_text().startswith("Bom Post: Topic")
    assert page(site, docname("huge")).find("h1").get_text().startswith("Huge Post: Topic")
    long = page(site, docname("long-chapters")).select("ol.podcast-chapters > li")
    assert len(long) == 500 and len({li["id"] for li in long}) == 500


def test_a_build_makes_no_network_request(build, monkeypatch):
    attempts = []

    def refuse(self, address, *args, **kwargs):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise OSError("network blocked by the test")
        return real_connect(self, address, *args, **kwargs)

    def no_lookup(*args, **kwargs):
        attempts.append(args[:2])
        raise OSError("name lookup blocked by the test")

    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    app = build(testroot="people")
    build("latex", testroot="people")
    assert attempts == []
    assert (app.outdir / "index.html").is_file()


TEXT = st.lists(st.sampled_from([*"ab <>&\"'/:#|-x", "<x-evil>", "</script>", "\u00e9"]),
               max_size=12).map("".join)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, guest=TEXT, chapter=TEXT, date=TEXT)
def test_any_front_matter_builds_and_stays_text(build, title, guest, chapter, date):
    post = ("---\ntitle: " + json.dumps(title) + "\nguests: " + json.dumps([guest])
            + "\ndate: " + json.dumps(date) + "\nyoutubeID: AAAAAAAAAA1\n---\n\nBody.\n\n"
            "## Episode Timestamps\n\n- 00:10 - " + chapter.replace("\n", " ") + "\n"
            "- 00:20 - second\n")
    app = build(files={"episodes/2023-09-09-any.md": post})
    html = (app.outdir / "episodes" / "2023-09-09-any.html").read_text(encoding="utf-8")
    assert "<x-evil" not in html
    # every </script> closes a script element the site wrote
    assert html.count("</script>") == html.count("<script")

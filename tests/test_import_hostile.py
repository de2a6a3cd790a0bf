"""make import with feeds that attack: what a feed says gets no further than the
text of a post, and what a feed costs is bounded. The feeds are served by a real
HTTP server on 127.0.0.1; the posts are read back with YAML and built with MyST."""

import gzip
import http.server
import socket
import time
from pathlib import Path

import docutils.core
import pytest
import yaml
from docutils import nodes
from helpers import page, serving
from hypothesis import given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser
from podcast.importer.command import run
from podcast.importer.safe_values import as_text, one_line, quoted, video_id, web_url

FEEDS = Path(__file__).parent / "feeds"
LONG_TITLE = "Long " * 20_000  # 100 KB
FEED = (FEEDS / "youtube.xml").read_bytes()
MYST = ["colon_fence", "deflist", "substitution", "dollarmath", "html_image"]


class Hostile(http.server.BaseHTTPRequestHandler):
    """The hostile feeds, and servers that cost: slow, huge, failing."""

    def do_GET(self):
        name = self.path.strip("/")
        if name == "trickle-body.xml":  # a feed at one byte a second
            self.send_response(200)
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            return self.trickle(FEED)
        if name == "trickle-head.xml":  # even the status line at one byte a second
            return self.trickle(b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n")
        if name == "huge-declared.xml":
            return self.answer(FEED + b" " * (2 * 2**20))
        if name == "huge-streamed.xml":  # no Content-Length: the limit is seen while reading
            return self.answer(FEED + b" " * (2 * 2**20), length=False)
        if name == "gzip-bomb.xml":  # 50 KB that would be 50 MB
            return self.answer(gzip.compress(b" " * (50 * 2**20)), encoding="gzip")
        if name == "unavailable.xml":
            return self.send_error(503)
        path = FEEDS / name
        if not path.is_file():
            return self.send_error(404)
        self.answer(path.read_bytes().replace(b"LONG_TITLE", LONG_TITLE.encode()))

    def trickle(self, data: bytes) -> None:
        try:
            for byte in data[:30]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(1)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def answer(self, data: bytes, length: bool = True, encoding: str = "") -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            if length:
                self.send_header("Content-Length", str(len(data)))
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what a limit is for

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    with serving(Hostile) as url:
        yield url


@pytest.fixture
def project(tmp_path, server):
    (tmp_path / "episodes").mkdir()
    (tmp_path / "conf.py").write_text(
        f"podcast_youtube_feed_url = '{server}/hostile_youtube.xml'\n"
        f"podcast_rss_url = '{server}/hostile_podcast.xml'\n"
        f"podcast_substack_rss_url = '{server}/hostile_substack.xml'\n")
    return tmp_path


def importing(project, env=None, **kwargs):
    said = []
    status = run(project, env or {}, said.append, **kwargs)
    return status, "\n".join(said)


def post(project, pattern):
    """The one post matching ``pattern``: its front matter (read with YAML, and the
    number of its lines) and its text."""
    [path] = (project / "episodes").glob(pattern)
    text = path.read_text(encoding="utf-8")
    head = text.split("\n---\n", 1)[0].removeprefix("---\n")
    return yaml.safe_load(head), len(head.splitlines()), text


MALLORY = ("Mallory Stone: Safety | Learning from Machine Learning #61 transcript: ../../secret"
           ".txt categories: [.., .., .., up] html_meta: {\"http-equiv=refresh\": \"0;url="
           "https://evil.example/\"} --- youtubeID: AAAAAAAAAAA layout: evil "
           "'quoted' \"double\" # not a comment {download}`../secret.txt` <b>bold</b>")
COMMON = {"categories": "machine learning updates", "layout": "post"}


def test_each_value_from_a_feed_is_one_quoted_value(project):
    status, said = importing(project)
    assert status == 0, said
    assert "Traceback" not in said
    # a video ID of another shape is skipped, named
    assert ("skipped video 'HOSTILE0001 transcript: ../../secret.txt' 'A video whose ID writes "
            "front matter | Learning from Machine Learning #60': not a YouTube video ID") in said
    assert "skipped video 'abc' 'A video whose ID is too short': not a YouTube video ID" in said
    assert "skipped video '' 'A video with no ID': not a YouTube video ID" in said
    # newlines, a carriage return, a line separator and a tab in a title: one line, as written
    meta, lines, text = post(project, "2025-08-02-*.markdown")
    assert meta == {**COMMON, "date": "2025-08-02 16:00:00 +0000", "title": MALLORY,
                    "youtubeID": "HOSTILE0002"}
    assert lines == len(meta)
    assert "\n---\n" not in text.split("\n---\n", 1)[1]  # the body has no delimiter of its own
    # an enclosure ending in }\input{...} and a javascript: link are no web addresses
    assert ("note: audio 'https://media.example.org/mallory.mp3}\\\\input{/etc/passwd}' "
            "refused: not a web address") in said
    assert "note: link 'javascript:alert(1)' refused: not a web address" in said
    # a title of 100 KB: cut, named, written
    meta, lines, _ = post(project, "2025-08-20-*.markdown")
    assert meta == {**COMMON, "date": "2025-08-20 16:00:00 +0000",
                    "title": LONG_TITLE[:300].strip(), "youtubeID": "HOSTILE0003"}
    assert "note: title cut to 300 characters (it had 99,999)" in said
    # an audio type that writes a key is no audio type; a length in hex no length
    meta, lines, _ = post(project, "2025-08-04-weekly-update.markdown")
    assert meta == {**COMMON, "date": "2025-08-04 09:00:00 +0000", "title": "Weekly Update",
                    "youtubeID": "Weekly00004",
                    "audio_url": "https://media.example.org/weekly.mp3",
                    "audio_type": "audio/mpeg"}
    assert lines == len(meta)


def test_two_videos_of_one_name_get_two_stable_posts(project):
    importing(project)
    names = sorted(path.name for path in (project / "episodes").glob("2025-08-04-*"))
    assert names == ["2025-08-04-weekly-update-Weekly00005.markdown",
                     "2025-08-04-weekly-update.markdown"]
    assert post(project, "*-Weekly00005.markdown")[0]["title"] == "Weekly update!"
    before = {path.name: path.read_text() for path in (project / "episodes").iterdir()}
    status, said = importing(project)  # a second run: the same posts, nothing new
    assert status == 0 and "no new videos" in said
    assert {path.name: path.read_text() for path in (project / "episodes").iterdir()} == before


def test_a_video_that_cannot_be_written_is_named_and_the_others_are_written(project):
    for name in ("2025-08-04-weekly-update.markdown",
                 "2025-08-04-weekly-update-Weekly00004.markdown"):
        (project / "episodes" / name).write_text("The host's own file, no post.\n")
    status, said = importing(project)
    assert status == 1
    assert ("NOT WRITTEN: video Weekly00004 'Weekly Update': "
            "2025-08-04-weekly-update-Weekly00004.markdown exists") in said
    assert (project / "episodes" / "2025-08-04-weekly-update.markdown").read_text() == (
        "The host's own file, no post.\n")
    written = sorted(path.name[:10] for path in (project / "episodes").glob("*.markdown"))
    assert written == ["2025-08-02", "2025-08-04", "2025-08-04", "2025-08-04", "2025-08-20"]


def test_at_most_so_many_posts_a_run(project):
    status, said = importing(project, max_posts=2)
    assert status == 0 and "2 new post(s)" in said
    assert "2 more new video(s) left for the next run (at most 2 posts a run)" in said
    assert len(list((project / "episodes").glob("*.markdown"))) == 2
    status, said = importing(project, max_posts=2)
    assert "2 new post(s)" in said and "left for the next run" not in said
    assert len(list((project / "episodes").glob("*.markdown"))) == 4


def test_a_hostile_description_is_text_on_the_page(project, build):
    """The post the feed made, built as the site builds it (MyST, the extension): no
    directive, role, raw HTML, image, substitution, target or front matter of the
    feed's is live, and each is shown as the text it was."""
    importing(project)
    [path] = (project / "episodes").glob("2025-08-02-*.markdown")
    app = build(files={f"episodes/{path.name}": path.read_text(), "secret.txt": "SECRET-MARKER"},
                confoverrides={"myst_enable_extensions": MYST})
    docname = f"episodes/{path.stem}"
    doctree = app.env.get_doctree(docname)
    kinds = {type(node).__name__ for node in doctree.findall()}
    assert not kinds & {"download_reference", "raw", "image", "literal_block", "math",
                        "substitution_reference", "transition", "definition_list",
                        "comment", "system_message"}, kinds  # (the chapters are a numbered list)
    assert not any("hijack" in node.get("ids", ()) for node in doctree.findall(nodes.Element))
    html = (app.outdir / f"{docname}.html").read_text()
    assert "SECRET-MARKER" not in html and not (app.outdir / "_downloads").exists()
    soup = page(app, docname)
    assert not soup.find("meta", attrs={"http-equiv": True})
    assert soup.find("h1").get_text(" ", strip=True).startswith("Mallory Stone: Safety")
    shown = " ".join(soup.find("article").get_text(" ").split())
    for text in ["```{literalinclude} ../secret.txt ```", "~~~{literalinclude} ../secret.txt",
                 ":::{literalinclude} ../secret.txt :::", "{download}`../secret.txt`",
                 "{raw-html}`<b>bold</b>`", "raw HTML block</div>", "<span>raw HTML</span>",
                 "![secret](../secret.png)", "[link](javascript:alert(1))", "{{ secret }}",
                 "$x^2$", "(hijack)=", "% a comment that hides text", "+++ a block break",
                 ": a definition", "# A heading of the feed", "1. Not a list",
                 "https://example.org/a{b}", "<img src="]:
        assert text in shown, text
    links = {link["href"] for link in soup.find("article").find_all("a", href=True)}
    assert "https://en.wikipedia.org/wiki/Safety_(engineering)" in links
    assert not {link for link in links if link.startswith(("javascript:", "https://evil.example",
                                                           "https://youtube.com@")) or "{" in link}


@pytest.mark.parametrize(("feed", "limits", "reason"), [
    ("trickle-body.xml", {"timeout": 2}, "timeout: not all of it within 2 s"),
    ("trickle-head.xml", {"timeout": 2}, "timeout: not all of it within 2 s"),
    ("huge-declared.xml", {"max_bytes": 2**20},
     f"too large: {len(FEED) + 2 * 2**20:,} bytes, more than the limit of 1,048,576"),
    ("huge-streamed.xml", {"max_bytes": 2**20}, "too large: more than the limit of 1,048,576"),
    ("gzip-bomb.xml", {"max_bytes": 2**20}, "too large: more than the limit of 1,048,576"),
    ("unavailable.xml", {}, "HTTP 503 Service Unavailable"),
    ("missing.xml", {}, "HTTP 404 Not Found"),
])
def test_what_a_feed_may_cost_is_bounded_and_named(project, server, feed, limits, reason):
    began = time.monotonic()
    status, said = importing(project, {"SUBSTACK_RSS_URL": f"{server}/{feed}"}, **limits)
    assert status == 1
    assert f"Substack RSS: FAILED: {reason}" in said, said
    assert time.monotonic() - began < limits.get("timeout", 20) + 3
    assert "YouTube: 7 entries" in said  # the other feeds still serve


def test_a_refused_connection_says_so(project):
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    status, said = importing(project, {"PODCAST_RSS_URL": f"http://127.0.0.1:{port}/feed"},
                             timeout=5)
    assert status == 1 and "podcast RSS: FAILED: connection refused" in said, said


def test_a_feed_address_that_is_no_web_address_is_not_fetched(project):
    status, said = importing(project, {"PODCAST_RSS_URL": "file:///etc/passwd"})
    assert status == 1 and "podcast RSS: FAILED: not a web address (http or https)" in said


# -- the values, on their own ------------------------------------------------------------

@given(st.text())
def test_a_quoted_value_is_one_line_that_yaml_reads_as_the_text(text):
    line = f"title: {quoted(text, 300)}"
    assert "\n" not in line and "\r" not in line
    assert yaml.safe_load(line) == {"title": one_line(text, 300)}


SYNTAX = st.text(st.sampled_from(list("`~:{}[]()<>!*_#-+=|$%^&\\/.'\"@ 0123456789aZ\n\u2028")),
                 max_size=40)


@settings(max_examples=300, deadline=None)
@given(SYNTAX)
def test_text_written_for_myst_is_read_as_that_text(text):
    line = one_line(text, 300)
    doctree = docutils.core.publish_doctree(as_text(line), parser=Parser(), settings_overrides={
        "myst_enable_extensions": MYST, "report_level": 5})
    kinds = {type(node).__name__ for node in doctree.findall()}
    assert kinds <= {"document", "paragraph", "Text"}, (line, doctree.pformat())
    assert doctree.astext() == line


@pytest.mark.parametrize(("value", "expected"), [
    ("NEWVIDEO001", "NEWVIDEO001"), ("a-b_c-d_e-f", "a-b_c-d_e-f"), ("abc", ""),
    ("NEWVIDEO001\ntitle: x", ""), ("NEWVIDEO0012", ""), ("NEWVIDE0/01", ""), (None, ""),
])
def test_a_video_id_has_youtubes_shape(value, expected):
    assert video_id(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("https://media.example.org/a.mp3", "https://media.example.org/a.mp3"),
    ("http://example.org/a?b=c&d=e#f", "http://example.org/a?b=c&d=e#f"),
    ("https://example.org/café", "https://example.org/caf%C3%A9"),
    ("https://example.org/a}\\input{/etc/passwd}", ""), ("https://example.org/a b", ""),
    ("https://example.org/a'b", ""), ('https://example.org/a"b', ""),
    ("https://example.org/<script>", ""), ("https://example.org/a`b", ""),
    ("javascript:alert(1)", ""), ("file:///etc/passwd", ""), ("//example.org/a", ""),
    ("https://", ""), ("https://youtube.com@evil.example/", ""),
    ("https://example.org:99999/", ""), ("https://example.org/\u2028x", ""),
    ("https://example.org/" + "a" * 2000, ""), (["https://example.org/"], ""),
])
def test_a_web_address_is_http_with_nothing_that_escapes_it(value, expected):
    assert web_url(value) == expected


def test_yaml_reads_no_line_break_a_feed_sends():
    for separator in ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\t"]:
        text = f"A title{separator}youtubeID: AAAAAAAAAAA{separator}---"
        assert yaml.safe_load(f"title: {quoted(text, 300)}") == {
            "title": "A title youtubeID: AAAAAAAAAAA ---"}
    assert one_line("\x00\x1b[31mred\x7f", 300) == "[31mred"

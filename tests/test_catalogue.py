"""make import on the back catalogue: every existing post matched with its podcast
item in each shape a podcast feed titles its items, what the feed says of it kept
in the data file beside the post, and its transcript fetched in each format the
feeds offer (WebVTT, SRT, Podcasting 2.0 JSON and HTML), all over a real HTTP
server on 127.0.0.1 serving files in their real formats."""

import hashlib
import http.server
import threading
from pathlib import Path

import pytest
import yaml
from podcast.core.post import feed_data
from podcast.importer.command import run

FEEDS = Path(__file__).parent / "feeds"
TRANSCRIPTS = FEEDS / "transcripts"
MEDIA = "https://media.rss.com/learning-from-machine-learning/"


def huge_vtt() -> bytes:
    """A real WebVTT of 6 MB: more than a transcript may be."""
    cue = "00:00:{:02d}.000 --> 00:00:{:02d}.500\n<v Omar Haddad>" + "causal " * 40 + "\n\n"
    blocks = [cue.format(second % 59, second % 59) for second in range(22_000)]
    return ("WEBVTT\n\n" + "".join(blocks)).encode()


HUGE = huge_vtt()


class Catalogue(http.server.BaseHTTPRequestHandler):
    """The show's feeds and the transcripts they link; ``replace`` changes the podcast
    feed as its host would (a new enclosure, say)."""

    replace: dict[str, str] = {}
    fetched: list[str] = []

    def do_GET(self):
        name = self.path.strip("/")
        Catalogue.fetched.append(name)
        server = f"http://127.0.0.1:{self.server.server_address[1]}"
        if name == "transcripts/haddad-huge.vtt":
            return self.answer(HUGE, "text/vtt")
        path = FEEDS / name
        if not path.is_file() or ".." in name:
            return self.send_error(404)
        data = path.read_bytes()
        if name.endswith(".xml"):
            text = data.decode().replace("{server}", server)
            for old, new in Catalogue.replace.items():
                text = text.replace(old, new)
            data = text.encode()
        self.answer(data, "application/xml")

    def answer(self, data: bytes, kind: str) -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what a limit is for

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Catalogue)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def post(title: str, date: str, video: str = "", extra: str = "") -> str:
    """A post as the host writes them (Jekyll front matter, then the notes)."""
    lines = ["---", "categories: machine learning updates", f"date: {date}", "layout: post",
             f"title: {title}"]
    if video:
        lines.append(f"youtubeID: {video}")
    return "\n".join(lines) + f"\n{extra}---\n\nThe episode's notes.\n"


SERIES = "| Learning from Machine Learning"
POSTS = {
    "2023-01-07-welcome": post('"Welcome to the Podcast!"', "2023-01-07 16:26:41 -0500"),
    "2023-03-26-sebastian-raschka-learning-ml-responsible-ai-agi-learning-from-machine-"
    "learning-4": post(f"'Sebastian Raschka: Learning ML, Responsible AI, AGI  {SERIES}\n"
                       "  #4'", "2023-03-26 18:02:06 -0500", "gOEey-pbM90"),
    "2023-04-20-maria-garcia-search-trust-learning-from-machine-learning-5": post(
        f"'Maria Garcia: Search, Trust and Ranking {SERIES} #5'", "2023-04-20 17:00:00 -0500",
        "MariaGarc05"),
    "2023-05-18-kenji-tanaka-robot-learning-learning-from-machine-learning-6": post(
        f"'Kenji Tanaka: Robot Learning {SERIES} #6'", "2023-05-18 10:30:00 -0500",
        "KenjiTana06"),
    "2023-06-15-lena-berg-forecasting-learning-from-machine-learning-7": post(
        f"'Lena Berg: Forecasting {SERIES} #7'", "2023-06-15 11:00:00 -0500", "LenaBerg007"),
    "2023-07-13-omar-haddad-causality-learning-from-machine-learning-8": post(
        f"'Omar Haddad: Causality {SERIES} #8'", "2023-07-13 11:00:00 -0500", "OmarHadd008"),
    "2023-08-10-noor-singh-privacy-learning-from-machine-learning-9": post(
        f"'Noor Singh: Privacy by Design {SERIES} #9'", "2023-08-10 11:00:00 -0500",
        "NoorSing009"),
    "2023-09-07-ann-lee-fairness-learning-from-machine-learning-10": post(
        f"'Ann Lee: Fairness {SERIES} #10'", "2023-09-07 13:00:00 -0500", "AnnLeeFa010"),
    "2023-10-05-maria-garcia-search-two-years-on-learning-from-machine-learning-12": post(
        f"'Maria Garcia: Search, Two Years On {SERIES} #12'", "2023-10-05 11:00:00 -0500",
        "MariaGarc12"),
}
HAND_PLACED = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Seth Levine>The host's own.\n"


def stem(word: str) -> str:
    """The post whose file name has ``word`` (``raschka``)."""
    [found] = [name for name in POSTS if word in name]
    return found


@pytest.fixture
def project(tmp_path, server):
    episodes = tmp_path / "episodes"
    episodes.mkdir()
    for name, text in POSTS.items():
        (episodes / f"{name}.markdown").write_text(text)
    (episodes / f"{stem('singh')}.vtt").write_text(HAND_PLACED)
    (tmp_path / "conf.py").write_text(
        f"podcast_youtube_feed_url = '{server}/catalogue_youtube.xml'\n"
        f"podcast_rss_url = '{server}/catalogue_podcast.xml'\n")
    Catalogue.replace = {}
    return tmp_path


def importing(project, env=None, **kwargs):
    said = []
    status = run(project, env or {}, said.append, **kwargs)
    return status, "\n".join(said)


def data(project, word: str) -> dict:
    """The data file of the post with ``word`` in its name, read with YAML."""
    return yaml.safe_load((project / "episodes" / f"{stem(word)}.feed.yaml").read_text())


def files(project) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (project / "episodes").iterdir()}


def test_every_post_of_the_back_catalogue_gets_what_the_feed_knows(project):
    posts_before = {name: text for name, text in files(project).items()
                    if name.endswith(".markdown")}
    status, said = importing(project)
    # the transcript of 6 MB is refused and named, the rest imports: exit status 1
    assert status == 1, said
    # each title shape matched, each way told
    assert (f"post episodes/{stem('raschka')}.markdown #4 -> podcast item '#4 Sebastian "
            "Raschka: Learning ML, Responsible AI, AGI' (2023-03-26, by episode number)") in said
    assert ("#5 -> podcast item 'Building search that people trust with Maria Garcia' "
            "(2023-04-21, by guest)") in said
    assert "#6 -> podcast item 'Ep. 6 - Kenji Tanaka - Robot Learning' (2023-05-18, by " \
           "episode number)" in said
    assert "#7 -> podcast item 'A conversation about forecasting' (2023-06-16, by date)" in said
    assert "#8 -> podcast item 'Omar Haddad on Causality' (2023-07-13, by episode number)" in said
    assert "#12 -> podcast item '#12 Maria Garcia returns: Search, Two Years On'" in said
    assert (f"post episodes/{stem('welcome')}.markdown -> podcast item 'Welcome to Learning "
            "from Machine Learning' (2023-01-06, by date)") in said
    # a contradicting number is never matched, by guest or by date; the reason is told
    assert (f"not matched: post episodes/{stem('lee')}.markdown #10: no podcast item (no item "
            "numbered 10; none free names Ann Lee but with another number; none free within "
            "4 days of 2023-09-07 that has no other number)") in said
    assert "not matched: podcast item '#11 Ann Lee: Fairness, Part Two' (2023-09-07)" in said
    assert "not matched: podcast item 'A bonus: listener questions' (2022-12-01)" in said
    assert "8 of 9 existing post(s) matched a podcast item" in said
    # the new video became a post, matched by number, with its data file and transcript
    new = "2023-10-31-wen-zhou-embeddings-in-practice-learning-from-machine-learning-13"
    assert (project / "episodes" / f"{new}.markdown").is_file()
    assert "audio_url: 'https://media.rss.com/" in (project / "episodes" / f"{new}.markdown"
                                                     ).read_text()
    zhou = yaml.safe_load((project / "episodes" / f"{new}.feed.yaml").read_text())
    assert "audio_url" not in zhou  # the post says it itself
    assert zhou["podcast_guid"] == "7a1b2c3d-0013-4000-8000-000000000013"
    assert (project / "episodes" / f"{new}.vtt").read_bytes() == (TRANSCRIPTS / "zhou.vtt"
                                                                   ).read_bytes()
    # the posts are never rewritten
    assert {name: text for name, text in files(project).items()
            if name in posts_before} == posts_before
    # what the feed knows of an existing post, in its data file
    assert data(project, "raschka") == {
        "audio_url": f"{MEDIA}2023_03_26_raschka.mp3", "audio_type": "audio/mpeg",
        "audio_length": "58211456", "audio_duration": "3725",  # itunes:duration 1:02:05
        "podcast_guid": "7a1b2c3d-0004-4000-8000-000000000004", "episode": "4",
        "artwork_url": f"{MEDIA}2023_03_26_raschka.jpg",
        "transcript_url": f"{server_of(said)}/transcripts/raschka.vtt",
        "transcript_sha256": hashlib.sha256((TRANSCRIPTS / "raschka.vtt").read_bytes()
                                            ).hexdigest()}
    assert data(project, "welcome")["audio_duration"] == "150"  # 02:30
    assert data(project, "tanaka")["audio_duration"] == "2890"  # 00:48:10
    assert "episode" not in data(project, "berg")  # the feed gives it no number
    # the data file is what the build reads, and all of it
    values, problems = feed_data.read_file(
        project / "episodes" / f"{stem('raschka')}.markdown", project)
    assert problems == [] and values == data(project, "raschka")


def server_of(said: str) -> str:
    line = next(line for line in said.splitlines() if line.startswith("podcast RSS: "))
    return line.split("(")[-1].rstrip(")").rsplit("/", 1)[0]

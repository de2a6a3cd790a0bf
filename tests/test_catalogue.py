"""make import on the back catalogue: every existing post matched with its podcast
item in each shape a podcast feed titles its items, what the feed says of it kept
in the data file beside the post, and its transcript fetched in each format the
feeds offer (WebVTT, SRT, Podcasting 2.0 JSON and HTML), all over a real HTTP
server on 127.0.0.1 serving files in their real formats."""

import hashlib
import http.server
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import build_root, page, serving
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
    served: dict[str, bytes] = {}  # a transcript as its host changed it
    fetched: list[str] = []

    def do_GET(self):
        name = self.path.split("?")[0].strip("/")
        Catalogue.fetched.append(name)
        server = f"http://127.0.0.1:{self.server.server_address[1]}"
        if name == "transcripts/haddad-huge.vtt":
            return self.answer(HUGE, "text/vtt")
        if name in Catalogue.served:
            return self.answer(Catalogue.served[name], "text/plain")
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
    with serving(Catalogue) as url:
        yield url


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
    Catalogue.replace, Catalogue.served, Catalogue.fetched = {}, {}, []
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


def test_a_second_run_changes_nothing(project):
    importing(project)
    before = files(project)
    Catalogue.fetched = []
    status, said = importing(project)
    assert status == 1  # the transcript too large is still too large, and says so
    assert "nothing changed" in said and "no new videos" in said
    assert "by podcast GUID, as matched before" in said
    assert files(project) == before  # byte for byte
    # a transcript imported before from the same address is not fetched again
    assert sorted(Catalogue.fetched) == ["catalogue_podcast.xml", "catalogue_youtube.xml",
                                         "transcripts/haddad-huge.vtt"]


def test_a_changed_enclosure_updates_the_data_file_and_says_so(project):
    importing(project)
    before = files(project)
    Catalogue.replace = {"2023_03_26_raschka.mp3\" length=\"58211456\"":
                         "2023_03_26_raschka-v2.mp3\" length=\"58300000\""}
    status, said = importing(project)
    name = f"episodes/{stem('raschka')}.feed.yaml"
    assert (f"updated {name}: audio_url '{MEDIA}2023_03_26_raschka.mp3' -> "
            f"'{MEDIA}2023_03_26_raschka-v2.mp3', audio_length '58211456' -> '58300000'") in said
    assert "1 file(s) written or updated" in said
    after = files(project)
    assert [key for key in after if after[key] != before.get(key)] == [f"{stem('raschka')}"
                                                                      ".feed.yaml"]
    assert data(project, "raschka")["audio_url"] == f"{MEDIA}2023_03_26_raschka-v2.mp3"


def test_a_transcript_the_host_placed_or_edited_is_kept(project):
    status, said = importing(project)
    singh = project / "episodes" / f"{stem('singh')}.vtt"
    assert singh.read_text() == HAND_PLACED
    assert (f"transcript: episodes/{stem('singh')}.vtt is the host's (not what the import "
            "wrote): kept, nothing fetched") in said
    assert "transcript_url" not in data(project, "singh")
    assert "transcripts/singh.vtt" not in Catalogue.fetched
    # the one the import wrote, edited by the host, is the host's now
    raschka = project / "episodes" / f"{stem('raschka')}.vtt"
    raschka.write_text(raschka.read_text().replace("Thanks for having me", "Thank you"))
    edited = raschka.read_bytes()
    status, said = importing(project, refresh_transcripts=True)
    assert raschka.read_bytes() == edited
    assert f"transcript: episodes/{stem('raschka')}.vtt is the host's" in said
    assert "transcript_sha256" not in data(project, "raschka")


def test_a_transcript_the_import_wrote_follows_the_feed(project):
    importing(project)
    tanaka = project / "episodes" / f"{stem('tanaka')}.vtt"
    first = tanaka.read_bytes()
    # the same JSON again, asked for on purpose: the same bytes, nothing changed
    status, said = importing(project, refresh_transcripts=True)
    assert tanaka.read_bytes() == first and "nothing changed" in said
    # the host of the feed corrects the transcript
    changed = (TRANSCRIPTS / "tanaka.json").read_text().replace("watching", "imitating")
    Catalogue.served = {"transcripts/tanaka.json": changed.encode()}
    status, said = importing(project)  # same address: not fetched unless asked
    assert tanaka.read_bytes() == first
    status, said = importing(project, refresh_transcripts=True)
    assert "Robots learn by imitating us." in tanaka.read_text()
    assert (f"updated episodes/{stem('tanaka')}.vtt: the transcript") in said
    assert data(project, "tanaka")["transcript_sha256"] == hashlib.sha256(
        tanaka.read_bytes()).hexdigest()
    # the feed offers WebVTT now where it offered SRT: the import's SRT makes way
    Catalogue.replace = {'garcia.html" type="text/html"': 'zhou.vtt" type="text/vtt"'}
    status, said = importing(project)
    garcia = project / "episodes" / stem("garcia-search-trust")
    assert not garcia.with_suffix(".srt").exists()
    assert garcia.with_suffix(".vtt").read_bytes() == (TRANSCRIPTS / "zhou.vtt").read_bytes()


def test_what_the_feed_has_for_the_transcripts_is_checked(project, server):
    Catalogue.replace = {
        f"{server}/transcripts/raschka.vtt": "file:///etc/passwd",
        'berg.html" type="text/html"': 'broken.vtt" type="text/vtt"',
        'tanaka.json" type="application/json"': 'empty.json" type="application/json"',
        "zhou.vtt": "../../../../outside.vtt",
    }
    Catalogue.served = {"transcripts/broken.vtt": b"<html><body>Not found</body></html>",
                        "transcripts/empty.json": b'{"version": "1.0.0"}'}
    before = {path for path in project.rglob("*")}
    status, said = importing(project)
    assert status == 1
    assert "note: transcript 'file:///etc/passwd' refused: not a web address" in said
    assert (f"transcript {server}/transcripts/broken.vtt (text/vtt) for episodes/"
            f"{stem('berg')}.markdown: FAILED: no cue the site can read") in said
    assert (f"transcript {server}/transcripts/empty.json (application/json, as WebVTT) "
            "for episodes/"
            f"{stem('tanaka')}.markdown: FAILED: no \"segments\" list: not a Podcasting 2.0 "
            "JSON transcript; not saved") in said
    # the next best of the item's is taken instead: its HTML
    assert f"the transcript {server}/transcripts/tanaka.html (text/html, as WebVTT)" in said
    for word in ("raschka", "berg"):
        assert not (project / "episodes" / f"{stem(word)}.vtt").exists()
    # files only of the posts' own names, beside them; none elsewhere
    made = {path.relative_to(project).as_posix() for path in project.rglob("*")} - {
        path.relative_to(project).as_posix() for path in before}
    assert all(name.startswith("episodes/") and name.count("/") == 1 for name in made), made
    assert not list(project.parent.glob("outside.vtt"))


def test_a_feed_that_declares_entities_gives_no_transcripts(project, server):
    Catalogue.replace = {'<?xml version="1.0" encoding="UTF-8"?>':
                         '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY boom "boom">]>'}
    status, said = importing(project)
    assert status == 1
    assert ("podcast RSS: its transcripts FAILED: the feed declares an entity (<!ENTITY): "
            "not read") in said
    assert not list((project / "episodes").glob("*.srt"))
    assert data(project, "raschka")["episode"] == "4"  # the rest of the feed still serves


def test_a_dry_run_writes_nothing(project):
    before = files(project)
    status, said = importing(project, dry_run=True)
    assert files(project) == before
    assert f"would write episodes/{stem('raschka')}.feed.yaml: audio_url" in said
    assert "would fetch the transcript" in said and "raschka.vtt (text/vtt)" in said


def test_a_podcast_feed_that_fails_leaves_the_data_files_as_they_are(project, server):
    importing(project)
    before = files(project)
    status, said = importing(project, {"PODCAST_RSS_URL": f"{server}/missing.xml"})
    assert status == 1 and "podcast RSS: FAILED: HTTP 404" in said
    assert "no podcast items read: the posts' data files and transcripts are left as they " \
           "are" in said
    assert files(project) == before


def test_the_site_built_after_the_import_plays_the_audio_and_has_the_transcript(
        tmp_path, server, rootdir):
    """The test site's own posts, imported from a feed of its episodes, then built as the
    site builds: an existing post's page has the player of the feed's audio, and the
    transcript the feed linked (JSON, written as WebVTT) is a page of its own."""
    folder = tmp_path / "site"
    shutil.copytree(rootdir / "test-site", folder)
    status, said = importing(folder, {"PODCAST_RSS_URL": f"{server}/site_podcast.xml"})
    assert status == 0, said
    hopper = "episodes/2023-02-24-grace-hopper-compilers-learning-from-machine-learning-3"
    assert f"post {hopper}.markdown #3 -> podcast item '#3 Grace Hopper: Compilers, Bugs, " \
           "Navy' (2023-02-25, by episode number)" in said
    assert "post episodes/2023-01-09-episode-one.markdown #1 -> podcast item 'Ep. 1 - Ada " \
           "Lovelace - Engines and Poetry' (2023-01-09, by episode number)" in said
    assert (folder / f"{hopper}.vtt").is_file()
    app = build_root(folder, folder, "html")
    try:
        soup = page(app, hopper)
        source = soup.select_one(".podcast-audio audio source")
        assert source is not None, "no audio player: the build does not read the data file"
        assert source["src"] == "https://media.rss.com/test-podcast/2023_02_24_hopper.mp3"
        link = soup.select_one(".podcast-transcript-link a")
        assert link is not None and link["href"].endswith(".html"), "no transcript link"
        transcript = page(app, "transcripts/" + Path(hopper).name)
        said_there = [p.get_text(" ", strip=True) for p in
                      transcript.select("p.podcast-transcript-paragraph")]
        assert any("The first bug was a moth" in text for text in said_there), said_there
        speakers = {node.get_text(strip=True) for node in
                    transcript.select(".podcast-transcript-speaker")}
        assert {"Seth Levine:", "Grace Hopper:"} <= speakers
        ada = page(app, "episodes/2023-01-09-episode-one").select_one(".podcast-audio source")
        assert ada["src"] == "https://media.rss.com/test-podcast/2023_01_09_lovelace.mp3"
    finally:
        app.cleanup()

"""What the show's feeds say of an episode, in the file beside its post: read under
the post's front matter (which wins), checked as input from the network, and
followed by incremental builds."""

import re

import pytest
from helpers import page, warnings
from hypothesis import given
from hypothesis import strategies as st
from podcast.core.post.episode import decode
from podcast.core.post.feed_data import KEYS, data_file, data_text, read_data, under
from podcast.core.post.value_types import post_meta

ADA = "episodes/2023-01-09-episode-one"  # #1 in its title, no audio of its own
WELCOME = "episodes/2023-01-07-welcome"  # no number
AUDIO = "https://cdn.example/ada.mp3"
FEED = {"audio_url": AUDIO, "audio_type": "audio/mpeg", "audio_length": "1234567",
        "audio_duration": "3600", "podcast_guid": "rss-guid-ada", "episode": "7",
        "artwork_url": "https://cdn.example/ada.jpg"}


def test_the_data_file_is_beside_its_post(tmp_path):
    assert data_file(tmp_path / "episodes/2023-01-09-x.markdown") == (
        tmp_path / "episodes/2023-01-09-x.feed.yaml")


def test_what_is_written_is_read_back():
    text = data_text(FEED)
    assert text.count("\n") == len(FEED) + 2  # the two header lines, a line a value
    assert read_data(text) == (FEED, [])


@given(st.dictionaries(st.sampled_from(["podcast_guid"]), st.text(min_size=1, max_size=300)))
def test_any_guid_is_written_as_text_or_refused(values):
    try:
        text = data_text(values)
    except ValueError:
        return
    assert read_data(text) == ({key: value.strip() for key, value in values.items()}, [])


@pytest.mark.parametrize(("text", "problem"), [
    ("transcript: /etc/passwd\n", "'transcript' is no key of this file"),
    ("categories: [.., ..]\n", "no flat YAML"),
    ("audio_url: 'https://a.example/x}\\input{y}'\n", "audio_url: .* is not what it must be"),
    ("audio_length: -3\n", "audio_length: .* is not what it must be"),
    ("episode: 0x1F\n", "episode: .* is not what it must be"),
    ("a: &a x\nepisode: *a\n", "an alias"),
    ("- a list\n", "no mapping"),
    ("audio_type: 'text/html'\n", "audio_type"),
])
def test_what_the_file_may_not_say_is_left_out(text, problem):
    values, problems = read_data(text)
    assert "transcript" not in values and "episode" not in values and len(problems) == 1
    assert re.search(problem, problems[0][1]), problems


def test_the_post_wins_and_the_titles_number_comes_first():
    head = ["---\n", "title: 'Ann: Topics | Learning from Machine Learning #3'\n",
            "audio_url: https://own.example/a.mp3\n", "---\n"]
    episode, _ = decode("episodes/x", post_meta(head, FEED)[0])
    assert episode.audio.url == "https://own.example/a.mp3" and episode.number == 3
    assert episode.guid == "rss-guid-ada" and episode.artwork_url == FEED["artwork_url"]
    untitled, _ = decode("episodes/y", post_meta(["---\n", "title: Hello\n", "---\n"], FEED)[0])
    assert untitled.number == 7 and untitled.audio.duration == 3600
    assert under({"episode": 2}, {"episode": "7"}) == {"feed_episode": "7", "episode": 2}


def test_every_key_checks_its_value():
    assert set(KEYS) >= {"audio_url", "podcast_guid", "artwork_url", "transcript_url"}
    with pytest.raises(ValueError):
        data_text({"audio_url": "javascript:alert(1)"})


def test_the_build_reads_the_feeds_data_under_the_post(build):
    app = build(files={f"{ADA}.feed.yaml": data_text(FEED),
                       f"{WELCOME}.feed.yaml": data_text({"episode": "5"}) + "title: 'Evil'\n"})
    audio = page(app, ADA).select_one("audio source") or page(app, ADA).select_one("audio")
    assert audio is not None and audio["src"] == AUDIO
    assert "Episode 1" in page(app, ADA).select_one(".podcast-byline").get_text()
    welcome = page(app, WELCOME)
    assert "Episode 5" in welcome.select_one(".podcast-byline").get_text()
    assert welcome.find("h1").get_text().startswith("Welcome to the Podcast!")
    assert re.search(r"2023-01-07-welcome\.feed\.yaml:4: WARNING: 'title' is no key of this file"
                     r".*\[podcast\.feed-data\]", warnings(app))


def test_a_data_file_that_comes_changes_or_goes_rereads_its_post(build):
    app = build()
    assert not page(app, ADA).select("audio")
    app = build(files={f"{ADA}.feed.yaml": data_text(FEED)})
    assert page(app, ADA).select_one("audio")
    changed = data_text({**FEED, "audio_url": "https://cdn.example/new.mp3"})
    app = build(files={f"{ADA}.feed.yaml": changed})
    assert "https://cdn.example/new.mp3" in str(page(app, ADA).select_one("audio"))
    app = build(remove=[f"{ADA}.feed.yaml"])
    assert not page(app, ADA).select("audio")

"""Front matter decoding and title parsing: pure functions, no Sphinx."""

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from podcast.core.post.episode import decode, parse_date, parse_list, parse_title
from podcast.core.post.frontmatter import (
    front_matter_lines,
    read_front_matter,
    repaired_front_matter,
)
from podcast.core.text.urls import youtube_id_from

EST = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(
    ("raw", "text", "guests", "number"),
    [
        (
            "Sebastian Raschka: Learning ML, Responsible AI, AGI  | Learning from Machine "
            "Learning #4",
            "Sebastian Raschka: Learning ML, Responsible AI, AGI",
            ("Sebastian Raschka",),
            4,
        ),
        (
            "Chris Van Pelt | ML Tooling | Learning from Machine Learning #9",
            "Chris Van Pelt: ML Tooling",
            ("Chris Van Pelt",),
            9,
        ),
        (
            "Michelle Gill: AI-Assisted Drug Discovery, NVIDIA | Learning\n  from Machine "
            "Learning #8",
            "Michelle Gill: AI-Assisted Drug Discovery, NVIDIA",
            ("Michelle Gill",),
            8,
        ),
        (
            "Ann Lee & Bo Chen: Pairs | Learning from Machine Learning #20",
            "Ann Lee & Bo Chen: Pairs",
            ("Ann Lee", "Bo Chen"),
            20,
        ),
        ("Welcome to Learning from Machine Learning!", "Welcome to Learning from Machine "
         "Learning!", (), None),
        # A colon without the series marker is no interview: no guest is guessed.
        ("Update: a new season", "Update: a new season", (), None),
        ("Season recap | Learning from Machine Learning #30", "Season recap", (), 30),
        # a colon names the guest however many topics follow
        (
            "Lena Fischer: Multimodal Models | Vision & Language | Learning from Machine "
            "Learning #23",
            "Lena Fischer: Multimodal Models | Vision & Language",
            ("Lena Fischer",),
            23,
        ),
        # asides, titles and parts are no names; the title keeps them
        (
            "Chris Van Pelt (Weights & Biases): ML Tooling | Learning from Machine Learning #9",
            "Chris Van Pelt (Weights & Biases): ML Tooling",
            ("Chris Van Pelt",),
            9,
        ),
        (
            "Sebastian Raschka (Part 2): LLMs | Learning from Machine Learning #14",
            "Sebastian Raschka (Part 2): LLMs",
            ("Sebastian Raschka",),
            14,
        ),
        (
            "Dr. Michelle Gill, PhD: Drug Discovery | Learning from Machine Learning #8",
            "Dr. Michelle Gill, PhD: Drug Discovery",
            ("Michelle Gill",),
            8,
        ),
        (
            "Prof. Ann Lee and Bo Chen, Part 2 | Pairs | Learning from Machine Learning #21",
            "Prof. Ann Lee and Bo Chen, Part 2: Pairs",
            ("Ann Lee", "Bo Chen"),
            21,
        ),
        (
            "Ann Lee, Part II: Evals | Learning from Machine Learning #22",
            "Ann Lee, Part II: Evals",
            ("Ann Lee",),
            22,
        ),
        ("Ann Lee Part 2: Evals | Learning from Machine Learning #22", "Ann Lee Part 2: Evals",
         ("Ann Lee",), 22),
        ("Ann Lee, Sr.: Evals | Learning from Machine Learning #22", "Ann Lee, Sr.: Evals",
         ("Ann Lee",), 22),
        # a colon inside an aside is not the one that ends the name
        (
            "Ann Lee (Hugging Face: Research): Evals | Learning from Machine Learning #3",
            "Ann Lee (Hugging Face: Research): Evals",
            ("Ann Lee",),
            3,
        ),
        # other ways to write the number
        ("Omar Haddad | Edge AI | Learning from Machine Learning Ep. 20", "Omar Haddad: Edge AI",
         ("Omar Haddad",), 20),
        ("Omar Haddad: Edge AI | Learning from Machine Learning Episode 20",
         "Omar Haddad: Edge AI", ("Omar Haddad",), 20),
        ("Ann Lee: Evals | Bonus Episode 2", "Ann Lee: Evals | Bonus Episode 2", (), None),
        # a pipe in a title without the series marker is no interview either
        ("Top 10 | Our favourite moments", "Top 10 | Our favourite moments", (), None),
    ],
)
def test_title_shapes(raw, text, guests, number):
    title = parse_title(raw)
    assert (title.text, title.guests, title.number) == (text, guests, number)


@pytest.mark.parametrize(
    ("text", "expected", "has_time"),
    [
        ("2023-03-26 18:02:06 -0500", datetime(2023, 3, 26, 18, 2, 6, tzinfo=EST), True),
        ("2024-03-01 17:50:26 +0000", datetime(2024, 3, 1, 17, 50, 26, tzinfo=UTC),
         True),
        ("2025-05-28T22:30:30+02:00",
         datetime(2025, 5, 28, 22, 30, 30, tzinfo=timezone(timedelta(hours=2))), True),
        ("2025-05-28 22:30:30+05:30",
         datetime(2025, 5, 28, 22, 30, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
         True),
        ("2025-05-28T22:30:30Z", datetime(2025, 5, 28, 22, 30, 30, tzinfo=UTC), True),
        ("2023-03-26 18:02:06", datetime(2023, 3, 26, 18, 2, 6), True),
        ("2023-03-26", datetime(2023, 3, 26), False),
    ],
)
def test_dates_keep_their_timezone(text, expected, has_time):
    moment, timed = parse_date(text)
    assert moment == expected
    assert moment.utcoffset() == expected.utcoffset()
    assert timed is has_time


@pytest.mark.parametrize("text", ["", "yesterday", "2023-13-40", "26/03/2023"])
def test_bad_dates_raise_value_error(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_categories_as_jekyll_string_or_yaml_list():
    assert parse_list("machine learning updates") == ("machine", "learning", "updates")
    assert parse_list('["machine learning", "interviews"]') == ("machine learning", "interviews")
    assert parse_list("") == ()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("gOEey-pbM90", "gOEey-pbM90"),
        ("https://youtu.be/gOEey-pbM90?si=x", "gOEey-pbM90"),
        ("https://www.youtube.com/watch?v=gOEey-pbM90&t=149s", "gOEey-pbM90"),
        ("https://www.youtube.com/embed/gOEey-pbM90", "gOEey-pbM90"),
        ("gOEey-pbM9", None),
        ('gOEey"pbM90', None),
        ("https://example.org/watch?v=gOEey-pbM90", None),
    ],
)
def test_youtube_ids(value, expected):
    assert youtube_id_from(value) == expected


def test_decode_the_hosts_post():
    meta = {
        "categories": "machine learning updates",
        "date": "2023-03-26 18:02:06 -0500",
        "layout": "post",
        "title": "Sebastian Raschka: Learning ML, Responsible AI, AGI  | Learning from Machine "
        "Learning #4",
        "youtubeID": "gOEey-pbM90",
        "substack_url": "https://mindfulmachines.substack.com/p/x",
    }
    episode, problems = decode("episodes/2023-03-26-x", meta)
    assert problems == []
    assert episode.title == "Sebastian Raschka: Learning ML, Responsible AI, AGI"
    assert episode.guests == ("Sebastian Raschka",)
    assert episode.number == 4
    assert episode.published == datetime(2023, 3, 26, 18, 2, 6, tzinfo=EST)
    assert episode.categories == ("machine", "learning", "updates")
    assert episode.youtube_id == "gOEey-pbM90"
    assert episode.extra == {}


def test_explicit_keys_win_over_the_title():
    meta = {
        "title": "Ann Lee: Topics | Learning from Machine Learning #4",
        "guests": '["Bo Chen", "Dr. Cy Dee"]',  # the title Dr. is no part of the name
        "episode": "7",
        "mood": "sunny",
    }
    episode, problems = decode("episodes/x", meta)
    assert problems == []
    assert episode.guests == ("Bo Chen", "Cy Dee")
    assert episode.number == 7
    assert episode.title == "Ann Lee: Topics"
    assert episode.extra == {"mood": "sunny"}


def test_problems_name_their_key():
    meta = {"date": "someday", "youtubeID": "<b>nope</b>", "substack_url": "javascript:alert(1)",
            "episode": "four"}
    episode, problems = decode("episodes/2023-05-06-post", meta)
    assert {problem.key for problem in problems} == {
        "title", "date", "youtubeID", "substack_url", "episode"}
    # the date falls back to the Jekyll file name, the title to the file's name
    assert episode.published == datetime(2023, 5, 6)
    assert episode.title == "2023-05-06-post"
    assert episode.youtube_id is None and episode.substack_url is None


def test_front_matter_lines():
    lines = ["---\n", "layout: post\n", "title: 'a\n", "  b'\n", "date: 2023-01-01\n", "---\n",
             "date: not front matter\n"]
    assert front_matter_lines(lines) == {"layout": 2, "title": 3, "date": 5}
    assert front_matter_lines(["no front matter\n"]) == {}


@given(st.dictionaries(st.sampled_from(["title", "date", "categories", "youtubeID",
                                        "substack_url", "guests", "episode", "other"]),
                       st.text()))
def test_decode_never_raises(meta):
    episode, problems = decode("episodes/2023-01-01-x", meta)
    assert isinstance(episode.title, str)
    assert all(problem.message for problem in problems)


@pytest.mark.parametrize(
    ("text", "expected", "trouble_line"),
    [
        # YAML reads these as meant: nothing to say
        ("title: 'Ann Lee: Search | Learning from Machine Learning #3'\ncategories:\n- a\n- b\n",
         {"title": "Ann Lee: Search | Learning from Machine Learning #3", "categories": ["a", "b"]},
         None),
        ("title: 'A #1 hit | Series #3'\nyoutubeID: abcdefghijk # a comment stays one\n",
         {"title": "A #1 hit | Series #3", "youtubeID": "abcdefghijk"}, None),
        # no valid YAML: read key by key, values as written
        ("title: Ann Lee: Search | Series #3\n  wrapped on\ncategories: [a, b]\n"
         "substack_url: 'https://x.substack.com/p/y'\n",
         {"title": "Ann Lee: Search | Series #3 wrapped on", "categories": ["a", "b"],
          "substack_url": "https://x.substack.com/p/y"}, 2),
        # an unquoted title's number is no comment, on one line or wrapped
        ("date: 2023-01-01\ntitle: Ann Lee | Search | Series #24\n",
         {"date": date(2023, 1, 1), "title": "Ann Lee | Search | Series #24"}, 3),
        ("title: Ann Lee | Learning from Machine\n  Learning #24\n",
         {"title": "Ann Lee | Learning from Machine Learning #24"}, 2),
        # read key by key, other keys' comments stay comments
        ("title: Ann Lee: x | Series #24\nyoutubeID: abcdefghijk # Ann's video\n"
         "episode: 24 # the 24th\n",
         {"title": "Ann Lee: x | Series #24", "youtubeID": "abcdefghijk", "episode": 24}, 2),
        # a quote left open, or quotes inside quotes: the text, warned where the quote opened
        ("title: 'Ann Lee: x | Series #24\ndate: 2023-01-01\n",
         {"title": "Ann Lee: x | Series #24", "date": date(2023, 1, 1)}, 2),
        ('title: "Ann "AL" Lee: x | Series #24"\n', {"title": 'Ann "AL" Lee: x | Series #24'}, 2),
        # nested values and block text, read as YAML reads them on their own
        ("title: Bob Ray: a: b\nmyst:\n  substitutions:\n    key: V\n"
         "description: |\n  line one\n  line two\n",
         {"title": "Bob Ray: a: b", "myst": {"substitutions": {"key": "V"}},
          "description": "line one\nline two\n"}, 2),
    ],
)
def test_front_matter_is_read_as_the_host_meant(text, expected, trouble_line):
    data, troubles = read_front_matter(["---\n", *text.splitlines(keepends=True), "---\n"])
    assert data == expected
    assert [trouble.line for trouble in troubles] == ([trouble_line] if trouble_line else [])


@pytest.mark.parametrize(
    "front",
    [
        "title: Ann Lee: topics | Series #20\ndate: 2024-01-01\ncategories:\n- a\n- b\n",
        "title: Ann Lee: topics\u2028more | Series #20\ndate: 2024-01-01\n",  # not a line break
        "base: &b {x: 1, y: 2, z: 3}\n<<: *b\ntitle: Nils | Series #5\n",  # more keys than lines
    ],
)
def test_repaired_front_matter_says_what_was_meant_on_the_same_lines(front):
    text = f"---\n{front}---\n\nIntro.\n\nLast line.\n"
    repaired = repaired_front_matter(text)
    assert repaired.count("\n") == text.count("\n")
    assert repaired.split("\n")[-2] == "Last line."
    meant, _ = read_front_matter([f"{line}\n" for line in text.split("\n")][:front.count("\n") + 2])
    head = repaired.split("---\n")[1]
    assert yaml.safe_load(head) == json.loads(json.dumps(meant, default=str))


def test_front_matter_yaml_reads_as_meant_is_left_alone():
    assert repaired_front_matter("---\ntitle: 'Ann: x | Series #2'\n---\n\nBody.\n") is None
    assert repaired_front_matter("No front matter.\n") is None


def test_front_matter_read_again_is_the_same_and_its_own():
    """YAML reads a block once a process: a second reading gives what the first did,
    and what one caller changes in it is not what the next reads."""
    head = ["---\n", "title: 'Ada: Engines | Series #3'\n", "tags: [a, b]\n", "---\n"]
    first, troubles = read_front_matter(head)
    first["title"] = "changed"
    first["tags"].append("c")
    again, troubles_again = read_front_matter(list(head))
    assert again == {"title": "Ada: Engines | Series #3", "tags": ["a", "b"]}
    assert troubles_again == troubles

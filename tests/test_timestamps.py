"""Timestamp lines: every shape the host writes, and properties of the parser."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from podcast.core.post.timestamps import (
    Chapter,
    durations,
    link_time,
    parse_line,
    starts_with_time,
    youtube_rule_problems,
)
from podcast.core.text.times import (
    format_duration,
    format_time,
    parse_fragment,
    parse_offset,
    parse_time,
)


@pytest.mark.parametrize(
    ("text", "start", "title"),
    [
        ("01:15 - Career Background", 75, "Career Background"),
        ("01:01:18 - Production and Real-World Applications - Don't reinvent the wheel", 3678,
         "Production and Real-World Applications - Don't reinvent the wheel"),
        ("02:29 - What attracted you to ML?", 149, "What attracted you to ML?"),
        ("00:46 Introduction and Maxime's Background", 46,
         "Introduction and Maxime's Background"),
        ("1:00:38 Life Lessons from Machine Learning", 3638, "Life Lessons from Machine Learning"),
        ("08:00 – En dash", 480, "En dash"),
        ("09:00 — Em dash", 540, "Em dash"),
        ("10:00: Colon", 600, "Colon"),
        ("10:00 : spaced colon", 600, "spaced colon"),
        ("  05:18   -   Industry vs.   Academia  ", 318, "Industry vs. Academia"),
        ("125:00 - A long one", 7500, "A long one"),
        ("00:00 - 3:00 AM thoughts", 0, "3:00 AM thoughts"),
        ("[04:12] Why judges fail", 252, "Why judges fail"),
        ("(10:30) Calibration", 630, "Calibration"),
        ("(1:02:03) - In parentheses, with a dash", 3723, "In parentheses, with a dash"),
    ],
)
def test_line_shapes(text, start, title):
    line = parse_line(text)
    assert line is not None
    assert (line.chapter.start, line.chapter.title) == (start, title)


def test_a_linked_time_keeps_what_its_link_says():
    line = parse_line("02:29 - What attracted you?",
                      "https://www.youtube.com/watch?v=jOj4d3JNBDU&t=149s")
    assert (line.chapter.start, line.link_seconds, line.link_video) == (149, 149, "jOj4d3JNBDU")


@pytest.mark.parametrize(
    "text",
    ["Coffee break", "", "   ", "01:15", "01:15 - ", "1:75 - bad seconds", "12 monkeys",
     "1:60:00 - bad minutes", "Intro 01:15", "[04:12 - unclosed", "(04:12] - mismatched"],
)
def test_lines_that_are_no_chapter(text):
    assert parse_line(text) is None


# Every way a "#t=" link's time may be written, and what it means: the Python and
# the page's JavaScript (podcast.js, tests/test_browser_chapters.py) read each alike.
OFFSETS = [
    ("149", 149), ("149s", 149), ("2m29s", 149), ("1h2m3s", 3723), ("1h", 3600), ("2m", 120),
    ("1m75s", 135), ("0", 0), ("007", 7), (" 75 ", 75), ("1H2M3S", 3723),
    ("1:15", 75), ("01:15", 75), ("1:00:38", 3638), ("99:59:59", 359999), ("0:00", 0),
    ("", None), ("   ", None), ("abc", None), ("1:2:3:4", None), ("1:75", None),
    ("1:60:00", None), ("100:00:00", None), (":15", None), ("1:", None), ("1::5", None),
    ("1.5", None), ("-5", None), ("+5", None), ("5ms", None), ("1h2h", None), ("s", None),
    ("h", None), ("1s2m", None), ("１５", None), ("1:１5", None), ("٣", None), ("0x10", None),
    ("1e3", None), ("75\u00a0", None), ("1 m", None),
]


@pytest.mark.parametrize(("value", "seconds"), OFFSETS)
def test_offsets(value, seconds):
    assert parse_offset(value) == seconds


def test_link_time_reads_t_and_start():
    assert link_time("https://youtu.be/jOj4d3JNBDU?t=480") == (480, "jOj4d3JNBDU")
    assert link_time("https://www.youtube.com/watch?v=jOj4d3JNBDU&start=60") == (
        60, "jOj4d3JNBDU")
    assert link_time("https://example.org/page") == (None, None)


@pytest.mark.parametrize(
    ("fragment", "seconds"),
    [("#t=75", 75), ("t=1m15s", 75), ("#t=1:15", 75), ("#chapter-01-15", None), ("#t=", None)],
)
def test_fragments(fragment, seconds):
    assert parse_fragment(fragment) == seconds


def test_anchor_comes_from_the_time_alone():
    assert Chapter(75, "Career").anchor == Chapter(75, "Career, renamed").anchor == (
        "chapter-01-15")
    assert Chapter(3638, "x").anchor == "chapter-1-00-38"


def test_durations_run_to_the_next_start():
    chapters = [Chapter(0, "a"), Chapter(75, "b"), Chapter(3638, "c")]
    assert durations(chapters) == [75, 3563, None]
    assert [format_duration(75), format_duration(45), format_duration(3900)] == [
        "1 min", "45 s", "1 h 5 min"]


def test_youtube_rules():
    assert youtube_rule_problems([Chapter(0, "a"), Chapter(10, "b"), Chapter(30, "c")]) == []
    problems = youtube_rule_problems([Chapter(5, "a"), Chapter(9, "b")])
    assert len(problems) == 3  # not at 00:00, fewer than 3, one shorter than 10 s


def test_starts_with_time():
    assert starts_with_time("01:15 - x") and starts_with_time("1:00:38 x")
    assert not starts_with_time("12 monkeys") and not starts_with_time("Intro 01:15")


@given(st.integers(min_value=0, max_value=100 * 3600 - 1))
def test_seconds_text_seconds_round_trip(seconds):
    assert parse_time(format_time(seconds)) == seconds
    line = parse_line(f"{format_time(seconds)} - Title")
    assert line.chapter.start == seconds


@given(st.text(), st.one_of(st.none(), st.text()))
def test_arbitrary_text_never_raises(text, link):
    line = parse_line(text, link)
    if line is not None:
        assert line.chapter.title.strip() == line.chapter.title
        assert line.chapter.start >= 0
    parse_fragment(text)
    parse_offset(text)

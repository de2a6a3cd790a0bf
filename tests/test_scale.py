"""What keeps big builds cheap, and must not change what they make."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from podcast.core.post.body import read_body
from podcast.core.post.frontmatter import repaired_front_matter
from podcast.core.text.encoding import LENIENT, read_text

POSTS = [
    "---\ntitle: 'A: B | Learning from Machine Learning #1'\n---\n\n## Episode Timestamps\n\n"
    "- 00:00 - Intro\n- 01:00 - [Ann Lee](https://ann.example) on things\n",
    "---\r\ntitle: Ann Lee: Topics | Learning from Machine Learning #2\r\n---\r\n\r\n"
    "## References\r\n\r\n- [Bo Chen](https://www.linkedin.com/in/bochen) - Cohere\r\n",
    "\ufeff---\ntitle: x\n---\n\n- Caf\xe9 item\n- 1:02:03 Chapter\n",
    "no front matter\n\n- a list item\n",
]


def as_reading_reads(data: bytes) -> str:
    """The text reading hands MyST: Sphinx's universal newlines, then the repair."""
    text = io.TextIOWrapper(io.BytesIO(data), encoding=LENIENT).read()
    return repaired_front_matter(text) or text


@pytest.mark.parametrize("text", POSTS)
def test_the_scans_body_is_the_body_reading_would_read(text):
    for data in (text.encode("utf-8"), text.encode("cp1252", errors="replace")):
        assert read_body(read_text(data)) == read_body(as_reading_reads(data))


@given(st.lists(st.sampled_from(["---\n", "title: a: b\n", "- 00:10 - x\n", "\r\n", "\n",
                                 "## Episode Timestamps\n", "- [A B](https://x.example) c\n",
                                 "  - nested\n", "```\n", "text\n"]), max_size=20))
def test_any_post_reads_the_same_both_ways(lines):
    data = "".join(lines).encode("utf-8")
    assert read_body(read_text(data)) == read_body(as_reading_reads(data))


@settings(max_examples=1000)
@given(st.text(alphabet="ab \t\r\n\u2028\x85\x0c\u00a0", max_size=40))
def test_a_file_is_cut_into_the_same_blocks_whatever_its_line_ends(text):
    """Blocks are cut in one match each where lines end in "\\n" alone, and line by
    line otherwise: the same blocks, at the same lines, as line by line."""
    from podcast.core.transcripts.captions import _blocks, _blocks_line_by_line
    assert list(_blocks(text)) == list(_blocks_line_by_line(text))
    assert list(_blocks(text.replace("\r", ""))) == list(_blocks_line_by_line(
        text.replace("\r", "")))


CUE_BLOCKS = ["00:00:01.000 --> 00:00:02.000\n<v Ann Lee>Hello there.",
              "2\n00:00:03.000 --> 00:00:04.000\nWith an identifier.",
              "00:00:05.000 --> 00:00:06.000\nTwo cues\n"
              "00:00:07.000 --> 00:00:08.000\nin one block",
              "00:00:09.000 -> 00:00:10.000\na broken arrow", "just text, no time",
              "00:00:03.000 --> 00:00:04.000\nout of order", "NOTE a comment",
              "00:00:11.000 --> 00:00:12.000\n", "00:01.000 --> 00:02.000\nshort times",
              "00:00:13.000 --> 00:00:14.000 align:start\nsettings &amp; an entity"]
SRT_BLOCKS = ["1\n00:00:01,000 --> 00:00:02,000\nHello.", "2\n00:00:03,000 --> 00:00:04,000\nMore.",
              "x\nbroken", "3\n00:00:05,000 --> 00:00:06,000\nAnn Lee: a speaker",
              "4\n00:00:07,000 -> 00:00:08,000\nbroken arrow", ""]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(CUE_BLOCKS), max_size=30), st.integers(2, 8))
def test_webvtt_read_in_batches_reads_as_cue_by_cue(blocks, batch):
    from podcast.core.transcripts.captions import read_transcript
    text = "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"
    assert read_transcript(text, "vtt", batch) == read_transcript(text, "vtt", 1)


@settings(max_examples=400)
@given(st.lists(st.sampled_from(SRT_BLOCKS), max_size=30), st.integers(2, 8))
def test_srt_read_in_batches_reads_as_cue_by_cue(blocks, batch):
    from podcast.core.transcripts.captions import read_transcript
    text = "\n\n".join(blocks) + "\n"
    assert read_transcript(text, "srt", batch) == read_transcript(text, "srt", 1)


# Cues in the common shape and around it: what the fast reading must read as the
# library does, and what it must leave to the library.
_TIMES = st.sampled_from(["00:00:01.000", "00:01.500", "01:02:03.040", "100:00:00.999",
                          "00:60:00.000", "0:00:01.000", "00:00:01,000", "00:00:01.5"])
_TEXT = st.sampled_from(["Hello there.", "<v Ann Lee>Hi.", "<v.loud Bo Chen>Yes", "<v >x",
                         "<c.yellow>tagged</c> words", "Q&amp;A", "Lee>said", "<b\nx",
                         "it's \"so\"", "a < b",
                         "<v Ann", "-->", "  spaced  out ", "é ü ‘quoted’", "<i>it</i>"])


@st.composite
def cue_block(draw) -> str:
    lines = [draw(st.sampled_from(["", "", "7", "intro-cue"]))]
    arrow = draw(st.sampled_from([" --> ", "\t-->\t", " --> ", "-->", " -> "]))
    lines.append(draw(_TIMES) + arrow + draw(_TIMES)
                 + draw(st.sampled_from(["", "", " ", " align:start", " line:0"])))
    lines += draw(st.lists(_TEXT, min_size=0, max_size=3))
    return "\n".join(line for line in lines if line)


@settings(max_examples=600)
@given(st.lists(cue_block(), max_size=12), st.integers(1, 8))
def test_plain_webvtt_cues_read_as_the_library_reads_them(blocks, batch):
    from podcast.core.transcripts.captions import read_transcript
    text = "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"
    assert read_transcript(text, "vtt", batch) == read_transcript(text, "vtt", batch,
                                                                  fast=False)


def test_the_common_cue_is_read_without_the_library():
    from podcast.core.transcripts.captions import Cue, plain_cue
    assert plain_cue("12\n01:02:03.040 --> 01:02:05.000\n<v Ann Lee>Hi <i>you</i>.\nBye") == \
        Cue(3723.04, 3725.0, "Hi you.\nBye", "Ann Lee")
    for other in ("00:00:01.000 --> 00:00:02.000 align:start\nsettings",
                  "00:00:01.000 --> 00:00:02.000\n", "a\nb\n00:00:01.000 --> 00:00:02.000\ny"):
        assert plain_cue(other) is None


_SPOKEN = st.lists(st.sampled_from(["a", "b", "1", " ", "'", '"', "-", ".", "`", "\\", "&#39;",
                                    "&#46;", "&quot;",
                                    "(", "—", "\x00", "\ue000", "é", "s", "80s", "...", "--"]),
                   max_size=20).map("".join)


@settings(max_examples=1500)
@given(st.lists(_SPOKEN, min_size=1, max_size=4),
       st.sampled_from(["en", "de", "fr", "", "en-x-altquot", "it"]),
       st.sampled_from(["qDe", "qde", "qe", "q", "De", "qDew", "qBDe", "1", "2", "-1"]))
def test_a_transcript_paragraph_is_curled_as_the_library_curls_it(texts, language, action):
    """Apostrophes inside words curled apart from the library's passes: the same
    texts as the library makes, whatever the quotes, dashes, escapes and language."""
    from docutils.utils import smartquotes
    from podcast.build_speed.smart_quotes import _ESCAPED, curler
    tokens = [("plain", _ESCAPED.sub(r"\\\1", text)) for text in texts]
    assert curler(language, action)(texts) == list(
        smartquotes.educate_tokens(tokens, attr=action, language=language))


@settings(max_examples=1500)
@given(st.lists(_SPOKEN, min_size=1, max_size=4),
       st.sampled_from(["en", "de", "fr", "", "en-x-altquot", "it"]),
       st.sampled_from(["qDe", "qde", "qe", "q", "De", "qDew", "qBDe", "1", "2", "3", "-1",
                        "0", "bi"]))
def test_a_block_of_show_notes_is_left_or_curled_as_the_library_would(texts, language, action):
    """What SmartQuotes hands the library of a block and what it skips: a block said
    unchanged is what the library gives back, one curled in one pass is what the
    library makes of it, in any language."""
    from docutils.utils import smartquotes
    from podcast.build_speed.smart_quotes import _ESCAPED, apostrophes_curled, unchanged
    tokens = [("plain", _ESCAPED.sub(r"\\\1", text)) for text in texts]
    library = list(smartquotes.educate_tokens(tokens, attr=action, language=language))
    if unchanged(texts, action):
        assert library == texts
    curled = apostrophes_curled(texts, action)
    assert curled is None or curled == library


def test_words_with_apostrophes_are_curled_without_the_library_passes():
    from podcast.build_speed.smart_quotes import curler
    assert curler("en", "qDe")(["it's", " fine-tuning -- don't..."]) == [
        "it’s", " fine-tuning – don’t…"]


def _times(shared, number):
    if number == 3:
        raise ValueError("three")
    return shared * number


def test_work_done_ahead_comes_in_order_and_what_was_not_is_missing():
    """Each item's work, done in a process of its own with the shared value;
    an item asked for after a later one, or whose work failed, is missing (done
    where it is asked for), and the rest still come."""
    from podcast.build_speed.ahead import MISSING, WINDOW, Ahead
    items = [(f"item-{number}", (number,)) for number in range(WINDOW + 6)]
    ahead = Ahead(_times, items, shared=10)
    try:
        assert ahead.take("item-0") == 0
        assert ahead.take("item-2") == 20  # item-1 passed by: never asked for
        assert ahead.take("item-1") is MISSING
        assert ahead.take("item-3") is MISSING  # its work failed
        assert ahead.take("unknown") is MISSING
        assert [ahead.take(f"item-{number}") for number in range(4, WINDOW + 6)] == [
            10 * number for number in range(4, WINDOW + 6)]
    finally:
        ahead.close()


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("&<>\"'@ ab’\u00e9;#") + ["\ud7ff", "\x00"])),
       st.sampled_from(["docutils", "more"]))
def test_text_is_escaped_as_docutils_escapes_it(text, table):
    """The translator's quicker escaping gives what docutils' gives, for its table
    and for one it cannot replace step by step (left to docutils)."""
    from docutils.writers._html_base import HTMLTranslator
    from podcast.build_speed.html_escape import quick_encode

    class Translator:
        special_characters = dict(HTMLTranslator.special_characters)
    if table == "more":
        Translator.special_characters[ord("'")] = "&#39;<"
    assert quick_encode(Translator(), text) == text.translate(Translator.special_characters)


def test_what_was_made_is_taken_again_while_its_inputs_are_the_same(tmp_path):
    from podcast.build_speed.by_inputs import kept_or_made

    kept = tmp_path / "kept.pickle"
    made = []

    def make(value):
        return lambda: made.append(value) or [value]

    assert kept_or_made(kept, ("posts", {"a": 1}), make("first")) == ["first"]
    assert kept_or_made(kept, ("posts", {"a": 1}), make("second")) == ["first"]
    assert kept_or_made(kept, ("posts", {"a": 2}), make("third")) == ["third"]
    kept.write_bytes(b"not a pickle")
    assert kept_or_made(kept, ("posts", {"a": 2}), make("fourth")) == ["fourth"]
    assert made == ["first", "third", "fourth"]


def test_work_spread_over_processes_comes_back_in_order():
    import os

    from podcast.build_speed.ahead import spread

    values = [f"post {index}" for index in range(50)]
    results = spread(lambda index: (values[index].upper(), os.getpid()), len(values), 2)
    assert [value for value, _ in results] == [value.upper() for value in values]
    assert {pid for _, pid in results} - {os.getpid()}  # done in processes of their own
    assert spread(lambda index: (index, os.getpid()), 3, 2) == [
        (index, os.getpid()) for index in range(3)]  # too few to share out: done here

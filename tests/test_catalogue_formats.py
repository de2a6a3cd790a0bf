"""The Podcasting 2.0 JSON and HTML transcripts written as WebVTT: whatever the
feed's text and speakers, the site's reader reads back the same words and names,
and nothing of theirs becomes a tag, a cue time or a new cue."""

import html
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from podcast.core.text.names import normalise_space
from podcast.core.transcripts.captions import SPEAKER_LABEL, read_transcript
from podcast.core.transcripts.podcast_formats import (
    FormatError,
    html_to_webvtt,
    json_to_webvtt,
)

TEXT = st.lists(st.sampled_from(list("aZ09 .,:;!?&<>'\"-→\n\t/=") + ["-->", "<v X>", "&amp;"]),
                min_size=1, max_size=30).map("".join).filter(lambda text: normalise_space(text))
SPEAKER = st.text(st.sampled_from(list("AbZ &<>:.-")), max_size=20)


def said(cues):
    return [(cue.speaker, cue.text) for cue in cues]


def name(speaker: str) -> str:
    """A speaker as written: one line, without the colon after it (or the "-" and
    spaces at its end, which the tag's ">" would make an arrow of)."""
    return re.sub(r"[\s-]+$", "", normalise_space(speaker).rstrip(":").strip())


def read_back(speaker: str, body: str) -> tuple[str, str]:
    """A cue as the reader gives it back: one without a voice whose text starts with
    a speaker's label ("Ada: ...") is that speaker's, as in captions written so."""
    text = normalise_space(body)
    if not speaker and (found := SPEAKER_LABEL.match(text)):
        return found["name"], text[found.end():]
    return speaker, text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(SPEAKER, TEXT), min_size=1, max_size=8))
def test_json_segments_read_back_as_their_words_and_speakers(segments):
    data = {"version": "1.0.0", "segments": [
        {"speaker": speaker, "startTime": 10.0 * index, "endTime": 10.0 * index + 5,
         "body": body} for index, (speaker, body) in enumerate(segments)]}
    cues, troubles = read_transcript(json_to_webvtt(json.dumps(data)), "vtt")
    assert troubles == []
    expected = [read_back(name(speaker), body) for speaker, body in segments]
    assert said(cues) == expected  # 5 s of silence between them: none joined


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(SPEAKER, TEXT), min_size=1, max_size=8))
def test_html_blocks_read_back_as_their_words_and_speakers(blocks):
    page = "".join(f"<cite>{html.escape(speaker)}:</cite><time>0:{index:02d}</time>"
                   f"<p>{html.escape(body)}</p>" for index, (speaker, body) in enumerate(blocks))
    cues, troubles = read_transcript(html_to_webvtt(page), "vtt")
    assert troubles == []
    assert said(cues) == [read_back(name(f"{speaker}:"), body) for speaker, body in blocks]


def test_word_per_segment_json_is_joined_into_sentences():
    words = "Welcome to the show . It is good to have you here .".split()
    data = {"segments": [{"speaker": "Seth", "startTime": index * 0.4,
                          "endTime": index * 0.4 + 0.3, "body": word}
                         for index, word in enumerate(words)]}
    cues, _ = read_transcript(json_to_webvtt(json.dumps(data)), "vtt")
    assert len(cues) == 1 and cues[0].text.startswith("Welcome to the show .")


def test_what_is_no_such_transcript_says_so():
    for text, why in [("[1, 2]", 'no "segments" list'), ("{", "no JSON"),
                      ("[" * 100_000, "no JSON")]:
        try:
            json_to_webvtt(text)
        except FormatError as error:
            assert why in str(error)
        else:
            raise AssertionError(text)
    try:
        html_to_webvtt("<html><body><p>No times here.</p></body></html>")
    except FormatError as error:
        assert "no <time> and <p> blocks" in str(error)
    else:
        raise AssertionError("no blocks")
    # times that are none are skipped, not guessed
    data = {"segments": [{"startTime": True, "endTime": 1, "body": "a"},
                         {"startTime": "NaN", "endTime": 1, "body": "b"},
                         {"startTime": -1, "endTime": 1, "body": "c"},
                         {"startTime": 2, "endTime": 3, "body": "d"}]}
    cues, _ = read_transcript(json_to_webvtt(json.dumps(data)), "vtt")
    assert [cue.text for cue in cues] == ["d"]

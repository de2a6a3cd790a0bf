"""make import --youtube-captions: what follows the download of a video's captions,
on a real caption track in the format youtube-transcript-api returns (the library's
``to_raw_data()`` of a track YouTube serves, ``feeds/transcripts/youtube_captions.xml``).
The download itself needs YouTube and cannot be tested offline (docs/import.md)."""

import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import test_catalogue
from podcast.core.transcripts.captions import read_transcript
from podcast.importer.fetching import Limits
from podcast.importer.transcript_download import Source, transcript
from podcast.importer.youtube_captions import CaptionsError, captions_webvtt
from test_catalogue import POSTS, importing, stem

TRANSCRIPTS = Path(__file__).parent / "feeds" / "transcripts"
RAW = json.loads((TRANSCRIPTS / "youtube_captions.json").read_text(encoding="utf-8"))
LIBRARY = importlib.util.find_spec("youtube_transcript_api") is not None
server, project = test_catalogue.server, test_catalogue.project  # the catalogue's fixtures


def test_the_librarys_captions_become_webvtt_the_site_reads():
    text = captions_webvtt(RAW)
    cues, troubles = read_transcript(text, "vtt")
    assert troubles == []
    assert [cue.text for cue in cues] == [
        "[Music]", "welcome to learning from machine learning I'm your host Seth Levine",
        "and today we're joined by Wen Zhou to talk about embeddings",
        "thanks Seth it's great to be here",
        "an embedding is a list of numbers that places similar things close together",
        "like Q&A pairs <3"]  # escaped in the file, read back as the text
    # YouTube's lines stay on screen over the next: each cue ends where the next begins
    assert [(cue.start, cue.end) for cue in cues[:3]] == [(0.16, 2.56), (2.56, 4.48),
                                                         (4.48, 7.6)]
    assert "&lt;3" in text and "Q&amp;A" in text and ">>" not in text
    # the library's own objects read the same as its raw data
    snippets = [SimpleNamespace(**snippet) for snippet in RAW]
    assert captions_webvtt(snippets) == text


def test_captions_without_text_are_none():
    with pytest.raises(CaptionsError, match="no text"):
        captions_webvtt([{"text": "", "start": 0.0, "duration": 1.0},
                         {"text": "words", "start": "soon", "duration": 1.0}])


@pytest.mark.skipif(not LIBRARY, reason="youtube-transcript-api is not installed")
def test_the_library_reads_youtubes_track_as_the_raw_data_kept_here():
    from youtube_transcript_api._transcripts import _TranscriptParser

    track = (TRANSCRIPTS / "youtube_captions.xml").read_text(encoding="utf-8")
    assert [vars(snippet) for snippet in _TranscriptParser().parse(track)] == RAW


def test_captions_are_saved_beside_the_post_once(tmp_path):
    post = tmp_path / "episodes" / "2023-10-31-wen-zhou.markdown"
    post.parent.mkdir()
    post.write_text("---\ntitle: x\n---\n")
    fetched = []

    def download(limits):
        fetched.append(limits)
        return captions_webvtt(RAW).encode(), ".vtt"

    youtube = [Source("https://www.youtube.com/watch?v=NEWZHOU0013", "YouTube captions",
                      download)]
    got = transcript(post, "episodes/2023-10-31-wen-zhou.markdown", youtube, {}, "", Limits())
    assert got.told == ["wrote episodes/2023-10-31-wen-zhou.vtt: the transcript "
                        "https://www.youtube.com/watch?v=NEWZHOU0013 (YouTube captions)"]
    assert got.values["transcript_url"] == "https://www.youtube.com/watch?v=NEWZHOU0013"
    again = transcript(post, "episodes/2023-10-31-wen-zhou.markdown", youtube, got.values, "",
                       Limits())
    assert again.values == got.values and again.told == [] and len(fetched) == 1


def test_captions_are_off_unless_asked_for(project):
    status, said = importing(project)
    assert "YouTube captions" not in said


@pytest.mark.skipif(LIBRARY, reason="with the library installed this would ask YouTube")
def test_asked_for_without_the_library_each_is_named_and_the_rest_imports(project):
    status, said = importing(project, youtube_captions=True)
    assert status == 1
    lee = f"episodes/{stem('lee')}.markdown"  # matched no item: its video's captions
    assert (f"transcript https://www.youtube.com/watch?v=AnnLeeFa010 (YouTube captions, as "
            f"WebVTT) for {lee}: FAILED: youtube-transcript-api is not installed") in said
    # a post whose item links a transcript gets the feed's, never the captions
    assert "watch?v=gOEey-pbM90" not in said
    assert (project / "episodes" / f"{stem('raschka')}.vtt").is_file()
    assert len(POSTS) == 9

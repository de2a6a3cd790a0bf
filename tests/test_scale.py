"""What keeps big builds cheap, and must not change what they make."""

import io

import pytest
from hypothesis import given
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

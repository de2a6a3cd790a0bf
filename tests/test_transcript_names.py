"""Names in a transcript: found word by word as the plain way finds them, only faster
(a word that begins no known name is passed over at once)."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from podcast.core.people.directory import Directory
from podcast.core.text.names import name_key
from podcast.reading.transcript_text import names_in

PEOPLE = ["Ann Lee", "Andrew Ng", "Chris Van Pelt", "José Núñez", "Maria de la Cruz Ortega"]
WORDS = ["the", "and", "Ann", "Lee", "Andrew", "Ng's", "(Chris", "Van", "Pelt,", "José",
         "Nunez.", "—", "Maria", "de", "la", "Cruz", "Ortega", "said", "“Ann", "Lee”", "ng"]


def plain(text: str, directory: Directory) -> list[tuple[int, int, str]]:
    """Every two to four words at every word, as before the first-word index."""
    words = [(match.start(), match.end()) for match in re.finditer(r"\S+", text)]
    found, index = [], 0
    while index < len(words):
        for size in (4, 3, 2):
            if index + size > len(words):
                continue
            start, end = words[index][0], words[index + size - 1][1]
            phrase = text[start:end].rstrip(".,;:!?)’'\"").lstrip("(“‘'\"")
            phrase = re.sub(r"['’]s$", "", phrase)
            slug = directory.names.get(name_key(phrase))
            if slug and name_key(text[start:words[index][1]]):  # a first word with letters
                offset = text.index(phrase, start)
                found.append((offset, offset + len(phrase), slug))
                index += size
                break
        else:
            index += 1
    return found


def directory() -> Directory:
    found = Directory()
    for name in PEOPLE:
        found.add_person(name)
    return found


@settings(max_examples=300)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_the_same_names_as_the_plain_way(words):
    text, known = " ".join(words), directory()
    assert names_in(text, known) == plain(text, known)


def test_names_are_found_with_their_punctuation_off():
    text = "We read (Chris Van Pelt, then Andrew Ng's course with Ann Lee."
    spans = [(text[start:end], slug) for start, end, slug in names_in(text, directory())]
    assert spans == [("Chris Van Pelt", "chris-van-pelt"), ("Andrew Ng", "andrew-ng"),
                     ("Ann Lee", "ann-lee")]


def test_a_name_added_later_is_found():
    known = directory()
    assert names_in("Bo Chen spoke", known) == []
    known.add_person("Bo Chen")
    assert names_in("Bo Chen spoke", known) == [(0, 7, "bo-chen")]

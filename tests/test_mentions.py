"""What a list item refers to: books under a books heading, with or without a known author."""

import pytest
from podcast.core.directory import build_directory
from podcast.core.recognition import ItemFacts, classify, connect_person
from podcast.core.registry import Registry

DIRECTORY, _ = build_directory(Registry(), ["Sebastian Raschka"])
BOOKS = "Sebastian's Books"


def book(text, link_text="", url="", heading=BOOKS):
    mention = classify(ItemFacts(text, link_text, url, heading), DIRECTORY, {},
                       guests=("Sebastian Raschka",))
    assert mention.kind == "book", text
    return mention.book.title, mention.book.authors


@pytest.mark.parametrize(
    ("text", "link_text", "title", "authors"),
    [
        # the heading's person when the item names nobody
        ("Machine Learning Q and AI", "Machine Learning Q and AI", "Machine Learning Q and AI",
         ("Sebastian Raschka",)),
        # an unknown author after a dash or "by"
        ("Designing Machine Learning Systems - Chip Huyen", "",
         "Designing Machine Learning Systems", ("Chip Huyen",)),
        ("Thinking, Fast and Slow by Daniel Kahneman", "", "Thinking, Fast and Slow",
         ("Daniel Kahneman",)),
        ("\"The Emperor of All Maladies\" by Siddhartha Mukherjee", "",
         "The Emperor of All Maladies", ("Siddhartha Mukherjee",)),
        ("Deep Learning by Ian Goodfellow, Yoshua Bengio and Aaron Courville", "Deep Learning",
         "Deep Learning", ("Ian Goodfellow", "Yoshua Bengio", "Aaron Courville")),
        # a subtitle is no author, however much it reads like a name (the heading's is)
        ("Human Compatible - Artificial Intelligence and the Problem of Control", "",
         "Human Compatible", ("Sebastian Raschka",)),
        ("Atomic Habits - An Easy and Proven Way to Build Good Habits",
         "Atomic Habits - An Easy and Proven Way to Build Good Habits",
         "Atomic Habits - An Easy and Proven Way to Build Good Habits", ("Sebastian Raschka",)),
        # a known author wins, whatever the heading says
        ("Build a Large Language Model - Sebastian Raschka", "", "Build a Large Language Model",
         ("Sebastian Raschka",)),
    ],
)
def test_books_and_their_authors(text, link_text, title, authors):
    assert book(text, link_text) == (title, authors)


def test_one_book_written_two_ways_is_one_book():
    by = classify(ItemFacts("Thinking, Fast and Slow by Daniel Kahneman", heading=BOOKS),
                  DIRECTORY, {})
    dash = classify(ItemFacts("Thinking, Fast and Slow - Daniel Kahneman", heading=BOOKS),
                    DIRECTORY, {})
    assert by.target == dash.target == "book-thinking-fast-and-slow"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Art Palmer", "unknown"),  # a name nobody knows yet: listed for the registry
        ("Sebastian's Magazine", "none"),  # a possessive is no name
        ("Ann Lee’s Newsletter", "none"),
    ],
)
def test_what_reads_as_an_unknown_name(text, kind):
    assert classify(ItemFacts(text, text, "https://example.org/"), DIRECTORY, {}).kind == kind


def test_connect_with_a_first_name_two_guests_share_is_nobody():
    directory, _ = build_directory(Registry(), ["Sam Smith", "Sam Jones", "Ann Lee"])
    assert connect_person("Connect with Sam", directory, ("Sam Smith", "Sam Jones")) is None
    assert connect_person("Connect with Sam", directory, ("Sam Smith",)).name == "Sam Smith"
    assert connect_person("Connect with Sam Jones", directory,
                          ("Sam Smith", "Sam Jones")).name == "Sam Jones"
    assert connect_person("Connect with me", directory, ("Ann Lee",)) is None

"""What a list item names: people by the evidence, books and their authors, episodes."""

import pytest
from podcast.core.people.directory import build_directory
from podcast.core.people.evidence import introduces_person, judge, personal_page
from podcast.core.people.recognition import Known, classify, connect_person
from podcast.core.people.registry import Registry
from podcast.core.post.body import ItemFacts

DIRECTORY, _ = build_directory(Registry(), ["Sebastian Raschka", "Ines Montani"])
KNOWN = Known(DIRECTORY, {"74AsJ7RET20": "episodes/ines"}, ("Sebastian Raschka",))
BOOKS = "Sebastian's Books"
REFERENCES = "References from the Episode"
SHOP = "https://amzn.to/3xyz"


def names(text, link_text="", url="", heading=REFERENCES, children=(), known=KNOWN):
    """What the item names: (kind, name or title, new person's strength)."""
    found = []
    for mention in classify(ItemFacts(text, link_text, url, heading), list(children), known):
        if mention.kind == "book":
            book = mention.book or DIRECTORY.books[mention.target]
            found.append(("book", book.title, book.authors))
        elif mention.kind == "person":
            strength = "known" if mention.target else (
                "weak" if mention.verdict.weak else "strong")
            found.append(("person", mention.name, strength))
        else:
            found.append((mention.kind, mention.target, None))
    return found


@pytest.mark.parametrize(
    ("text", "link_text", "title", "authors"),
    [
        # the heading's person when the item names nobody
        ("Machine Learning Q and AI", "Machine Learning Q and AI", "Machine Learning Q and AI",
         ("Sebastian Raschka",)),
        # an author after a dash or "by"
        ("Designing Machine Learning Systems - Chip Huyen", "",
         "Designing Machine Learning Systems", ("Chip Huyen",)),
        ("Thinking, Fast and Slow by Daniel Kahneman", "", "Thinking, Fast and Slow",
         ("Daniel Kahneman",)),
        ("\"The Emperor of All Maladies\" by Siddhartha Mukherjee", "",
         "The Emperor of All Maladies", ("Siddhartha Mukherjee",)),
        ("Deep Learning by Ian Goodfellow, Yoshua Bengio and Aaron Courville", "Deep Learning",
         "Deep Learning", ("Ian Goodfellow", "Yoshua Bengio", "Aaron Courville")),
        # the author first, the name side decided by the evidence
        ("Chip Huyen - Designing Machine Learning Systems", "",
         "Designing Machine Learning Systems", ("Chip Huyen",)),
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
def test_books_under_a_books_heading_and_their_authors(text, link_text, title, authors):
    assert names(text, link_text, heading=BOOKS)[0] == ("book", title, authors)


def test_a_shop_link_makes_a_book_with_its_author_read_from_either_side():
    assert names("Co-Intelligence - Ethan Mollick", "Co-Intelligence - Ethan Mollick", SHOP) == [
        ("book", "Co-Intelligence", ("Ethan Mollick",)), ("person", "Ethan Mollick", "strong")]
    # Author - [Title](shop): the link's own text is the title
    assert names("Ethan Mollick - Co-Intelligence", "Co-Intelligence", SHOP) == [
        ("book", "Co-Intelligence", ("Ethan Mollick",)), ("person", "Ethan Mollick", "strong")]


def test_one_book_written_two_ways_is_one_book():
    by = classify(ItemFacts("Thinking, Fast and Slow by Daniel Kahneman", heading=BOOKS), [],
                  KNOWN)
    dash = classify(ItemFacts("Thinking, Fast and Slow - Daniel Kahneman", heading=BOOKS), [],
                    KNOWN)
    assert by[0].target == dash[0].target == "book-thinking-fast-and-slow"


def test_a_product_beside_a_person_is_no_book():
    assert names("Sebastian Raschka - MLxtend") == [("person", "Sebastian Raschka", "known")]
    assert names("Ann Lee - Deep Learning Notes") == [("person", "Ann Lee", "weak")]
    # ...unless another item made that title a book
    titled = Known(DIRECTORY, {}, (), frozenset({"mlxtend"}))
    assert names("Sebastian Raschka - MLxtend", known=titled)[0][0] == "book"


@pytest.mark.parametrize(
    ("text", "link_text", "url", "expected"),
    [
        # a profile page, or a site named after them, and a given name
        ("Art Palmer", "Art Palmer",
         "https://www.biochem.cuimc.columbia.edu/profile/arthur-g-palmer-iii-phd", "strong"),
        ("Deborah Marks", "Deborah Marks", "https://sysbio.med.harvard.edu/debora-marks",
         "strong"),
        ("Andrej Karpathy", "Andrej Karpathy", "https://karpathy.ai/", "strong"),
        ("Paige Bailey", "Paige Bailey", "https://github.com/dynamicwebpaige", "strong"),
        # Name, Company, Role; Name - what they are known for
        ("Jay Alammar, Cohere, Director of Engineering", "", "", "strong"),
        ("Yann LeCun - Turing Award winner and professor at NYU", "", "", "strong"),
        # a bare name: a given name and nothing else is weak evidence
        ("Andrew Ng", "", "", "weak"),
        ("Alexander Rives", "Alexander Rives", "https://www.forbes.com/sites/x/2023/08/25/y/",
         "weak"),
    ],
)
def test_people_by_the_evidence(text, link_text, url, expected):
    found = names(text, link_text, url)
    assert [strength for kind, _, strength in found if kind == "person"] == [expected], found


@pytest.mark.parametrize(
    ("text", "link_text", "url"),
    [
        ("Explosion AI", "Explosion AI", "https://explosion.ai/"),
        ("Hugging Face", "Hugging Face", "https://huggingface.co/"),  # its own site, no name
        ("Lightning AI", "Lightning AI", "https://lightning.ai/"),
        ("AlphaFold", "AlphaFold", "https://www.nature.com/articles/s41586-021-03819-2"),
        ("Claude Code", "", ""),  # a given name, then a product's word
        ("Ray Tune", "Ray Tune", "https://docs.ray.io/en/latest/tune/index.html"),
        ("Grace Hopper Celebration", "", ""),
        ("Stanford University", "", ""),
        ("Applied NLP Thinking", "Applied NLP Thinking", "https://explosion.ai/blog/x"),
        ("Personal Website", "Personal Website", "https://www.maartengrootendorst.com/"),
        ("Google Scholar Profile", "Google Scholar Profile",
         "https://scholar.google.com/citations?user=57GA3A8AAAAJ"),
        ("Sebastian's Magazine", "Sebastian's Magazine", "https://example.org/"),
        ("New York", "", ""),
        ("Weights & Biases, the MLOps company its co-founder built", "", ""),
    ],
)
def test_companies_products_places_and_section_words_are_nobody(text, link_text, url):
    assert not [found for found in names(text, link_text, url) if found[0] == "person"]


@pytest.mark.parametrize(
    ("text", "link_text", "url"),
    [
        # a course at a university whose path repeats the phrase
        ("Machine Learning Systems", "Machine Learning Systems",
         "https://cs.example.edu/machine-learning-systems/"),
        ("Causal Inference", "Causal Inference", "https://cs.example.edu/causal-inference/"),
        ("Convex Optimization", "Convex Optimization",
         "https://www.cs.example.edu/~x/convex-optimization/"),
        ("Causal Inference, taught by Prof. Ann Lee", "Causal Inference",
         "https://cs.example.edu/causal-inference/"),  # the role is someone else's
        # a company's blog post
        ("Attention Is All You Need", "Attention Is All You Need",
         "https://research.example.com/blog/attention-is-all-you-need"),
        ("Sparse Attention", "Sparse Attention", "https://research.example.com/blog/sparse-attention"),
        ("Graph Transformers", "Graph Transformers",
         "https://research.example.com/team/blog/graph-transformers"),
        # a paper, a research theme under a profile folder
        ("Learned Index Structures", "Learned Index Structures",
         "https://www.example.edu/papers/learned-index-structures.pdf"),
        ("Protein Folding", "Protein Folding", "https://www.example.ac.uk/people/protein-folding"),
        # a name no list knows, on such a page alone: don't know
        ("Zorblat Quenkin", "Zorblat Quenkin", "https://cs.example.edu/~zquenkin/"),
        ("Zorblat Quenkin", "Zorblat Quenkin", "https://research.example.com/people/zorblat-quenkin"),
    ],
)
def test_a_university_or_company_page_repeating_the_phrase_is_not_enough_alone(
        text, link_text, url):
    assert personal_page(url, link_text) in ("a profile page", "a page named after them", None)
    assert not [found for found in names(text, link_text, url) if found[0] == "person"]


@pytest.mark.parametrize(
    ("text", "link_text", "url"),
    [
        ("Ann Lee", "Ann Lee", "https://cs.example.edu/~annlee/"),
        ("Priya Raman", "Priya Raman", "https://research.example.com/people/priya-raman"),
        ("Priya Raman", "Priya Raman", "https://www.example.ac.uk/staff/priya-raman"),
        # no list knows the name: words that say who they are, or a LinkedIn profile
        ("Zorblat Quenkin, professor of chemistry", "Zorblat Quenkin",
         "https://cs.example.edu/~zquenkin/"),
        ("Zorblat Quenkin", "Zorblat Quenkin", "https://www.linkedin.com/in/zquenkin"),
    ],
)
def test_a_profile_with_a_second_sign_is_a_person(text, link_text, url):
    assert names(text, link_text, url) == [("person", link_text, "strong")]


def test_a_page_that_repeats_the_phrase_is_kept_as_a_reason_but_decides_nothing():
    verdict = judge("Causal Inference", url="https://cs.example.edu/causal-inference/",
                    leading=True)
    assert not verdict.person and verdict.reasons == ("a profile page",)


def test_a_role_after_by_or_with_is_someone_elses():
    assert introduces_person(", professor of chemistry")
    assert introduces_person(" - co-founder of Example, with Bo Chen")
    assert not introduces_person(", taught by Prof. Ann Lee")
    assert not introduces_person(" - a seminar with researcher Bo Chen")


def test_a_talk_on_another_episodes_video_names_the_episode_and_the_person():
    assert names("Ines Montani - How to Ignore Most Startup Advice",
                 "Ines Montani - How to Ignore Most Startup Advice",
                 "https://www.youtube.com/watch?v=74AsJ7RET20") == [
        ("episode", "episodes/ines", None), ("person", "Ines Montani", "known")]


def test_a_possessive_names_its_owner():
    assert names("Ann Lee’s Newsletter", "Ann Lee’s Newsletter", "https://example.org/") == [
        ("person", "Ann Lee", "weak")]
    assert names("Sebastian's Magazine", "Sebastian's Magazine", "https://example.org/") == []


def test_two_people_in_one_item():
    assert names("Ann Lee and Bo Chen - co-founders of Example") == [
        ("person", "Ann Lee", "strong"), ("person", "Bo Chen", "strong")]


def test_a_name_whose_nested_item_links_an_episode_is_a_person():
    child = ItemFacts("Episode 7", "Episode 7", "https://youtu.be/74AsJ7RET20", nested=True,
                      parent=0)
    assert names("Maarten Grootendorst", children=[child]) == [
        ("person", "Maarten Grootendorst", "strong")]


def test_the_registry_says_who_is_nobody():
    directory, _ = build_directory(Registry(not_people=("Andrew Ng",)), [])
    assert names("Andrew Ng", known=Known(directory)) == []


def test_personal_pages():
    assert personal_page("https://www.linkedin.com/in/sethplevine", "Seth Levine")
    assert personal_page("https://twitter.com/nlp_nerd", "Seth Levine")
    assert personal_page("https://chem.yale.edu/faculty/j-patrick-loria", "Patrick Loria")
    assert not personal_page("https://github.com/explosion/confection", "Ann Lee")
    assert not personal_page("https://www.youtube.com/watch?v=x", "Ann Lee")
    assert not judge("Ann Lee").person  # names from the lists, in an item that says more
    assert judge("Ann Lee", leading=True).weak


def test_connect_with_a_first_name_two_guests_share_is_nobody():
    directory, _ = build_directory(Registry(), ["Sam Smith", "Sam Jones", "Ann Lee"])
    assert connect_person("Connect with Sam", directory, ("Sam Smith", "Sam Jones")) is None
    assert connect_person("Connect with Sam", directory, ("Sam Smith",)).name == "Sam Smith"
    assert connect_person("Connect with Sam Jones", directory,
                          ("Sam Smith", "Sam Jones")).name == "Sam Jones"
    assert connect_person("Connect with me", directory, ("Ann Lee",)) is None

"""Bad input, second round: resource bombs, encodings, invisible characters, a
broken registry entry. Each builds, warns with its file and line, and loses
nothing else."""

import json
import re
import shutil

import pytest
from helpers import build_root, page, warnings
from hypothesis import given
from hypothesis import strategies as st
from podcast.core.people.registry import parse_registry
from podcast.core.text.encoding import invisible_in, not_utf8, read_text, visible
from podcast.core.text.names import name_key, slugify

ZWSP, RLO, SOFT_HYPHEN = "\u200b", "\u202e", "\u00ad"


def laughs(levels: int = 6, width: int = 10) -> str:
    """The "billion laughs" shape: each level an alias list of the one below."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]"
              for level in range(1, levels)]
    return "\n".join(lines)


POSTS = {
    "laughs": ("---\ntitle: 'Laughs: Topic | Learning from Machine Learning #60'\n"
               "date: 2023-05-01\n" + laughs() + "\n---\n\nThe body of the laughs.\n"),
    "deep": ("---\ntitle: 'Deep: Topic | Learning from Machine Learning #61'\ndate: 2023-05-02\n"
             "deep: " + "[" * 50 + "]" * 50 + "\n---\n\nThe body of the deep one.\n"),
    "invisible": ("---\ntitle: 'Invisible" + RLO + " Title: Topic | Learning from Machine "
                  "Learning #62'\ndate: 2023-05-03\n---\n\nThe body of the invisible one.\n\n"
                  "## References\n\n- Grace " + ZWSP + "Hopper - on compilers\n"
                  "- Ada Love" + SOFT_HYPHEN + "lace, Analytical Engines, Author\n"),
}
POSTS["chapters"] = ("---\ntitle: 'Chapters: Topic | Learning from Machine Learning #65'\n"
                     "date: 2023-05-05\nyoutubeID: AAAAAAAAAA5\n---\n\nThe body of the chapters."
                     "\n\n## Episode Timestamps\n\n" + "".join(
                         f"- {second // 3600}:{second // 60 % 60:02d}:{second % 60:02d} - "
                         f"Part {second}\n" for second in range(0, 1010 * 15, 15)))
CP1252 = ("---\ntitle: 'Caf\u00e9 Talk: Topic | Learning from Machine Learning #63'\n"
          "date: 2023-05-04\n---\n\nThe body of the caf\u00e9 post \u2019quoted\u2019.\n")


def docname(name):
    return f"episodes/2023-05-01-{name}"


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir, rootdir):
    folder = sphinx_test_tempdir / "bad-input"
    shutil.copytree(rootdir / "test-people", folder)
    for name, text in POSTS.items():
        (folder / f"{docname(name)}.md").write_text(text, encoding="utf-8")
    (folder / f"{docname('cp1252')}.md").write_bytes(CP1252.encode("cp1252"))
    registry = (folder / "registry.yaml").read_text(encoding="utf-8")
    broken = registry.replace("  - name: Kurt Gödel\n    aliases",
                              "  - name: Kurt Gödel\n\taliases")
    assert broken != registry
    (folder / "registry.yaml").write_text(broken, encoding="utf-8")
    app = build_root(rootdir / "test-people", folder)
    yield app
    app.cleanup()


def warned(app, name, line, pattern):
    return re.search(rf"{re.escape(docname(name))}\.md:{line}: WARNING: .*{pattern}",
                     warnings(app))


@pytest.mark.parametrize("name", [*POSTS, "cp1252"])
def test_every_bad_post_is_published(site, name):
    article = page(site, docname(name)).select_one("article").get_text()
    assert "The body of the" in article


def test_yaml_aliases_are_not_expanded(site):
    assert warned(site, "laughs", 5, r"uses a YAML alias \(\*name\): read line by line")
    episode = site.env.get_domain("podcast").episodes[docname("laughs")]
    assert len(json.dumps(episode.extra)) < 2000  # as written, not a million laughs
    assert page(site, docname("laughs")).find("h1").get_text().startswith("Laughs: Topic")


def test_deep_nesting_is_not_followed(site):
    assert warned(site, "deep", 4, "nests deeper than 10 levels")
    assert page(site, docname("deep")).find("h1").get_text().startswith("Deep: Topic")


def test_tens_of_thousands_of_chapters_are_bounded(site):
    assert warned(site, "chapters", 1011, "more than 1000 chapters: the rest are kept as text")
    soup = page(site, docname("chapters"))
    assert len(soup.select("ol.podcast-chapters > li.podcast-chapter")) == 1000
    assert len(soup.select("ol.podcast-chapters > li.podcast-chapter-unparsed")) == 10
    episode = site.env.get_domain("podcast").episodes[docname("chapters")]
    assert len(episode.chapters) == 1000


def test_a_post_that_is_no_utf8_is_read_as_windows_1252(site):
    assert warned(site, "cp1252", 2, "the file is no UTF-8")
    soup = page(site, docname("cp1252"))
    assert soup.find("h1").get_text().startswith("Caf\u00e9 Talk: Topic")
    assert "caf\u00e9 post \u2019quoted\u2019" in soup.select_one("article").get_text()


def test_invisible_characters_are_removed_from_titles_and_names(site):
    assert warned(site, "invisible", 2, r"invisible characters \(RIGHT-TO-LEFT OVERRIDE\)")
    assert page(site, docname("invisible")).find("h1").get_text().startswith(
        "Invisible Title: Topic")
    assert warned(site, "invisible", 10, r"invisible characters in a list item "
                  r"\(ZERO WIDTH SPACE\)")
    # the same people as without them: Grace Hopper is the guest, no second page
    links = [a["href"] for a in page(site, docname("invisible")).select("article a")]
    assert "../people/grace-hopper.html" in links and "../people/ada-lovelace.html" in links
    assert not [path for path in (site.outdir / "people").iterdir()
                if invisible_in(path.read_text(encoding="utf-8").split("<h1")[-1][:200])]


def test_a_broken_registry_entry_loses_only_itself(site):
    assert re.search(r"registry\.yaml:\d+: WARNING: malformed YAML, entry skipped",
                     warnings(site))
    moshe = page(site, "people/moshe-wasserblat").get_text()
    assert "Research manager." in moshe  # the entries around it stay
    assert (site.outdir / "people" / "eve-example.html").is_file()


def test_registry_aliases_are_refused_not_expanded():
    registry, problems = parse_registry(
        "people:\n  - name: Ann Lee\n    aliases: &a [A. Lee]\n"
        "  - name: Bo Chen\n    aliases: *a\n  - name: Cy Dee\n")
    assert [person.name for person in registry.people] == ["Ann Lee", "Cy Dee"]
    assert problems[0].line == 4 and "alias" in problems[0].message


def test_not_utf8_names_the_line():
    assert not_utf8("caf\u00e9\n".encode()) is None
    assert not_utf8(b"one\ntwo caf\xe9\n") == (2, "\u00e9")
    assert read_text(b"\xef\xbb\xbfcaf\xe9 \x93q\x94") == "caf\u00e9 \u201cq\u201d"


INVISIBLE = st.sampled_from([ZWSP, RLO, SOFT_HYPHEN, "\u200d", "\u2066", "\ufeff", "\u200f"])


@given(name=st.sampled_from(["Sebastian Raschka", "José Núñez", "Ann Lee", "Zoë Müller"]),
       marks=st.lists(st.tuples(st.integers(0, 30), INVISIBLE), max_size=4))
def test_a_name_with_invisible_characters_is_the_same_name(name, marks):
    marked = name
    for at, char in marks:
        at = at % (len(marked) + 1)
        marked = marked[:at] + char + marked[at:]
    assert name_key(marked) == name_key(name)
    assert slugify(marked) == slugify(name)
    assert visible(marked) == name

"""Bad input, third round: names that become paths, files that lead out of the
project, posts and pages that collide, values of the wrong type. Each builds,
warns with its file and line, and loses nothing else."""

import os
import re
import shutil

import pytest
from helpers import build_root, page, warnings
from hypothesis import given
from hypothesis import strategies as st
from podcast.core.people.directory import Directory
from podcast.core.post.value_types import checked
from podcast.core.text.paths import MAX_NAME_BYTES, bounded, named_file, segment
from podcast.core.text.urls import is_web_url

SECRET = "root:x:0:0:the-secret-of-the-machine"
LONG_GUEST = "Zed " + "Averyverylongname " * 17 + "Quux"  # over 300 characters
LONG_STEM = "2023-06-01-" + "long-file-name-" * 15  # a 236-byte page name

POSTS = {
    "list-title": "---\ntitle: [Ann Lee, topics]\ndate: 2023-06-02\n---\n\n"
                  "The body of a list title.\n",
    "mapping-title": "---\ntitle: {Ann Lee: topics}\ndate: 2023-06-03\n---\n\n"
                     "The body of a mapping title.\n",
    "null-title": "---\ntitle: null\ndate: 2023-06-04\n---\n\nThe body of a null title.\n",
    "number-title": "---\ntitle: 1984\ndate: 2023-06-04\n---\n\nThe body of a number title.\n",
    "bad-guests": "---\ntitle: 'Bad Guests: Topic | Learning from Machine Learning #70'\n"
                  "date: 2023-06-05\nguests: [Noor Haddad, 42, {Ann Lee: 1}]\n---\n\n"
                  "The body of bad guests.\n",
    "number-guest": "---\ntitle: 'Number Guest: Topic | Learning from Machine Learning #71'\n"
                    "date: 2023-06-06\nguests: 42\n---\n\nThe body of a number guest.\n",
    "hex-episode": "---\ntitle: 'Hex Episode: Topic | Learning from Machine Learning #72'\n"
                   "date: 2023-06-07\nepisode: 0x1F\n---\n\nThe body of a hex episode.\n",
    "climbing-categories": "---\ntitle: 'Climbing: Topic | Learning from Machine Learning #73'\n"
                           "date: 2023-06-08\ncategories: [.., .., .., '..', escaped]\n---\n\n"
                           "The body of climbing categories.\n",
    "absolute-category": "---\ntitle: 'Absolute: Topic | Learning from Machine Learning #74'\n"
                         "date: 2023-06-09\ncategories: [/tmp/elsewhere, news]\n---\n\n"
                         "The body of an absolute category.\n",
    "mapping-categories": "---\ntitle: 'Mapped: Topic | Learning from Machine Learning #75'\n"
                          "date: 2023-06-10\ncategories: {a: b}\n---\n\n"
                          "The body of mapped categories.\n",
    "long-guest": "---\ntitle: 'Long Guest: Topic | Learning from Machine Learning #76'\n"
                  f"date: 2023-06-11\nguests: ['{LONG_GUEST}']\n---\n\n"
                  "The body of a long guest.\n",
    "site-names": "---\ntitle: 'Site Names: Topic | Learning from Machine Learning #77'\n"
                  "date: 2023-06-12\nguests: [Index, Guests, Letter A, Letter Other]\n---\n\n"
                  "The body of guests named like the site's pages.\n",
    "latex-audio": "---\ntitle: 'Latex Audio: Topic | Learning from Machine Learning #78'\n"
                   "date: 2023-06-13\naudio_url: 'https://cdn.example/a.mp3}\\input{/etc/passwd}'"
                   "\n---\n\nThe body of a LaTeX audio.\n",
    "directives": "---\ntitle: 'Directives: Topic | Learning from Machine Learning #83'\n"
                  "date: 2023-06-18\n---\n\nThe body of directives that name files.\n\n"
                  "```{literalinclude} ../../secret.md\n```\n\n"
                  "```{literalinclude} /conf.py\n:lines: 1\n```\n\n"
                  "```{raw} html\n:file: ../../secret.md\n```\n\n"
                  "```{raw} html\n:url: http://127.0.0.1:9/x\n```\n\n"
                  "```{csv-table}\n:file: ../../secret.md\n```\n\n"
                  "```{include} ../../secret.md\n```\n\n"
                  "```{image} ../../secret.png\n:alt: a picture\n```\n\n"
                  "A {download}`file <../../secret.md>`, [a link](../../secret.md) and "
                  "[a picture](../../secret.png).\n",
    "host-page": "---\ntitle: 'Host Page: Topic | Learning from Machine Learning #79'\n"
                 "date: 2023-06-14\n---\n\nThe body of a guest whose page the host wrote.\n",
}


def docname(name):
    return f"episodes/2023-06-01-{name}"


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir, rootdir):
    folder = sphinx_test_tempdir / "hostile-paths" / "site"
    shutil.copytree(rootdir / "test-site", folder)
    files = {f"{docname(name)}.md": text for name, text in POSTS.items()}
    files[f"episodes/{LONG_STEM}.md"] = (
        "---\ntitle: 'Long Name: Topic | Learning from Machine Learning #80'\ndate: 2023-06-15"
        "\n---\n\nThe body of a long file name.\n\n## Episode Timestamps\n\n- 00:00 - Start\n"
        "- 01:00 - More\n")
    files["episodes/2023-06-16-twin.md"] = (
        "---\ntitle: 'Twin Md: Topic | Learning from Machine Learning #81'\ndate: 2023-06-16\n"
        "---\n\nThe body of the .md twin.\n")
    files["episodes/2023-06-16-twin.markdown"] = (
        "---\ntitle: 'Twin Markdown: Topic | Learning from Machine Learning #82'\n"
        "date: 2023-06-16\n---\n\nThe body of the .markdown twin.\n")
    # the host's own page, where the build would put a guest's
    files["people/host-page.md"] = "# Host Page\n\nThe host's own notes on this guest.\n"
    files["people/notes.md"] = "# Notes\n\nThe host's notes, beside the people pages.\n"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / docname("host-page")).with_suffix(".md").write_text(
        POSTS["host-page"].replace("date:", "guests: [Host Page]\ndate:"), encoding="utf-8")
    # files out of the project, and links to them from inside it
    outside = folder.parent / "secret.md"
    outside.write_text(f"---\ntitle: '{SECRET}'\n---\n\n{SECRET}\n", encoding="utf-8")
    (folder.parent / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
    os.symlink(outside, folder / "episodes/2023-06-17-linked-out.md")
    os.symlink(outside, folder / "linked-registry.yaml")
    (folder / "conf.py").write_text((folder / "conf.py").read_text(encoding="utf-8")
                                    + "\npodcast_registry = 'linked-registry.yaml'\n",
                                    encoding="utf-8")
    app = build_root(rootdir / "test-site", folder)
    yield app
    app.cleanup()


def warned(app, name, line, pattern):
    return re.search(rf"{re.escape(name)}\.md:{line}: WARNING: .*{pattern}", warnings(app))


def heading(app, name):
    return page(app, docname(name)).find("h1").get_text()


@pytest.mark.parametrize("name", POSTS)
def test_every_post_is_published_with_its_body(site, name):
    assert "The body of" in page(site, docname(name)).select_one("article").get_text()


@pytest.mark.parametrize("name", ["list-title", "mapping-title", "null-title"])
def test_a_title_that_is_not_text_falls_back_to_the_file_name(site, name):
    assert heading(site, name).startswith(f"2023-06-01-{name}")
    assert "Ann Lee" not in heading(site, name)
    assert warned(site, docname(name), 2, r"not text; using the file name.*\[podcast\.title\]")
    assert not warned(site, docname(name), 2, "no title")  # one warning, for its type


def test_a_title_yaml_reads_as_a_number_is_the_text_written(site):
    assert heading(site, "number-title").startswith("1984")


def test_a_guest_that_is_not_a_name_is_skipped(site):
    assert (site.outdir / "people/noor-haddad.html").is_file()
    for made_up in ("42", "ann-lee-1", "ann-lee"):
        assert not (site.outdir / f"people/{made_up}.html").exists()
    assert warned(site, docname("bad-guests"), 4, r"'42' is a int: skipped.*\[podcast\.guests\]")
    assert warned(site, docname("bad-guests"), 4, r"is a mapping: skipped")
    assert warned(site, docname("number-guest"), 4, r"'42' is a int: skipped")


def test_an_episode_number_is_decimal_as_written(site):
    byline = page(site, docname("hex-episode")).select_one(".podcast-byline").get_text()
    assert "Episode 72" in byline and "Episode 31" not in byline
    assert warned(site, docname("hex-episode"), 4,
                  r"'0x1F' is no whole number.*\[podcast\.number\]")


def test_no_category_leads_out_of_the_site(site):
    outdir = site.outdir
    above = [path for path in outdir.parent.parent.rglob("*.html")
             if not path.is_relative_to(outdir)]
    assert not above, above
    assert not (outdir.parent.parent.parent / "escaped").exists()
    assert (outdir / "escaped/2023/06/08/climbing-categories.html").is_file()
    assert warned(site, docname("climbing-categories"), 4, r"'\.\.' is no plain word: dropped"
                  r".*\[podcast\.path\]")
    assert warnings(site).count("the category '..' is no plain word") == 1
    assert (outdir / "tmpelsewhere/news/2023/06/09/absolute-category.html").is_file()
    assert warned(site, docname("absolute-category"), 4, "'/tmp/elsewhere' is no plain word: "
                  "read as 'tmpelsewhere'")
    assert (outdir / "2023/06/10/mapping-categories.html").is_file()
    assert warned(site, docname("mapping-categories"), 4, r"a mapping.*\[podcast\.categories\]")


def test_a_long_name_gets_a_short_stable_page_and_is_shown_in_full(site):
    pages = [path for path in (site.outdir / "people").glob("zed-*.html")]
    assert len(pages) == 1 and len(pages[0].name.encode()) <= 255
    assert pages[0].stem == bounded("zed-" + "averyverylongname-" * 17 + "quux")
    shown = " ".join(pages[0].read_text(encoding="utf-8").split())
    assert " ".join(LONG_GUEST.split()) in shown


def test_a_long_post_name_gets_its_json_chapters(site):
    assert (site.outdir / f"episodes/{LONG_STEM}.html").is_file()
    chapters = list((site.outdir / "episodes").glob("2023-06-01-long-file-name-*.chapters.json"))
    assert len(chapters) == 1 and len(chapters[0].name.encode()) <= 255
    link = page(site, f"episodes/{LONG_STEM}").select_one(".podcast-chapters-json a")["href"]
    assert link == chapters[0].name


def test_guests_named_like_the_site_pages_never_take_their_names(site):
    people = page(site, "people/index")
    assert people.find("h1").get_text().startswith("People")
    assert page(site, "people/guests").find("h1").get_text().startswith("Guests")
    assert page(site, "people/letter-a").find("h1").get_text().startswith("A")
    for slug in ("index-2", "guests-2", "letter-a-2", "letter-other-2"):
        assert (site.outdir / f"people/{slug}.html").is_file(), slug
    assert page(site, "people/letter-a-2").find("h1").get_text().startswith("Letter A")


def test_two_files_of_one_page_name_are_both_named(site):
    text = warnings(site)
    for suffix, says in ((".markdown", "this one is the page"),
                         (".md", "this one is not published: rename one")):
        assert re.search(rf"2023-06-16-twin{re.escape(suffix)}:1: WARNING: episodes/2023-06-16-"
                         rf"twin\.markdown and episodes/2023-06-16-twin\.md are one page name.*"
                         rf"{says}.*\[podcast\.collision\]", text), suffix


def test_a_post_that_links_out_of_the_project_is_not_published(site):
    linked = page(site, "episodes/2023-06-17-linked-out")
    assert "Not published" in linked.get_text()
    assert warned(site, "episodes/2023-06-17-linked-out", 1,
                  r"symbolic link out of the project: not published.*\[podcast\.path\]")
    for path in site.outdir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".txt", ".xml", ".json", ".md"):
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


def test_directives_and_roles_read_no_file_outside_the_project(site):
    article = page(site, docname("directives")).select_one("article").get_text()
    assert "The body of directives" in article
    assert "from testconf import" in article  # a file in the project is read as ever
    for name, line in (("literalinclude", 8), ("raw", 15), ("raw", 19), ("csv-table", 23),
                       ("include", 27), ("image", 30), ("download", 34)):
        assert warned(site, docname("directives"), line, rf"{name}: .*\[podcast\.path\]"), name
    text = warnings(site)
    assert re.search(r"WARNING: raw: its :url: would read the network", text)
    assert not list(site.outdir.glob("_downloads/**/secret*"))
    assert not list(site.outdir.glob("_images/secret*"))


def test_a_registry_that_links_out_is_not_read(site):
    assert re.search(r"WARNING: podcast_registry: 'linked-registry.yaml' is a symbolic link out "
                     r"of the project.*\[podcast\.path\]", warnings(site))


def test_an_address_with_markup_for_latex_is_no_web_address(site):
    assert warned(site, docname("latex-audio"), 4, r"no http\(s\) URL; dropped.*\[podcast\.link\]")
    assert not page(site, docname("latex-audio")).find("audio")
    for url in ("https://a.example/x}\\input{/etc/passwd}", "https://a.example/a b",
                "https://a.example/\"onload", "https://a.example/<x>", "https:///nohost",
                "https://a.example/a\\b", "https://a.example/`x`"):
        assert not is_web_url(url), url
    assert is_web_url("https://cdn.example/ep%2001.mp3?x=1&y=2#t")


def test_a_page_of_the_hosts_in_a_generated_folder_is_kept(site):
    own = page(site, "people/host-page").get_text()
    assert "own notes on this guest." in own
    assert re.search(r"people/host-page\.md:1: WARNING: host-page\.md is not the build's.*kept "
                     r"as it is.*\[podcast\.collision\]", warnings(site))
    assert "notes, beside the people pages" in page(site, "people/notes").get_text()
    manifest = (site.srcdir / "people/.gitignore").read_text(encoding="utf-8").splitlines()
    assert "/host-page.md" not in manifest and "/notes.md" not in manifest


def test_the_hosts_pages_survive_a_second_build(site, rootdir):
    again = build_root(rootdir / "test-site", site.srcdir)
    try:
        assert "The host's own notes" in (site.srcdir / "people/host-page.md").read_text()
        assert (site.srcdir / "people/notes.md").is_file()
    finally:
        again.cleanup()


# the pure rules


@given(st.text())
def test_a_segment_is_one_bounded_name(text):
    name = segment(text)
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert segment(text) == name


@given(st.text(min_size=1))
def test_bounded_names_are_stable_and_distinct_from_their_cut(text):
    long = text * (MAX_NAME_BYTES // len(text.encode("utf-8")) + 2)
    assert len(bounded(long).encode("utf-8")) <= MAX_NAME_BYTES
    assert bounded(long) == bounded(long) and bounded(long) != bounded(long + "x")


def test_named_files_stay_inside(tmp_path):
    root = tmp_path / "project"
    (root / "episodes").mkdir(parents=True)
    (root / "episodes/a.vtt").write_text("WEBVTT\n")
    (tmp_path / "outside.vtt").write_text("WEBVTT\n")
    os.symlink(tmp_path / "outside.vtt", root / "episodes/link.vtt")
    assert named_file(root / "episodes", "a.vtt", root) == (root / "episodes/a.vtt", "")
    for named, why in (("/etc/passwd", "absolute"), ("../../outside.vtt", "leads out"),
                       ("link.vtt", "symbolic link"), ("~/x.vtt", "absolute"),
                       ("C:/x.vtt", "absolute")):
        path, reason = named_file(root / "episodes", named, root)
        assert path is None and why in reason, named


def test_a_slug_is_never_a_site_page_nor_a_path():
    directory = Directory()
    slugs = [directory.add_person(name).slug for name in ("Index", "Guests", "Letter B")]
    assert slugs == ["index-2", "guests-2", "letter-b-2"]
    assert directory.unique_slug("../../etc") == "etc"
    assert directory.unique_slug("letter-bb") == "letter-bb"  # no letter page is named so


@pytest.mark.parametrize(("data", "written", "expected", "problems"), [
    ({"title": ["A", "B"]}, {"title": "[A, B]"}, {}, ["title"]),
    ({"title": None}, {"title": "null"}, {}, ["title"]),
    ({"title": True}, {"title": "yes"}, {"title": "yes"}, []),
    ({"title": 1.5}, {"title": "'1.50'"}, {"title": "1.50"}, []),
    ({"guests": ["Ann Lee", 3, None]}, {}, {"guests": ["Ann Lee"]}, ["guests", "guests"]),
    ({"guests": "Ann Lee and Bo Chen"}, {}, {"guests": "Ann Lee and Bo Chen"}, []),
    ({"guests": None}, {}, {}, []),
    ({"episode": 31}, {"episode": "0x1F"}, {}, ["episode"]),
    ({"episode": 15}, {"episode": "0o17"}, {}, ["episode"]),
    ({"episode": 17}, {"episode": "'017'"}, {"episode": 17}, []),
    ({"categories": ["a", {"b": 1}]}, {}, {"categories": ["a"]}, ["categories"]),
    ({"categories": "machine learning"}, {}, {"categories": "machine learning"}, []),
])
def test_values_are_read_as_their_key_means(data, written, expected, problems):
    result, found = checked(data, written)
    assert result == expected and [problem.key for problem in found] == problems

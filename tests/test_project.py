"""The shipped site itself: the host's post, built as Read the Docs builds it."""

import shutil
import subprocess
from io import StringIO

import pytest
from helpers import ROOT, page, warnings
from podcast.before_reading.page_kinds import KINDS
from podcast.before_reading.sources import MARK
from sphinx.testing.util import SphinxTestApp

GENERATED = [kind.folder for kind in KINDS]

SEBASTIAN = (
    "episodes/2023-03-26-sebastian-raschka-learning-ml-responsible-ai-agi-learning-from-"
    "machine-learning-4"
)


def build_shipped(folder, buildername: str) -> SphinxTestApp:
    shutil.copytree(ROOT, folder, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", "tests", *GENERATED, "__pycache__"))
    app = SphinxTestApp(buildername, srcdir=folder, warningiserror=True, status=StringIO(),
                        warning=StringIO(), confoverrides={"nitpicky": True})
    app.build()
    return app


@pytest.fixture(scope="module")
def shipped(sphinx_test_tempdir):
    app = build_shipped(sphinx_test_tempdir / "shipped-site", "html")
    yield app
    app.cleanup()


def test_the_e_book(sphinx_test_tempdir):
    app = build_shipped(sphinx_test_tempdir / "shipped-epub", "epub")
    try:
        assert warnings(app) == ""
        # its table of contents lists the years, the episodes, the people and the books
        nav = (app.outdir / "nav.xhtml").read_text(encoding="utf-8")
        for target in (f"{SEBASTIAN}.xhtml", "archive/2023.xhtml",
                       "people/sebastian-raschka.xhtml", "books/index.xhtml"):
            assert target in nav, target
        # chapters link the video with no URL printed after each, and screen-reader
        # labels stay hidden
        text = (app.outdir / f"{SEBASTIAN}.xhtml").read_text(encoding="utf-8")
        assert "[https://www.youtube.com/watch" not in text
        assert ".visually-hidden" in (app.outdir / "_static" / "podcast.css").read_text()
        assert 'href="_static/podcast.css"' in (app.outdir / "index.xhtml").read_text()
        assert not (app.outdir / "sitemap.xml").exists()  # an e-book has no web pages
    finally:
        app.cleanup()


def test_shipped_site_builds_without_warnings(shipped):
    assert warnings(shipped) == ""


def test_the_hosts_post_is_shipped_unchanged():
    post = ROOT / f"{SEBASTIAN}.markdown"
    text = post.read_text(encoding="utf-8")
    assert text.startswith("---\ncategories: machine learning updates\n")
    assert "title: 'Sebastian Raschka: Learning ML, Responsible AI, AGI  | Learning from " \
           "Machine\n  Learning #4'" in text


def test_the_hosts_post_as_a_page(shipped):
    soup = page(shipped, SEBASTIAN)
    assert soup.find("h1").get_text().startswith(
        "Sebastian Raschka: Learning ML, Responsible AI, AGI")
    byline = soup.select_one(".podcast-byline").get_text()
    assert "Episode 4" in byline and "March 26, 2023" in byline
    assert "Sebastian Raschka" in byline
    assert soup.select_one(".podcast-video")["data-video-id"] == "gOEey-pbM90"
    home = page(shipped, "index")
    assert "Sebastian Raschka: Learning ML" in home.select_one(".podcast-cards").get_text()


def test_navbar_has_the_listen_icons(shipped):
    labels = {a.get("aria-label") or a.get("title") for a in
              page(shipped, "index").select(".navbar-icon-links a")}
    assert {"YouTube", "Apple Podcasts", "Spotify", "Substack", "RSS"} <= labels


def test_the_hosts_post_shows_its_22_chapters(shipped):
    items = page(shipped, SEBASTIAN).select("ol.podcast-chapters > li.podcast-chapter")
    assert len(items) == 22
    assert items[0].select_one(".podcast-chapter-title").get_text() == "Career Background"
    assert items[-2].a["href"].endswith("&t=3678s")  # 01:01:18
    assert (shipped.outdir / f"{SEBASTIAN}.chapters.json").is_file()


def test_people_and_books_of_the_hosts_post(shipped):
    people = page(shipped, "people/index").select_one("article").get_text(" ", strip=True)
    for name in ("Sebastian Raschka", "Andrew Ng", "Andrej Karpathy", "Paige Bailey"):
        assert name in people
    sebastian = page(shipped, "people/sebastian-raschka").select_one("article").get_text(
        " ", strip=True)
    assert "Guest on #4 Sebastian Raschka: Learning ML, Responsible AI, AGI" in sebastian
    books = page(shipped, "books/index").select_one("article").get_text(" ", strip=True)
    assert "Machine Learning with PyTorch and Scikit-Learn by Sebastian Raschka — in #4" in books
    assert "Machine Learning Q and AI by Sebastian Raschka — in #4" in books
    assert "Mentioned in #4" in page(shipped, "people/andrew-ng").get_text(" ", strip=True)


def test_every_generated_folder_lists_what_the_build_made_there(shipped):
    """Git ignores exactly the build's files, whatever kind made them."""
    srcdir = shipped.srcdir
    for folder in GENERATED:
        if not (srcdir / folder).is_dir():
            continue
        listed = (srcdir / folder / ".gitignore").read_text(encoding="utf-8").splitlines()
        assert listed[0] == MARK
        made = sorted(path.name for path in (srcdir / folder).iterdir())
        assert sorted(line.lstrip("/") for line in listed[1:]) == made, folder
    assert {"archive", "people", "books"} <= {path.name for path in srcdir.iterdir()}


def test_make_clean_removes_what_the_build_made_and_keeps_the_hosts(shipped, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(shipped.srcdir, site, ignore=shutil.ignore_patterns("_build"))
    shutil.copy(ROOT / "Makefile", site)
    (site / "people" / "notes.md").write_text("The host's own page.\n", encoding="utf-8")
    subprocess.run(["make", "-s", "clean"], cwd=site, check=True, capture_output=True)
    assert [path.name for path in (site / "people").iterdir()] == ["notes.md"]
    assert not any((site / folder).exists() for folder in GENERATED if folder != "people")
    assert (site / "episodes").is_dir() and (site / "registry.yaml").is_file()


def test_make_live_ignores_every_generated_folder():
    venv = ROOT / ".venv" / "bin"
    if not (venv / "python").is_file():
        pytest.skip("no .venv: make live needs it")
    shown = subprocess.run(["make", "-n", "live"], cwd=ROOT, check=True, capture_output=True,
                           text=True).stdout
    for folder in GENERATED:
        assert f'--ignore "*/{folder}/*"' in shown

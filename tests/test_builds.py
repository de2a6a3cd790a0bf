"""Build variants: configuration switches, e-book, parallel and incremental builds."""

import gc
import xml.dom.minidom
from io import StringIO

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from helpers import build_root, page, search_contents, warnings, written
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.testing.util import SphinxTestApp
from test_site import (
    NEWEST_FIRST,
    ONE,
    THREE,
    TURING,
    TWO_GUESTS,
    WELCOME,
    linked_docnames,
)

NEW = "episodes/2025-06-30-new-guest"
NEW_POST = """---
title: 'Hedy Lamarr: Frequency Hopping | Learning from Machine Learning #15'
date: 2025-06-30 10:00:00 -0400
youtubeID: AAAAAAAAAAA
---

Hedy Lamarr on inventing frequency hopping.
"""


def test_privacy_mode_can_be_switched_off(build):
    app = build(confoverrides={"podcast_youtube_privacy": False})
    iframe = page(app, ONE).select_one(".podcast-video").find("iframe")
    assert iframe["src"].startswith("https://www.youtube.com/embed/bLW_RH2Y6oI?")


def test_without_facade_the_iframe_is_in_the_page(build):
    app = build(confoverrides={"podcast_youtube_facade": False})
    box = page(app, ONE).select_one(".podcast-video")
    assert box.select_one(".podcast-video-facade") is None
    assert box.find("template") is None
    assert box.find("iframe")["src"].startswith("https://www.youtube-nocookie.com/embed/")


def test_epub_has_the_video_as_a_link(build):
    app = build("epub")
    assert warnings(app) == ""
    text = (app.outdir / f"{ONE}.xhtml").read_text(encoding="utf-8")
    assert "<iframe" not in text and "<template" not in text
    assert 'href="https://www.youtube.com/watch?v=bLW_RH2Y6oI"' in text
    # no remote thumbnails in the e-book's listings
    assert "i.ytimg.com" not in (app.outdir / "index.xhtml").read_text(encoding="utf-8")


def test_latex_has_the_video_as_a_link_and_downloads_nothing(build):
    app = build("latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\url{https://www.youtube.com/watch?v=bLW_RH2Y6oI}" in tex
    assert not any((app.outdir / "_video_thumbnail").glob("*"))


def output_files(app):
    """Every file the build wrote but ``.buildinfo`` (pages, feeds, sitemap), the
    search bundles as their contents (see ``search_contents``)."""
    bundles = {entry.parent for entry in app.outdir.glob("*/pagefind-entry.json")}
    files = {
        path.relative_to(app.outdir).as_posix(): path.read_bytes()
        for path in sorted(app.outdir.rglob("*"))
        if path.is_file() and path.name != ".buildinfo" and not bundles & set(path.parents)
    }
    return files | {bundle.name: search_contents(bundle) for bundle in bundles}


@pytest.mark.parametrize("testroot", ["site", "chapters", "people"])
def test_parallel_build_equals_serial(build, sphinx_test_tempdir, rootdir, testroot):
    serial = build_root(rootdir / f"test-{testroot}", sphinx_test_tempdir / f"serial-{testroot}")
    serial.cleanup()
    parallel = build(testroot=testroot, parallel=2)
    # the same warnings, wherever each build's folder is
    assert sorted(warnings(parallel).replace(str(parallel.srcdir), "").splitlines()) == sorted(
        warnings(serial).replace(str(serial.srcdir), "").splitlines())
    serial_pages, parallel_pages = output_files(serial), output_files(parallel)
    assert serial_pages.keys() == parallel_pages.keys()
    for name, text in serial_pages.items():
        assert parallel_pages[name] == text, name


def test_adding_an_episode_updates_listings_and_its_neighbour(build):
    build()
    app = build(files={f"{NEW}.md": NEW_POST})
    assert warnings(app) == ""
    home = page(app, "index").select_one(".podcast-cards")
    assert linked_docnames(home, app, "index")[0] == NEW
    archive = page(app, "archive/index")
    assert NEW in linked_docnames(archive.select_one(".podcast-episode-list"), app,
                                  "archive/index")
    nxt = page(app, TWO_GUESTS).select_one(".podcast-pager-next")
    assert linked_docnames(nxt, app, TWO_GUESTS) == [NEW]
    # older episodes far from the new one are not rewritten
    assert ONE not in written(app)


def test_editing_a_title_updates_every_page_that_shows_it(build):
    build()
    app = build(files={f"{TURING}.md": NEW_POST.replace(
        "Hedy Lamarr: Frequency Hopping", "Alan Turing: Renamed").replace(
        "2025-06-30 10:00:00 -0400", "2024-03-01 17:50:26 +0000")})
    assert page(app, TURING).find("h1").get_text().startswith("Alan Turing: Renamed")
    prev = page(app, TWO_GUESTS).select_one(".podcast-pager-prev").get_text()
    assert "Alan Turing: Renamed" in prev
    assert "Alan Turing: Renamed" in page(app, "archive/2024").select_one(
        ".podcast-cards").get_text()
    assert "Alan Turing: Renamed" in page(app, "index").select_one(".podcast-cards").get_text()
    shown_in = {TURING, TWO_GUESTS, THREE, "index", "archive/index", "archive/2024",
                "people/alan-turing", "people/guests"}
    # Sphinx also rewrites the pages whose toctree holds a rewritten page
    toctree_parents = {"archive/2023", "archive/2025", "people/letter-a", "people/index"}
    assert shown_in <= written(app) <= shown_in | toctree_parents


def test_removing_an_episode_updates_listings_and_neighbours(build):
    build()
    app = build(remove=[f"{TURING}.md"])
    assert warnings(app) == ""
    listed = linked_docnames(page(app, "archive/index"), app, "archive/index")
    assert TURING not in listed
    assert not (app.srcdir / "archive" / "2024.md").exists()
    years = [h.get_text(strip=True).rstrip("#") for h in page(app, "archive/index").select(
        "article h2")]
    assert years == ["2025", "2023"]
    prev = page(app, TWO_GUESTS).select_one(".podcast-pager-prev")
    assert linked_docnames(prev, app, TWO_GUESTS) == [THREE]
    assert NEWEST_FIRST[0] == TWO_GUESTS


def test_the_collector_freezes_during_a_build_and_hands_back_at_the_next(build, rootdir,
                                                                        monkeypatch):
    from podcast.build_speed import memory
    running: list[bool] = []
    read = memory.Collector.doctree_read
    monkeypatch.setattr(memory.Collector, "doctree_read",
                        lambda self, *args: running.append(gc.isenabled()) or read(self, *args))
    gc.unfreeze()
    thresholds = gc.get_threshold()
    assert gc.isenabled()
    app = build()
    assert gc.get_freeze_count() > 0  # the build's long-lived objects were frozen
    assert gc.get_threshold() == thresholds and gc.isenabled()  # the collector is as it was
    assert running and not any(running)  # it ran only when the build asked, while reading
    # a new build in the same process starts by handing them back
    again = SphinxTestApp("html", srcdir=app.srcdir, status=StringIO(), warning=StringIO())
    try:
        assert gc.get_freeze_count() == 0
    finally:
        again.cleanup()


def test_reading_a_post_leaves_its_nodes_and_trees_to_no_cycle_collector(build, monkeypatch):
    """What a post's reading throws away (MyST's syntax tree, the chapters' list it
    replaces, the front matter's fields, the transcript page drawn with it, its
    translator) is freed as it goes: collections are rare while reading, and what
    they miss is frozen for the rest of the build."""
    from markdown_it.tree import SyntaxTreeNode
    from podcast.build_speed import memory
    from podcast.reading.transcript_text import transcript_text
    left: dict[str, list[str]] = {}
    read = memory.Collector.doctree_read

    def collected_after(self, app, doctree):
        read(self, app, doctree)
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            gc.collect()
        finally:
            gc.set_debug(0)
        kinds = (SyntaxTreeNode, nodes.list_item, nodes.section, nodes.docinfo, transcript_text,
                 xml.dom.minidom.Node)
        left[app.env.docname] = [type(thing).__name__ for thing in gc.garbage
                                 if isinstance(thing, kinds) or (  # a page it translated
                                     isinstance(thing, nodes.NodeVisitor)
                                     and len(getattr(thing, "body", ())) > 100)]
        gc.garbage.clear()
        gc.collect()  # freed now, not found again after the next post

    starts = memory.Collector.reading_starts

    def collected_before(self, app, *args):
        starts(self, app, *args)
        gc.collect()  # what was thrown away before the reading (and by earlier builds)

    monkeypatch.setattr(memory.Collector, "reading_starts", collected_before)
    monkeypatch.setattr(memory.Collector, "doctree_read", collected_after)
    app = build(testroot="transcripts")
    assert "Episode Timestamps" in page(app, "episodes/2023-03-26-talk").get_text()
    assert (app.outdir / "transcripts" / "2023-03-26-talk.html").is_file()
    assert left["episodes/2023-03-26-talk"] == []
    assert all(kinds == [] for kinds in left.values()), left


def test_a_node_let_go_of_is_taken_apart_and_what_moved_out_of_it_kept():
    from podcast.build_speed.memory import let_go
    document = new_document("<test>", get_default_settings())
    old = nodes.bullet_list("", nodes.list_item("", nodes.paragraph("", "kept")),
                            nodes.list_item("", nodes.paragraph("", "dropped")))
    document += old
    moved = old[0][0]
    new = nodes.section("", moved)  # moved out of the list before it is let go of
    old.replace_self(new)
    dropped = old[1]
    let_go(old)
    assert old.children == [] and dropped.children == [] and dropped.parent is None
    assert moved.parent is new and moved.astext() == "kept"
    assert document.pformat() == '<document source="<test>">\n    <section>\n' \
        '        <paragraph>\n            kept\n'
    let_go(document)
    assert document.children == [] and document.transformer is None and new.parent is None


LATEST = "latest"
LATEST_PAGE = """---
orphan: true
---

# Latest

```{{episode-list}}
:limit: {limit}
```
"""


def test_a_listing_with_new_options_follows_later_removals(build):
    build(files={f"{LATEST}.md": LATEST_PAGE.format(limit=3)})
    build(files={f"{LATEST}.md": LATEST_PAGE.format(limit=5)})
    app = build(remove=[f"{WELCOME}.markdown", f"{ONE}.markdown"])
    assert LATEST in written(app)
    listing = page(app, LATEST).select_one(".podcast-episode-list, .podcast-cards")
    # a card links its episode twice (picture and title)
    assert list(dict.fromkeys(linked_docnames(listing, app, LATEST))) == [TWO_GUESTS, TURING, THREE]
    for anchor in page(app, LATEST).select("a.reference.internal"):
        assert (app.outdir / anchor["href"].split("#")[0]).is_file(), anchor["href"]


def test_latex_listings_link_their_episodes(build):
    app = build("latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    home = tex[tex.index(r"\label{\detokenize{index::doc}}"):tex.index(r"\chapter{")]
    for docname in NEWEST_FIRST[:3]:  # the home page lists the latest three
        assert rf"\hyperref[\detokenize{{{docname}::doc}}]" in home, docname


def test_each_title_is_rendered_once_and_the_pages_stay_the_same(build, sphinx_test_tempdir,
                                                                 rootdir, monkeypatch):
    from podcast.writing import partials

    rendered = []
    render = StandaloneHTMLBuilder.render_partial

    def counting(self, node):
        if isinstance(node, nodes.title):
            rendered.append(node.astext())
        return render(self, node)

    monkeypatch.setattr(StandaloneHTMLBuilder, "render_partial", counting)
    cached = build()
    assert rendered and len(rendered) == len(set(rendered))
    rendered.clear()
    monkeypatch.setattr(partials, "cache_title_rendering", lambda app: None)
    uncached = build_root(rootdir / "test-site", sphinx_test_tempdir / "titles-uncached")
    uncached.cleanup()
    assert len(rendered) > 2 * len(set(rendered))  # without it, once per page showing it
    assert output_files(uncached) == output_files(cached)


# Episodes of one shape (a guest, a video, neighbours on both sides), enough to be
# drawn once two of them proved it
ALIKE = {f"episodes/2024-04-0{day}-guest-{day}.md": f"""---
title: 'Guest {day}: Topic {day} | Learning from Machine Learning #{20 + day}'
date: 2024-04-0{day} 10:00:00 -0400
youtubeID: AAAAAAAAAA{day}
---

Guest {day} on topic {day}.
""" for day in range(1, 6)}


# Without the side menu, which lists a small site's episodes with the page's own
# marked (pages of one shape differ there: each is rendered), episodes are drawn
NO_MENU = {"html_sidebars": {"**": []}}


@pytest.mark.parametrize(("root", "overrides"), [("test-site", {}), ("test-player", {}),
                                                 ("test-site", NO_MENU)])
def test_episode_pages_drawn_are_the_pages_the_theme_renders(sphinx_test_tempdir, rootdir,
                                                             root, overrides):
    """Episode pages are drawn from the first of each shape the theme rendered (with
    and without audio, a video, guests, neighbours): the same bytes as the theme
    rendering every one; and the drawing was used, not only tried, without the
    theme's handlers that render its templates once two pages of a shape proved it."""
    from podcast.writing.drawn_pages import DRAWN, Drawer
    drawn: list[str] = []
    direct: list[str] = []
    page_context, drawn_directly = Drawer.page_context, Drawer.drawn_directly

    def counted(self, app, pagename, *args):
        result = page_context(self, app, pagename, *args)
        if result == DRAWN and pagename.startswith("episodes/") \
                and any(shell is not None for shell in self.shells.values()):
            drawn.append(pagename)
        return result

    def counted_directly(self, pagename, context):
        result = drawn_directly(self, pagename, context)
        if self.done and pagename.startswith("episodes/"):
            direct.append(pagename)
        return result

    Drawer.page_context, Drawer.drawn_directly = counted, counted_directly
    try:
        again = build_root(rootdir / root, sphinx_test_tempdir / f"{root}-{bool(overrides)}-drawn",
                           files=ALIKE, confoverrides=overrides)
    finally:
        Drawer.page_context, Drawer.drawn_directly = page_context, drawn_directly
    rendered = build_root(rootdir / root,
                          sphinx_test_tempdir / f"{root}-{bool(overrides)}-rendered",
                          files=ALIKE, confoverrides={**overrides, "podcast_draw_pages": False})
    pages = sorted(path.name for path in (again.outdir / "episodes").glob("*.html"))
    assert len(pages) >= 3
    for name in pages:
        assert (again.outdir / "episodes" / name).read_bytes() == (
            rendered.outdir / "episodes" / name).read_bytes(), name
    assert len(drawn) >= 2, drawn
    assert set(direct) <= set(drawn)
    assert len(direct) >= 3 or not overrides, direct  # the five alike, but the two proofs
    again.cleanup()
    rendered.cleanup()


def test_a_parallel_build_copies_the_images_its_processes_found(build):
    """With -j 2 each process writes its own pages, the images of a page among them:
    the image is copied all the same, and the page shows it."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>\n'
    post = NEW_POST + "\n![The guest's cover](cover.svg)\n"
    app = build(files={f"{NEW}.md": post, "episodes/cover.svg": svg}, parallel=2)
    image = page(app, NEW).select_one('img[alt="The guest\'s cover"]')
    assert image is not None and image["src"] == "../_images/cover.svg"
    assert (app.outdir / "_images" / "cover.svg").read_text() == svg


@pytest.mark.parametrize("root", ["test-site", "test-chapters"])
def test_smart_quotes_and_highlighting_skipping_what_they_leave_give_sphinx_pages(
        sphinx_test_tempdir, rootdir, root, monkeypatch):
    """Sphinx's SmartQuotes, left to curl every block itself, and its highlighting
    pass, left to walk every page, give the same pages as the site's, which skips
    blocks without quotes, dashes or ellipses, curls apostrophes inside words in
    one pass and walks only pages that hold code."""
    from podcast.build_speed import code_blocks, smart_quotes
    files = {f"{NEW}.md": NEW_POST + TYPOGRAPHY}
    quick = build_root(rootdir / root, sphinx_test_tempdir / f"{root}-quotes-quick", files=files)
    quick.cleanup()
    monkeypatch.setattr(smart_quotes, "quicker_smart_quotes", lambda app: None)
    monkeypatch.setattr(code_blocks, "highlight_where_code", lambda app: None)
    library = build_root(rootdir / root, sphinx_test_tempdir / f"{root}-quotes-library",
                         files=files)
    library.cleanup()
    text = (quick.outdir / f"{NEW}.html").read_text(encoding="utf-8")
    assert all(curled in text for curled in ("Hedy’s", "“hopping”", "1940s–50s", "wait…"))
    assert 'class="highlight-python' in text and "Hedy's" in text  # the code as written
    assert 'class="highlight-ruby' in text  # the language the highlight directive gave
    assert output_files(quick) == output_files(library)


TYPOGRAPHY = """
## Hedy's "hopping" -- in the 1940s--50s

- Hedy's patent, 'the secret one', and Hedy\\'s \\"escaped\\" quotes
- No quotes at all here
- *Hedy*'s emphasis, ``code's`` quotes, and wait...
- Rock 'n' roll in the '80s: don't . . . stop -- ever --- really

```python
print("Hedy's -- code...")
```

```{highlight} ruby
```

```{code-block}
puts "Hedy's"
```
"""


ODD_FRONT_MATTER = {
    # a tab after a value: PyYAML's own loader refuses it (MyST warns, drops it), libyaml not
    "about.md": "---\ntitle: About\t\n---\n\nAbout the show.\n",
    # an empty tag: the two loaders read it differently
    "tagged.md": "---\ntitle: Tagged\nnote: !\n---\n\nTagged.\n",
    # settings for MyST in the front matter: the page is read with them
    "settings.md": "---\nmyst:\n  heading_anchors: 1\n---\n\n# Settings\n\n## A section\n",
}


def test_myst_reading_once_gives_the_pages_myst_gives(sphinx_test_tempdir, rootdir, monkeypatch):
    """MyST reading each post from the tokens found before reading, with one parser
    and libyaml where it reads as PyYAML does, gives the pages and warnings MyST's own
    reading gives, odd front matter included."""
    from myst_parser.parsers.sphinx_ import MystParser
    from podcast.build_speed import myst_reading
    files = {**ODD_FRONT_MATTER, f"{NEW}.md": NEW_POST}
    quick = build_root(rootdir / "test-site", sphinx_test_tempdir / "myst-quick", files=files)
    quick.cleanup()
    monkeypatch.setattr(myst_reading.QuickMystParser, "parse", MystParser.parse)
    own = build_root(rootdir / "test-site", sphinx_test_tempdir / "myst-own", files=files)
    own.cleanup()
    assert "Malformed YAML" in warnings(own)
    assert output_files(quick) == output_files(own)
    assert sorted(warnings(quick).replace(str(quick.srcdir), "").splitlines()) == sorted(
        warnings(own).replace(str(own.srcdir), "").splitlines())


def test_a_post_whose_front_matter_is_repaired_keeps_its_lists(build):
    """A title YAML misreads (repaired before MyST reads it) and front matter closed by
    four dashes: the lists below are read from the post as written, as ever."""
    post = ("---\ntitle: Ep #4: the thing\nguests: [Jane Doe]\nyoutubeID: dQw4w9WgXcQ\n----\n\n"
            "## Connect with Jane Doe\n\n- [LinkedIn](https://www.linkedin.com/in/jane-doe/)\n\n"
            "---\n\nmore\n")
    app = build(files={"episodes/2025-07-01-jane-doe.md": post})
    person = page(app, "people/jane-doe")
    assert person.select_one('a[href="https://www.linkedin.com/in/jane-doe/"]') is not None


def test_only_pages_read_before_are_purged_from_the_toctrees(build, monkeypatch):
    from sphinx.environment.collectors.toctree import TocTreeCollector
    purged: list[str] = []
    purge = TocTreeCollector.clear_doc
    monkeypatch.setattr(TocTreeCollector, "clear_doc", lambda self, app, env, docname: (
        purged.append(docname), purge(self, app, env, docname)))
    build()
    assert purged == []  # a clean build: no page was read before
    app = build(files={f"{NEW}.md": NEW_POST})
    assert NEW not in purged
    app = build(files={f"{NEW}.md": NEW_POST + "\nMore notes.\n"})
    assert NEW in purged and app is not None


def test_the_collector_is_on_after_an_app_that_never_built(rootdir, sphinx_test_tempdir):
    import shutil
    folder = sphinx_test_tempdir / "never-built"
    shutil.copytree(rootdir / "test-site", folder)
    assert gc.isenabled()
    app = SphinxTestApp("html", srcdir=folder, status=StringIO(), warning=StringIO())
    try:
        assert gc.isenabled()
    finally:
        app.cleanup()


def test_a_writing_process_records_only_what_the_build_shows():
    """Sphinx sends back every record a forked process logs; the debug line of
    each event holds a page's whole context, so at the default verbosity a
    writing process does not record debug lines at all."""
    import logging

    from podcast.build_speed.parallel import logging_as_shown
    logger = logging.getLogger("sphinx")
    level = logger.level
    try:
        logging_as_shown(0)
        assert logger.isEnabledFor(logging.INFO) and not logger.isEnabledFor(logging.DEBUG)
        logging_as_shown(2)  # -vv shows them
        assert logger.isEnabledFor(logging.DEBUG)
    finally:
        logger.setLevel(level)

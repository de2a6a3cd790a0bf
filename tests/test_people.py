"""People and books across episodes: recognition, pages, roles, incremental builds."""

import re

import pytest
from helpers import build_root, page, search_records, warnings, written
from sphinx.util.console import strip_escape_sequences
from sphinx.util.inventory import InventoryFile

ADA = "episodes/2023-01-09-ada"
GRACE = "episodes/2023-02-01-grace"
SEARCH = "episodes/2023-03-01-search"


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir, rootdir):
    app = build_root(rootdir / "test-people", sphinx_test_tempdir / "people-module")
    yield app
    app.cleanup()


def text(app, docname, selector="article"):
    return page(app, docname).select_one(selector).get_text(" ", strip=True)


def person_links(app, docname, selector="article"):
    """The person pages linked from a page, by slug."""
    return [re.search(r"people/([^/]+)\.html", a["href"]).group(1)
            for a in page(app, docname).select(f"{selector} a[href*='people/']")
            if not a["href"].endswith(("index.html", "guests.html"))]


def test_guest_mentioned_in_another_episode_links_both_ways(site):
    assert "grace-hopper" in person_links(site, ADA, "#references-from-the-episode")
    assert "ada-lovelace" in person_links(site, GRACE, "#references-and-resources")
    grace = text(site, "people/grace-hopper")
    assert "Guest on #2 Grace Hopper: Compilers" in grace
    assert "Mentioned in #1 Ada Lovelace: Engines" in grace
    ada = text(site, "people/ada-lovelace")
    assert "Guest on #1 Ada Lovelace: Engines" in ada and "Mentioned in #2" in ada


def test_the_original_link_stays_beside_the_person_link(site):
    item = page(site, ADA).select_one("#references-from-the-episode li")
    hrefs = [a["href"] for a in item.find_all("a")]
    assert hrefs == ["https://example.org/grace", "../people/grace-hopper.html"]


def test_a_nested_mention_links_the_name_and_keeps_the_rest(site):
    nested = page(site, ADA).select_one("#references-from-the-episode li ul li")
    link = nested.find("a")
    assert link.get_text() == "Moshe Wasserblat"
    assert link["href"] == "../people/moshe-wasserblat.html"
    assert nested.get_text() == "Moshe Wasserblat, Intel, NLP, Research Manager"


def test_a_link_to_another_episodes_video_links_its_page(site):
    items = page(site, ADA).select("#references-from-the-episode > ul > li")
    interview = next(item for item in items if "interview" in item.get_text())
    assert interview.select_one("a.podcast-episode-ref")["href"] == "2023-02-01-grace.html"


def test_a_registry_alias_is_the_same_person(site):
    moshe = text(site, "people/moshe-wasserblat")
    assert "Mentioned in #1" in moshe and "“M. Wasserblat: research talk”" in moshe
    assert "Research manager." in moshe
    assert page(site, "people/moshe-wasserblat").select_one(
        ".podcast-person-links a")["href"] == "https://example.org/moshe"


def test_books_under_a_books_heading_by_link_and_by_title_author(site):
    books = page(site, "books/index")
    entries = {li["id"]: li.get_text(" ", strip=True)
               for li in books.select("ul.podcast-books > li")}
    # under "Grace's Books": the possessive names the author
    assert entries["book-compilers-made-easy"].startswith("Compilers Made Easy by Grace Hopper")
    # a book shop link, no heading
    assert entries["book-some-book"].startswith("Some Book")
    # "Title - Author" with no shop link, no books heading, no known title: no book,
    # a mention of its author
    assert "book-thinking-in-systems" not in entries
    assert "ada-lovelace" in [a["href"].rsplit("/", 1)[-1].removesuffix(".html") for a in next(
        li for li in page(site, GRACE).select("li") if "Thinking in Systems" in li.get_text()
    ).find_all("a")]
    # [Title - Author](shop) and Author - [Title](shop): one book, its author a person
    assert entries["book-co-intelligence"].startswith("Co-Intelligence by Ethan Mollick")
    mollick = text(site, "people/ethan-mollick")
    assert "Books Co-Intelligence" in mollick and "Mentioned in #4" in mollick
    # a registry title
    assert "by Douglas Hofstadter — in #2" in entries[
        "book-godel-escher-bach-an-eternal-golden-braid"]
    author = books.select_one("#book-compilers-made-easy a[href*='people/']")
    assert author["href"] == "../people/grace-hopper.html"


def test_the_books_and_people_pages_have_no_empty_section_sidebar(site):
    for docname in ("books/index", "people/index", "people/grace-hopper"):
        sidebar = page(site, docname).select_one(".bd-sidebar-primary")
        assert "Section Navigation" not in sidebar.get_text(), docname


def test_a_book_is_no_mention_of_a_name_in_its_title(site):
    assert "Not in any episode yet." in text(site, "people/kurt-godel")
    assert "kurt-godel" not in person_links(site, GRACE, "#references-and-resources")


def test_people_decided_on_weak_evidence_are_reported(site):
    status = strip_escape_sequences(site.status.getvalue())
    assert "2 name(s) were taken for people on weak evidence" in status
    assert re.search(r"Art Palmer\s+\(.*2023-01-09-ada\.md:\d+; a given name, the list item "
                     r"leads with them\)", status)
    assert re.search(r"Kenji Tanaka\s+\(.*2023-04-01-patterns\.md:\d+;", status)
    assert "Jay Alammar" not in status  # strong evidence: not reported
    assert "Art Palmer" not in warnings(site)


PATTERNS = "episodes/2023-04-01-patterns"


def test_people_recognised_from_what_the_posts_say(site):
    people = person_links(site, PATTERNS, "#references")
    # Name, Company, Role; Name - what they are known for; a name whose nested item
    # links an episode; a talk on another episode's video; a name beside a product;
    # two names in one item
    for slug in ("jay-alammar", "yann-lecun", "maarten-grootendorst", "jose-nunez",
                 "kenji-tanaka", "moshe-wasserblat", "priya-raman", "bo-chen",
                 "ethan-mollick"):
        assert slug in people, slug
        assert (site.outdir / "people" / f"{slug}.html").is_file()
    assert "Mentioned in #4 Patterns" in text(site, "people/jay-alammar")
    # companies and products are nobody
    assert not (site.outdir / "people" / "explosion-ai.html").exists()
    assert not (site.outdir / "people" / "claude-code.html").exists()
    index = text(site, "people/index")
    assert "Jay Alammar" in index and "Claude Code" not in index


def test_one_item_names_several_things(site):
    items = page(site, PATTERNS).select("#references > ul > li")
    talk = next(li for li in items if "Search Talk" in li.get_text())
    hrefs = [a["href"] for a in talk.find_all("a")]
    assert hrefs == ["https://www.youtube.com/watch?v=AAAAAAAAAA2", "2023-02-01-grace.html",
                     "../people/jose-nunez.html"]
    two = next(li for li in items if "Priya Raman" in li.get_text())
    assert [a.get_text() for a in two.find_all("a")] == ["Priya Raman", "Bo Chen"]
    product = next(li for li in items if "FastTokenizer" in li.get_text())
    assert [a["href"] for a in product.find_all("a")] == ["../people/kenji-tanaka.html"]
    assert "FastTokenizer" not in text(site, "books/index")


def test_a_recognised_persons_own_page_joins_their_links(build):
    app = build(testroot="people", files={"episodes/2023-04-01-patterns.md": (
        "---\ntitle: 'Patterns | Learning from Machine Learning #4'\n---\n\n"
        "## References\n\n- [Art Palmer](https://chem.example.edu/faculty/art-palmer)\n")})
    links = page(app, "people/art-palmer").select(".podcast-person-links a")
    assert [a["href"] for a in links] == ["https://chem.example.edu/faculty/art-palmer"]


def test_accented_names(site):
    assert (site.outdir / "people" / "jose-nunez.html").is_file()
    assert (site.outdir / "people" / "zoe-muller.html").is_file()
    assert text(site, "people/jose-nunez").startswith("José Núñez")
    # written without accents, still the same person
    assert "jose-nunez" in person_links(site, ADA, "#references-from-the-episode")
    block = page(site, SEARCH).select_one(".podcast-people-block").get_text(" ", strip=True)
    assert "Guests: José Núñez , Zoë Müller" in block


def test_html_special_characters_in_names_are_text(site):
    soup = page(site, "people/dana-b-bold-b-co")
    assert soup.find("h1").get_text().startswith("Dana <b>Bold</b> & Co")
    assert soup.select_one("article b") is None
    index = page(site, "people/index")
    assert "Dana <b>Bold</b> & Co" in index.select_one("article").get_text()
    assert index.select_one("article b") is None


def test_people_index_a_to_z_with_guests_marked(site):
    index = page(site, "people/index")
    letters = [rubric.get_text() for rubric in index.select("article p.rubric")]
    assert letters == sorted(letters) and letters[0] == "A"
    rows = {a.get_text(): a.find_parent("p") for a in index.select("ul.podcast-people a")}
    assert rows["Grace Hopper"].select_one(".podcast-guest-mark") is not None
    assert rows["Moshe Wasserblat"].select_one(".podcast-guest-mark") is None


def test_guests_page_in_episode_order(site):
    guests = page(site, "people/guests").select("ul.podcast-guests > li")
    names = [[a.get_text() for a in li.select("a") if "episodes/" not in a["href"]]
             for li in guests]
    assert names == [["Ada Lovelace"], ["Grace Hopper"], ["José Núñez", "Zoë Müller"]]


def test_episode_block_lists_people_and_books(site):
    block = text(site, GRACE, ".podcast-people-block")
    assert "Guests: Grace Hopper" in block
    assert "People mentioned: Ada Lovelace , Moshe Wasserblat" in block
    assert "Compilers Made Easy" in block and "Thinking in Systems" not in block


def test_explicit_roles(site):
    links = page(site, "index").select("article p a.reference.internal")
    assert [a["href"] for a in links] == [
        "people/grace-hopper.html", "people/moshe-wasserblat.html",
        "books/index.html#book-godel-escher-bach-an-eternal-golden-braid",
        f"{ADA}.html", f"{GRACE}.html"]
    assert links[3].get_text() == "Ada Lovelace: Engines"


def test_registry_problems_warn_with_file_and_line(site):
    text = warnings(site)
    assert re.search(r"registry\.yaml:10: WARNING: unknown key 'favourite_colour'.*"
                     r"\[podcast\.registry\]", text)
    assert re.search(r"registry\.yaml:10: WARNING: alias 'Moshe Wasserblat' of 'Eve Example' "
                     r"is already.*\[podcast\.registry\]", text)
    assert re.search(r"registry\.yaml:8: WARNING: twitter of .* dropped \[podcast\.link\]", text)
    assert len(text.strip().splitlines()) == 3


def test_people_books_and_episodes_are_in_the_inventory(site):
    with open(site.outdir / "objects.inv", "rb") as stream:
        inventory = InventoryFile.load(stream, "https://example.org", lambda base, uri: uri)
    data = inventory.data if hasattr(inventory, "data") else inventory
    people = data["podcast:person"]
    grace = people["Grace Hopper"]
    assert (getattr(grace, "uri", None) or grace[2]).endswith("/people/grace-hopper.html")
    assert "José Núñez" in people
    assert "Compilers Made Easy" in data["podcast:book"]
    assert ADA in data["podcast:episode"]


def test_pages_are_in_the_search_index(site):
    records = search_records(site)
    assert "people/grace-hopper.html" in records and "books/index.html" in records


NEW = "episodes/2023-04-01-art"
NEW_POST = """---
title: 'Art Palmer: Proteins | Learning from Machine Learning #4'
date: 2023-04-01 10:00:00 -0500
youtubeID: AAAAAAAAAA4
---

Art Palmer on proteins.

## References

- [Grace Hopper](https://example.org/grace)
"""


def test_adding_an_episode_links_its_guest_everywhere(build):
    build(testroot="people")
    app = build(testroot="people", files={f"{NEW}.md": NEW_POST})
    # Ada's post named Art Palmer before he was known: now it links him
    assert "art-palmer" in person_links(app, ADA, "#references-from-the-episode")
    art = text(app, "people/art-palmer")
    assert "Guest on #4 Art Palmer: Proteins" in art and "Mentioned in #1" in art
    assert "Art Palmer" in text(app, "people/index")
    assert re.search(r"Mentioned in .* #4 Art Palmer: Proteins", text(app, "people/grace-hopper"))
    assert "Art Palmer" in text(app, "people/guests")
    assert "not known" not in strip_escape_sequences(app.status.getvalue())


def test_editing_an_episode_updates_the_person_pages(build):
    build(testroot="people")
    app = build(testroot="people", files={f"{GRACE}.md": """---
title: 'Grace Hopper | Compilers | Learning from Machine Learning #2'
date: 2023-02-01 10:00:00 -0500
youtubeID: AAAAAAAAAA2
---

Grace Hopper on compilers, now without references.
"""})
    assert "Mentioned in" not in text(app, "people/ada-lovelace")
    assert "Mentioned in #2" not in text(app, "people/moshe-wasserblat")
    assert "Compilers Made Easy" not in text(app, "books/index")


def test_a_prose_edit_rewrites_only_its_page_and_later_edits_still_count(build, rootdir):
    build(testroot="people")
    post = (rootdir / "test-people" / f"{GRACE}.md").read_text()
    edited = post.replace("on compilers.", "on compilers.\n\nMore prose.")
    app = build(testroot="people", files={f"{GRACE}.md": edited})
    assert written(app) == {GRACE, "archive/2023"}  # Sphinx rewrites the toctree parent
    assert "More prose." in text(app, GRACE)
    # a reference edited afterwards still reaches the person pages
    app = build(testroot="people", files={f"{GRACE}.md": edited.replace(
        "- [Ada Lovelace](https://example.org/ada)\n", "").replace(
        "- Thinking in Systems - Ada Lovelace\n", "")})
    assert "people/ada-lovelace" in written(app)
    assert "Mentioned in" not in text(app, "people/ada-lovelace")


def test_what_the_lists_name_and_peoples_pages_are_made_again_only_when_a_list_changes(
        build, rootdir, monkeypatch):
    from podcast.after_reading import derived
    from podcast.writing import people_pages

    build(testroot="people")
    calls, made = [], []
    classified, person_doctree = derived.classified, people_pages.person_doctree
    monkeypatch.setattr(derived, "classified",
                        lambda *args: calls.append(1) or classified(*args))
    monkeypatch.setattr(people_pages, "person_doctree",
                        lambda app, person, settings: made.append(person.slug)
                        or person_doctree(app, person, settings))
    post = (rootdir / "test-people" / f"{GRACE}.md").read_text()
    edited = post.replace("on compilers.", "on compilers.\n\nMore prose.")
    app = build(testroot="people", files={f"{GRACE}.md": edited})
    # the prose changed, no list: what they name is as last time, and what
    # people's pages show
    assert calls == [] and made == []
    assert "Mentioned in #2" in text(app, "people/ada-lovelace")
    app = build(testroot="people", files={f"{GRACE}.md": edited.replace(
        "- [Ada Lovelace](https://example.org/ada)\n", "").replace(
        "- Thinking in Systems - Ada Lovelace\n", "")})
    assert calls == [1] and "ada-lovelace" in made
    assert "Mentioned in" not in text(app, "people/ada-lovelace")


def test_prose_above_the_lists_moves_their_lines_and_rewrites_only_its_page(
        build, rootdir, monkeypatch):
    from podcast.writing import renderers as placeholders

    build(testroot="people")
    post = (rootdir / "test-people" / f"{ADA}.md").read_text()
    edited = post.replace("Ada Lovelace on engines.", "Ada Lovelace on engines.\n\nMore.\n")
    calls = []
    people = placeholders.RENDERERS["people"]
    monkeypatch.setitem(placeholders.RENDERERS, "people",
                        lambda *args: calls.append(1) or people(*args))
    app = build(testroot="people", files={f"{ADA}.md": edited})
    assert written(app) == {ADA, "archive/2023"}
    assert "art-palmer" in person_links(app, ADA, "#references-from-the-episode")
    # where Art Palmer was found moved, nothing other pages show: they are not rendered
    assert calls == []


def test_removing_an_episode_removes_its_guest_and_its_mentions(build):
    build(testroot="people")
    app = build(testroot="people", remove=[f"{GRACE}.md"])
    # still named in Ada's post: a person, no longer a guest
    assert "Guest on" not in text(app, "people/grace-hopper")
    assert "Grace Hopper ★" not in text(app, "people/index")
    app = build(testroot="people", remove=[f"{ADA}.md"])
    for slug in ("grace-hopper", "art-palmer", "ada-lovelace"):  # named in Ada's post only
        assert not (app.srcdir / "people" / f"{slug}.md").exists()
        assert not (app.outdir / "people" / f"{slug}.html").exists()  # nor its page
        assert slug not in text(app, "people/index")
    # the explicit reference to her now warns
    assert "podcast:person reference target not found: Grace Hopper" in warnings(app)


def test_connect_with_lists_give_the_persons_links(site):
    links = {a.get_text(): a["href"] for a in
             page(site, "people/zoe-muller").select(".podcast-person-links a")}
    assert links == {"Zoë Müller's site": "https://example.org/zoe"}
    # "Connect with José": the episode's guest by first name; web links of the list's
    # own items, each page once
    links = {a.get_text(): a["href"] for a in
             page(site, "people/jose-nunez").select(".podcast-person-links a")}
    assert links == {"LinkedIn": "https://www.linkedin.com/in/jose-example/"}
    # a registry person keeps the registry's links first
    assert page(site, "people/moshe-wasserblat").select_one(
        ".podcast-person-links a")["href"] == "https://example.org/moshe"


def test_an_edited_connect_link_reaches_the_persons_page(build, rootdir):
    build(testroot="people")
    post = (rootdir / "test-people" / f"{SEARCH}.md").read_text(encoding="utf-8")
    app = build(testroot="people", files={f"{SEARCH}.md": post.replace(
        "https://example.org/zoe", "https://example.org/zoe-new")})
    assert "people/zoe-muller" in written(app)
    assert [a["href"] for a in page(app, "people/zoe-muller").select(
        ".podcast-person-links a")] == ["https://example.org/zoe-new"]


@pytest.mark.parametrize("testroot", ["people", "site", "chapters"])
def test_lists_read_before_reading_are_the_lists_reading_records(build, testroot):
    """The people pages come from the Markdown's lists, read before Sphinx reads
    the posts; the links from the lists reading records. Both see the same items."""
    from podcast.core.post.body import list_items

    app = build(testroot=testroot)
    items = app.env.get_domain("podcast").items
    episodes = [docname for docname in app.env.found_docs if docname.startswith("episodes/")]
    assert episodes
    for docname in episodes:
        source = app.env.doc2path(docname).read_text(encoding="utf-8")
        assert list_items(source) == items.get(docname, []), docname


def test_people_are_found_again_only_when_the_lists_change(build, rootdir, monkeypatch):
    from podcast.before_reading import known_people

    calls = []
    discover = known_people.discover_people
    monkeypatch.setattr(known_people, "discover_people",
                        lambda *args: calls.append(1) or discover(*args))
    build(testroot="people")
    assert calls == [1]
    post = (rootdir / "test-people" / f"{ADA}.md").read_text()
    prose = post.replace("Ada Lovelace on engines.", "Ada Lovelace on engines, again.")
    app = build(testroot="people", files={f"{ADA}.md": prose})
    assert calls == [1] and (app.outdir / "people" / "art-palmer.html").is_file()
    listed = prose.replace("- Art Palmer\n", "- Art Palmer\n- Kwame Mensah, Cohere, Director\n")
    app = build(testroot="people", files={f"{ADA}.md": listed})
    assert calls == [1, 1] and (app.outdir / "people" / "kwame-mensah.html").is_file()


def test_people_pages_drawn_from_one_are_the_pages_the_theme_renders(sphinx_test_tempdir,
                                                                     rootdir):
    """Each person's page but the first is drawn from the first's, holes filled: the
    same bytes as the theme rendering every one, names with accents, tags and
    ampersands included; and the drawing was used, not only tried. A person's
    page is no document, and once two pages proved it, it is drawn with every
    ``html-page-context`` handler but the theme's."""
    from podcast.writing.drawn_pages import Drawer
    # counted in a file: a serial build draws them in a process beside its writing
    counts = sphinx_test_tempdir / "people-drawn-counts"
    counts.unlink(missing_ok=True)
    page_context, drawn_directly = Drawer.page_context, Drawer.drawn_directly

    def counted(self, app, pagename, *args):
        result = page_context(self, app, pagename, *args)
        if result is not None and any(shell is not None for shell in self.shells.values()):
            with counts.open("a") as stream:
                stream.write(f"drawn {pagename}\n")
        return result

    def counted_directly(self, pagename, context):
        result = drawn_directly(self, pagename, context)
        with counts.open("a") as stream:
            stream.write(f"direct {self.done} {pagename}\n")
        return result

    Drawer.page_context, Drawer.drawn_directly = counted, counted_directly
    try:
        again = build_root(rootdir / "test-people", sphinx_test_tempdir / "people-drawn")
    finally:
        Drawer.page_context, Drawer.drawn_directly = page_context, drawn_directly
    lines = [line.split() for line in counts.read_text().splitlines()]
    drawn = [line[1] for line in lines if line[0] == "drawn"]
    # the people's pages (the episodes' are drawn in this process, with their own proof)
    direct = [line[1] == "True" for line in lines
              if line[0] == "direct" and line[2].startswith("people/")]
    rendered = build_root(rootdir / "test-people", sphinx_test_tempdir / "people-rendered",
                          confoverrides={"podcast_draw_pages": False})
    people = sorted(path.relative_to(again.outdir).as_posix()
                    for path in (again.outdir / "people").glob("*.html"))
    assert {"people/kurt-godel.html", "people/dana-b-bold-b-co.html"} <= set(people)
    for name in people:
        assert (again.outdir / name).read_bytes() == (rendered.outdir / name).read_bytes(), name
    assert len(drawn) > 10 and "people/dana-b-bold-b-co" in drawn
    persons = [name for name in people if "/letter-" not in name
               and not name.endswith(("/index.html", "/guests.html"))]
    assert direct[:2] == [False, False] and direct.count(True) >= len(persons) - 3
    assert "people/kurt-godel" not in again.env.found_docs
    again.cleanup()
    rendered.cleanup()


def test_a_person_page_unlike_the_first_is_rendered_by_the_theme(sphinx_test_tempdir, rootdir):
    """What a theme's function of the page shows differs from page to page, unseen
    in the context (a sidebar marking the page it is on): the second page drawn
    shows it, and from there every page is left to the theme."""
    from podcast.writing.drawn_pages import DRAWN, Drawer
    drawer = Drawer()

    class Templates:
        def render(self, name, context):
            # as the theme's functions of the page do: they know which page they are for
            return f"<p>{context['title']}</p><nav>page {context['number']()} is here</nav>"

    class App:
        class config:
            podcast_draw_pages = True

        class builder:
            templates = Templates()

    app = build_root(rootdir / "test-people", sphinx_test_tempdir / "people-unlike")
    App.env = app.env
    results = []
    for number, slug in enumerate(("ada-lovelace", "art-palmer", "bo-chen")):
        context = {"title": slug, "pagename": f"people/{slug}", "toc": "", "body": slug,
                   "number": lambda number=number: number}
        results.append((drawer.page_context(App, f"people/{slug}", "page.html", context, None),
                        context.get("podcast_drawn_page")))
    assert results == [(DRAWN, "<p>ada-lovelace</p><nav>page 0 is here</nav>"),
                       (DRAWN, "<p>art-palmer</p><nav>page 1 is here</nav>"), (None, None)]
    assert list(drawer.shells.values()) == [None]
    app.cleanup()


def test_a_person_sits_in_their_letter_in_the_navigation(site):
    """Breadcrumbs People > letter, the menu's People marked, and neighbours in
    the letter's order: the letter's page first, the next letter's page last."""
    grace = page(site, "people/grace-hopper")
    crumbs = [item.get_text(strip=True) for item in grace.select(".bd-breadcrumbs li")]
    assert crumbs[1:] == ["People", "G", "Grace Hopper"]
    active = grace.select(".navbar-nav li.current.active a")
    assert [a.get_text(strip=True) for a in active][:1] == ["People"]
    letter = page(site, "people/letter-g")
    first = letter.select_one("link[rel=next]")["href"]
    people = [a["href"] for a in letter.select("article a[href$='.html']")
              if "letter-" not in a["href"] and "index" not in a["href"]]
    assert first == people[0]
    first_page = page(site, f"people/{first.removesuffix('.html')}")
    assert first_page.select_one("link[rel=prev]")["href"] == "letter-g.html"
    last_page = page(site, f"people/{people[-1].removesuffix('.html')}")
    following = last_page.select_one("link[rel=next]")["href"]
    assert following.startswith("letter-") and following > "letter-g.html"


def test_a_person_page_made_before_as_a_source_is_kept_when_its_source_goes(build,
                                                                              monkeypatch):
    """A site built when people's pages were documents (as an e-book's still
    are): their sources are removed, the pages drawn in their place stay, and
    the copies of the sources Sphinx published go."""
    from podcast.before_reading import page_kinds
    from podcast.writing import people_pages
    for module in (page_kinds, people_pages):
        monkeypatch.setattr(module, "pages_are_documents", lambda app: True)
    app = build(testroot="people")
    assert "people/grace-hopper" in app.env.found_docs
    assert list((app.outdir / "_sources" / "people").glob("grace-hopper.*"))
    monkeypatch.undo()
    app = build(testroot="people")
    assert not (app.srcdir / "people" / "grace-hopper.md").exists()
    assert "people/grace-hopper" not in app.env.found_docs
    assert "Grace Hopper" in text(app, "people/grace-hopper")
    assert not list((app.outdir / "_sources" / "people").glob("grace-hopper.*"))

def test_a_person_page_is_written_again_when_every_page_is(build):
    """A setting every page shows (its title) changed: Sphinx writes every
    document, and every person's page with them."""
    build(testroot="people")
    app = build(testroot="people", confoverrides={"html_title": "Another title"})
    assert "Another title" in (app.outdir / "people" / "grace-hopper.html").read_text()
    assert "people/grace-hopper" in written(app)


def test_a_registry_edit_and_its_undoing_both_reach_the_persons_page(build, rootdir):
    """An edit that changes no document, only a person's page: what the page
    showed is kept beside the environment (which Sphinx saves only when a
    document changed), so undoing the edit writes the page again."""
    registry = (rootdir / "test-people" / "registry.yaml").read_text()
    build(testroot="people")
    app = build(testroot="people", files={"registry.yaml": registry.replace(
        "Research manager.", "Research director.")})
    assert "Research director." in text(app, "people/moshe-wasserblat")
    app = build(testroot="people", files={"registry.yaml": registry})
    assert "Research manager." in text(app, "people/moshe-wasserblat")
    app = build(testroot="people")
    assert not any(name.startswith("people/") for name in written(app))


def test_a_link_to_a_persons_page_by_its_path_reaches_it(build, rootdir):
    """The host links a person's page as the file it once was: Markdown, with an
    anchor or not, and ``{doc}``; the page is no document, and each link finds it."""
    index = (rootdir / "test-people" / "index.md").read_text() + (
        "\n[Grace](people/grace-hopper.md), [her page](people/grace-hopper.md#grace-hopper) "
        "and {doc}`people/grace-hopper`.\n")
    app = build(testroot="people", files={"index.md": index})
    assert "xref_missing" not in warnings(app) and "unknown document" not in warnings(app)
    links = [a["href"] for a in page(app, "index").select("article a[href*='grace-hopper']")]
    assert links[-3:] == ["people/grace-hopper.html", "people/grace-hopper.html#grace-hopper",
                     "people/grace-hopper.html"]


def test_a_page_whose_contents_are_its_title_shows_none_without_asking_the_theme():
    """The theme's contents for the side column parse the page's contents anew on
    every page: a person's page lists its title alone, which the theme never
    shows, and any other page's are asked once, for both its shape and its holes."""
    from podcast.writing.page_shells import CONTENTS, contents_of, holes, shape

    def unasked(kind="html"):
        raise AssertionError("the theme was asked")

    title_only = '<ul>\n<li><a class="reference internal" href="#">Ada Lovelace</a></li>\n</ul>\n'
    assert contents_of({"toc": title_only, "generate_toc_html": unasked}) is None
    sections = ('<ul>\n<li><a class="reference internal" href="#">Ada</a><ul>\n'
                '<li><a class="reference internal" href="#work">Work</a></li>\n'
                '</ul>\n</li>\n</ul>\n')
    assert contents_of({"toc": sections, "generate_toc_html": lambda kind="html": "<nav/>"}) \
        == "<nav/>"
    assert contents_of({"toc": sections, "generate_toc_html": lambda kind="html": ""}) is None
    # the shape and the holes take the contents as asked, and never ask again
    page = {"toc": sections, "title": "Ada", "generate_toc_html": unasked}
    assert ((CONTENTS,), "<nav/>") in holes(page, "<nav/>")
    assert all(where != (CONTENTS,) for where, _ in holes(page, None))
    assert shape(page, "people/ada", "<nav/>") != shape(page, "people/ada", None)

"""What the people and books pages show: one page per person, an index A to Z,
the guests in episode order, the book index, and each episode's "People and
books", filled in once all is read (their sources are made before reading, by
``before_reading.people_sources``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from docutils import nodes
from sphinx.application import Sphinx

from ..before_reading.page_kinds import BOOKS_PAGE, PEOPLE_DIR, person_page
from ..before_reading.people_sources import by_letter
from ..core.people.directory import Person
from ..core.post.episode import Episode, format_date
from ..core.text.times import format_time
from .context import Context
from .listings import internal_link
from .renderers import renderer
from .transcript_html import anchor

# -- renderers ------------------------------------------------------------------------


def episode_line(context: Context, episode: Episode) -> nodes.paragraph:
    """``#4 · Title · March 26, 2023`` with the title linked."""
    paragraph = nodes.paragraph()
    if episode.number is not None:
        paragraph += nodes.inline("", f"#{episode.number} ", classes=["podcast-list-facts"])
    paragraph += internal_link(episode.title, context.uri(episode.docname),
                               ["podcast-episode-title"])
    if episode.published:
        paragraph += nodes.inline("", f" · {format_date(episode.published)}",
                                  classes=["podcast-list-facts"])
    return paragraph


def person_link(context: Context, person: Person) -> nodes.reference:
    return internal_link(person.name, context.uri(person_page(person.slug)))


def bullets(paragraphs: list[nodes.Node], classes: list[str] | None = None) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=classes or [])
    for paragraph in paragraphs:
        items += nodes.list_item("", paragraph)
    return items


def rubric(text: str) -> nodes.rubric:
    return nodes.rubric(text, text, classes=["podcast-rubric"])


@renderer("person")
def render_person(context: Context, node: nodes.Element) -> list[nodes.Node]:
    derived = context.derived
    person = context.domain.directory.people.get(node["slug"])
    if person is None:
        return [nodes.paragraph("", "Nobody of that name is known.")]
    content: list[nodes.Node] = []
    if person.bio:
        content.append(nodes.paragraph("", person.bio, classes=["podcast-bio"]))
    person_links = derived.links_of(person)
    if person_links:
        links = nodes.paragraph(classes=["podcast-person-links"])
        for index, (label, url) in enumerate(person_links):
            if index:
                links += nodes.Text(" · ")
            links += nodes.reference("", label, refuri=url)
        content.append(links)
    guest_of = derived.guest_of.get(person.slug, [])
    if guest_of:
        content.append(rubric("Guest on"))
        content.append(bullets([episode_line(context, episode) for episode in guest_of]))
    mentioned = derived.mentioned_in.get(person.slug, [])
    if mentioned:
        content.append(rubric("Mentioned in"))
        lines = []
        for episode, text in mentioned:
            line = episode_line(context, episode)
            line += nodes.inline("", f": “{text}”", classes=["podcast-mention-text"])
            lines.append(line)
        content.append(bullets(lines))
    named = derived.named_at.get(person.slug, [])
    if named:
        content.append(rubric("Named in transcripts"))
        lines = []
        for episode, page, second in named:
            label = f"#{episode.number}" if episode.number is not None else episode.title
            line = nodes.paragraph("", f"named at {format_time(second)} in ")
            line += internal_link(label, context.uri(page, anchor(second)))
            lines.append(line)
        content.append(bullets(lines, ["podcast-named-at"]))
    books = derived.books_by.get(person.name, [])
    if books:
        content.append(rubric("Books"))
        content.append(bullets([
            nodes.paragraph("", "", internal_link(book.title, context.uri(BOOKS_PAGE, book.slug)))
            for book in books]))
    if not (guest_of or mentioned or named):
        content.append(nodes.paragraph("", "Not in any episode yet.", classes=["podcast-empty"]))
    if context.html:  # every word said of them, transcripts included
        search = nodes.paragraph(classes=["podcast-person-search"])
        search += internal_link(f"Search the show for “{person.name}”",
                                f"{context.uri('search')}?{urlencode({'q': person.name})}")
        content.append(search)
    return content


@renderer("people")
def render_people(context: Context, node: nodes.Element) -> list[nodes.Node]:
    """The people index, A to Z (or one letter), guests marked with a star."""
    directory = context.domain.directory
    derived = context.derived
    content: list[nodes.Node] = []
    for initial, people in by_letter(directory).items():
        if node.get("letter") not in (None, initial):
            continue
        if node.get("letter") is None:
            content.append(rubric("Other" if initial == "other" else initial.upper()))
        lines = []
        for person in people:
            line = nodes.paragraph("", "", person_link(context, person))
            episodes = len(derived.guest_of.get(person.slug, ()))
            mentions = len(derived.mentioned_in.get(person.slug, ()))
            if episodes:
                line += nodes.inline("", " ★", classes=["podcast-guest-mark"])
                line += nodes.inline("", " guest", classes=["visually-hidden"])
            counts = []
            if episodes:
                counts.append(f"guest on {episodes}")
            if mentions:
                counts.append(f"mentioned in {mentions}")
            if counts:
                line += nodes.inline("", f" — {', '.join(counts)}",
                                     classes=["podcast-list-facts"])
            lines.append(line)
        content.append(bullets(lines, ["podcast-people"]))
    return content or [nodes.paragraph("", "Nobody yet.", classes=["podcast-empty"])]


@renderer("guests")
def render_guests(context: Context, node: nodes.Element) -> list[nodes.Node]:
    derived = context.derived
    directory = context.domain.directory
    lines = []
    for episode in derived.chronological:
        guests = [directory.people[slug] for slug in derived.guests.get(episode.docname, ())]
        if not guests:
            continue
        line = episode_line(context, episode)
        line += nodes.Text(" — ")
        for index, person in enumerate(guests):
            if index:
                line += nodes.Text(", ")
            line += person_link(context, person)
        lines.append(line)
    if not lines:
        return [nodes.paragraph("", "No guests yet.", classes=["podcast-empty"])]
    return [bullets(lines, ["podcast-guests"])]


@renderer("books")
def render_books(context: Context, node: nodes.Element) -> list[nodes.Node]:
    derived = context.derived
    directory = context.domain.directory
    books = sorted(derived.books.values(), key=lambda book: book.title.casefold())
    items = nodes.bullet_list(classes=["podcast-books"])
    for book in books:
        line = nodes.paragraph()
        title = nodes.strong("", book.title)
        if book.link:
            line += nodes.reference("", "", title, refuri=book.link)
        else:
            line += title
        if book.authors:
            line += nodes.Text(" by ")
            for index, author in enumerate(book.authors):
                if index:
                    line += nodes.Text(", ")
                person = directory.person(author)
                line += person_link(context, person) if person else nodes.Text(author)
        episodes = derived.book_episodes.get(book.slug, [])
        if episodes:
            line += nodes.Text(" — in ")
            for index, episode in enumerate(episodes):
                if index:
                    line += nodes.Text(", ")
                label = f"#{episode.number}" if episode.number is not None else episode.title
                line += internal_link(label, context.uri(episode.docname))
        items += nodes.list_item("", line, ids=[book.slug])
    if not books:
        return [nodes.paragraph("", "No books yet.", classes=["podcast-empty"])]
    return [items]


@renderer("episode-people")
def render_episode_people(context: Context, node: nodes.Element) -> list[nodes.Node]:
    """On an episode page: its guests, the people it mentions, its books."""
    derived = context.derived
    directory = context.domain.directory
    docname = context.docname
    guests = [directory.people[slug] for slug in derived.guests.get(docname, ())]
    mentioned = [directory.people[slug] for slug in derived.people_in(docname)]
    books = [derived.books[slug] for slug in derived.books_in(docname) if slug in derived.books]
    if not (guests or mentioned or books):
        return []
    block = nodes.container(classes=["podcast-people-block"])
    block += rubric("People and books in this episode")
    for label, links in (
        ("Guests", [person_link(context, person) for person in guests]),
        ("People mentioned", [person_link(context, person) for person in mentioned]),
        ("Books", [internal_link(book.title, context.uri(BOOKS_PAGE, book.slug))
                   for book in books]),
    ):
        if not links:
            continue
        line = nodes.paragraph()
        line += nodes.strong("", f"{label}: ")
        for index, link in enumerate(links):
            if index:
                line += nodes.Text(", ")
            line += link
        block += line
    return [block]


def no_section_sidebar(app: Sphinx, config) -> None:
    """``config-inited``: the people and books pages carry no section sidebar (the
    theme would show an empty "Section Navigation" there), unless conf.py says."""
    sidebars = dict(config.html_sidebars)
    for pattern in (f"{PEOPLE_DIR}/**", f"{BOOKS_PAGE.split('/')[0]}/**"):
        sidebars.setdefault(pattern, [])
    config.html_sidebars = sidebars


def setup(app: Sphinx) -> None:
    app.connect("config-inited", no_section_sidebar)

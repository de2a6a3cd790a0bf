"""The feed podcast apps subscribe to: ``podcast.xml``, RSS 2.0 with the iTunes
and Podcasting 2.0 tags, every episode that has audio, newest first.

A feed of its own beside the readers' (``rss.xml``, ``feed.xml``), because the
two serve different clients: a feed reader wants every post, announcements
included, and Atom; a podcast app wants only what it can play, and tags no
reader needs. Written with feedgen (its podcast extension for the iTunes tags,
one of the site's own for the Podcasting 2.0 ones) after every build, with no
build time in it: an unchanged site writes the same bytes.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree
from sphinx.application import Sphinx
from sphinx.util import logging

from ..after_reading.derived import derived_of
from ..before_reading.page_kinds import person_page
from ..core.post.episode import Episode
from ..core.text.times import aware
from ..core.text.urls import is_web_url
from ..state.domain import state_of
from ..writing.context import is_web_build
from .feeds import PODCAST_NAMESPACE, page_url, site_url, summary
from .json_chapters import json_path
from .transcript_files import of_episode

logger = logging.getLogger(__name__)

PODCAST_FEED = "podcast.xml"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
# Podcasting 2.0's namespace for podcast:guid (a UUIDv5 of the feed's address)
GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
CHAPTERS_TYPE = "application/json+chapters"
# Podlove Simple Chapters: the chapters in the item itself, for apps that read no JSON
PSC = "http://podlove.org/simple-chapters"


_NO_EPISODE = datetime(1970, 1, 1, tzinfo=UTC)  # a feed with no episode yet


def feed_guid(feed_url: str) -> str:
    """podcast:guid: the UUIDv5 of the feed's address without its scheme and
    trailing slashes (``example.org/podcast.xml``)."""
    address = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(GUID_NAMESPACE, address))


def item_guid(episode: Episode, channel_guid: str) -> tuple[str, bool]:
    """The item's GUID, and whether it is a permalink: the podcast host's when the
    import knows it (apps that follow the host's feed see the same episodes), else
    one made from the channel's GUID and the post's name (never the page's address,
    which changes when the site moves)."""
    if episode.guid:
        return episode.guid, False
    return f"urn:uuid:{uuid.uuid5(uuid.UUID(channel_guid), episode.docname)}", False


class Channel(BaseExtension):
    """Podcasting 2.0's channel tags, and ``itunes:explicit`` as Apple reads it now
    (``true``/``false``; feedgen writes only the older ``yes``/``no``)."""

    def __init__(self) -> None:
        self.values: dict = {}

    def extend_ns(self):
        return {"podcast": PODCAST_NAMESPACE, "itunes": ITUNES, "psc": PSC}

    def extend_rss(self, feed):
        channel = feed[0]
        values = self.values
        _add(channel, ITUNES, "explicit", "true" if values["explicit"] else "false")
        _add(channel, PODCAST_NAMESPACE, "guid", values["guid"])
        if values["locked"] is not None:
            _add(channel, PODCAST_NAMESPACE, "locked", "yes" if values["locked"] else "no",
                 **({"owner": values["owner_email"]} if values["owner_email"] else {}))
        for funding in values["funding"]:
            _add(channel, PODCAST_NAMESPACE, "funding", funding["text"], url=funding["url"])
        for person in values["people"]:
            _person(channel, person)
        return feed


class Item(BaseEntryExtension):
    """An item's Podcasting 2.0 tags, ``itunes:explicit``, and its description as
    HTML in CDATA."""

    def __init__(self) -> None:
        self.values: dict = {}

    def extend_rss(self, item):
        values = self.values
        description = item.find("description")
        if description is not None:
            description.text = etree.CDATA(values["description"])
        _add(item, ITUNES, "explicit", "true" if values["explicit"] else "false")
        if values.get("number") is not None:
            _add(item, PODCAST_NAMESPACE, "episode", str(values["number"]))
        if values.get("chapters"):
            _add(item, PODCAST_NAMESPACE, "chapters", None, url=values["chapters"],
                 type=CHAPTERS_TYPE)
            inline = _add(item, PSC, "chapters", None, version="1.2")
            for start, title in values["chapter_list"]:
                _add(inline, PSC, "chapter", None, start=clock(start), title=title)
        for url, kind in values.get("transcripts", ()):
            extra = {"rel": "captions"} if kind == "text/vtt" else {}
            _add(item, PODCAST_NAMESPACE, "transcript", None, url=url, type=kind, **extra)
        for person in values["people"]:
            _person(item, person)
        return item


def clock(seconds: float) -> str:
    """``HH:MM:SS`` (with milliseconds where there are), as Podlove Simple Chapters
    write a start."""
    whole, fraction = int(seconds), round(seconds % 1 * 1000)
    text = f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}"
    return f"{text}.{fraction:03d}" if fraction else text


def _add(parent, namespace: str, tag: str, text: str | None, **attributes: str):
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}", attributes)
    element.text = text
    return element


def _person(parent, person: dict[str, str]) -> None:
    attributes = {key: person[key] for key in ("role", "href", "img") if person.get(key)}
    _add(parent, PODCAST_NAMESPACE, "person", person["name"], **attributes)


def channel_values(app: Sphinx, feed_url: str) -> dict:
    config = app.config
    owner = dict(config.podcast_owner or {})
    host = dict(config.podcast_host or {})
    host.setdefault("name", config.author or config.project)
    people = [{"role": "host", **{key: str(host[key]) for key in ("name", "href", "img")
                                  if host.get(key)}}]
    funding = [item for item in config.podcast_funding or []
               if isinstance(item, dict) and is_web_url(str(item.get("url", "")))]
    return {"explicit": bool(config.podcast_explicit),
            "guid": config.podcast_guid or feed_guid(feed_url),
            "locked": config.podcast_locked, "owner_email": owner.get("email", ""),
            "funding": [{"url": item["url"], "text": str(item.get("text") or "Support")}
                        for item in funding],
            "people": people}


def artwork_url(app: Sphinx) -> str:
    """The show's artwork: a web address, or a file of the site's static files."""
    artwork = app.config.podcast_artwork
    return artwork if is_web_url(artwork) else f"{site_url(app)}_static/{artwork}"


def build_podcast_feed(app: Sphinx, episodes: list[Episode]) -> FeedGenerator:
    config, base = app.config, site_url(app)
    feed_url = base + PODCAST_FEED
    channel = channel_values(app, feed_url)
    feed = FeedGenerator()
    feed.load_extension("podcast", atom=False, rss=True)
    feed.register_extension("index", Channel, Item, atom=False, rss=True)
    feed.index.values = channel
    feed.title(config.project)
    feed.description(config.podcast_description or config.project)
    feed.language(config.language or "en")
    feed.link([{"href": feed_url, "rel": "self"}, {"href": base or "./", "rel": "alternate"}])
    author = config.podcast_author or config.author or config.project
    feed.podcast.itunes_author(author)
    owner = config.podcast_owner or {}
    if owner.get("email"):
        feed.podcast.itunes_owner(name=owner.get("name") or author, email=owner["email"])
    feed.podcast.itunes_image(artwork_url(app))
    feed.image(url=artwork_url(app), title=config.project, link=base or "./")
    category, _, subcategory = config.podcast_category.partition(">")
    feed.podcast.itunes_category(category.strip(), subcategory.strip() or None)
    feed.podcast.itunes_type(config.podcast_type)
    feed.podcast.itunes_summary(config.podcast_description or config.project)
    # the newest episode's date, never the build's: an unchanged site writes the same bytes
    newest = aware(episodes[0].published) if episodes else _NO_EPISODE
    feed.lastBuildDate(newest)
    feed.pubDate(newest)
    directory = state_of(app.env).directory
    for episode in reversed(episodes):  # feedgen prepends: add oldest first
        add_item(app, feed, episode, channel, directory)
    return feed


def add_item(app: Sphinx, feed: FeedGenerator, episode: Episode, channel: dict,
             directory) -> None:
    base = site_url(app)
    url = page_url(app, episode.docname)
    entry = feed.add_entry()
    entry.title(episode.title)
    entry.link(href=url)
    guid, permalink = item_guid(episode, channel["guid"])
    entry.guid(guid, permalink=permalink)
    entry.pubDate(aware(episode.published))
    text = summary(episode) or episode.title
    entry.description(text)
    entry.enclosure(episode.audio.url, str(episode.audio.length or 0), episode.audio.type)
    if episode.audio.duration:
        entry.podcast.itunes_duration(episode.audio.duration)
    if episode.number is not None:
        entry.podcast.itunes_episode(episode.number)
    image = episode.artwork_url or episode.thumbnail_url
    if image and image.endswith((".jpg", ".png")):  # what iTunes reads (feedgen checks it)
        entry.podcast.itunes_image(image)
    page = app.builder.get_target_uri(episode.docname)
    people = []
    for name in episode.guests:
        person = directory.person(name)
        href = base + app.builder.get_target_uri(person_page(person.slug)) if person else ""
        people.append({"role": "guest", "name": name, "href": href})
    people.extend(channel["people"])  # an item's people replace the channel's: the host too
    transcript = of_episode(app, episode.docname)
    entry.index.values = {
        "description": f"<p>{escape(text)}</p>\n<p><a href=\"{escape(url, quote=True)}\">"
                       "Show notes</a></p>",
        "explicit": channel["explicit"],
        "number": episode.number,
        "chapters": base + json_path(page) if episode.chapters else "",
        "chapter_list": [(chapter.start, chapter.title) for chapter in episode.chapters],
        "transcripts": [(base + transcript[0], transcript[1])] if transcript else [],
        "people": people,
    }


def write_podcast_feed(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the podcast feed, on every build, incremental ones too."""
    if exception is not None or not is_web_build(app):
        return
    newest_first = derived_of(state_of(app.env)).newest_first
    episodes = [episode for episode in newest_first if episode.published and episode.audio]
    feed = build_podcast_feed(app, episodes)
    path = Path(app.outdir, PODCAST_FEED)
    text = feed.rss_str(pretty=True)
    if not path.is_file() or path.read_bytes() != text:
        path.write_bytes(text)
    artwork = app.config.podcast_artwork
    if not is_web_url(artwork) and not Path(app.outdir, "_static", artwork).is_file():
        logger.warning("podcast_artwork %r is no file of the site's static files: the podcast "
                       "feed names artwork that is not there", artwork, type="podcast",
                       subtype="feed")


def discovery_link(app: Sphinx, pagename: str, templatename: str, context: dict,
                   doctree) -> None:
    """``html-page-context``: every page names the podcast feed in its head."""
    if is_web_build(app):
        title = escape(f"{app.config.project} (podcast)", quote=True)
        context["metatags"] = context.get("metatags", "") + (
            f'<link rel="alternate" type="application/rss+xml" title="{title}" '
            f'href="{context["pathto"](PODCAST_FEED, 1)}" />\n')


def setup(app: Sphinx) -> None:
    app.add_config_value("podcast_author", "", "html", str)
    app.add_config_value("podcast_owner", {}, "html", dict)  # name, email
    app.add_config_value("podcast_host", {}, "html", dict)  # name, href, img
    app.add_config_value("podcast_artwork", "podcast-artwork.png", "html", str)
    app.add_config_value("podcast_category", "Technology", "html", str)  # "A > B"
    app.add_config_value("podcast_explicit", False, "html", bool)
    app.add_config_value("podcast_type", "episodic", "html", str)
    app.add_config_value("podcast_guid", "", "html", str)
    app.add_config_value("podcast_locked", True, "html", (bool, type(None)))
    app.add_config_value("podcast_funding", [], "html", list)  # [{url, text}]
    app.connect("build-finished", write_podcast_feed)
    app.connect("html-page-context", discovery_link)

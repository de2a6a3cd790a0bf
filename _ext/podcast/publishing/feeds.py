"""Atom and RSS feeds of the episodes, written with feedgen after every build.

Atom lives at ``feed.xml`` (the path the Jekyll site's feed had), RSS 2.0 at
``rss.xml``; every page names both in its head so feed readers find them.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree
from sphinx.application import Sphinx

from ..after_reading.derived import derived_of
from ..core.post.episode import Episode
from ..core.text.times import aware
from ..state.domain import state_of
from ..writing.context import is_web_build
from .transcript_files import of_episode

ATOM = "feed.xml"
RSS = "rss.xml"


def site_url(app: Sphinx) -> str:
    base = app.config.html_baseurl or ""
    return base if not base or base.endswith("/") else base + "/"


def page_url(app: Sphinx, docname: str) -> str:
    return site_url(app) + app.builder.get_target_uri(docname)


def summary(episode: Episode) -> str:
    guests = f"With {', '.join(episode.guests)}. " if episode.guests else ""
    return guests + episode.excerpt


PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"


class PodcastNamespace(BaseExtension):
    def extend_ns(self):
        return {"podcast": PODCAST_NAMESPACE}


class Transcripts(BaseEntryExtension):
    """RSS items' ``<podcast:transcript url type>`` (Podcasting 2.0)."""

    def __init__(self) -> None:
        self.files: list[tuple[str, str]] = []

    def transcript(self, url: str, kind: str) -> None:
        self.files.append((url, kind))

    def extend_rss(self, item):
        for url, kind in self.files:
            etree.SubElement(item, f"{{{PODCAST_NAMESPACE}}}transcript", url=url, type=kind)
        return item


class Enclosures(BaseEntryExtension):
    """feedgen 1.0 writes an entry's Atom links without ``rel``, ``type`` and
    ``length`` (it reads them off the element it has just made, not off the link):
    through its own extension hook, the enclosure's are set again."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def enclosure(self, url: str, length: str, kind: str) -> None:
        self.links.append({"href": url, "rel": "enclosure", "type": kind, "length": length})

    def extend_atom(self, entry):
        for element in entry:
            if element.tag.rpartition("}")[2] != "link":
                continue
            for link in self.links:
                if element.get("href") == link["href"]:
                    for key in ("rel", "type", "length"):
                        element.set(key, link[key])
        return entry


def build_feed(app: Sphinx, episodes: list[Episode]) -> FeedGenerator:
    base = site_url(app)
    feed = FeedGenerator()
    feed.load_extension("media", atom=True, rss=True)
    feed.register_extension("podcast", BaseExtension, Enclosures, atom=True, rss=False)
    feed.register_extension("transcripts", PodcastNamespace, Transcripts, atom=False, rss=True)
    feed.id(base or app.config.project)
    feed.title(app.config.project)
    feed.subtitle(app.config.podcast_description or app.config.project)
    feed.author({"name": app.config.author or app.config.project})
    feed.language(app.config.language or "en")
    if episodes:
        feed.updated(aware(episodes[0].published))
    for episode in reversed(episodes):  # feedgen prepends: add oldest first
        url = page_url(app, episode.docname)
        entry = feed.add_entry()
        entry.id(url)
        entry.title(episode.title)
        entry.link(href=url)
        entry.published(aware(episode.published))
        entry.updated(aware(episode.published))
        entry.summary(summary(episode) or episode.title)
        for guest in episode.guests:
            entry.contributor({"name": guest})
            entry.category({"term": guest, "label": f"Guest: {guest}"})
        if episode.thumbnail_url:
            entry.media.thumbnail({"url": episode.thumbnail_url, "width": "480",
                                   "height": "360"})
        if episode.audio:  # RSS <enclosure>, Atom <link rel="enclosure">
            length = str(episode.audio.length or 0)
            entry.enclosure(episode.audio.url, length, episode.audio.type)
            entry.podcast.enclosure(episode.audio.url, length, episode.audio.type)
        transcript = of_episode(app, episode.docname)
        if transcript:
            entry.transcripts.transcript(base + transcript[0], transcript[1])
    return feed


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: both feeds, on every build, incremental ones too."""
    if exception is not None or not is_web_build(app):
        return
    newest_first = derived_of(state_of(app.env)).newest_first
    episodes = [episode for episode in newest_first if episode.published]
    feed = build_feed(app, episodes[: app.config.podcast_feed_length])
    outdir, base = Path(app.outdir), site_url(app)
    for name, write in ((ATOM, feed.atom_file), (RSS, feed.rss_file)):
        # each feed names itself; the site comes last, as feedgen takes RSS's <link>
        # from the last link
        feed.link([{"href": base + name, "rel": "self"},
                   {"href": base or "./", "rel": "alternate"}], replace=True)
        write(str(outdir / name), pretty=True)


def discovery_links(app: Sphinx, pagename: str, templatename: str, context: dict,
                    doctree) -> None:
    """``html-page-context``: every page names the feeds in its head."""
    if not is_web_build(app):
        return
    pathto = context["pathto"]
    title = escape(app.config.project, quote=True)
    context["metatags"] = context.get("metatags", "") + (
        f'<link rel="alternate" type="application/atom+xml" title="{title} (Atom)" '
        f'href="{pathto(ATOM, 1)}" />\n'
        f'<link rel="alternate" type="application/rss+xml" title="{title} (RSS)" '
        f'href="{pathto(RSS, 1)}" />\n'
    )


def setup(app: Sphinx) -> None:
    app.add_config_value("podcast_description", "", "html", str)
    app.add_config_value("podcast_feed_length", 50, "html", int)
    app.connect("build-finished", write_feeds)
    app.connect("html-page-context", discovery_links)

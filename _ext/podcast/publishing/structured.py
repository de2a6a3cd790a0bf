"""What machines read in each page's head: JSON-LD and social cards.

Episode pages describe a ``PodcastEpisode`` with its ``VideoObject`` (one
``Clip`` per chapter) and guests; the home page the ``PodcastSeries``.
Social cards come from sphinxext-opengraph, fed the episode's first paragraph
and thumbnail; its 0.13 release escapes only quotes in its tags, so they are
escaped again here, fully, after it ran.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from html import escape, unescape

from sphinx.application import Sphinx

from ..before_reading.page_kinds import person_page
from ..core.post.episode import Episode
from ..core.post.timestamps import durations
from ..core.text.times import aware
from ..core.text.urls import PRIVACY_EMBED, STANDARD_EMBED, watch_url
from ..state.domain import state_of
from ..writing.context import is_web_build
from .feeds import ATOM, page_url, site_url


def script_json(data) -> str:
    """JSON that cannot end its ``<script>`` element, whatever the posts say."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def series(app: Sphinx) -> dict:
    data = {
        "@type": "PodcastSeries",
        "name": app.config.project,
        "url": site_url(app),
        "webFeed": site_url(app) + ATOM,
    }
    if app.config.podcast_description:
        data["description"] = app.config.podcast_description
    links = [link["url"] for link in app.config.podcast_listen_links]
    if links:
        data["sameAs"] = links
    return data


def video(app: Sphinx, episode: Episode) -> dict:
    host = PRIVACY_EMBED if app.config.podcast_youtube_privacy else STANDARD_EMBED
    data = {
        "@type": "VideoObject",
        "name": episode.title,
        "description": episode.excerpt or episode.title,
        "embedUrl": f"{host}{episode.youtube_id}",
        "contentUrl": episode.watch_url,
        "thumbnailUrl": episode.thumbnail_url,
    }
    if episode.published:
        data["uploadDate"] = aware(episode.published).isoformat()
    if episode.chapters:
        clips = []
        for chapter, length in zip(episode.chapters, durations(list(episode.chapters)),
                                   strict=True):
            clip = {
                "@type": "Clip",
                "name": chapter.title,
                "startOffset": chapter.start,
                "url": watch_url(episode.youtube_id, chapter.start),
            }
            if length is not None:
                clip["endOffset"] = chapter.start + length
            clips.append(clip)
        data["hasPart"] = clips
    return data


def episode_data(app: Sphinx, episode: Episode) -> dict:
    directory = state_of(app.env).directory
    data = {
        "@context": "https://schema.org",
        "@type": "PodcastEpisode",
        "name": episode.title,
        "url": page_url(app, episode.docname),
        "partOfSeries": series(app),
    }
    if episode.number is not None:
        data["episodeNumber"] = episode.number
    if episode.published:
        data["datePublished"] = aware(episode.published).isoformat()
    if episode.excerpt:
        data["description"] = episode.excerpt
    guests = []
    for name in episode.guests:
        person = {"@type": "Person", "name": name}
        known = directory.person(name)
        if known:
            person["url"] = page_url(app, person_page(known.slug))
        guests.append(person)
    if guests:
        data["actor"] = guests
    if episode.youtube_id:
        data["video"] = video(app, episode)
    if episode.audio:
        data["audio"] = audio(episode)
    if episode.transcript:
        data["transcript"] = page_url(app, episode.transcript)
    return data


def audio(episode: Episode) -> dict:
    data = {"@type": "AudioObject", "contentUrl": episode.audio.url,
            "encodingFormat": episode.audio.type}
    if episode.audio.duration:
        hours, rest = divmod(episode.audio.duration, 3600)
        minutes, seconds = divmod(rest, 60)
        data["duration"] = f"PT{hours}H{minutes}M{seconds}S"
    if episode.audio.length:
        data["contentSize"] = str(episode.audio.length)
    return data


def add_structured_data(app: Sphinx, pagename: str, templatename: str, context: dict,
                        doctree) -> None:
    """``html-page-context``: JSON-LD for episodes and the home page; card data."""
    if not is_web_build(app):
        return
    episode = state_of(app.env).episodes.get(pagename)
    if episode is not None:
        context["metatags"] = context.get("metatags", "") + script_json(
            episode_data(app, episode))
        # sphinxext-opengraph reads per-page values from the page's metadata
        meta = dict(context.get("meta") or {})
        if episode.excerpt:
            meta["og:description"] = episode.excerpt
        if episode.thumbnail_url:
            meta["og:image"] = episode.thumbnail_url
            meta["og:image:alt"] = f"Video: {episode.title}"
            meta["og:type"] = "video.episode"
        context["meta"] = meta
    elif pagename == app.config.root_doc:
        context["metatags"] = context.get("metatags", "") + script_json(
            {"@context": "https://schema.org", **series(app)})


_META = re.compile(r'<meta (property|name)="([^"]+)" content="([^"]*)" />')


def escape_social_tags(app: Sphinx, pagename: str, templatename: str, context: dict,
                       doctree) -> None:
    """``html-page-context``, after sphinxext-opengraph: escape its tags fully,
    and add the Twitter card."""
    if not is_web_build(app):
        return
    metatags = context.get("metatags", "")

    def again(match: re.Match) -> str:
        kind, name, content = match.groups()
        if not name.startswith(("og:", "twitter:")) and name != "description":
            return match.group(0)
        # as text: sphinxext-opengraph escapes a description it reads from the page
        # fully, and what it is given (an episode's excerpt) only of its quotes
        text = unescape(content)
        return f'<meta {kind}="{name}" content="{escape(text, quote=True)}" />'

    metatags = _META.sub(again, metatags)
    # the description is the page's own first paragraph, as in og:description
    description = re.search(r'<meta property="og:description" content="([^"]*)" />', metatags)
    if description:
        metatags = re.sub(r'<meta name="description" content="[^"]*" />',
                          lambda _: f'<meta name="description" content="{description[1]}" />',
                          metatags)
    if 'name="twitter:card"' not in metatags and 'property="og:title"' in metatags:
        card = "summary_large_image" if 'property="og:image"' in metatags else "summary"
        metatags += f'<meta name="twitter:card" content="{card}" />\n'
    context["metatags"] = metatags


def setup(app: Sphinx) -> None:
    # It prints, on import, that without matplotlib it makes no images of its own:
    # the site needs none (episodes show their video's thumbnail), so the host
    # need not read it at every build.
    with contextlib.redirect_stdout(io.StringIO()):
        app.setup_extension("sphinxext.opengraph")
    app.connect("html-page-context", add_structured_data, priority=400)
    app.connect("html-page-context", escape_social_tags, priority=600)

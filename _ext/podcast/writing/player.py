"""The players: sphinxcontrib-youtube's node, drawn by our own visitors, and
the episode's audio.

Reading puts the library's ``youtube`` node in each episode's header
(``read.header``). Its HTML visitor draws a fixed 560 px iframe
with no ``title`` and no lazy loading, so we override that visitor from outside:
a responsive 16:9 box holding a click-to-load facade (the thumbnail and a play
button) and, in a ``<template>``, the privacy-mode iframe that replaces it when
the listener presses play. Nothing from YouTube but the thumbnail loads before.

The audio is drawn with media-chrome's controls (``static/vendor/media-chrome``)
around the browser's own player, which is what shows without JavaScript; the
library, ``podcast-player.js`` and ``podcast-player.css`` are added only to the
pages that have audio (an episode's, or its transcript page, whose player is a
placeholder filled from the episode's record).
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinxcontrib.youtube.youtube import youtube

from ..core.text.urls import PRIVACY_EMBED, STANDARD_EMBED, thumbnail_url, watch_url
from ..reading.header import audio_player
from ..reading.placeholders import placeholder
from ..state.domain import state_of
from .context import Context, is_web_build
from .renderers import renderer

# What the player may use; "autoplay" lets the facade start it on the first click.
IFRAME_ALLOW = (
    "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; "
    "picture-in-picture; web-share"
)


def embed_url(node: youtube) -> str:
    host = PRIVACY_EMBED if node.get("privacy_mode") else STANDARD_EMBED
    # enablejsapi lets the chapter links seek the player through postMessage.
    return f"{host}{node['id']}?enablejsapi=1&rel=0"


def _tag(name: str, attributes: dict[str, str | None]) -> str:
    rendered = "".join(
        f' {key}="{escape(value, quote=True)}"' if value is not None else f" {key}"
        for key, value in attributes.items()
    )
    return f"<{name}{rendered}>"


def iframe_html(node: youtube) -> str:
    title = node.get("title") or "YouTube video"
    return _tag(
        "iframe",
        {
            "src": embed_url(node),
            "title": f"Video: {title}",
            "loading": "lazy",
            "allow": IFRAME_ALLOW,
            "referrerpolicy": "strict-origin-when-cross-origin",
            "allowfullscreen": None,
        },
    ) + "</iframe>"


def facade_html(node: youtube) -> str:
    title = node.get("title") or "YouTube video"
    thumbnail = thumbnail_url(node["id"])
    return (
        _tag("a", {"class": "podcast-video-facade", "href": watch_url(node['id'])})
        + _tag("img", {"src": thumbnail, "alt": "", "loading": "lazy", "decoding": "async",
                       "width": "480", "height": "360"})
        + '<span class="podcast-video-play" aria-hidden="true"></span>'
        + f'<span class="podcast-video-label">Play video: {escape(title)}</span>'
        + "</a>"
    )


def visit_youtube_html(self, node: youtube) -> None:
    facade = self.builder.config.podcast_youtube_facade
    self.body.append(
        _tag("div", {"class": "podcast-video", "data-video-id": node["id"],
                     "data-facade": "true" if facade else "false"})
    )
    if facade:
        self.body.append(facade_html(node) + "<template>" + iframe_html(node) + "</template>")
    else:
        self.body.append(iframe_html(node))
    self.body.append("</div>\n")
    episode = state_of(self.builder.env).episodes.get(self.builder.current_docname)
    if episode is not None and episode.chapters and not episode.audio:
        # the chapter playing, named as the video moves (podcast.js); the audio's
        # player has a line of its own
        self.body.append(now_html())
    raise nodes.SkipNode


def now_html() -> str:
    """Where podcast.js names the chapter playing; the line is there before it
    speaks, so nothing moves when it does."""
    return '<p class="podcast-now" data-pagefind-ignore></p>\n'


def outside_the_web(label: str, url_of, link_classes: str, words) -> dict:
    """The visitors of a player where there is no player (e-books, LaTeX, text,
    man, Texinfo): a link, or the bare address after ``label``."""

    def link(self, node) -> None:
        title = node.get("title") or "this episode"
        self.body.append(f'<p class="{link_classes}">' + _tag("a", {"href": url_of(node)})
                         + f"{words(escape(title))}</a></p>\n")
        raise nodes.SkipNode

    def text(self, node) -> None:
        self.add_text(f"{label}: {url_of(node)}")
        raise nodes.SkipNode

    def plain(self, node) -> None:
        self.body.append(f"{label}: {url_of(node)}\n")
        raise nodes.SkipNode

    def latex(self, node) -> None:
        self.body.append(rf"\begin{{quote}}\url{{{url_of(node)}}}\end{{quote}}" + "\n")
        raise nodes.SkipNode

    return {"epub": (link, None), "latex": (latex, None), "text": (text, None),
            "man": (plain, None), "texinfo": (plain, None)}


# The playback speeds offered, slowest first; the button shows the one playing.
RATES = "0.75 1 1.25 1.5 1.75 2"
BACK, FORWARD = 15, 30  # seconds, for the buttons


def controls_html() -> str:
    """media-chrome's control bar: back 15 s, play or pause, forward 30 s, the time
    and duration, where the audio is (a slider), the speed. The library names
    each control for assistive technology."""
    return (
        "<media-control-bar>"
        + _tag("media-seek-backward-button", {"seekoffset": str(BACK)})
        + "</media-seek-backward-button><media-play-button></media-play-button>"
        + _tag("media-seek-forward-button", {"seekoffset": str(FORWARD)})
        + "</media-seek-forward-button>"
        + "<media-time-display showduration></media-time-display>"
        + "<media-time-range></media-time-range>"
        + _tag("media-playback-rate-button", {"rates": RATES})
        + "</media-playback-rate-button></media-control-bar>"
    )


def visit_audio_html(self, node: audio_player) -> None:
    """An HTML5 player that downloads nothing before play (``preload="none"``),
    inside media-chrome's controller; below it the chapter playing (or the offer to
    continue where the listener left) and the link to share the moment."""
    title = node.get("title") or "this episode"
    episode = node.get("episode") or self.builder.current_docname
    # the length the feed says, shown before the audio is asked for (it loads nothing):
    # a transcript page's player carries it (its page is written again when it changes),
    # an episode's page has it in its own record
    duration = node.get("duration")
    if duration is None and not node.get("transcript"):
        record = state_of(self.builder.env).episodes.get(episode)
        duration = record.audio.duration if record is not None and record.audio else None
    # a transcript page's player stays in view as the page scrolls
    classes = "podcast-audio" + (" podcast-audio-transcript" if node.get("transcript") else "")
    # The keys are media-chrome's, in the player: the arrows go 10 s back or on (as its
    # list of keys, "?", says); a sound has no full screen, captions or picture in
    # picture, so f, c and p do nothing, and the list leaves them out.
    controller = {"audio": None, "class": "podcast-player", "hotkeys": "nof noc nop"}
    if duration:
        controller["defaultduration"] = str(duration)
    self.body.append(
        # the player is no words of the page: the search leaves it out (its fallback
        # link names the episode, which a transcript page must not be found by)
        _tag("div", {"class": classes, "data-episode": episode, "data-pagefind-ignore": None})
        + _tag("media-controller", controller)
        + _tag("audio", {"slot": "media", "controls": None, "preload": "none",
                         "aria-label": f"Audio: {title}"})
        + _tag("source", {"src": node["url"], "type": node["type"]})
        + _tag("a", {"href": node["url"]}) + f"Listen to {escape(title)}</a></audio>"
        + controls_html() + "</media-controller>"
        + '<p class="podcast-player-status" data-pagefind-ignore>'
        + '<span class="podcast-now"></span>'
        + '<span class="podcast-resume" hidden><button type="button" '
        + 'class="podcast-resume-continue">Continue</button> <button type="button" '
        + 'class="podcast-resume-restart">Start over</button></span></p>'
        + '<p class="podcast-share" data-pagefind-ignore>'
        + '<span class="podcast-share-label">Share this moment:</span> '
        + '<button type="button" class="podcast-share-copy">Copy link</button> '
        + '<a class="podcast-share-link" href="#t=0">#t=0</a>'
        + '<span class="podcast-share-said visually-hidden" role="status"></span></p>'
        + "</div>\n")
    raise nodes.SkipNode


@renderer("transcript-player")
def transcript_player(context: Context, node: placeholder) -> list[nodes.Node]:
    """A transcript page's player: its episode's audio, if it has one (the page is
    written again when the episode's record changes, as for any placeholder)."""
    episode = context.domain.episodes.get(node["episode"])
    if not context.html or episode is None or episode.audio is None:
        return []
    return [audio_player(url=episode.audio.url, type=episode.audio.type, title=episode.title,
                         episode=episode.docname, duration=episode.audio.duration,
                         transcript=True)]


# The player's files, on the pages that have audio only (priority: after podcast.js).
PLAYER_FILES = ("vendor/media-chrome/media-chrome.js", "podcast-player.js")
# What of static/ the e-book leaves out: it has no player (its licence and notes have
# no type an e-book knows, and would warn; the notes are .txt so that no build where
# the output lies inside the sources takes them for a page).
NOT_IN_E_BOOKS = ("podcast-player.css", "podcast-player.js",
                  *(f"vendor/media-chrome/{name}" for name in
                    ("media-chrome.js", "LICENSE", "README.txt")))


def add_player_files(app: Sphinx, pagename: str, templatename: str, context: dict,
                     doctree: nodes.document | None) -> None:
    """``html-page-context``: a page with audio gets the library, its script and its
    stylesheet; every other page none of them."""
    if doctree is None or not is_web_build(app):
        return
    if next(doctree.findall(audio_player), None) is None:
        return
    for name in PLAYER_FILES:
        app.builder.add_js_file(name, priority=600, defer="defer")
    app.builder.add_css_file("podcast-player.css", priority=600)


def leave_out_of_e_books(app: Sphinx) -> None:
    """``builder-inited``: an e-book carries none of the player's files."""
    if app.builder.name.startswith("epub"):
        app.config.epub_exclude_files = [*app.config.epub_exclude_files,
                                         *(f"_static/{name}" for name in NOT_IN_E_BOOKS)]


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.youtube")
    app.add_config_value("podcast_youtube_facade", True, "html", bool)
    app.add_node(
        youtube,
        override=True,
        html=(visit_youtube_html, None),
        **outside_the_web("Video", lambda node: watch_url(node["id"]), "podcast-video-link",
                          lambda title: f"Watch {title} on YouTube"),
    )
    app.add_node(
        audio_player,
        html=(visit_audio_html, None),
        **outside_the_web("Audio", lambda node: node["url"], "podcast-audio-link",
                          lambda title: f"Listen to {title}"),
    )
    app.connect("html-page-context", add_player_files)
    app.connect("builder-inited", leave_out_of_e_books)

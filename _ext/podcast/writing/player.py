"""The players: sphinxcontrib-youtube's node, drawn by our own visitors, and
the episode's audio.

Reading puts the library's ``youtube`` node in each episode's header
(``read.header``). Its HTML visitor draws a fixed 560 px iframe
with no ``title`` and no lazy loading, so we override that visitor from outside:
a responsive 16:9 box holding a click-to-load facade (the thumbnail and a play
button) and, in a ``<template>``, the privacy-mode iframe that replaces it when
the listener presses play. Nothing from YouTube but the thumbnail loads before.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinxcontrib.youtube.youtube import youtube

from ..core.text.urls import PRIVACY_EMBED, STANDARD_EMBED, thumbnail_url, watch_url
from ..reading.header import audio_player

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
    raise nodes.SkipNode


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


def visit_audio_html(self, node: audio_player) -> None:
    """An HTML5 player that downloads nothing before play (``preload="none"``)."""
    title = node.get("title") or "this episode"
    self.body.append(
        _tag("div", {"class": "podcast-audio"})
        + _tag("audio", {"controls": None, "preload": "none", "aria-label": f"Audio: {title}"})
        + _tag("source", {"src": node["url"], "type": node["type"]})
        + _tag("a", {"href": node["url"]}) + f"Listen to {escape(title)}</a></audio></div>\n")
    raise nodes.SkipNode


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

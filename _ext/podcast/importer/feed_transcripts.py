"""The ``<podcast:transcript>`` links of each item of a podcast feed, and which of
an item's is best. No Sphinx, and no network: the feed's bytes in.

feedparser keeps one ``podcast:transcript`` of an item (the last), so the feed is
read again here with the standard library's expat, safely: a feed that declares
an entity (``<!ENTITY``: what "billion laughs" and external files are made of)
is refused, and no external entity or DTD is ever read.

Podcasting 2.0 lets an item offer several (``url``, ``type``, ``language``,
``rel``); the best is the one the site reads as it is: WebVTT, then SRT, then
the JSON and HTML formats, which are turned into WebVTT.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.parsers import expat

from .safe_values import one_line, web_url

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
#: media type -> (rank, what it is saved as); a type not here is not read
TYPES = {
    "text/vtt": (0, "vtt"),
    "application/x-subrip": (1, "srt"),
    "application/srt": (1, "srt"),
    "text/srt": (1, "srt"),
    "application/x-srt": (1, "srt"),
    "application/json": (2, "json"),
    "text/html": (3, "html"),
}
MAX_LINKS = 10  # of one item: a real feed gives two or three


class TranscriptsError(ValueError):
    """A feed whose transcripts cannot be read (why)."""


@dataclass(frozen=True)
class TranscriptLink:
    url: str  # "" when the feed's was no web address (then ``given`` says what it was)
    type: str  # the media type, lower case, without parameters
    language: str = ""
    rel: str = ""
    given: str = ""  # the address as the feed wrote it (one line, bounded), for the report

    @property
    def rank(self) -> int:
        return TYPES.get(self.type, (len(TYPES), ""))[0]

    @property
    def kind(self) -> str:
        """``vtt``, ``srt``, ``json`` or ``html``; "" for a type not read."""
        return TYPES.get(self.type, (0, ""))[1]


@dataclass(frozen=True)
class ItemTranscripts:
    guid: str
    links: tuple[TranscriptLink, ...]


def _refuse_entities(*_args) -> None:
    raise TranscriptsError("the feed declares an entity (<!ENTITY): not read")


def _refuse_external(*_args) -> int:
    raise TranscriptsError("the feed refers to an external entity: not read")


def item_transcripts(data: bytes) -> list[ItemTranscripts]:
    """Each ``<item>``'s GUID and transcript links, in the feed's order."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse_entities
    parser.UnparsedEntityDeclHandler = _refuse_entities
    parser.ExternalEntityRefHandler = _refuse_external
    items: list[ItemTranscripts] = []
    state: dict = {"in_item": False, "in_guid": False, "guid": [], "links": []}

    def start(name: str, attrs: dict) -> None:
        if name == "item":
            state.update(in_item=True, in_guid=False, guid=[], links=[])
        elif state["in_item"] and name == "guid":
            state.update(in_guid=True, guid=[])
        elif (state["in_item"] and name == f"{PODCAST_NS} transcript"
              and len(state["links"]) < MAX_LINKS):
            state["links"].append(_link(attrs))

    def end(name: str) -> None:
        if name == "item" and state["in_item"]:
            guid = one_line("".join(state["guid"]), 300)
            items.append(ItemTranscripts(guid, tuple(state["links"])))
            state["in_item"] = False
        elif name == "guid":
            state["in_guid"] = False

    def text(data: str) -> None:
        if state["in_guid"] and len(state["guid"]) < 100:
            state["guid"].append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise TranscriptsError(f"no well-formed XML ({expat.errors.messages[error.code]}, "
                               f"line {error.lineno})") from None
    return items


def _link(attrs: dict) -> TranscriptLink:
    given = one_line(attrs.get("url", ""), 200)
    kind = one_line(attrs.get("type", ""), 100).split(";")[0].strip().casefold()
    return TranscriptLink(web_url(attrs.get("url", "")), kind,
                          one_line(attrs.get("language", ""), 40),
                          one_line(attrs.get("rel", ""), 40), given)


def ranked(links: tuple[TranscriptLink, ...]) -> list[TranscriptLink]:
    """The links the site can have, best first (WebVTT, SRT, JSON, HTML; the feed's
    order among equals); a link that is no web address, or of another type, is not."""
    usable = [link for link in links if link.url and link.kind]
    return sorted(usable, key=lambda link: link.rank)  # sorted() keeps the feed's order


def joined(entries: int, found: list[ItemTranscripts], guids: list[str]
           ) -> list[tuple[TranscriptLink, ...]]:
    """Each of feedparser's ``entries`` (their GUIDs ``guids``) with its item's links:
    by position when both read as many items, else by GUID."""
    if len(found) == entries:
        return [item.links for item in found]
    by_guid = {item.guid: item.links for item in found if item.guid}
    return [by_guid.get(guid, ()) if guid else () for guid in guids]

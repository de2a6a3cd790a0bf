"""Text as the host meant it: invisible characters out, bytes that are no UTF-8
read all the same. No Sphinx here.

Zero-width characters, direction controls (overrides and isolates), soft
hyphens and stray byte-order marks come with text pasted from word processors
and chat tools; in a name they make a second person, in a title they reverse
what follows. Posts saved in Windows-1252 have bytes that are no UTF-8.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# zero-width space/joiners, LRM/RLM, bidi embeddings/overrides/isolates, word
# joiner and invisible operators, soft hyphen, Arabic letter mark, BOM
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
                        "\u00ad\u061c\u180e\ufeff]")

LENIENT = "podcast-utf-8"  # the codec Sphinx and the extension read posts with
_FALLBACK = "podcast-cp1252"  # its error handler


def invisible_in(text: str) -> list[str]:
    """The names of the invisible characters in ``text``, each once."""
    return list(dict.fromkeys(unicodedata.name(char, f"U+{ord(char):04X}")
                              for char in _INVISIBLE.findall(text)))


def visible(text: str) -> str:
    """``text`` without its invisible characters (none in ASCII)."""
    return text if text.isascii() else _INVISIBLE.sub("", text)


def _cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    """Bytes that are no UTF-8, read as Windows-1252 (what such files use)."""
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


def not_utf8(data: bytes) -> tuple[int, str] | None:
    """The line (1-based) of the first bytes that are no UTF-8, and how they read
    as Windows-1252; ``None`` when all is UTF-8."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return line, data[error.start:error.end].decode("cp1252", errors="replace")
    return None


def read_text(data: bytes) -> str:
    """A post's bytes as text: UTF-8, any byte that is none read as Windows-1252."""
    register()
    return codecs.decode(data, LENIENT)


class _LenientDecoder(codecs.IncrementalDecoder):
    """UTF-8 (a leading byte-order mark dropped), other bytes as Windows-1252,
    whatever error handling the caller asks for."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(_FALLBACK)
        self.inner = codecs.getincrementaldecoder("utf-8-sig")(_FALLBACK)

    def decode(self, data, final=False):
        return self.inner.decode(data, final)

    def reset(self) -> None:
        self.inner.reset()


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != LENIENT:
        return None
    utf8 = codecs.lookup("utf-8-sig")
    return codecs.CodecInfo(
        name=LENIENT, encode=utf8.encode,
        decode=lambda data, errors="strict": (
            codecs.decode(bytes(data), "utf-8-sig", _FALLBACK), len(data)),
        incrementalencoder=utf8.incrementalencoder, incrementaldecoder=_LenientDecoder,
        streamreader=utf8.streamreader, streamwriter=utf8.streamwriter)


def register() -> None:
    """Make the lenient codec known to Python (once; forked workers inherit it)."""
    try:
        codecs.lookup_error(_FALLBACK)
    except LookupError:
        codecs.register_error(_FALLBACK, _cp1252)
        codecs.register(_search)

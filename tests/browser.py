"""Playwright driving Debian's Chromium against a built site served on localhost."""

import contextlib
import functools
import http.server
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import serving

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def serve(folder: Path):
    """Serve ``folder`` on a free localhost port; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    with serving(functools.partial(Quiet, directory=str(folder))) as url:
        yield url


@contextmanager
def chromium():
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium): browser tests skipped")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# Stands in for YouTube's player (unreachable here): it records the iframe API
# commands the page sends it.
PLAYER_STUB = """<!doctype html><title>player</title><script>
window.received = [];
addEventListener("message", function (event) { window.received.push(event.data); });
</script>"""


class Offsite:
    """Records every request that leaves localhost and aborts it (no network here).

    With ``player=True`` the embedded player's page is answered by a stub that
    records the commands it receives.
    """

    def __init__(self, page, player: bool = False):
        self.requests: list[str] = []
        self.player = player
        page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith("http://127.0.0.1"):
            route.continue_()
            return
        self.requests.append(url)
        if self.player and "/embed/" in url:
            route.fulfill(status=200, content_type="text/html", body=PLAYER_STUB)
        else:
            route.abort()


def player_commands(page) -> list[dict]:
    """The iframe API commands the stub player has received so far."""
    import json

    for frame in page.frames:
        if "/embed/" in frame.url:
            return [json.loads(message) for message in frame.evaluate("window.received")]
    return []


def wait_for_command(page, command: dict, timeout: float = 5000) -> bool:
    """Wait until the stub player has received ``command``; False if it never does."""
    page.wait_for_function("() => [...document.querySelectorAll('iframe')].length > 0",
                           timeout=timeout)
    try:
        frame = next(frame for frame in page.frames if "/embed/" in frame.url) if any(
            "/embed/" in frame.url for frame in page.frames) else None
        if frame is None:
            page.wait_for_event("framenavigated", lambda frame: "/embed/" in frame.url,
                                timeout=timeout)
            frame = next(frame for frame in page.frames if "/embed/" in frame.url)
        frame.wait_for_function(
            "(command) => (window.received || []).some("
            "(message) => JSON.stringify(JSON.parse(message)) === JSON.stringify(command))",
            arg=command, timeout=timeout)
    except Exception as error:  # Playwright's TimeoutError
        if type(error).__name__ != "TimeoutError":
            raise
        return False
    return True


@contextmanager
def served_root(root: Path, folder: Path):
    """Build a test root in a process of its own and serve it; yields the base URL."""
    from helpers import build_in_subprocess

    with serve(build_in_subprocess(root, folder)) as url:
        yield url


class MediaHost:
    """An audio host on 127.0.0.1, answering as podcast hosts do: byte ranges
    (``206 Partial Content``), so that the browser can seek, and at most ``chunk``
    bytes an answer (the browser asks again for the rest, from where it needs it);
    each request's path and ``Range`` are recorded in ``requests``."""

    def __init__(self, files: dict[str, bytes], content_type: str = "audio/wav",
                 chunk: int = 256 * 1024):
        self.files = files
        self.content_type = content_type
        self.chunk = chunk
        self.requests: list[tuple[str, str | None]] = []
        self.url = ""

    def answer(self, handler) -> None:
        import re

        path = handler.path.split("?")[0].lstrip("/")
        self.requests.append((path, handler.headers.get("Range")))
        body = self.files.get(path)
        if body is None:
            handler.send_error(404)
            return
        size = len(body)
        asked = re.fullmatch(r"bytes=(\d*)-(\d*)", handler.headers.get("Range") or "")
        status, start, end = 200, 0, size - 1
        if asked and (asked[1] or asked[2]):
            if asked[1]:
                start = int(asked[1])
                end = min(int(asked[2]), size - 1) if asked[2] else size - 1
            else:  # the last N bytes
                start = max(size - int(asked[2]), 0)
            if start >= size or start > end:
                handler.send_response(416)
                handler.send_header("Content-Range", f"bytes */{size}")
                handler.end_headers()
                return
            status, end = 206, min(end, start + self.chunk - 1)
        handler.send_response(status)
        handler.send_header("Content-Type", self.content_type)
        handler.send_header("Accept-Ranges", "bytes")
        handler.send_header("Content-Length", str(end - start + 1))
        if status == 206:
            handler.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        handler.end_headers()
        if handler.command != "HEAD":
            # the browser may have had enough: it asks again from where it seeks
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                handler.wfile.write(body[start:end + 1])


@contextmanager
def serve_media(files: dict[str, bytes], content_type: str = "audio/wav"):
    """Serve ``files`` (name -> bytes) as an audio host does, on a free port of
    127.0.0.1; yields the ``MediaHost`` (its ``url`` and ``requests``)."""
    host = MediaHost(files, content_type)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            host.answer(self)

        def do_HEAD(self):
            host.answer(self)

        def log_message(self, *args):
            pass

    with serving(Handler) as url:
        host.url = url
        yield host


def silent_wav(seconds: int, rate: int = 8000) -> bytes:
    """A real WAV file: ``seconds`` of 8-bit mono silence."""
    import io
    import wave

    data = io.BytesIO()
    with wave.open(data, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(1)
        sound.setframerate(rate)
        sound.writeframes(b"\x80" * rate * seconds)
    return data.getvalue()


# Stands in for YouTube's player as it plays: it records the commands it receives
# and, once the page listens, says where it is ("infoDelivery"), as YouTube's
# player does; a seekTo moves it, and so does ``video_at``.
PLAYING_STUB = """<!doctype html><title>player</title><script>
window.received = [];
var time = 0, listening = false;
function say() {
  if (listening) parent.postMessage(JSON.stringify(
    {event: "infoDelivery", info: {currentTime: time}}), "*");
}
window.moveTo = function (seconds) { time = seconds; say(); };
addEventListener("message", function (event) {
  window.received.push(event.data);
  var data = JSON.parse(event.data);
  if (data.event === "listening") { listening = true; say(); }
  if (data.func === "seekTo") { time = data.args[0]; say(); }
});
</script>"""


def playing_video(page) -> Offsite:
    """Offsite, with the embedded player answered by ``PLAYING_STUB``."""
    offsite = Offsite(page, player=True)
    page.route("https://www.youtube-nocookie.com/embed/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body=PLAYING_STUB))
    return offsite


def video_at(page, seconds: float) -> None:
    """The stub player says it has reached ``seconds``."""
    frame = next(frame for frame in page.frames if "/embed/" in frame.url)
    frame.evaluate("(seconds) => window.moveTo(seconds)", seconds)

"""Playwright driving Debian's Chromium against a built site served on localhost."""

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

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

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


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

"""Fetching a feed, bounded: a deadline for all of it (connecting, redirects,
retries, every byte), a limit to its size, and a failure named for what it is
(connection refused, host not found, timeout, an HTTP status, too large).

A per-read timeout alone would let a server that sends a byte a second hold the
import for ever, so the download runs in a thread of its own and the feed is
given up at the deadline; the thread stops at its next read (a server that sends
nothing ends it by the per-read timeout).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NameResolutionError, ProtocolError
from urllib3.exceptions import TimeoutError as Urllib3Timeout
from urllib3.util.retry import Retry

from .safe_values import one_line, web_url

DEADLINE = 20.0  # seconds for a feed, all of it
MAX_BYTES = 10 * 2**20  # the show's feeds are under 1 MB
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    deadline: float = DEADLINE
    max_bytes: int = MAX_BYTES


class FetchError(Exception):
    """A feed that could not be fetched: the reason, for the host."""


def session(retries: int = 2) -> requests.Session:
    """An HTTP client that tries again on a dropped connection or a server error
    (ignoring Retry-After, which could ask it to wait for hours)."""
    client = requests.Session()
    retry = Retry(total=retries, connect=retries, read=retries, status=retries,
                  backoff_factor=0.3, status_forcelist=(429, 500, 502, 503, 504),
                  allowed_methods=("GET",), raise_on_status=False,
                  respect_retry_after_header=False)
    client.mount("http://", HTTPAdapter(max_retries=retry))
    client.mount("https://", HTTPAdapter(max_retries=retry))
    client.headers["User-Agent"] = "learning-from-machine-learning-site importer"
    client.max_redirects = 5
    return client


def fetch(url: str, limits: Limits = Limits()) -> bytes:
    """The feed's bytes, or ``FetchError`` with the reason."""
    if not web_url(url):
        raise FetchError("not a web address (http or https)")
    outcome: dict[str, object] = {}
    stop = threading.Event()
    worker = threading.Thread(target=_download, args=(url, limits, outcome, stop),
                              name="feed download", daemon=True)
    worker.start()
    worker.join(limits.deadline)
    if worker.is_alive():
        stop.set()
        raise FetchError(f"timeout: not all of it within {limits.deadline:g} s")
    if "error" in outcome:
        raise FetchError(outcome["error"])
    return outcome["data"]


def _download(url: str, limits: Limits, outcome: dict, stop: threading.Event) -> None:
    try:
        outcome["data"] = _read(url, limits, stop)
    except FetchError as error:
        outcome["error"] = str(error)
    except Exception as error:  # whatever the network does becomes a reason, no traceback
        outcome["error"] = reason(error, limits)


def _read(url: str, limits: Limits, stop: threading.Event) -> bytes:
    with session() as client, client.get(url, timeout=limits.deadline, stream=True) as response:
        if response.status_code != 200:
            raise FetchError(f"HTTP {response.status_code} {one_line(response.reason, 80)}")
        declared = str(response.headers.get("Content-Length", "")).strip()
        if declared.isdigit() and int(declared) > limits.max_bytes:
            raise FetchError(f"too large: {int(declared):,} bytes, more than the limit of "
                             f"{limits.max_bytes:,}")
        data = bytearray()
        # read1: what has arrived, so that the deadline is seen between bytes; decoded
        # (gzip) in steps, so that the limit is on what the feed becomes
        while chunk := response.raw.read1(_CHUNK, decode_content=True):
            if stop.is_set():
                return b""
            data += chunk
            if len(data) > limits.max_bytes:
                raise FetchError(f"too large: more than the limit of {limits.max_bytes:,} "
                                 "bytes")
        return bytes(data)


def _causes(error: BaseException) -> list[BaseException]:
    """``error`` and what it wraps: requests wraps urllib3's, which wraps the socket's."""
    found, todo = [], [error]
    while todo:
        one = todo.pop(0)
        if one is None or any(one is seen for seen in found):
            continue
        found.append(one)
        todo += [one.__cause__, one.__context__, getattr(one, "reason", None),
                 *(arg for arg in one.args if isinstance(arg, BaseException))]
    return [one for one in found if isinstance(one, BaseException)]


def reason(error: BaseException, limits: Limits) -> str:
    """What went wrong, in the host's words: the socket's own reason first (a refused
    connection is "connection refused", though urllib3 files it under timeouts)."""
    causes = _causes(error)
    kinds = tuple(type(one) for one in causes)

    def seen(*classes) -> bool:
        return any(issubclass(kind, classes) for kind in kinds)

    if seen(ConnectionRefusedError):
        return "connection refused"
    if seen(NameResolutionError):
        return "host not found"
    if seen(requests.exceptions.SSLError):
        return "TLS failed (the server's certificate or encryption)"
    if seen(requests.exceptions.TooManyRedirects):
        return "too many redirects"
    if seen(requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
            requests.exceptions.MissingSchema):
        return "not a web address it can fetch"
    if seen(ConnectionResetError):
        return "connection reset by the server"
    for one in causes:  # the socket's reason ("network is unreachable"), timeouts aside
        if isinstance(one, OSError) and one.strerror and not isinstance(one, TimeoutError):
            return f"connection failed ({one.strerror.lower()})"
    if seen(TimeoutError, Urllib3Timeout, requests.Timeout):
        return f"timeout: no answer within {limits.deadline:g} s"
    if seen(ProtocolError, requests.exceptions.ChunkedEncodingError):
        return "the connection broke off"
    return f"cannot fetch it ({type(causes[-1]).__name__})"

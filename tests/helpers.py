"""Reading what a test build wrote."""

import gzip
import http.server
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

#: The project's own folder.
ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def serving(handler):
    """A real HTTP server on a free port of 127.0.0.1 answering with ``handler`` (a
    request handler class); yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build_root(root: Path, folder: Path, buildername: str = "html", files=None, remove=(),
               **kwargs) -> SphinxTestApp:
    """Copy a test root into ``folder`` (once), add or remove files, and build it.

    A second call on the same folder is an incremental build of the first.
    """
    if not folder.exists():
        shutil.copytree(root, folder)
    for name, text in (files or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name in remove:
        (folder / name).unlink()
    # each app reads testconf afresh: the theme changes some of its values in place,
    # which a later app would see as a changed configuration (and rewrite every page)
    sys.modules.pop("testconf", None)
    kwargs.setdefault("status", StringIO())
    kwargs.setdefault("warning", StringIO())
    app = SphinxTestApp(buildername, srcdir=folder, **kwargs)
    app.build()
    return app


def build_in_subprocess(root: Path, folder: Path) -> Path:
    """Build a copy of a test root with ``sphinx-build`` in a process of its own,
    as a user would; returns the HTML folder.

    The browser tests use this: sphinx-sitemap starts a multiprocessing manager
    in every build, which must not live in the process that drives Chromium.
    """
    if not folder.exists():
        shutil.copytree(root, folder)
    outdir = folder / "_build" / "html"
    path = os.pathsep.join([str(ROOT / "_ext"), str(ROOT / "tests")])
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(folder), str(outdir)],
                   check=True, capture_output=True, env={**os.environ, "PYTHONPATH": path})
    return outdir


def page(app, docname: str) -> BeautifulSoup:
    """The HTML page of ``docname``, parsed."""
    return BeautifulSoup((app.outdir / f"{docname}.html").read_text(encoding="utf-8"),
                         "html.parser")


def warnings(app) -> str:
    return strip_escape_sequences(app.warning.getvalue())


def written(app) -> set[str]:
    """Pages the last build wrote (documents, people's and transcripts' pages),
    from its status output."""
    status = strip_escape_sequences(app.status.getvalue())
    return {line.split()[-1] for line in status.splitlines()
            if line.startswith(("writing output... [", "writing people's pages... [",
                                "writing transcript pages... ["))}


def search_records(app, bundle: str = "") -> dict[str, dict]:
    """What Pagefind stored of each page it indexed, by URL: its words (``content``),
    ``filters``, ``meta`` and ``anchors``; of the show notes' and the people's
    indexes unless ``bundle`` names one. Each page's record is a fragment file,
    gzipped JSON after a signature."""
    import json

    records = {}
    for fragment in [path for folder in ([bundle] if bundle else ["pagefind", "pagefind-people"])
                     for path in (app.outdir / folder / "fragment").glob("*.pf_fragment")]:
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        records[record["url"].lstrip("/")] = record
    return records


def search_contents(bundle: Path) -> dict | None:
    """A Pagefind bundle, its filters and metadata decoded and sorted.

    Pagefind writes those two in the order of a hash map, which changes from
    run to run (and names the files by their bytes): compared as bytes, two
    builds of one site always differ there. The rest it writes stably."""
    import cbor2

    if not (bundle / "pagefind-entry.json").is_file():
        return None

    def decoded(path: Path):
        return cbor2.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])

    filters = {}
    for path in (bundle / "filter").glob("*.pf_filter"):
        name, values = decoded(path)
        filters[name] = sorted((value, tuple(pages)) for value, pages in values)
    metas = []
    for path in bundle.glob("*.pf_meta"):
        version, pages, chunks, filter_files, sorts, fields = decoded(path)
        metas.append((version, pages, chunks, sorted(name for name, _ in filter_files), sorts,
                      sorted(fields)))
    stable = {path.relative_to(bundle).as_posix(): path.read_bytes()
              for path in bundle.rglob("*") if path.is_file()
              and path.suffix not in (".pf_filter", ".pf_meta")
              and path.name != "pagefind-entry.json"}
    return {"filters": filters, "meta": metas, "files": stable}

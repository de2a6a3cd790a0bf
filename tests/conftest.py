"""Shared fixtures: Sphinx's testing fixtures with the test roots in ``roots/``."""

import re
import sys
from pathlib import Path

import pytest
from helpers import ROOT, build_root

sys.path.insert(0, str(ROOT / "_ext"))

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture
def build(sphinx_test_tempdir, rootdir, request):
    """Build a test root in a folder of this test's own; returns the app.

    ``build(files={"episodes/x.md": "..."}, confoverrides={...})``. Every call of
    one test shares its folder, so a second call is an incremental build.
    """
    folder = sphinx_test_tempdir / re.sub(r"\W+", "-", request.node.name)
    apps = []

    def run(buildername="html", testroot="site", **kwargs):
        if apps:  # one app at a time: each registers its nodes with docutils
            apps.pop().cleanup()
        app = build_root(rootdir / f"test-{testroot}", folder, buildername, **kwargs)
        apps.append(app)
        return app

    yield run
    for app in apps:
        app.cleanup()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, for one test module.

    Not for the whole session: the in-process builds of other modules fork
    (sphinx-sitemap starts a multiprocessing manager), which must not happen
    while Playwright's driver runs in this process.
    """
    from browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()

"""Nothing to purge from the toctrees for a page never read.

Before reading a page, Sphinx purges what it read of it last time; the toctree
collector does so by walking every page any toctree includes
(``files_to_rebuild``), for every page read. In a clean build no page has been
read yet, and the walk grows with the pages read before it: quadratic, a
second at 1,000 episodes and their 2,000 people's pages. A page the
environment does not hold (``all_docs``) recorded nothing there to purge.

Imports: Sphinx alone, never the other layers.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector

_PURGE = TocTreeCollector.clear_doc


def clear_doc(self: TocTreeCollector, app: Sphinx, env: BuildEnvironment,
              docname: str) -> None:
    if docname in env.all_docs:
        _PURGE(self, app, env, docname)


def setup(app: Sphinx) -> None:
    TocTreeCollector.clear_doc = clear_doc

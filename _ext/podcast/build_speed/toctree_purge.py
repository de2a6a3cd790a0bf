"""Nothing to purge from the toctrees for a page never read.

Before reading a page, Sphinx purges what it read of it last time; the toctree
collector does so by walking every page any toctree includes
(``files_to_rebuild``), for every page read. In a clean build no page has been
read yet, and the walk grows with the pages read before it: quadratic, a
second at 1,000 episodes and their 2,000 people's pages. A page the
environment does not hold (``all_docs``) recorded nothing there to purge.

The collector listens with a method bound when Sphinx's own extensions load,
before this one: its listener is given this handler instead, under the same id
and priority.

Imports: Sphinx alone, never the other layers.
"""

from __future__ import annotations

from functools import partial

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector


def clear_read_doc(collector: TocTreeCollector, app: Sphinx, env: BuildEnvironment,
                   docname: str) -> None:
    """The collector's purge, for a page the environment holds."""
    if docname in env.all_docs:
        collector.clear_doc(app, env, docname)


def setup(app: Sphinx) -> None:
    listeners = app.events.listeners.get("env-purge-doc", [])
    for index, listener in enumerate(listeners):
        collector = getattr(listener.handler, "__self__", None)
        if isinstance(collector, TocTreeCollector):
            listeners[index] = listener._replace(handler=partial(clear_read_doc, collector))

"""Reading: what runs while Sphinx reads a page. The source's text as the host
meant it, the episode's header, chapters, list items recorded, transcript pages,
directives, and placeholders where other pages' data will go.
Imports ``core``, ``state`` and ``before_reading``; never ``after_reading``: reading
a page needs no other page.
"""

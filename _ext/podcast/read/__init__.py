"""Reading: what runs while Sphinx reads a post. The front matter repaired and
decoded, the page's header, chapters, and each list item recorded in the
state, with placeholders where other pages' data will go.
Imports ``core`` and ``state``; never ``derive``: reading a post needs no other post.
"""

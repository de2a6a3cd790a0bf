"""One post: its front matter (``frontmatter``), the episode record decoded from
it (``episode``), its timestamp lines and chapters (``timestamps``), what its
Markdown holds: chapters and list items (``list_items``), its Jekyll URL (``jekyll``).
Imports ``core.text``.
"""

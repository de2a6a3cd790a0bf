"""People and books: the registry the host edits (``registry``), the directory of
everyone known (``directory``), the evidence that a phrase is a person
(``evidence``), what a list item names (``recognition``) and everyone the posts
name, found across all posts (``discovery``). Imports ``core.text`` and ``core.post``.
"""

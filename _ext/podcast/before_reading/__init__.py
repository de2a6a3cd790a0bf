"""Before reading (``builder-inited``): every post's front matter and Markdown read
once (``posts``), the directory of people made from the registry and the posts
(``known_people``), and the pages made from them written as sources: one
declaration per kind of page (``page_kinds``). Imports ``core`` and ``state``.
"""

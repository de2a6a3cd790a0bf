"""Pages: what readers see. The generated sources (years, people, books), the
placeholders filled with derived data (listings, people, mentions), the video
player's HTML. Imports every layer below: ``core`` to ``derive``.
"""

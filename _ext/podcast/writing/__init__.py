"""Writing: what readers see. Placeholders filled from derived data (listings,
people, mentions), the players' and transcript times' HTML, page titles
rendered once. Imports every layer below: ``core`` to ``after_reading``.
"""

"""Derived: what follows from all pages together, computed from the state once
reading is done: the directory of people, episode order and neighbours, who
mentions whom, books, old URLs, and the cross-references that point there.
Imports ``core`` and ``state``; ``read`` and ``derive`` do not know each other.
"""

"""After reading: what follows from all pages together, computed from the state
once every page is read (``derived``), the cross-references that point there
(``crossrefs``), checks across posts (``checks``).
Imports ``core``, ``state`` and ``before_reading``; ``reading`` and ``after_reading``
do not know each other.
"""

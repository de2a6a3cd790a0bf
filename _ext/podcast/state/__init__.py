"""State: the ``podcast`` domain, holding what reading found, per document
(store, clear, merge), and the cycle collector kept off it. No feature logic.
Imports only ``core`` and Sphinx.
"""

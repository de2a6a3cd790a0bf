"""State: the ``podcast`` domain, holding what each phase found, per document
(store, clear, merge). No feature logic. Imports only ``core`` and Sphinx.
"""

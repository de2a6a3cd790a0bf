"""What makes Sphinx itself cheaper on a site of thousands of pages: the cycle
collector kept off long-lived doctrees, docutils' settings made once, ``-j N``
using all N processes. Nothing of the podcast here.

Imports: Sphinx, docutils and MyST alone, never the other layers.
"""

"""What makes Sphinx itself cheaper on a site of thousands of pages: the cycle
collector kept off long-lived doctrees, docutils' settings made once, MyST's
parser made once and the posts' tokens parsed once, SmartQuotes skipping text it
leaves as it is, no toctree purge for pages never read, no highlighting pass
over pages without code, ``-j N`` using all N
processes to read and to write, work done ahead or spread over forked processes,
what a costly step found kept while its inputs are the same. Nothing of the
podcast here.

Imports: Sphinx, docutils and MyST alone, never the other layers.
"""

"""The core: plain Python, no Sphinx and no docutils.

The episode record and front matter decoding, timestamps, names, URLs, the
registry, the directory of people and books and the rules that recognise them
in a post's lists. Imports only the standard library, YAML and itself.
"""

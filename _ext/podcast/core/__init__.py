"""The core: plain Python, no Sphinx and no docutils, tested on its own.

By subject, each package importing only the ones below it:

- ``text``: what any text of the host's needs: encodings and invisible characters,
  times, web addresses, people's names
- ``post``: one post read: its front matter, the episode record, its chapters and
  list items, its old Jekyll URL
- ``people``: the registry, the directory of people and books, the rules that
  recognise them in a post's lists
- ``transcripts``: WebVTT and SRT files read into cues and paragraphs

Imports only the standard library, the parsing libraries and itself.
"""

"""``make import``: new episodes from the show's feeds, written as posts in the
host's shape (``python -m podcast.importer``). Reads the feeds (``show_feeds``),
matches them (``matching``), writes the posts (``new_post``), all from the
command (``command``). Imports ``core`` alone, never the build; nothing imports it.
"""

"""Transcripts: WebVTT and SRT files read into cues, and cues into paragraphs
(``captions``); which file is a post's transcript, its page's name, and its
bytes read within bounds (``files``). Imports ``core.text`` and ``core.post``.
"""

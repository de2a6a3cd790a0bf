"""Transcripts: WebVTT and SRT files read into cues, and cues into paragraphs
(``captions``). Imports ``core.text`` and ``core.post``.
"""

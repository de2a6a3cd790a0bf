"""Commands that are no build: ``make import`` (new episodes from the show's
feeds). Imports ``core`` alone, never the build's layers; nothing imports it.
"""

"""Commands that are no build: ``make import`` (new episodes from the show's
feeds). They use the core, never Sphinx's build, and nothing of the build
imports them.
"""

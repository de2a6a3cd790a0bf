"""Publishing: what leaves the site besides its pages. Feeds, JSON-LD and
social cards, JSON chapters, the sitemap, redirects from the old URLs, and
the search index (made from the written pages).
Imports every layer below.
"""

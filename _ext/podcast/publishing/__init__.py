"""Publishing (``build-finished`` and the page head): what leaves the site
besides its pages. Feeds, JSON-LD and social cards, JSON chapters, the sitemap,
redirects from the old URLs, transcript files, the search index (Pagefind).
Imports every layer below.
"""

"""The configuration every test root shares: ``from testconf import *``."""

extensions = ["myst_parser", "podcast"]
source_suffix = {".md": "markdown", ".markdown": "markdown"}
myst_title_to_header = True
html_theme = "pydata_sphinx_theme"
html_theme_options = {"show_prev_next": False, "collapse_navigation": True}
podcast_listen_links = [
    {"name": "Apple Podcasts", "url": "https://podcasts.apple.com/podcast/id1"},
    {"name": "RSS", "url": "https://example.org/feed.xml"},
]
project = "Test podcast"
copyright = "2026, Test"
version = release = "1"
html_baseurl = "https://example.org/podcast/"
podcast_jekyll_baseurl = "/old-site"
podcast_description = "A test podcast."
ogp_site_url = html_baseurl
sitemap_url_scheme = "{link}"

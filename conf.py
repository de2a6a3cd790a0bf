"""Sphinx configuration of the Learning from Machine Learning show notes."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Learning from Machine Learning"
author = "Seth Levine"
copyright = "2023–2026, Seth Levine"
version = release = "2026"

extensions = ["myst_parser", "podcast"]

# The host's posts are Jekyll files: .markdown as well as .md.
source_suffix = {".md": "markdown", ".markdown": "markdown"}
exclude_patterns = [
    "registry.yaml",
    "_build", ".venv", ".ci", ".github", "_ext", "tests", "bench", "docs", "README.md",
    "CONTRIBUTING.md", "Thumbs.db", ".DS_Store",
]

# The front matter title becomes the page's H1 (the extension cleans it up).
myst_title_to_header = True
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- The podcast ------------------------------------------------------------
podcast_episodes_dir = "episodes"
podcast_youtube_privacy = True  # embed from youtube-nocookie.com
podcast_youtube_facade = True  # thumbnail until play is pressed: no YouTube request before
podcast_listen_links = [
    {
        "name": "YouTube",
        "url": "https://www.youtube.com/@learningfrommachinelearning",
        "icon": "fa-brands fa-youtube",
    },
    {
        "name": "Apple Podcasts",
        "url": "https://podcasts.apple.com/us/podcast/learning-from-machine-learning/id1663925230",
        "icon": "fa-solid fa-podcast",
    },
    {
        "name": "Spotify",
        "url": "https://open.spotify.com/search/Learning%20from%20Machine%20Learning/podcasts",
        "icon": "fa-brands fa-spotify",
    },
    {
        "name": "RSS",
        "url": "https://media.rss.com/learning-from-machine-learning/feed.xml",
        "icon": "fa-solid fa-rss",
    },
]
substack_url = "https://mindfulmachines.substack.com"
podcast_description = (
    "A podcast about the insights gained from a career in machine learning and data science: "
    "more than just algorithms and data, life lessons from the experts."
)
# The podcast feed (podcast.xml), what podcast apps subscribe to.
podcast_author = author
podcast_host = {"name": author, "href": "https://www.linkedin.com/in/sethplevine"}
podcast_owner = {"name": author, "email": ""}  # the email apps use to verify the owner
podcast_category = "Technology"
podcast_explicit = False
# Made once from the feed's address on Read the Docs; it stays when the site moves.
podcast_guid = "c90e9571-7030-512e-bfcb-0281e6b2a376"
# `make import` reads these feeds (environment variables of the same meaning win:
# YOUTUBE_CHANNEL_ID or YOUTUBE_FEED_URL, PODCAST_RSS_URL, SUBSTACK_RSS_URL).
podcast_youtube_channel_id = ""  # the channel's ID, "UC..."
podcast_rss_url = "https://media.rss.com/learning-from-machine-learning/feed.xml"
podcast_substack_rss_url = "https://mindfulmachines.substack.com/feed"
# The Jekyll site lived under this path; links to its old post URLs still work.
podcast_jekyll_baseurl = "/learning-from-machine-learning"

# -- E-book -----------------------------------------------------------------
# The table of contents lists the years, episodes, people and books (the home
# page's toctree is hidden on the web site, where the navbar leads on).
epub_tocscope = "includehidden"
# Chapters are links to the video at their second: no URL printed after each.
epub_show_urls = "no"

# -- HTML -------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = project
html_static_path = ["_static"]
templates_path = ["_templates"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

# Read the Docs tells the canonical URL of the version being built; feeds, the
# sitemap, canonical links and social cards need an absolute one.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://learning-from-machine-learning.readthedocs.io/en/latest/"
)
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_type = "website"
ogp_social_cards = {"enable": False}  # episodes carry their video's thumbnail

html_theme_options = {
    "icon_links": [
        {"name": link["name"], "url": link["url"], "icon": link["icon"]}
        for link in podcast_listen_links
    ]
    + [{"name": "Substack", "url": substack_url, "icon": "fa-solid fa-newspaper"}],
    "navbar_align": "left",
    "show_prev_next": False,  # episodes carry their own, in date order
    # the sidebar shows the current year's episodes only: pages stay small at any size
    "collapse_navigation": True,
    "show_toc_level": 2,
    "footer_start": ["copyright"],
    "footer_end": [],
    "secondary_sidebar_items": ["page-toc"],
    # The theme renders each of these twice per page to learn whether it is empty;
    # none ever is here (6 % of a build at 1,000 episodes).
    "templates_skip_empty_check": [
        "navbar-logo.html", "navbar-nav.html", "theme-switcher.html", "navbar-icon-links.html",
        "search-button-field.html", "copyright.html", "sidebar-nav-bs.html",
    ],
}
# Episode and person pages carry no section sidebar: breadcrumbs, the navbar and
# the previous / next links lead on, and each page stays the same size (and
# quick to write) however many episodes and people the show has.
html_sidebars = {"index": [], "archive/index": [], "episodes/**": [], "people/**": []}

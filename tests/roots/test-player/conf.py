from testconf import *  # noqa: F403 (tests/testconf.py: what every test root shares)

# Lists of their own: sphinxcontrib-youtube and the theme append to them, and
# appending to a shared default would leak into the next app of the test process.
html_static_path = []
templates_path = []

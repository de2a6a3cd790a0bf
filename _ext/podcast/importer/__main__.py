"""``python -m podcast.importer [PROJECT] [--dry-run] [--timeout SECONDS] [--max-feed-mb MB]
[--max-posts N]``."""

import sys

from .command import main

sys.exit(main())

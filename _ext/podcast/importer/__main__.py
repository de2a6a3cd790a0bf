"""``python -m podcast.importer [PROJECT] [--dry-run] [--timeout SECONDS]``."""

import sys

from .command import main

sys.exit(main())

"""`python -m wayahead …`: see wayahead/cli.py."""

import sys

from wayahead.cli import main

sys.exit(main())

"""`python -m wayahead …`: see wayahead/cli/main.py."""

import sys

from wayahead.cli.main import main

sys.exit(main())
